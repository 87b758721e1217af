"""The container's HEALTHCHECK: GET /healthz on this container's gunicorn; exit 0 when it is 200.

Standard library only, so a probe every 30 s costs no Django start-up. It sends a Host header
that ALLOWED_HOSTS accepts, and /healthz is exempt from the HTTPS redirect, so neither gets in
the way of a plain-HTTP probe from inside the container. It also says the request arrived over
HTTPS (X-Forwarded-Proto), as a trusted proxy would; the site honours that only when
TRUSTED_PROXY_COUNT is above 0.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT_SECONDS = 4


def probe_address() -> str:
    """host:port gunicorn listens on (GUNICORN_BIND's first address, else PORT)."""
    bind = (os.environ.get("GUNICORN_BIND") or "").split(",")[0].strip()
    if bind.startswith(("unix:", "fd://")):
        raise SystemExit("healthcheck: GUNICORN_BIND is not a TCP address; probe it yourself.")
    if bind:
        host, _, port = bind.rpartition(":")
        host = host.strip("[]")
        if host in {"", "0.0.0.0", "::"}:
            host = "127.0.0.1"
        return f"{host}:{port}" if ":" not in host else f"[{host}]:{port}"
    return f"127.0.0.1:{os.environ.get('PORT', '8000')}"


def host_header() -> str:
    """A name ALLOWED_HOSTS accepts: its first entry ('.example.com' means example.com)."""
    for entry in (os.environ.get("ALLOWED_HOSTS") or "").split(","):
        entry = entry.strip()
        if entry and entry != "*":
            return entry.lstrip(".")
    return "localhost"


def main() -> int:
    url = f"http://{probe_address()}/healthz"
    request = urllib.request.Request(
        url, headers={"Host": host_header(), "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            print(response.status, response.read().decode())
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as error:
        print(error.code, error.read().decode(), file=sys.stderr)
    except OSError as error:
        print(f"healthcheck: {url}: {error}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
