"""/sparql throughput on the named query suite: this app against `oxigraph serve` on the same data.

Both servers run as separate processes on loopback and hold the same dataset:
data/triples/*.ttl in the default graph and the ontology in its own named graph,
queried with the union of all graphs as the default graph. Each query of
queries/*.rq (parameters at their defaults) is sent by POST
``application/sparql-query`` asking for SPARQL JSON, over a kept-alive
connection. Rows: the median seconds per query over the whole suite (baseline
first), then each query's median on this app with its ratio to the same query
on `oxigraph serve`.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

import httpx

from plangraph._paths import project_paths
from plangraph.queries import load_queries
from plangraph.store import open_store
from plangraph.web.urls import ONTOLOGY_IRI

HEADERS = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def run(repeat: int = 5) -> list[tuple[str, float, float]]:
    paths = project_paths()
    suite = {name: query.render() for name, query in sorted(load_queries(paths.queries).items())}
    with tempfile.TemporaryDirectory(prefix="web-bench-") as tmp:
        location = Path(tmp) / "oxigraph"
        with open_store(location) as store:
            for file in sorted(paths.triples.glob("*.ttl")):
                store.load(file, format="turtle")
            store.load(paths.ontology / "plangraph.ttl", format="turtle", graph=ONTOLOGY_IRI)
        with _oxigraph(location) as oxigraph_url:
            baseline = _measure(oxigraph_url + "/query", suite, repeat)
        with _plangraph(paths.root) as app_url:
            app = _measure(app_url + "/sparql", suite, repeat)
        slow = _measure_rdflib(paths.root, suite)
    base_total = statistics.median(baseline["(suite)"])
    app_total = statistics.median(app["(suite)"])
    rows = [
        ("oxigraph serve /query, per query (baseline)", base_total, 1.0),
        ("plangraph /sparql, per query", app_total, app_total / base_total),
    ]
    for name in suite:
        seconds = statistics.median(app[name])
        rows.append((f"  {name}", seconds, seconds / statistics.median(baseline[name])))
    finished = [name for name in suite if slow[name] is not None]
    cut = [name for name in suite if slow[name] is None]
    rdflib_total = sum(slow[name] or RDFLIB_LIMIT_S for name in suite) / len(suite)
    rows.append(
        (
            f"rdflib-backed FastAPI endpoint, per query (1 run; {len(cut)} cut off at {RDFLIB_LIMIT_S:.0f} s and counted as {RDFLIB_LIMIT_S:.0f} s)",
            rdflib_total,
            rdflib_total / base_total,
        )
    )
    rows.append(("plangraph /sparql per query; ratio = rdflib endpoint time / plangraph time (speed-up)", app_total, rdflib_total / app_total))
    for name in finished:
        rows.append((f"  rdflib: {name}", slow[name] or 0.0, (slow[name] or 0.0) / statistics.median(baseline[name])))
    return rows


#: The rdflib endpoint is pure Python; a query it cannot answer in this time counts as this time.
RDFLIB_LIMIT_S = 30.0


def _measure_rdflib(home: Path, suite: dict[str, str]) -> dict[str, float | None]:
    """Seconds per query on the rdflib endpoint, one run each; None for a query past the limit.

    A query past the limit keeps the server busy, so the server is replaced before the next one.
    """
    seconds: dict[str, float | None] = {}
    with ExitStack() as stack:
        url = stack.enter_context(_rdflib_endpoint(home))
        for name, sparql in suite.items():
            started = time.perf_counter()
            try:
                response = httpx.post(url + "/sparql", content=sparql.encode(), headers=HEADERS, timeout=RDFLIB_LIMIT_S)
            except httpx.TimeoutException:
                seconds[name] = None
                stack.close()
                url = stack.enter_context(_rdflib_endpoint(home))
                continue
            if response.status_code != 200:
                raise RuntimeError(f"rdflib endpoint: {name} answered {response.status_code}: {response.text[:300]}")
            seconds[name] = time.perf_counter() - started
    return seconds


def _measure(endpoint: str, suite: dict[str, str], repeat: int) -> dict[str, list[float]]:
    """Seconds per query for each query, and the suite's mean per query, over ``repeat`` rounds (after a warm-up)."""
    samples: dict[str, list[float]] = {name: [] for name in [*suite, "(suite)"]}
    with httpx.Client(timeout=120) as client:
        for round_number in range(repeat + 1):
            total = 0.0
            for name, sparql in suite.items():
                started = time.perf_counter()
                response = client.post(endpoint, content=sparql.encode(), headers=HEADERS)
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise RuntimeError(f"{endpoint}: {name} answered {response.status_code}: {response.text[:300]}")
                total += elapsed
                if round_number:
                    samples[name].append(elapsed)
            if round_number:
                samples["(suite)"].append(total / len(suite))
    return samples


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _process(
    command: list[str], ready_url: str, headers: dict[str, str], env: dict[str, str] | None = None
) -> Iterator[None]:
    # the log is a file, not a pipe: a server logging every request would fill a pipe and stall
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        try:
            _wait_until_ready(process, log, command[0], ready_url, headers)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(
    process: subprocess.Popen[bytes], log: IO[bytes], name: str, url: str, headers: dict[str, str]
) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"{name} exited with {process.returncode}: {log.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, headers=headers, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not answer at {url}")


@contextmanager
def _oxigraph(location: Path) -> Iterator[str]:
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        raise RuntimeError(f"no oxigraph binary at {binary}: install the 'oxigraph' package (test extra)")
    url = f"http://127.0.0.1:{_free_port()}"
    command = [str(binary), "serve", "--location", str(location), "--bind", url.removeprefix("http://"),
               "--union-default-graph"]  # fmt: skip
    with _process(command, f"{url}/query?query=ASK%7B%7D", {"Accept": "application/sparql-results+json"}):
        yield url


@contextmanager
def _plangraph(home: Path) -> Iterator[str]:
    port = _free_port()
    code = (
        "from plangraph.web import Settings, run_server\n"
        f"run_server(Settings(home={str(home)!r}), host='127.0.0.1', port={port})\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("PLANGRAPH_")}
    url = f"http://127.0.0.1:{port}"
    with _process([sys.executable, "-c", code], f"{url}/sparql", {"Accept": "text/turtle"}, env):
        yield url


@contextmanager
def _rdflib_endpoint(home: Path) -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    script = Path(__file__).with_name("rdflib_endpoint.py")
    with _process([sys.executable, str(script), str(home), str(port)], f"{url}/sparql", {"Accept": "text/plain"}):
        yield url


if __name__ == "__main__":
    for label, seconds, ratio in run(repeat=int(sys.argv[1]) if len(sys.argv) > 1 else 5):
        print(f"{label:60} {seconds * 1000:9.2f} ms {ratio:6.2f}x")
