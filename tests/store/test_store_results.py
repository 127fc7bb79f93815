"""Result types: terms, Python conversion, and the W3C serialisations."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result, ResultRow

from plangraph._errors import InputError
from plangraph.store import IRI, AskResult, BNode, GraphResult, Literal, SelectResult
from plangraph.store._results import from_ox_result

XSD = "http://www.w3.org/2001/XMLSchema#"
X = IRI("http://example/x")

#: rdflib's own result and JSON-LD parsers build a ConjunctiveGraph, which rdflib 7.6 deprecates.
rdflib_internal_deprecation = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

#: The example table of "SPARQL 1.1 Query Results CSV and TSV Formats", section 1.1.
SPEC_TABLE = SelectResult(
    ["x", "literal"],
    [
        {"x": X, "literal": Literal("String")},
        {"x": X, "literal": Literal('String-with-dquote"')},
        {"x": BNode("b0"), "literal": Literal("Blank node")},
        {"x": None, "literal": Literal("Missing 'x'")},
        {"x": None, "literal": None},
        {"x": X, "literal": None},
        {"x": BNode("b1"), "literal": Literal("String-with-lang", language="en")},
        {"x": BNode("b1"), "literal": Literal("123", XSD + "integer")},
    ],
)


def test_csv_matches_the_spec_example() -> None:
    expected = (
        "x,literal\r\n"
        "http://example/x,String\r\n"
        'http://example/x,"String-with-dquote"""\r\n'
        "_:b0,Blank node\r\n"
        ",Missing 'x'\r\n"
        ",\r\n"
        "http://example/x,\r\n"
        "_:b1,String-with-lang\r\n"
        "_:b1,123\r\n"
    )
    assert SPEC_TABLE.serialize("csv").decode() == expected


def test_tsv_matches_the_spec_example() -> None:
    expected = (
        "?x\t?literal\n"
        '<http://example/x>\t"String"\n'
        '<http://example/x>\t"String-with-dquote\\""\n'
        '_:b0\t"Blank node"\n'
        "\t\"Missing 'x'\"\n"
        "\t\n"
        "<http://example/x>\t\n"
        '_:b1\t"String-with-lang"@en\n'
        "_:b1\t123\n"
    )
    assert SPEC_TABLE.serialize("tsv").decode() == expected


def test_tsv_escapes_tabs_and_newlines_and_abbreviates_only_turtle_numbers() -> None:
    result = SelectResult(
        ["v"],
        [
            {"v": Literal("a\tb\nc")},
            {"v": Literal("1.50", XSD + "decimal")},
            {"v": Literal("1", XSD + "decimal")},  # "1" alone would read back as an integer
            {"v": Literal("3.5E1", XSD + "double")},
            {"v": Literal("2024-01-01", XSD + "date")},
        ],
    )
    assert result.serialize("tsv").decode().splitlines() == [
        "?v",
        '"a\\tb\\nc"',
        "1.50",
        f'"1"^^<{XSD}decimal>',
        "3.5E1",
        f'"2024-01-01"^^<{XSD}date>',
    ]


@rdflib_internal_deprecation
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_json_and_xml_results_parse_back_with_rdflib(fmt: str) -> None:
    parsed = Result.parse(io.BytesIO(SPEC_TABLE.serialize(fmt)), format=fmt)
    assert [str(v) for v in parsed.vars or []] == ["x", "literal"]
    # rdflib's parsers drop a solution with no bindings at all (row 5 of the example)
    rows = [tuple(row) for row in parsed if isinstance(row, ResultRow)]
    assert rows == [
        (rdflib.URIRef("http://example/x"), rdflib.Literal("String")),
        (rdflib.URIRef("http://example/x"), rdflib.Literal('String-with-dquote"')),
        (rdflib.BNode("b0"), rdflib.Literal("Blank node")),
        (None, rdflib.Literal("Missing 'x'")),
        (rdflib.URIRef("http://example/x"), None),
        (rdflib.BNode("b1"), rdflib.Literal("String-with-lang", lang="en")),
        (rdflib.BNode("b1"), rdflib.Literal("123", datatype=rdflib.URIRef(XSD + "integer"))),
    ]


@pytest.mark.parametrize(
    ("fmt", "ox_format"),
    [("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML), ("tsv", ox.QueryResultsFormat.TSV)],
)
def test_results_round_trip_exactly_through_pyoxigraph(fmt: str, ox_format: ox.QueryResultsFormat) -> None:
    assert from_ox_result(ox.parse_query_results(SPEC_TABLE.serialize(fmt), ox_format)) == SPEC_TABLE


def test_json_shape() -> None:
    data = json.loads(SPEC_TABLE.serialize("json"))
    assert data["head"] == {"vars": ["x", "literal"]}
    bindings = data["results"]["bindings"]
    assert bindings[0] == {
        "x": {"type": "uri", "value": "http://example/x"},
        "literal": {"type": "literal", "value": "String"},
    }
    assert bindings[4] == {}
    assert bindings[6]["literal"] == {"type": "literal", "value": "String-with-lang", "xml:lang": "en"}
    assert bindings[7]["literal"]["datatype"] == XSD + "integer"
    assert bindings[2]["x"] == {"type": "bnode", "value": "b0"}


@rdflib_internal_deprecation
def test_ask_serialisations() -> None:
    assert json.loads(AskResult(True).serialize("json")) == {"head": {}, "boolean": True}
    assert Result.parse(io.BytesIO(AskResult(False).serialize("xml")), format="xml").askAnswer is False
    with pytest.raises(InputError):
        AskResult(True).serialize("csv")


def test_unknown_result_format() -> None:
    with pytest.raises(InputError, match="unknown result format"):
        SPEC_TABLE.serialize("html")


@rdflib_internal_deprecation
def test_graph_result_serialisations_parse_back() -> None:
    triples = GraphResult(
        [
            (IRI("https://e.org/a"), IRI("https://e.org/p"), Literal("x", language="EN")),
            (IRI("https://e.org/a"), IRI("https://e.org/q"), Literal("5", XSD + "integer")),
            (IRI("https://e.org/a"), IRI("https://e.org/r"), BNode("n1")),
        ]
    )
    for fmt, rdflib_format in [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")]:
        graph = rdflib.Graph().parse(data=triples.serialize(fmt), format=rdflib_format)
        assert len(graph) == 3, fmt
        assert (
            rdflib.URIRef("https://e.org/a"),
            rdflib.URIRef("https://e.org/p"),
            rdflib.Literal("x", lang="en"),
        ) in graph
    assert b"ex:p" in triples.serialize("turtle", prefixes={"ex": "https://e.org/"})


def test_literal_normalisation_and_python_values() -> None:
    assert Literal("x", XSD + "string") == Literal("x")
    assert Literal("x", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "EN-gb") == Literal(
        "x", language="en-gb"
    )
    with pytest.raises(ValueError):
        Literal("x", XSD + "integer", "en")
    assert Literal("042", XSD + "integer").to_python() == 42
    assert Literal("1.10", XSD + "decimal").to_python() == Decimal("1.10")
    assert Literal("1e3", XSD + "double").to_python() == 1000.0
    assert Literal("1", XSD + "boolean").to_python() is True
    assert Literal("not a number", XSD + "integer").to_python() == "not a number"
    assert Literal("2024-05-01", XSD + "date").to_python() == "2024-05-01"
    assert SelectResult(["a", "b"], [{"a": BNode("z"), "b": None}]).dicts() == [{"a": "_:z", "b": None}]


def test_n3_forms() -> None:
    assert IRI("https://e.org/a").n3() == "<https://e.org/a>"
    assert Literal('a"b\\c\n').n3() == '"a\\"b\\\\c\\n"'
    assert Literal("5", XSD + "integer").n3() == f'"5"^^<{XSD}integer>'
    assert BNode("b").n3() == "_:b"
