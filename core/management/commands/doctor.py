"""`manage.py doctor`: database, cache, mail, task worker and storage, each with what to fix."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.tasks import TaskResultStatus

from core import doctor
from core.tasks import ping

MARKS = {doctor.OK: "ok", doctor.WARNING: "WARNING", doctor.ERROR: "ERROR"}


class Command(BaseCommand):
    help = (
        "Check what the site needs (database, cache, mail, task worker, storage) and say what "
        "to fix. Exits 1 when anything is an error."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wait",
            type=float,
            default=10.0,
            help="Seconds to wait for a worker to run a probe task (0: skip the probe).",
        )

    def handle(self, *args, wait: float, **options):
        findings = doctor.diagnose()
        if wait > 0 and settings.TASKS["default"]["BACKEND"] == doctor.DATABASE_TASKS:
            findings = [
                self.probe_worker(wait) if (f.name, f.status) == ("task worker", doctor.OK) else f
                for f in findings
            ]
        for finding in findings:
            style = {doctor.OK: self.style.SUCCESS, doctor.WARNING: self.style.WARNING}.get(
                finding.status, self.style.ERROR
            )
            self.stdout.write(
                f"{style(MARKS[finding.status]):>9}  {finding.name}: {finding.detail}"
            )
            if finding.fix:
                self.stdout.write(f"{'':9}  fix: {finding.fix}")
        errors = [finding.name for finding in findings if finding.status == doctor.ERROR]
        if errors:
            raise CommandError(f"Not ready: {', '.join(errors)}.", returncode=1)
        self.stdout.write("Everything the site needs answered.")

    def probe_worker(self, wait: float) -> doctor.Finding:
        """Queue a task that does nothing and see whether a worker runs it in time."""
        result = ping.enqueue()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            time.sleep(0.2)
            result.refresh()
            if result.status == TaskResultStatus.SUCCESSFUL:
                return doctor.Finding("task worker", doctor.OK, "a worker ran a probe task.")
        return doctor.Finding(
            "task worker",
            doctor.ERROR,
            f"a probe task was not run within {wait:g} s: no worker is taking tasks.",
            "Start one: `python manage.py db_worker` (the container's entry point and "
            "`make run` start one beside the site).",
        )
