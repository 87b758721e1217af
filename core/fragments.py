"""Parts of a cached page that change more often than the page: each cached on its own key.

A list page's community figures move with every vote, the rest of it only when an editor
publishes. So the page is stored with a hole where each fragment goes, and each fragment is
stored apart, under the stamps of what it shows (the page policy's `Version.fragments`). A vote
then costs the next reader one fragment render, not a whole page.

A fragment is a function of its arguments and the database only (no request, nothing per
visitor): templates write `{% fragment "name" arg=value %}`; apps register the function that
renders it with `@fragment("name", keyed_by=...)`, where `keyed_by(**arguments)` names the stamps
of what it shows (e.g. "votes:<slug>", one tool's votes). Each fragment's key holds just those
stamps, read from the page's `Version.fragments`: a vote on one tool misses only the fragments
that show that tool, and a fragment that shows no votes is never missed by one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from core.cache import read_quietly, write_quietly
from core.stamps import CONTENT, VOTES

_renderers: dict[str, Callable[..., str]] = {}
_stamp_names: dict[str, Callable[..., Iterable[str]]] = {}
SITE_STAMP_NAMES = (CONTENT, VOTES)  # what a fragment shows unless it says otherwise


@dataclass(frozen=True)
class FragmentSpec:
    name: str
    arguments: str  # JSON, keys sorted: one spelling per fragment
    stamps: tuple[str, ...]  # the names of the stamps its key holds

    @classmethod
    def of(cls, name: str, arguments: dict) -> FragmentSpec:
        if name not in _renderers:
            raise KeyError(f"No fragment called {name!r} is registered.")
        stamps = tuple(_stamp_names[name](**arguments))
        if not stamps:  # a copy under no stamp would never be replaced
            raise ValueError(f"The fragment {name!r} is keyed by no stamp.")
        return cls(name, json.dumps(arguments, sort_keys=True, separators=(",", ":")), stamps)

    def render(self) -> str:
        return _renderers[self.name](**json.loads(self.arguments))

    def key(self, versions: Mapping[str, object]) -> str:
        """Its cache key under the page's stamps (a KeyError names a stamp the page's policy
        does not read: that page cannot cache this fragment correctly)."""
        digest = hashlib.sha256(f"{self.name}:{self.arguments}".encode()).hexdigest()
        held = ".".join(str(versions[name]) for name in self.stamps)
        return f"fragment:{digest}:{held}"


def _site_stamps(**arguments) -> tuple[str, ...]:
    return SITE_STAMP_NAMES


def fragment(name: str, *, keyed_by: Callable[..., Iterable[str]] = _site_stamps):
    """Register `render(**arguments) -> html` as the fragment called `name`, cached under the
    stamps `keyed_by(**arguments)` names."""

    def register(render: Callable[..., str]):
        _renderers[name] = render
        _stamp_names[name] = keyed_by
        return render

    return register


def html_of(
    specs: tuple[FragmentSpec, ...],
    versions: Mapping[str, object],
    timeout: Callable[[], int],
    rendered: Mapping[FragmentSpec, str] | None = None,
) -> list[str]:
    """Each fragment's HTML: from the cache, or rendered (and stored for `timeout()` seconds).

    `rendered`: fragments the page's own render just wrote out, from data read after
    `versions` were: stored under them as they are, neither looked up nor rendered again.
    """
    rendered = rendered or {}
    keys = [spec.key(versions) for spec in specs]
    fresh = {key: rendered[spec] for key, spec in zip(keys, specs, strict=True) if spec in rendered}
    wanted = [key for key in keys if key not in fresh]
    found = read_quietly(wanted, "fragments") if wanted else {}
    missing = dict(fresh)
    for key, spec in zip(keys, specs, strict=True):
        if key not in found and key not in missing:  # a fragment shown twice renders once
            missing[key] = spec.render()
    if missing:
        write_quietly(missing, timeout(), "fragments")
    return [found[key] if key in found else missing[key] for key in keys]
