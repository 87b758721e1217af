"""The floors of the house (docs/layout.md): apps never import the settings package, and the
settings package imports no app."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.core import source_files
from tests.core.source_files import REPO, python_files

APPS = source_files.APPS


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_app_module_imports_the_settings_package():
    offenders = [
        f"{path.relative_to(REPO)}: {name}"
        for app in APPS
        for path in python_files(app)
        for name in imported_modules(path)
        if name == "compare_site" or name.startswith("compare_site.")
    ]
    assert offenders == []


def test_the_settings_package_imports_no_app():
    offenders = [
        f"{path.relative_to(REPO)}: {name}"
        for path in python_files("compare_site")
        for name in imported_modules(path)
        if name.split(".")[0] in APPS
    ]
    assert offenders == []


def test_core_stands_on_no_other_app():
    others = set(APPS) - {"core"}
    offenders = [
        f"{path.relative_to(REPO)}: {name}"
        for path in python_files("core")
        for name in imported_modules(path)
        if name.split(".")[0] in others
    ]
    assert offenders == []
