"""The container's entry point (deploy/serve.py) runs gunicorn and the task worker together.

Started as the image starts it, with production settings on a temporary SQLite database: a
task queued while it runs is done by its worker; SIGTERM stops both processes; a worker that
dies takes the container down with it, so the orchestrator restarts the pair.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.compare_site.production import (
    PYTHON,
    REPO,
    free_port,
    manage,
    production_environment,
)

DEADLINE_SECONDS = 40


@pytest.fixture
def site_dir(tmp_path) -> Path:
    env = production_environment(tmp_path)
    result = manage(env, "migrate", "--noinput")
    assert result.returncode == 0, result.stderr
    return tmp_path


def start(site_dir: Path) -> tuple[subprocess.Popen, dict[str, str]]:
    env = production_environment(
        site_dir, GUNICORN_BIND=f"127.0.0.1:{free_port()}", WEB_CONCURRENCY="1"
    )
    log = (site_dir / "serve.log").open("wb")
    process = subprocess.Popen(
        [PYTHON, "deploy/serve.py"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    log.close()
    return process, env


def children_of(pid: int) -> dict[int, str]:
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found[int(entry.name)] = cmdline
    return found


def wait_for(condition, what: str):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def both_running(process: subprocess.Popen) -> dict[str, int] | None:
    kinds = {}
    for pid, cmdline in children_of(process.pid).items():
        if "gunicorn" in cmdline:
            kinds["web"] = pid
        elif "db_worker" in cmdline:
            kinds["worker"] = pid
    return kinds if len(kinds) == 2 else None


def task_status(site_dir: Path, task_id: str) -> str | None:
    with sqlite3.connect(site_dir / "data" / "shipboard.sqlite3") as database:
        row = database.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?", (task_id,)
        ).fetchone()
    return row[0] if row else None


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)
    for pid in children_of(process.pid):
        os.kill(pid, signal.SIGKILL)


def test_the_container_runs_the_worker_beside_gunicorn_and_stops_both_on_sigterm(site_dir):
    process, env = start(site_dir)
    try:
        running = wait_for(lambda: both_running(process), "gunicorn and the worker")
        queued = manage(
            env,
            "shell",
            "-c",
            "from newsletter.tasks import send_confirmation; "
            "print(send_confirmation.enqueue(0).id)",
        )
        assert queued.returncode == 0, queued.stderr
        task_id = queued.stdout.strip().splitlines()[-1].replace("-", "")
        wait_for(lambda: task_status(site_dir, task_id) == "SUCCESSFUL", "the worker to run it")

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=DEADLINE_SECONDS) == 0
        for pid in running.values():
            wait_for(lambda pid=pid: not Path(f"/proc/{pid}").exists(), f"process {pid} to end")
    finally:
        stop(process)


def test_a_worker_that_dies_stops_the_container(site_dir):
    process, _ = start(site_dir)
    try:
        running = wait_for(lambda: both_running(process), "gunicorn and the worker")
        os.kill(running["worker"], signal.SIGKILL)
        assert process.wait(timeout=DEADLINE_SECONDS) != 0
        wait_for(lambda: not Path(f"/proc/{running['web']}").exists(), "gunicorn to stop")
    finally:
        stop(process)
