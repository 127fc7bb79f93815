"""Accept-header negotiation, table-driven: header -> chosen type (None: 406)."""

from __future__ import annotations

import pytest

from plangraph.web.negotiation import (
    BOOLEAN_TYPES,
    GRAPH_TYPES,
    PAGE_TYPES,
    RESULT_TYPES,
    TABLE_TYPES,
    media_type,
    negotiate,
    parse_accept,
)

SELECT_CASES = [
    (None, "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/*", "text/xml"),
    ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, text/tab-separated-values;q=0.4", "text/csv"),
    ("application/*;q=0.2, text/csv", "text/csv"),
    ("*/*;q=0.1, text/csv;q=0", "application/sparql-results+json"),
    ("text/csv;q=0", None),
    ("text/turtle", None),
    ("image/png", None),
    ("application/sparql-results+json;charset=utf-8", "application/sparql-results+json"),
    ("APPLICATION/SPARQL-RESULTS+XML", "application/sparql-results+xml"),
    ("text/csv; q=not-a-number", "text/csv"),
    ("garbage, text/csv", "text/csv"),
    # SPARQLWrapper's JSON Accept
    ("application/sparql-results+json,application/json,text/javascript,application/javascript", "application/sparql-results+json"),
    # a browser
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml"),
]


@pytest.mark.parametrize(("accept", "expected"), SELECT_CASES)
def test_select_results(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept, RESULT_TYPES) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/csv", None),  # SPARQL defines no CSV form for ASK
        ("text/csv, application/sparql-results+json;q=0.1", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
    ],
)
def test_boolean_results(accept: str, expected: str | None) -> None:
    assert negotiate(accept, BOOLEAN_TYPES) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/plain", "text/plain"),
        ("application/sparql-results+json", None),
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
    ],
)
def test_graph_results(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept, GRAPH_TYPES) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("*/*", "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/json", "application/json"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples, text/turtle;q=0.9", "application/n-triples"),
        ("text/csv", None),
    ],
)
def test_pages(accept: str, expected: str | None) -> None:
    assert negotiate(accept, PAGE_TYPES) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [(None, "text/html"), ("application/json", "application/json"), ("text/csv", "text/csv"), ("text/turtle", None)],
)
def test_tables(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept, TABLE_TYPES) == expected


def test_parse_accept_keeps_parameters_and_q() -> None:
    (item,) = parse_accept('text/html;level=1;q=0.4;ext="x"')
    assert (item.type, item.subtype, item.params, item.q) == ("text", "html", (("level", "1"),), 0.4)
    assert parse_accept("*/html, text, /x") == []


def test_more_specific_range_decides() -> None:
    # text/csv is refused outright even though text/* is welcome
    assert negotiate("text/*;q=1, text/csv;q=0", ["text/csv", "text/tab-separated-values"]) == "text/tab-separated-values"


@pytest.mark.parametrize(
    ("header", "expected"),
    [("application/sparql-query; charset=UTF-8", "application/sparql-query"), (None, ""), (" Text/Turtle ", "text/turtle")],
)
def test_media_type(header: str | None, expected: str) -> None:
    assert media_type(header) == expected
