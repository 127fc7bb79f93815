"""SPARQL text helpers shared by the backends: rdflib parsing, algebra walking, a lexical scanner.

The scanner (:func:`keyword_in_code`, :func:`has_dataset_clause`) looks at a
query's code only — after undoing ``\\uXXXX`` escapes, which SPARQL applies
before parsing, and with strings, IRIs and comments blanked — so it is a cheap
first pass; decisions about SERVICE and LOAD are taken on the parsed algebra
(:func:`check_algebra`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final, overload
from typing import Literal as L

from plangraph._errors import QuerySyntaxError, StoreError

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.plugins.sparql.sparql import Query, Update

__all__ = [
    "check_algebra",
    "has_dataset_clause",
    "keyword_in_code",
    "syntax_error",
    "translate_sparql",
]

_OXIGRAPH_POSITION: Final = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
_CODEPOINT_ESCAPE: Final = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRIREF: Final = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_QUERY_KEYWORDS: Final = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)
_DATASET_CLAUSE: Final = re.compile(r"(?<![\w?$:])FROM(?![\w:])", re.IGNORECASE)
_UPDATE_KEYWORDS: Final = re.compile(r"(?<![\w?$:])(?:SERVICE|LOAD)(?![\w:])", re.IGNORECASE)


def syntax_error(
    detail: str, line: int | None = None, column: int | None = None, *, source: str | None = None
) -> QuerySyntaxError:
    """Build a QuerySyntaxError in the common form ``… at line L, column C: detail``.

    When ``line`` is None, a position in Oxigraph's ``error at L:C: …`` form is
    looked for in ``detail``. ``source`` (e.g. the endpoint URL) is appended.
    """
    if line is None and (match := _OXIGRAPH_POSITION.search(detail)):
        line, column, detail = int(match[1]), int(match[2]), match[3]
    where = "" if line is None else f" at line {line}, column {column}"
    suffix = "" if source is None else f" (reported by {source})"
    return QuerySyntaxError(f"SPARQL syntax error{where}: {detail.strip()}{suffix}")


@overload
def translate_sparql(sparql: str, *, update: L[False]) -> Query: ...
@overload
def translate_sparql(sparql: str, *, update: L[True]) -> Update: ...
@overload
def translate_sparql(sparql: str, *, update: bool) -> Query | Update: ...


def translate_sparql(sparql: str, *, update: bool) -> Query | Update:
    """Parse and translate SPARQL with rdflib; QuerySyntaxError (line, column) if it does not parse."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        if update:
            update_tree = parseUpdate(sparql)
            _check_prefixes(sparql, update_tree)
            return translateUpdate(update_tree)
        query_tree = parseQuery(sparql)
        _check_prefixes(sparql, query_tree)
        return translateQuery(query_tree)
    except QuerySyntaxError:
        raise
    except ParseBaseException as exc:
        raise syntax_error(exc.msg, exc.lineno, exc.col) from exc
    except RecursionError as exc:
        raise QuerySyntaxError("SPARQL text nests too deeply to parse") from exc
    except Exception as exc:  # rdflib's translator raises bare Exception, e.g. for an unknown prefix
        raise syntax_error(str(exc)) from exc


def check_algebra(node: object) -> None:
    """Walk an rdflib query/update algebra; StoreError on SERVICE or LOAD."""
    for item in _walk(node):
        if item.name == "ServiceGraphPattern":
            raise StoreError("SERVICE is not allowed: stores never call other endpoints")
        if item.name == "Load":
            raise StoreError("LOAD is not allowed: use Store.load to add data")


def _walk(node: object) -> Iterator[CompValue]:
    """Every rdflib CompValue in a parse tree or algebra, depth first."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack: list[object] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset, ParseResults)):
            stack.extend(item)
        elif hasattr(item, "algebra"):  # rdflib Query / Update
            stack.append(item.algebra)


def _check_prefixes(sparql: str, tree: object) -> None:
    """QuerySyntaxError for a prefix used but never declared.

    rdflib would quietly resolve ``rdfs:``, ``dcterms:``… from its built-in
    bindings; SPARQL (and Oxigraph) require a PREFIX declaration, so a query
    that runs on one backend runs on all.
    """
    declared = {item.get("prefix") or "" for item in _walk(tree) if item.name == "PrefixDecl"}
    for item in _walk(tree):
        if item.name == "pname" and (prefix := item.get("prefix") or "") not in declared:
            code = _code_only(sparql)
            where = re.search(rf"(?<![\w?$:]){re.escape(prefix)}:", code)
            offset = where.start() if where else 0
            line = code.count("\n", 0, offset) + 1
            column = offset - (code.rfind("\n", 0, offset) + 1) + 1
            raise syntax_error(f"the prefix {prefix!r} is not declared", line, column)


def keyword_in_code(sparql: str, *, update: bool) -> str | None:
    """``SERVICE`` (or, in an update, ``LOAD``) if the text's code holds that keyword, else None."""
    match = (_UPDATE_KEYWORDS if update else _QUERY_KEYWORDS).search(
        _code_only(_CODEPOINT_ESCAPE.sub(_unescape, sparql))
    )
    return None if match is None else match[0].upper()


def has_dataset_clause(sparql: str) -> bool:
    """True when a query names its dataset (``FROM`` / ``FROM NAMED``) outside strings, IRIs and comments.

    Such a query is evaluated on the dataset it names, not on the union
    default graph (Oxigraph's union option would otherwise override FROM).
    """
    return _DATASET_CLAUSE.search(_code_only(_CODEPOINT_ESCAPE.sub(_unescape, sparql))) is not None


def _unescape(match: re.Match[str]) -> str:
    try:
        return chr(int(match[1] or match[2], 16))
    except ValueError:
        return match[0]


#: Comments, string literals (long forms first) and IRIs: the parts of a query that are not code.
_NOT_CODE = re.compile(
    r'''#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)|\'\'\'(?:[^'\\]|\\.|'(?!''))*(?:\'\'\'|\Z)'''
    r'''|"(?:[^"\\\r\n]|\\.)*(?:"|$)|'(?:[^'\\\r\n]|\\.)*(?:'|$)|<[^<>"{}|^`\\\x00-\x20]*>''',
    re.MULTILINE,
)


def _code_only(text: str) -> str:
    """The text with comments, string literals and IRIs replaced by spaces."""
    return _NOT_CODE.sub(" ", text)
