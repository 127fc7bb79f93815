"""plangraph: a knowledge graph of city development plans."""

from ._errors import (
    ExtractError,
    InputError,
    MappingError,
    NotFound,
    PlangraphError,
    QuerySyntaxError,
    QueryTimeout,
    ReadOnly,
    SourceError,
    StoreError,
    StoreUnavailable,
    ValidationError,
)
from .__version__ import __version__

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
    "__version__",
]
