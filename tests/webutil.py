"""A real `warta serve` on loopback over a real store, for the API and browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ingest(inputs: list[Path], db: Path, records: bool = False) -> None:
    cmd = [sys.executable, "-m", "warta.cli", "ingest", *map(str, inputs), "--db", str(db)]
    if records:
        cmd.append("--records")
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)


@contextmanager
def serve(db: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Start `warta serve` on a free loopback port; yield its base URL; stop it."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "warta.cli", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise RuntimeError(f"warta serve exited with {proc.returncode}: {out}")
            try:
                if httpx.get(base + "/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("warta serve did not start within 60 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
