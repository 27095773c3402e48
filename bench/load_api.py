"""Load on the web API: concurrent clients against a real `warta serve`, loopback only, bounded.

    .venv/bin/python bench/load_api.py --db /tmp/bench_api.duckdb \
        --path '/api/timeline?actor=CHN&with=RUS' --path '/api/events?actor=CHN&since=2019-01&limit=50'

Starts `warta serve` (one uvicorn worker) on a free loopback port unless --url names a running one
(which must be on 127.0.0.0/8 or ::1), then for each path runs --clients clients (httpx/asyncio,
one keep-alive connection each) for --seconds seconds or --max-requests requests, whichever comes
first, and prints requests/s and latency percentiles. Any non-200 answer counts as an error.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx


def _loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _run(base: str, path: str, clients: int, seconds: float, max_requests: int) -> dict[str, float]:
    lat: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    budget = [max_requests]

    async def client() -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=10, limits=httpx.Limits(max_connections=1)) as c:
            while time.perf_counter() < stop and budget[0] > 0:
                budget[0] -= 1
                t0 = time.perf_counter()
                try:
                    r = await c.get(path)
                    await r.aread()
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                lat.append(time.perf_counter() - t0)
                errors += not ok

    # warm-up: a few requests outside the measurement
    async with httpx.AsyncClient(base_url=base, timeout=30) as c:
        for _ in range(3):
            (await c.get(path)).raise_for_status()
    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.perf_counter() - t0
    lat.sort()

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000

    return {
        "requests": len(lat),
        "errors": errors,
        "seconds": wall,
        "rps": len(lat) / wall,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "max": lat[-1] * 1000,
        "mean": statistics.fmean(lat) * 1000,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="store to serve (starts warta serve)")
    ap.add_argument("--url", help="a running server instead (loopback only)")
    ap.add_argument("--path", action="append", required=True, help="request path with query (repeatable)")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--no-cache", action="store_true", help="start warta serve with --no-cache")
    ap.add_argument("--max-requests", type=int, default=100_000, help="upper bound per path")
    a = ap.parse_args()
    if not (1 <= a.clients <= 64 and 0 < a.seconds <= 120 and 1 <= a.max_requests <= 1_000_000):
        ap.error("bounded runs only: 1–64 clients, at most 120 s and 1M requests per path")

    proc = None
    if a.url:
        base = a.url.rstrip("/")
    elif a.db:
        base = f"http://127.0.0.1:{_free_port()}"
        port = base.rsplit(":", 1)[1]
        proc = subprocess.Popen(
            [sys.executable, "-m", "warta.cli", "serve", "--db", str(a.db), "--host", "127.0.0.1", "--port", port,
             *(["--no-cache"] if a.no_cache else [])],
            env=os.environ.copy(),
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                print("warta serve did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
    else:
        ap.error("give --db or --url")
    if not _loopback(base):
        ap.error(f"{base} is not a loopback address: this benchmark only loads servers on this machine")
    try:
        print(f"{a.clients} clients, {a.seconds:g} s per path, against {base}"
              + (" (answer cache off)" if a.no_cache else ""))
        print("| path | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |")
        print("|---|---|---|---|---|---|---|---|")
        for path in a.path:
            r = asyncio.run(_run(base, path, a.clients, a.seconds, a.max_requests))
            print(
                f"| `{path}` | {r['requests']:,} | {r['errors']} | {r['rps']:.0f} | {r['p50']:.1f} | "
                f"{r['p95']:.1f} | {r['p99']:.1f} | {r['max']:.1f} |",
                flush=True,
            )
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
