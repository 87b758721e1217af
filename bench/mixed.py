"""Mixed-load benchmark: readers and voters together, on SQLite and on PostgreSQL.

For each database: a fresh database with the demo data, gunicorn (2 sync workers, production
settings, page cache on) on a free 127.0.0.1 port, then, in one run:

- a static file (the hashed stylesheet) alone, measured with wrk, at the start and the end;
- for each vote rate (0, 1, 5 and 20 votes/s requested): wrk over every public page of the
  demo data (home, the tool and comparison lists, the category, the seed comparison, both
  tool pages, the reviewer list and each reviewer), rotated by a Lua script that also counts
  the page cache's X-Page-Cache answers, while voter threads post votes as new visitors (each
  a fresh voter, its own CSRF cookie, ship or skip at random, on a random demo tool) at the
  requested rate.

It prints, per rate, the read throughput as a ratio to the static file's (the mean of its two
runs), the votes/s achieved, vote p50/p99 and the page cache's hit rate. Only 127.0.0.1 is
targeted, every wrk run and the voters stop after --duration seconds, and the server and the
benchmark's PostgreSQL database are removed at the end.

    .venv/bin/python bench/mixed.py                       # both databases, 10 s per step
    .venv/bin/python bench/mixed.py --database sqlite --duration 5
    .venv/bin/python bench/mixed.py --postgres-url postgres://postgres@127.0.0.1:5432/shipboard
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load_site import PostgresLoadDatabase  # noqa: E402
from bench.pages import (  # noqa: E402
    ROOT,
    free_port,
    manage,
    production_env,
    start_gunicorn,
    static_path,
    to_ms,
)

RATES = (0, 1, 5, 20)
VOTERS = 8  # threads sending the scheduled votes; a slow vote never holds up the next
LUA = """
local threads = {}
function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end
function init(args)
  hits, misses, other, index = 0, 0, 0, offset * 5
end
function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
function response(status, headers, body)
  local state = headers["X-Page-Cache"]
  if state == "hit" then hits = hits + 1
  elseif state == "miss" then misses = misses + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local h, m, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits"); m = m + thread:get("misses"); o = o + thread:get("other")
  end
  io.write(string.format("PAGECACHE hits=%d misses=%d other=%d\\n", h, m, o))
end
"""


def demo_pages() -> tuple[list[str], list[str]]:
    """Every public page of the demo data, and the tools to vote on (fixtures/demo.json)."""
    rows = json.loads((ROOT / "fixtures" / "demo.json").read_text())
    slugs = {model: [] for model in ("tools.tool", "tools.category", "verdicts.reviewer")}
    for row in rows:
        if row["model"] in slugs:
            slugs[row["model"]].append(row["fields"]["slug"])
    tools = sorted(slugs["tools.tool"])
    pages = ["/", "/tools/", "/tools/?sort=community", "/comparisons/", "/reviewers/"]
    pages += [f"/categories/{slug}/" for slug in slugs["tools.category"]]
    pages += [f"/compare/{'-vs-'.join(tools[:2])}/"]
    pages += [f"/tools/{slug}/" for slug in tools]
    pages += [f"/reviewers/{slug}/" for slug in slugs["verdicts.reviewer"]]
    return pages, tools


def wrk(url: str, duration: int, connections: int, script: Path | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    if script is not None:
        command += ["-s", str(script)]
    out = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=duration + 30
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    cache = re.search(r"PAGECACHE hits=(\d+) misses=(\d+) other=(\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": to_ms(latency["50"]),
        "p99_ms": to_ms(latency["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "hits": int(cache.group(1)) if cache else 0,
        "misses": int(cache.group(2)) if cache else 0,
    }


class Voters:
    """Votes as new visitors at `rate` per second for `duration` seconds, on a schedule."""

    def __init__(self, port: int, tools: list[str], rate: float, duration: float):
        self.port, self.tools, self.rate, self.duration = port, tools, rate, duration
        self.latencies: list[float] = []
        self.failures = 0
        self.lock = threading.Lock()

    def run(self) -> None:
        if not self.rate:
            return
        started = time.monotonic()
        count = int(self.rate * self.duration)
        with ThreadPoolExecutor(VOTERS) as pool:
            for number in range(count):
                delay = started + number / self.rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(self.vote)
        self.elapsed = max(time.monotonic() - started, self.duration)

    def vote(self) -> None:
        slug = random.choice(self.tools)
        secret = secrets.token_urlsafe(24)[:32].replace("-", "a").replace("_", "b")
        body = urlencode({"csrfmiddlewaretoken": secret, "choice": random.choice(["ship", "skip"])})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            # A new visitor: no voter cookie yet; a CSRF cookie of its own (Django accepts the
            # unmasked secret as the form's token).
            "Cookie": f"csrftoken={secret}",
            "Referer": f"http://127.0.0.1:{self.port}/tools/{slug}/",
        }
        sent = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("POST", f"/tools/{slug}/vote/", body=body, headers=headers)
            status = connection.getresponse().status
        except OSError:
            status = 0
        finally:
            connection.close()
        with self.lock:
            if status == 303:
                self.latencies.append(1000 * (time.monotonic() - sent))
            else:
                self.failures += 1

    def summary(self) -> dict:
        done = sorted(self.latencies)
        if not done:
            return {"achieved": 0.0, "p50_ms": 0.0, "p99_ms": 0.0, "failed": self.failures}
        return {
            "achieved": len(done) / self.elapsed,
            "p50_ms": done[len(done) // 2],
            "p99_ms": done[min(len(done) - 1, int(len(done) * 0.99))],
            "failed": self.failures,
        }


def measure(database_url: str, workdir: Path, args) -> list[dict]:
    env = production_env(workdir, database_url, page_cache=True)
    # Every benchmark voter comes from 127.0.0.1, one network: real voters come from many, so
    # the per-network cap (docs/votes.md) would hold all but the first few votes.
    env["VOTE_NETWORK_DAILY_CAP"] = "1000000"
    manage(env, "collectstatic", "--noinput")
    manage(env, "migrate", "--noinput")
    manage(env, "loaddata", "demo")
    pages, tools = demo_pages()
    script = workdir / "mix.lua"
    script.write_text(f"paths = {{{', '.join(json.dumps(page) for page in pages)}}}\n{LUA}")
    port = free_port()
    server = start_gunicorn(env, port, workdir / "gunicorn.log")
    base = f"http://127.0.0.1:{port}"
    try:
        static_url = base + static_path(workdir)
        for page in pages:  # warm: each worker's connection, templates, first copies
            for _ in range(4):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", page)
                assert connection.getresponse().status == 200, page
                connection.close()
        static = [wrk(static_url, args.duration, args.connections)]
        rows = []
        for rate in args.rates:
            voters = Voters(port, tools, rate, args.duration)
            thread = threading.Thread(target=voters.run)
            thread.start()
            reads = wrk(base + "/", args.duration, args.connections, script)
            thread.join(timeout=args.duration + 30)
            rows.append({"rate": rate, "reads": reads, "votes": voters.summary()})
        static.append(wrk(static_url, args.duration, args.connections))
        static_rps = sum(run["rps"] for run in static) / len(static)
        for row in rows:
            row["static_rps"] = static_rps
            row["ratio"] = row["reads"]["rps"] / static_rps
        return rows
    finally:
        server.terminate()
        server.wait(timeout=20)


def print_table(kind: str, rows: list[dict]) -> None:
    print(f"\n{kind}: static file {rows[0]['static_rps']:,.0f} req/s (mean of two runs)")
    print(
        "| votes/s requested | votes/s achieved | vote p50 | vote p99 | reads/s | "
        "ratio to static | read p99 | cache hits | non-2xx |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        reads, votes = row["reads"], row["votes"]
        served = reads["hits"] + reads["misses"]
        hit_rate = f"{100 * reads['hits'] / served:.1f}%" if served else "—"
        vote_cells = (
            f"{votes['achieved']:.1f} | {votes['p50_ms']:.1f} ms | {votes['p99_ms']:.1f} ms"
            if row["rate"]
            else "— | — | —"
        )
        print(
            f"| {row['rate']} | {vote_cells} | {reads['rps']:,.0f} | {row['ratio']:.2f} | "
            f"{reads['p99_ms']:.1f} ms | {hit_rate} | {reads['non_2xx'] + votes['failed']} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--postgres-url",
        default="postgres://postgres@127.0.0.1:5432/sb15",
        help="a PostgreSQL server; the benchmark's database is <name>_mixed beside it",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per step (max 60)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rates", default=",".join(map(str, RATES)), help="votes/s requested")
    args = parser.parse_args()
    args.duration = max(1, min(args.duration, 60))
    args.rates = [float(rate) if "." in rate else int(rate) for rate in args.rates.split(",")]
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    print(
        f"gunicorn 2 sync workers, production settings; wrk 2 threads, {args.connections} "
        f"connections, {args.duration} s per step; {len(demo_pages()[0])} pages in the mix"
    )
    results = {}
    for kind in kinds:
        workdir = Path(tempfile.mkdtemp(prefix=f"shipboard-mixed-{kind}-"))
        if kind == "sqlite":
            results[kind] = measure(f"sqlite:///{workdir / 'mixed.sqlite3'}", workdir, args)
        else:
            database = PostgresLoadDatabase.for_url(args.postgres_url, suffix="_mixed")
            database.reset()
            try:
                results[kind] = measure(database.url, workdir, args)
            finally:
                database.drop()
        print_table("SQLite" if kind == "sqlite" else "PostgreSQL", results[kind])
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
