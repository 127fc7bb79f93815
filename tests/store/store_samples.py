"""Sample data and helpers shared by the store tests (imported by conftest and the test modules)."""

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

from plangraph.store import Store

EX = "https://example.org/plan/"
TARGETS = "https://example.org/graph/targets"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Default graph: a plan and its city (no blank nodes, so results compare across backends).
DEFAULT_TTL = f"""\
@prefix ex: <{EX}> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <{XSD}> .

ex:suzhou-2023 a ex:Plan ;
    dct:title "苏州市2023年城市总体规划"@zh , "Suzhou 2023 master plan"@en ;
    ex:year 2023 ;
    ex:area "8657.32"^^xsd:decimal ;
    ex:city ex:suzhou .
ex:suzhou ex:name "Suzhou" .
"""

#: Named graph TARGETS: targets that point at the plan in the default graph.
TARGETS_TTL = f"""\
@prefix ex: <{EX}> .
@prefix xsd: <{XSD}> .

ex:target-1 ex:of ex:suzhou-2023 ; ex:value 120 ; ex:unit "km2" ; ex:met true .
ex:target-2 ex:of ex:suzhou-2023 ; ex:value "3.5E1"^^xsd:double ; ex:note "line one\\nline \\"two\\"" .
"""

DEFAULT_TRIPLES = 7
TARGET_TRIPLES = 7

BACKENDS = ["oxigraph", "rdflib", pytest.param("remote", marks=pytest.mark.network)]


def load_sample(store: Store) -> None:
    """Load the sample dataset: DEFAULT_TTL into the default graph, TARGETS_TTL into TARGETS."""
    assert store.load(DEFAULT_TTL, format="turtle") == DEFAULT_TRIPLES
    assert store.load(TARGETS_TTL.encode(), format="ttl", graph=TARGETS) == TARGET_TRIPLES


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
