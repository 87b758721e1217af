"""The Dockerfile and the docs say what the code does. No Docker engine runs here, so these
read the files; test_gunicorn_production.py runs what the image runs."""

from __future__ import annotations

import re

from tests.compare_site.production import REPO

DOCKERFILE = (REPO / "Dockerfile").read_text()
SETTINGS_DOC = (REPO / "docs" / "settings.md").read_text()
DEPLOYING_DOC = (REPO / "docs" / "deploying.md").read_text()


def stages() -> dict[str, str]:
    parts = re.split(r"^FROM\s+\S+\s+AS\s+(\w+)\s*$", DOCKERFILE, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_dockerfile_builds_in_one_stage_and_runs_in_another():
    build, runtime = stages()["build"], stages()["runtime"]
    assert "COPY pyproject.toml" in build
    assert (
        build.index("COPY pyproject.toml") < build.index("pip install .") < build.index("COPY . .")
    )
    assert "collectstatic --noinput" in build
    assert "COPY --from=build /opt/venv /opt/venv" in runtime
    assert "pip install" not in runtime and "collectstatic" not in runtime


def test_runtime_runs_gunicorn_and_the_task_worker_as_a_non_root_user():
    runtime = stages()["runtime"]
    user = re.search(r"^USER\s+(\S+)", runtime, flags=re.MULTILINE).group(1)
    assert user.split(":")[0] not in {"root", "0"}
    assert 'CMD ["python", "deploy/serve.py"]' in runtime
    assert runtime.index("USER") < runtime.index("CMD")
    serve = (REPO / "deploy" / "serve.py").read_text()
    assert '"gunicorn", "--config", "gunicorn.conf.py"' in serve
    assert '"manage.py", "db_worker"' in serve


def test_make_run_starts_the_task_worker_beside_the_site():
    makefile = (REPO / "Makefile").read_text()
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py db_worker &" in recipe
    assert "trap 'kill" in recipe  # Ctrl-C (or the end of runserver) stops the worker too
    assert "manage.py runserver" in recipe


def test_healthcheck_probes_healthz_with_a_script_that_exists():
    runtime = stages()["runtime"]
    assert 'CMD ["python", "deploy/healthcheck.py"]' in runtime
    script = REPO / "deploy" / "healthcheck.py"
    assert script.is_file() and "/healthz" in script.read_text()


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = set((REPO / ".dockerignore").read_text().split())
    assert {".git", ".venv", "data", "media", "staticfiles", ".env", "*.env"} <= ignored
    assert "compare_site" not in ignored and "templates" not in ignored


def environment_variables_read_by_the_code() -> set[str]:
    sources = [
        REPO / "compare_site" / "settings.py",
        REPO / "compare_site" / "env.py",
        REPO / "gunicorn.conf.py",
        REPO / "deploy" / "healthcheck.py",
        REPO / "deploy" / "serve.py",
    ]
    pattern = re.compile(
        r"""(?:env_\w+|_int_from_env|environ\.get|getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
    )
    names = set()
    for source in sources:
        names |= set(pattern.findall(source.read_text()))
    return names - {"DJANGO_SETTINGS_MODULE"}


def test_settings_page_documents_every_environment_variable():
    names = environment_variables_read_by_the_code()
    assert {"SECRET_KEY", "DATABASE_URL", "WEB_CONCURRENCY", "STORAGE_OPTIONS"} <= names
    undocumented = sorted(name for name in names if f"| `{name}` |" not in SETTINGS_DOC)
    assert not undocumented, f"docs/settings.md lacks: {undocumented}"


def test_deploying_page_shows_build_migrate_and_run_commands():
    assert "docker build -t shipboard ." in DEPLOYING_DOC
    assert "python manage.py migrate --noinput" in DEPLOYING_DOC
    assert "docker run -d" in DEPLOYING_DOC
    assert "/healthz" in DEPLOYING_DOC
