"""Plain Django: no private Django names, no imports of them, no writes into Django's modules.

Speed comes from what is cached and when it is invalidated (docs/performance.md), never from
reaching into the ORM's caches, imitating its compiler or replacing its functions: each of
those breaks silently on a Django upgrade. This scan keeps them from creeping back.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.core.source_files import APPS, REPO, python_files

SCANNED = [*APPS, "compare_site", "bench", "tests"]
# Django internals an app has no business touching (the ORM's result and prefetch caches,
# its related-object caches, its compiler's converters, CSRF's private generator...).
PRIVATE_DJANGO_NAMES = {
    "_result_cache",
    "_prefetched_objects_cache",
    "_prefetch_done",
    "_prefetch_related_lookups",
    "_known_related_objects",
    "_iterable_class",
    "_fields",
    "_hints",
    "_get_new_csrf_string",
    "_get_new_csrf_token",
    "_mask_cipher_secret",
    "_unmask_cipher_token",
    "get_db_converters",
    "set_cached_value",
    "get_cached_value",
    "is_cached",
    "_clone",
    "_chain",
    "_fetch_all",
}
# Attributes Django documents as the way to customise it.
DOCUMENTED_SETTABLE = {
    "admin.site.site_header",
    "admin.site.site_title",
    "admin.site.index_title",
    "admin.site.enable_nav_sidebar",
}


def problems_in(source: str) -> list[str]:
    """What in `source` reaches into Django's private parts, one line per finding."""
    tree = ast.parse(source)
    from_django: set[str] = set()  # local names bound to something imported from django
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "django":
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"line {node.lineno}: imports {node.module}.{alias.name}")
                from_django.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "django":
                    from_django.add((alias.asname or alias.name).split(".")[0])
    # A function parameter of the same name (pytest's `settings` fixture) is not Django's.
    from_django -= {
        arg.arg
        for node in ast.walk(tree)
        if isinstance(node, ast.arguments)
        for arg in node.args + node.kwonlyargs
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE_DJANGO_NAMES:
            found.append(f"line {node.lineno}: uses .{node.attr}")
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and _root_name(target) in from_django
                    and ast.unparse(target) not in DOCUMENTED_SETTABLE
                ):
                    found.append(f"line {node.lineno}: assigns to {ast.unparse(target)}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"setattr", "delattr"}
            and node.args
            and _root_name(node.args[0]) in from_django
        ):
            found.append(f"line {node.lineno}: {node.func.id} on {ast.unparse(node.args[0])}")
    return found


def _root_name(node) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def test_no_code_reaches_into_djangos_private_parts():
    this_file = Path(__file__).resolve()
    offenders = [
        f"{path.relative_to(REPO)} {problem}"
        for path in python_files(*SCANNED)
        if path.resolve() != this_file
        for problem in problems_in(path.read_text())
    ]
    assert offenders == []


def test_the_scan_finds_each_kind_of_reach():
    source = "\n".join(
        [
            "from django.middleware import csrf",
            "from django.middleware.csrf import _get_new_csrf_string",
            "import django.db.models.query as query_module",
            "csrf._get_new_csrf_string = lambda: 'x'",
            "query_module.QuerySet.iterator = None",
            "setattr(csrf, 'get_token', None)",
            "queryset._result_cache = []",
            "tool._prefetched_objects_cache = {}",
            "queryset._prefetch_done = True",
            "found = connection.ops.get_db_converters(expression)",
            "Tool.category.field.set_cached_value(tool, category)",
        ]
    )
    problems = problems_in(source)
    assert len(problems) == 10, problems
    assert "line 2: imports django.middleware.csrf._get_new_csrf_string" in problems
    assert "line 5: assigns to query_module.QuerySet.iterator" in problems


def test_public_django_apis_and_own_attributes_pass():
    source = "\n".join(
        [
            "from django.urls import reverse",
            "from django.db import connection",
            "self._cache = {}",
            "tool.category = category",
            "instance._state.adding",
            "Tool._meta.db_table",
            "queryset = queryset.prefetch_related('tiers')",
        ]
    )
    assert problems_in(source) == []


def test_no_timing_figures_in_code_comments_or_docstrings():
    """Timings go stale in code: they belong in docs/performance.md and the bench/ scripts."""
    timing = re.compile(r"\d\s*(ms|µs|us)\b|millisecond|microsecond")
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for path in python_files(
            *(folder for folder in SCANNED if folder not in {"bench", "tests"}), migrations=False
        )
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if timing.search(line)
        and ("#" in line or '"""' in line or line.startswith("    "))
        and "hx-trigger" not in line
    ]
    assert offenders == []
