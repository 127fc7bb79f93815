"""The named query suite on every backend, on the plan graph alone and beside 1,000,000 synthetic triples.

Each (backend, dataset) runs in its own process so its peak memory (max RSS) is its own.
Baseline: raw pyoxigraph (``pyoxigraph.Store.query``, results fully consumed) on the same
data in the same process as the embedded measurement.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.table import Table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

from _timing import median_seconds  # noqa: E402

SYNTHETIC_TRIPLES = 1_000_000
#: rdflib is pure Python: a query it cannot finish in this time is reported as cut off.
RDFLIB_QUERY_LIMIT_S = 10


def synthetic_city_dataset(path: Path, triples: int = SYNTHETIC_TRIPLES) -> Path:
    """A yearbook-like dataset: statistical observations with labels, districts, years and values."""
    base = "https://example.org/city-stats/"
    qb = "http://purl.org/linked-data/cube#"
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    per_observation = 8
    with path.open("w", encoding="utf-8") as out:
        for index in range(triples // per_observation):
            node = f"<{base}obs/{index}>"
            district = index % 97
            out.write(f"{node} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{qb}Observation> .\n")
            out.write(f'{node} <{label}> "统计观测 {index} 区{district}"@zh .\n')
            out.write(f'{node} <{label}> "observation {index} in district {district}"@en .\n')
            out.write(f"{node} <{base}district> <{base}district/{district}> .\n")
            out.write(f'{node} <{base}year> "{2000 + index % 24}"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n')
            out.write(f'{node} <{base}value> "{index * 7 % 100003}.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n')
            out.write(f"{node} <{base}indicator> <{base}indicator/{index % 251}> .\n")
            out.write(f'{node} <{base}note> "第{index}条"@zh .\n')
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(backend: str, synthetic: str, repeat: int, endpoint: str) -> dict:
    from plangraph.api import open_graph
    from plangraph.queries import load_queries
    from plangraph._paths import project_paths

    paths = project_paths(ROOT)
    queries = {name: q.render() for name, q in load_queries(paths.queries).items()}
    result: dict = {"backend": backend, "queries": {}, "baseline": {}}
    if backend == "remote":
        graph = open_graph(endpoint, home=ROOT, load=False)
    else:
        graph = open_graph("rdflib" if backend == "rdflib" else None, home=ROOT)
        if synthetic:
            graph.store.load(Path(synthetic), format="ntriples", graph="https://example.org/city-stats/graph")
    if backend == "oxigraph":
        import pyoxigraph

        raw = pyoxigraph.Store()
        for file in sorted(paths.triples.glob("*.ttl")):
            raw.bulk_load(path=str(file), format=pyoxigraph.RdfFormat.TURTLE, to_graph=pyoxigraph.NamedNode("https://w3id.org/plangraph/id/graph/plan"))
        raw.bulk_load(path=str(paths.ontology / "plangraph.ttl"), format=pyoxigraph.RdfFormat.TURTLE, to_graph=pyoxigraph.NamedNode("https://w3id.org/plangraph/id/graph/ontology"))
        if synthetic:
            raw.bulk_load(path=synthetic, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode("https://example.org/city-stats/graph"))
        for name, text in queries.items():
            result["baseline"][name] = median_seconds(lambda: list(raw.query(text, use_default_graph_as_union=True)), repeat=repeat)
    for name, text in queries.items():
        if backend == "rdflib":
            def _cut_off(*_: object) -> None:
                raise TimeoutError

            signal.signal(signal.SIGALRM, _cut_off)
            signal.alarm(RDFLIB_QUERY_LIMIT_S)
            try:
                started = time.perf_counter()
                graph.store.query(text)
                result["queries"][name] = time.perf_counter() - started
            except TimeoutError:
                result["queries"][name] = None
            finally:
                signal.alarm(0)
        else:
            result["queries"][name] = median_seconds(lambda: graph.store.query(text), repeat=repeat)
    result["peak_mb"] = _peak_mb()
    return result


def _run_worker(backend: str, synthetic: Path | None, repeat: int, endpoint: str = "") -> dict:
    command = [sys.executable, __file__, "--worker", backend, str(synthetic or ""), str(repeat), endpoint]
    output = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    if output.returncode != 0:
        raise RuntimeError(f"{backend} worker failed:\n{output.stderr[-2000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def _serve(location: Path, synthetic: Path | None):
    from servers import running_oxigraph

    binary = Path(sys.executable).parent / "oxigraph"
    if synthetic:
        subprocess.run(
            [str(binary), "load", "--location", str(location), "--file", str(synthetic), "--graph", "https://example.org/city-stats/graph"],
            check=True, capture_output=True,
        )
    return running_oxigraph(location)


def _server_peak_mb(base: str) -> float | None:
    try:
        port = base.rsplit(":", 1)[-1]
        found = subprocess.run(["pgrep", "-f", f"oxigraph serve.*{port}"], capture_output=True, text=True).stdout.split()
        with open(f"/proc/{found[0]}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        return None
    return None


def _cell(seconds: float | None, baseline: float) -> str:
    if seconds is None:
        return f"> {RDFLIB_QUERY_LIMIT_S} s (cut off)"
    return f"{seconds * 1000:.1f} ms ({seconds / baseline:.2f}x)"


def run(repeat: int = 5) -> list[Table]:
    """One table per dataset: median per query and its ratio to raw pyoxigraph; peak memory per backend."""
    tables: list[Table] = []
    with tempfile.TemporaryDirectory() as scratch:
        synthetic_path = synthetic_city_dataset(Path(scratch) / "city.nt")
        for label, synthetic in (("plan graph", None), (f"plan graph + {SYNTHETIC_TRIPLES:,} synthetic triples", synthetic_path)):
            embedded = _run_worker("oxigraph", synthetic, repeat)
            with _serve(Path(scratch) / f"server-{bool(synthetic)}", synthetic) as base:
                subprocess.run(
                    [sys.executable, "-m", "plangraph", "publish", "--endpoint", f"{base}/query"],
                    check=True, capture_output=True, env={**os.environ, "PLANGRAPH_HOME": str(ROOT)},
                )
                remote = _run_worker("remote", None, repeat, f"{base}/query")
                remote["peak_mb"] = _server_peak_mb(base)
            measured = [("embedded Oxigraph", embedded), ("remote oxigraph serve", remote)]
            if synthetic is None:
                measured.append(("rdflib in memory (1 run)", _run_worker("rdflib", None, 1)))
            table = Table("query", "raw pyoxigraph", *(name for name, _ in measured), title=f"bench: named queries on the {label} (median of {repeat})")
            for name in sorted(embedded["queries"]):
                baseline = embedded["baseline"][name]
                table.add_row(name, f"{baseline * 1000:.1f} ms", *(_cell(result["queries"][name], baseline) for _, result in measured))
            slowest = max(embedded["queries"].values())
            table.add_row("slowest embedded query", "", f"{slowest * 1000:.1f} ms", *("" for _ in measured[1:]))
            table.add_row(
                "peak memory (max RSS)",
                "(same process)",
                *(f"{result['peak_mb']:.0f} MB" if result.get("peak_mb") else "n/a" for _, result in measured),
            )
            tables.append(table)
    return tables


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--worker":
    _, _, backend, synthetic, repeat, endpoint = sys.argv
    print(json.dumps(_worker(backend, synthetic, int(repeat), endpoint)))
