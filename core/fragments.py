"""Parts of a cached page that change more often than the page: each cached on its own key.

A list page's community figures move with every vote, the rest of it only when an editor
publishes. So the page is stored with a hole where each fragment goes, and each fragment is
stored apart, under the stamps of what it shows (the page policy's `Version.fragments`). A vote
then costs the next reader one fragment render, not a whole page.

A fragment is a function of its arguments and the database only (no request, nothing per
visitor): templates write `{% fragment "name" arg=value %}`; apps register the function that
renders it with `@fragment("name")`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)

_renderers: dict[str, Callable[..., str]] = {}


@dataclass(frozen=True)
class FragmentSpec:
    name: str
    arguments: str  # JSON, keys sorted: one spelling per fragment

    @classmethod
    def of(cls, name: str, arguments: dict) -> FragmentSpec:
        if name not in _renderers:
            raise KeyError(f"No fragment called {name!r} is registered.")
        return cls(name, json.dumps(arguments, sort_keys=True, separators=(",", ":")))

    def render(self) -> str:
        return _renderers[self.name](**json.loads(self.arguments))

    def key(self, version: str) -> str:
        digest = hashlib.sha256(f"{self.name}:{self.arguments}".encode()).hexdigest()
        return f"fragment:{digest}:{version}"


def fragment(name: str):
    """Register `render(**arguments) -> html` as the fragment called `name`."""

    def register(render: Callable[..., str]):
        _renderers[name] = render
        return render

    return register


def html_of(specs: tuple[FragmentSpec, ...], version: str, timeout: Callable[[], int]) -> list[str]:
    """Each fragment's HTML: from the cache, or rendered (and stored for `timeout()` seconds)."""
    keys = [spec.key(version) for spec in specs]
    try:
        found = cache.get_many(keys)
    except Exception:  # noqa: BLE001 - a cache that fails is a miss, never an error page
        logger.warning("Fragment cache unavailable; rendering from the database.")
        found = {}
    missing = {
        key: spec.render() for key, spec in zip(keys, specs, strict=True) if key not in found
    }
    if missing:
        seconds = timeout()
        if seconds > 0:
            try:
                cache.set_many(missing, seconds)
            except Exception:  # noqa: BLE001
                logger.warning("Fragment cache unavailable; fragments not stored.")
    return [found[key] if key in found else missing[key] for key in keys]
