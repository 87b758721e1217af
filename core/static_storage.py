"""Static files as WhiteNoise stores them, with each file's URL looked up once per process.

A manifest lookup costs ~30 µs and every page asks for four (stylesheet, icon, htmx, votes.js);
the manifest cannot change while a process runs, so each URL is kept after its first lookup.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class RememberingStaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed static files, with each file's URL looked up once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
