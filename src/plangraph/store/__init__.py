"""The store layer: one small :class:`Store` interface over three backends.

* :class:`OxigraphStore` — embedded pyoxigraph, in memory or on disk (default);
* :class:`MemoryStore` — rdflib in memory, pure Python;
* :class:`RemoteStore` — any SPARQL 1.1 Protocol endpoint over HTTP.

Pick one with :func:`open_store`. Results come back as plain values
(:class:`IRI`, :class:`Literal`, :class:`BNode` in :class:`SelectResult`,
:class:`AskResult`, :class:`GraphResult`), so nothing outside this package
touches pyoxigraph, rdflib's SPARQL engine or HTTP endpoints.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from plangraph._errors import InputError
from plangraph.store._base import Store
from plangraph.store._formats import graph_format
from plangraph.store._isolated import IsolatedStore
from plangraph.store._memory import MemoryStore
from plangraph.store._oxigraph import OxigraphStore
from plangraph.store._remote import RemoteStore
from plangraph.store._results import IRI, AskResult, BNode, GraphResult, Literal, SelectResult

__all__ = [
    "AskResult",
    "BNode",
    "GraphResult",
    "IRI",
    "IsolatedStore",
    "Literal",
    "MemoryStore",
    "OxigraphStore",
    "RemoteStore",
    "SelectResult",
    "Store",
    "graph_format",
    "open_store",
]

_SCHEME: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def open_store(spec: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open a store from a short description.

    ============================== ==========================================
    ``spec``                       store
    ============================== ==========================================
    None, ``"memory"``,            in-memory :class:`OxigraphStore`
    ``"memory:oxigraph"``
    ``"rdflib"``,                  :class:`MemoryStore`
    ``"memory:rdflib"``
    ``"http(s)://…/query"``        :class:`RemoteStore` on an Oxigraph server:
                                   ``…/update`` and ``…/store`` are derived,
                                   queries use the union default graph
    other ``"http(s)://…"``        :class:`RemoteStore` on that query endpoint
                                   only (read-only)
    a path                         on-disk :class:`OxigraphStore`
    ============================== ==========================================

    Raises :class:`InputError` for an unsupported URL scheme.
    """
    if spec is None:
        return OxigraphStore(read_only=read_only)
    if isinstance(spec, Path):
        return OxigraphStore(spec, read_only=read_only)
    text = spec.strip()
    if text.lower() in ("memory", "memory:oxigraph"):
        return OxigraphStore(read_only=read_only)
    if text.lower() in ("rdflib", "memory:rdflib"):
        return MemoryStore(read_only=read_only)
    if text.lower().startswith(("http://", "https://")):
        url = text.rstrip("/")
        base, _, last = url.rpartition("/")
        if last == "query":
            return RemoteStore(
                url,
                update_endpoint=f"{base}/update",
                graph_store=f"{base}/store",
                union_default_graph=True,
                read_only=read_only,
            )
        return RemoteStore(text, read_only=read_only)
    if _SCHEME.match(text) or text.lower().startswith("memory:"):
        raise InputError(f"unsupported store: {spec!r} (use memory, rdflib, an http(s) URL or a directory)")
    return OxigraphStore(Path(text), read_only=read_only)
