"""Page speed benchmark: gunicorn (2 sync workers, production settings) measured with wrk.

One run measures the comparison page, a tool page, the home page and a static file, with the
page cache on and off, on the demo data and again with a large database (1,000,000 votes, 500
other tools, 5,000 verdicts). Only 127.0.0.1 is targeted; every wrk run is bounded in time.

    .venv/bin/python bench/pages.py                 # SQLite, 10 s per URL
    .venv/bin/python bench/pages.py --duration 5 --skip-large
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_pages .venv/bin/python bench/pages.py
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PAGES = {
    "comparison": "/compare/code-llama-4-vs-mistral-8b-instruct-v3/",
    "tool": "/tools/code-llama-4/",
    "home": "/",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(workdir: Path, database_url: str, page_cache: bool) -> dict:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PAGE_CACHE": "on" if page_cache else "off",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
        "VOTE_RATE_LIMIT": "0",
    }
    env.pop("REDIS_URL", None)
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def static_path(workdir: Path) -> str:
    manifest = json.loads((workdir / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def start_gunicorn(env: dict, port: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--worker-class", "sync"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"gunicorn did not start; see {log}")


def wrk(url: str, duration: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s", url],
        capture_output=True, text=True, check=True, timeout=duration + 30,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": to_ms(latency["50"]),
        "p99_ms": to_ms(latency["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def to_ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def measure(env: dict, workdir: Path, label: str, args) -> dict:
    port = free_port()
    server = start_gunicorn(env, port, workdir / f"gunicorn-{label}.log")
    try:
        urls = {name: f"http://127.0.0.1:{port}{path}" for name, path in PAGES.items()}
        urls["static"] = f"http://127.0.0.1:{port}{static_path(workdir)}"
        for url in urls.values():  # warm caches and connections
            for _ in range(20):
                urllib.request.urlopen(url, timeout=5).read()
        return {name: wrk(url, args.duration, args.connections) for name, url in urls.items()}
    finally:
        server.terminate()
        server.wait(timeout=20)


def print_table(title: str, results: dict) -> None:
    static = results["static"]["rps"]
    print(f"\n{title}")
    print(f"{'url':<12}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'ratio':>8}{'non-2xx':>9}")
    for name, row in results.items():
        ratio = row["rps"] / static if static else 0
        print(f"{name:<12}{row['rps']:>10.0f}{row['p50_ms']:>10.2f}{row['p99_ms']:>10.2f}"
              f"{ratio:>8.2f}{row['non_2xx']:>9}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL (max 60)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--skip-large", action="store_true", help="skip the 1M-vote database")
    args = parser.parse_args()
    args.duration = max(1, min(args.duration, 60))
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    workdir = Path(tempfile.mkdtemp(prefix="shipboard-bench-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = production_env(workdir, database_url, page_cache=True)
    manage(env, "collectstatic", "--noinput")
    manage(env, "migrate", "--noinput")
    manage(env, "loaddata", "demo")
    print(f"database: {database_url.split('@')[-1]}; {args.connections} connections, "
          f"{args.duration} s per URL, gunicorn 2 sync workers")  # fmt: skip
    runs = {}
    for cache in (True, False):
        label = f"demo data, page cache {'on' if cache else 'off'}"
        runs[label] = measure(production_env(workdir, database_url, cache), workdir, label, args)
        print_table(label, runs[label])
    if not args.skip_large:
        started = time.monotonic()
        manage(env, "bench_fill", "--votes", "1000000", "--tools", "500", "--verdicts", "5000")
        print(f"\nfilled large data in {time.monotonic() - started:.0f} s")
        for cache in (True, False):
            label = f"large data, page cache {'on' if cache else 'off'}"
            runs[label] = measure(
                production_env(workdir, database_url, cache), workdir, label, args
            )
            print_table(label, runs[label])
        for cache in ("on", "off"):
            small = runs[f"demo data, page cache {cache}"]["comparison"]["p50_ms"]
            large = runs[f"large data, page cache {cache}"]["comparison"]["p50_ms"]
            change = 100 * (large - small) / small
            print(
                f"comparison p50 with large data, cache {cache}: "
                f"{small:.2f} → {large:.2f} ms ({change:+.0f}%)"
            )
    (workdir / "results.json").write_text(json.dumps(runs, indent=2))
    print(f"\nraw results: {workdir / 'results.json'}")


if __name__ == "__main__":
    main()
