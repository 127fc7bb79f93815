"""Real servers for tests: ``oxigraph serve`` on a free loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"oxigraph serve exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            response = httpx.post(
                f"{base}/query",
                content=b"ASK {}",
                headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
                timeout=1,
            )
            if response.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"oxigraph serve did not answer on {base} within 30 s:\n{log.read_text(errors='replace')}")


@contextmanager
def running_oxigraph(location: Path, *options: str) -> Iterator[str]:
    """Run ``oxigraph serve --location LOCATION`` on a free loopback port; yield its base URL."""
    binary = shutil.which("oxigraph", path=os.path.dirname(sys.executable))
    if binary is None:
        pytest.fail(f"no oxigraph binary next to {sys.executable}: install the 'oxigraph' package (test extra)")
    log = location.parent / f"{location.name}.log"
    base = f"http://127.0.0.1:{free_port()}"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", base.removeprefix("http://"), *options],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        _wait_until_ready(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
