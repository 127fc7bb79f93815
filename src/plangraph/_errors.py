"""Exceptions raised by plangraph.

Every error the package raises on purpose derives from one root, so a caller
can catch ``PlangraphError`` and print its message as a one-line report::

    PlangraphError
    ├── SourceError         a source document is missing, empty, not UTF-8 or truncated
    ├── ExtractError        the text does not have the shape of a plan report (doc id + char span)
    ├── MappingError        records cannot be turned into triples
    ├── ValidationError     the graph does not conform to the SHACL shapes
    ├── InputError          a user-supplied file or parameter is malformed (file, line, column)
    ├── NotFound            a named query, resource or graph does not exist
    └── StoreError          a store backend failed
        ├── QuerySyntaxError    the SPARQL text does not parse
        ├── QueryTimeout        a query ran past its time limit
        ├── StoreUnavailable    a remote endpoint cannot be reached
        └── ReadOnly            a write was sent to a read-only store
"""

from __future__ import annotations

__all__ = [
    "ExtractError",
    "InputError",
    "MappingError",
    "NotFound",
    "PlangraphError",
    "QuerySyntaxError",
    "QueryTimeout",
    "ReadOnly",
    "SourceError",
    "StoreError",
    "StoreUnavailable",
    "ValidationError",
]


class PlangraphError(Exception):
    """Root of every error plangraph raises on purpose."""


class SourceError(PlangraphError):
    """A source document cannot be read as a plan report."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class ExtractError(PlangraphError):
    """The text lacks a structure the extractor needs; carries the document and span."""

    def __init__(self, message: str, *, doc_id: str, start: int | None = None, end: int | None = None) -> None:
        where = doc_id if start is None else f"{doc_id} [{start}:{end}]"
        super().__init__(f"{where}: {message}")
        self.doc_id = doc_id
        self.start = start
        self.end = end


class MappingError(PlangraphError):
    """Records cannot be mapped to RDF."""


class ValidationError(PlangraphError):
    """The graph does not conform to the shapes."""


class InputError(PlangraphError):
    """A user-supplied file or parameter is malformed."""


class NotFound(PlangraphError):
    """A named thing does not exist."""


class StoreError(PlangraphError):
    """A store backend failed."""


class QuerySyntaxError(StoreError):
    """The SPARQL text does not parse; the message carries line and column where known."""


class QueryTimeout(StoreError):
    """A query ran past its time limit and was cut off."""


class StoreUnavailable(StoreError):
    """A remote endpoint could not be reached."""


class ReadOnly(StoreError):
    """A write was attempted on a read-only store."""
