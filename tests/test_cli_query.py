"""`plangraph query/queries/export/load` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANGRAPH_HOME": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "plangraph", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def test_query_with_a_parameter_as_csv() -> None:
    result = _run("query", "task-commitments", "--param", "task=8", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(int(row["value"]) for row in rows) == [100, 180, 200, 300, 550, 800]


def test_query_as_sparql_json_and_tsv() -> None:
    as_json = json.loads(_run("query", "outcome-status", "-f", "json").stdout)
    assert as_json["head"]["vars"] == ["status", "indicators", "names"]
    assert len(as_json["results"]["bindings"]) == 4
    tsv = _run("query", "outcome-status", "-f", "tsv").stdout.splitlines()
    assert tsv[0] == "?status\t?indicators\t?names"


def test_queries_lists_every_named_query() -> None:
    result = _run("queries")
    assert result.returncode == 0
    for name in ("missed-targets-2022", "zone-profile", "rail-and-tunnels"):
        assert name in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "nope"), "known queries: "),
        (("query", "--sparql", "SELECT * WHERE {\n  ?s ?p\n}"), "SPARQL syntax error at line 3, column 2"),
        (("query", "task-commitments", "--param", "nope"), "--param wants key=value"),
        (("query", "task-commitments", "--param", "year=1"), "has no parameter year"),
        (("query", "outcome-status", "--format", "xlsx"), "--format must be"),
        (("query", "--sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"), "SERVICE is not allowed"),
    ],
)
def test_bad_input_is_one_line(args: tuple[str, ...], message: str) -> None:
    result = _run(*args)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("plangraph: error: "), result.stderr
    assert message in lines[0]


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(("fmt", "parser"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")])
def test_export_formats_parse_back(tmp_path: Path, fmt: str, parser: str) -> None:
    target = tmp_path / f"plan.{fmt}"
    result = _run("export", "--format", fmt, "-o", str(target))
    assert result.returncode == 0, result.stderr
    built = sum(1 for _ in Graph().parse(ROOT / "data" / "triples" / "suzhou-2023-plan-report.ttl")) + sum(
        1 for _ in Graph().parse(ROOT / "data" / "triples" / "entities.ttl")
    )
    assert len(Graph().parse(target, format=parser)) == built


def test_load_beside_the_plan_and_query_across_graphs(tmp_path: Path) -> None:
    store = tmp_path / "store"
    dataset = tmp_path / "yearbook.ttl"
    dataset.write_text(
        "@prefix ex: <https://example.org/> .\n"
        "ex:gdp2023 ex:about <https://w3id.org/plangraph/id/indicator/gdp> ; ex:value 24653.4 .\n",
        encoding="utf-8",
    )
    loaded = _run("load", str(dataset), "--graph", "https://example.org/yearbook", "--store", str(store))
    assert loaded.returncode == 0, loaded.stderr
    joined = _run(
        "query", "--store", str(store), "-f", "csv", "--sparql",
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?label ?value WHERE { "
        "?o <https://example.org/about> ?i ; <https://example.org/value> ?value . ?i rdfs:label ?label FILTER(lang(?label)='zh') }",
    )
    assert joined.returncode == 0, joined.stderr
    assert "地区生产总值,24653.4" in joined.stdout


def test_malformed_rdf_names_file_and_line_and_loads_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e .\n", encoding="utf-8")
    result = _run("load", str(bad), "--graph", "https://example.org/bad", "--store", str(store))
    assert result.returncode == 1
    assert f"{bad}:3:" in result.stderr
    count = _run("query", "--store", str(store), "-f", "csv", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/bad> { ?s ?p ?o } }")
    assert count.stdout.splitlines()[1] == "0"
