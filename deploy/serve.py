"""The container's entry point: gunicorn and the django.tasks worker, side by side.

One container runs the whole site: gunicorn answers requests and `manage.py db_worker` runs
what they queue (the newsletter's confirmation mail, digest deliveries). If either stops, the
other is stopped too and the container exits with its status, so the orchestrator's restart
policy brings both back together; SIGTERM (`docker stop`) and SIGINT stop both cleanly.

RUN_TASK_WORKER=false starts gunicorn alone, for set-ups that run workers in containers of
their own (`python manage.py db_worker`). Standard library only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parent.parent
STOP_GRACE_SECONDS = 30  # gunicorn's graceful timeout, and a task's time to finish


def commands() -> list[list[str]]:
    web = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    if os.environ.get("RUN_TASK_WORKER", "true").strip().lower() in {"0", "false", "no", "off"}:
        return [web]
    worker = [sys.executable, "manage.py", "db_worker", "--no-reload"]
    return [web, worker]


def main() -> int:
    children = [subprocess.Popen(command, cwd=APP) for command in commands()]
    asked_to_stop = False

    def stop_all() -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    def on_signal(signum, frame) -> None:
        nonlocal asked_to_stop
        asked_to_stop = True
        stop_all()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    while all(child.poll() is None for child in children):
        time.sleep(0.2)
    first = next(child for child in children if child.returncode is not None)
    stop_all()  # one has stopped: stop the rest
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    if asked_to_stop:
        return 0
    # Stopped by itself: the container fails, so it is restarted with both processes.
    return first.returncode if first.returncode > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
