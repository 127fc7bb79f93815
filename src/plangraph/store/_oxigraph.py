"""OxigraphStore: the embedded pyoxigraph (RocksDB) store, in memory or on disk.

Queries run with ``use_default_graph_as_union=True``, so they span the named
graphs — except queries with FROM / FROM NAMED, which pyoxigraph's union
option would silently override, so they run on the dataset they name.

pyoxigraph 0.5 evaluates ``SERVICE`` (and ``LOAD``) by making HTTP requests
itself; the shared check in ``Store.query``/``Store.update`` refuses those
texts before pyoxigraph sees them.

pyoxigraph offers no way to interrupt a running query, so this store has no
query timeout: bound expensive queries in the caller, or use a
:class:`RemoteStore` against ``oxigraph serve --timeout-s``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from plangraph._errors import NotFound, StoreError
from plangraph.store._base import Store
from plangraph.store._results import QueryResult, from_ox_result
from plangraph.store._sparql import has_dataset_clause, syntax_error

__all__ = ["OxigraphStore"]


class OxigraphStore(Store):
    """Embedded Oxigraph: in memory when ``path`` is None, else persisted in the directory ``path``.

    A read-only store opens an existing directory with
    ``pyoxigraph.Store.read_only`` (several processes may read at once) and
    raises :class:`NotFound` when there is none; writes raise
    :class:`ReadOnly`.

    >>> with OxigraphStore() as store:
    ...     store.update('INSERT DATA { GRAPH <https://e.org/g> { <https://e.org/a> <https://e.org/p> 1 } }')
    ...     store.count()
    1
    """

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        super().__init__(read_only=read_only)
        self._path = None if path is None else Path(path)
        try:
            if self._path is None:
                self._store = ox.Store()
            elif read_only:
                if not self._path.is_dir():
                    raise NotFound(f"no Oxigraph store at {self._path}")
                self._store = ox.Store.read_only(str(self._path))
            else:
                self._store = ox.Store(self._path)
        except OSError as exc:
            raise StoreError(f"cannot open the Oxigraph store at {self._path}: {exc}") from exc

    @property
    def path(self) -> Path | None:
        """The store directory, or None for an in-memory store."""
        return self._path

    def __repr__(self) -> str:
        where = "memory" if self._path is None else str(self._path)
        return f"OxigraphStore({where!r}, read_only={self.read_only})"

    def _query(self, sparql: str) -> QueryResult:
        try:
            # evaluation is lazy: convert inside the try so late errors are mapped too
            union = not has_dataset_clause(sparql)  # the union option would override FROM
            return from_ox_result(self._store.query(sparql, use_default_graph_as_union=union))
        except SyntaxError as exc:
            raise syntax_error(str(exc)) from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise StoreError(f"Oxigraph could not evaluate the query: {exc}") from exc

    def _update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise syntax_error(str(exc)) from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise StoreError(f"Oxigraph could not apply the update: {exc}") from exc

    def _insert(self, quads: list[ox.Quad]) -> None:
        try:
            self._store.extend(quads)  # one transaction: all or nothing
        except OSError as exc:
            raise StoreError(f"Oxigraph could not store the data: {exc}") from exc

    def _quads(self, graph: str | None) -> Iterable[ox.Quad]:
        try:
            if graph is None:
                return list(self._store)
            return list(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        except OSError as exc:
            raise StoreError(f"Oxigraph could not read the data: {exc}") from exc

    def _graphs(self) -> Iterable[str]:
        names = []
        for name in self._store.named_graphs():
            if isinstance(name, ox.NamedNode) and next(self._store.quads_for_pattern(None, None, None, name), None):
                names.append(name.value)
        return names

    def _count(self, graph: str | None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def _clear(self, graph: str | None) -> None:
        try:
            if graph is None:
                self._store.clear()
            elif self._store.contains_named_graph(ox.NamedNode(graph)):
                self._store.remove_graph(ox.NamedNode(graph))
        except OSError as exc:
            raise StoreError(f"Oxigraph could not clear the data: {exc}") from exc

    def _close(self) -> None:
        try:
            if self._path is not None and not self.read_only:
                self._store.flush()
        except OSError as exc:
            raise StoreError(f"Oxigraph could not flush {self._path}: {exc}") from exc
        finally:
            del self._store  # drops the RocksDB handle (and its lock) so the path can be reopened
