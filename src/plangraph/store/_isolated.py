"""IsolatedStore: Oxigraph in worker processes, so a runaway query can be cut off.

pyoxigraph cannot interrupt a query once it runs (oxigraph issue #1926), and
a Python thread cannot be killed. So every query runs in a worker process
(``multiprocessing``, spawn context, so no lock or handle is inherited from
the server); when the time limit passes, the worker is killed and a fresh one
is started in its place, and the caller gets :class:`QueryTimeout`. A pool of
workers (two by default) keeps answering other callers meanwhile.

Each worker opens the same data on its own:

* ``files`` — RDF files parsed into the worker's in-memory store (a
  ``(path, graph IRI)`` pair loads a file into that named graph); or
* ``path`` — an on-disk Oxigraph store opened read-only by every worker.

Writes (when the store is not read-only, ``files`` only) go to every worker
and are kept in a log that a restarted worker replays, so all workers hold
the same data.

Results cross the process boundary as the plain values of ``_results``
(pickled); :meth:`IsolatedStore.evaluate` can cap the rows a worker sends
back, reading solutions lazily, so a huge result is cut at the cap instead
of being built whole.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Final, NamedTuple

import pyoxigraph as ox

from plangraph._errors import (
    InputError,
    NotFound,
    PlangraphError,
    QuerySyntaxError,
    QueryTimeout,
    ReadOnly,
    StoreError,
    StoreUnavailable,
)
from plangraph.store._base import Store, refuse_remote_access
from plangraph.store._formats import graph_format, parse_rdf, serialize_rdf
from plangraph.store._results import (
    GraphResult,
    QueryResult,
    SelectResult,
    Term,
    from_ox,
    from_ox_result,
)
from plangraph.store._sparql import has_dataset_clause, syntax_error

__all__ = ["Evaluation", "IsolatedStore"]

#: Errors a worker may report, by class name (exceptions are sent as name + message, not pickled).
_ERRORS: Final[dict[str, type[PlangraphError]]] = {
    cls.__name__: cls
    for cls in (InputError, NotFound, QuerySyntaxError, QueryTimeout, ReadOnly, StoreError, StoreUnavailable)
}
_SPAWN: Final = multiprocessing.get_context("spawn")


class Evaluation(NamedTuple):
    """A query result, whether rows were cut at the cap, and the seconds the worker took."""

    result: QueryResult
    truncated: bool
    seconds: float


@dataclass(frozen=True, slots=True)
class _Source:
    """What a worker opens: files (with target graphs) or an on-disk store path."""

    files: tuple[tuple[str, str | None], ...]
    path: str | None


class IsolatedStore(Store):
    """A read-mostly Oxigraph store whose queries run in killable worker processes.

    ``timeout`` (seconds) bounds every query; ``workers`` processes answer in
    parallel. Construction waits until every worker has loaded the data, so a
    malformed file fails here with :class:`InputError`.

    Example::

        from pathlib import Path
        from plangraph.store import IsolatedStore

        with IsolatedStore(sorted(Path("data/triples").glob("*.ttl")), timeout=10) as store:
            answer = store.evaluate("SELECT * WHERE { ?s ?p ?o }", max_rows=100)
            print(len(answer.result), answer.truncated)
    """

    def __init__(
        self,
        files: Iterable[Path | str | tuple[Path | str, str | None]] = (),
        *,
        path: Path | str | None = None,
        workers: int = 2,
        timeout: float = 10.0,
        read_only: bool = True,
        start_timeout: float = 120.0,
    ) -> None:
        super().__init__(read_only=read_only or path is not None)
        if workers < 1:
            raise InputError(f"workers must be at least 1, not {workers}")
        if timeout <= 0:
            raise InputError(f"timeout must be positive, not {timeout}")
        entries: list[tuple[str, str | None]] = []
        for item in files:
            file, graph = item if isinstance(item, tuple) else (item, None)
            entries.append((str(Path(file).resolve()), graph))
        if path is not None and entries:
            raise InputError("give either files or an on-disk store path, not both")
        if path is not None and not Path(path).is_dir():
            raise NotFound(f"no Oxigraph store at {path}")
        self._source = _Source(tuple(entries), None if path is None else str(Path(path).resolve()))
        self.timeout = timeout
        self._start_timeout = start_timeout
        self._log: list[tuple[str, Any]] = []  # writes replayed by a restarted worker
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._writes = threading.Lock()  # one broadcast at a time, so two never hold half the pool each
        self._members = threading.Lock()
        for _ in range(workers):
            self._all.append(_Worker(self._source, []))
        try:
            for worker in self._all:
                worker.wait_ready(start_timeout)
        except BaseException:
            self._stop_all()
            raise
        for worker in self._all:
            self._idle.put(worker)

    def __repr__(self) -> str:
        where = self._source.path or f"{len(self._source.files)} files"
        return f"IsolatedStore({where!r}, workers={len(self._all)}, timeout={self.timeout})"

    @property
    def workers(self) -> int:
        """How many worker processes answer queries."""
        return len(self._all)

    def evaluate(
        self,
        sparql: str,
        *,
        max_rows: int | None = None,
        timeout: float | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Evaluation:
        """Run a query with a time limit and an optional row cap.

        ``default_graph`` / ``named_graphs`` (graph IRIs) set the query's
        dataset, as the SPARQL protocol's ``default-graph-uri`` and
        ``named-graph-uri`` do; by default the default graph is the union of
        all graphs. Raises :class:`QueryTimeout` when ``timeout`` (default:
        the store's) passes; the worker is then replaced.
        """
        self._check_open()
        refuse_remote_access(sparql, update=False)
        limit = self.timeout if timeout is None else timeout
        args = (sparql, max_rows, list(default_graph or []) or None, list(named_graphs or []) or None)
        value = self._run("query", args, limit)
        result, truncated, seconds = value
        return Evaluation(result, truncated, seconds)

    # -- backend hooks ----------------------------------------------------------

    def _query(self, sparql: str) -> QueryResult:
        # Store.query has already refused SERVICE; evaluate checks again, which is cheap
        return self.evaluate(sparql).result

    def _update(self, sparql: str) -> None:
        self._broadcast("update", sparql)

    def _insert(self, quads: list[ox.Quad]) -> None:
        # pyoxigraph terms do not pickle: send N-Quads bytes
        self._broadcast("insert", serialize_rdf(quads, "nquads"))

    def _quads(self, graph: str | None) -> Iterable[ox.Quad]:
        data = self._run("dump", graph, max(self.timeout, 60.0))
        return parse_rdf(data, format="nquads")

    def _graphs(self) -> Iterable[str]:
        names: list[str] = self._run("graphs", None, max(self.timeout, 60.0))
        return names

    def _count(self, graph: str | None) -> int:
        count: int = self._run("count", graph, max(self.timeout, 60.0))
        return count

    def _clear(self, graph: str | None) -> None:
        self._broadcast("clear", graph)

    def _close(self) -> None:
        self._stop_all()

    # -- the pool -----------------------------------------------------------------

    def _run(self, op: str, args: Any, limit: float) -> Any:
        """Send one request to an idle worker and wait at most ``limit`` seconds for its answer."""
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            raise QueryTimeout(f"all {len(self._all)} query workers stayed busy for {limit:g} s; try again") from None
        try:
            worker.wait_ready(self._start_timeout)
            remaining = max(limit - (time.monotonic() - started), 0.05)
            answer = worker.call(op, args, remaining)
        except (QueryTimeout, StoreUnavailable):
            # the fresh worker rejoins the pool once it has loaded the data, so no caller waits on its start
            fresh = self._replace(worker)
            threading.Thread(target=self._rejoin, args=(fresh,), name="plangraph-worker-start", daemon=True).start()
            raise
        except BaseException:
            self._idle.put(worker)
            raise
        self._idle.put(worker)
        return answer

    def _rejoin(self, worker: _Worker) -> None:
        try:
            worker.wait_ready(self._start_timeout)
        except PlangraphError:
            pass  # the next caller meets the error and replaces the worker again
        finally:
            self._idle.put(worker)

    def _broadcast(self, op: str, args: Any) -> None:
        """Apply a write to every worker (all or none answer), then log it for restarts."""
        limit = max(self.timeout, 60.0)
        with self._writes:
            taken: list[_Worker] = []
            try:
                for _ in self._all:
                    taken.append(self._idle.get(timeout=limit))
                for index, worker in enumerate(taken):
                    worker.wait_ready(self._start_timeout)
                    try:
                        worker.call(op, args, limit)
                    except (QueryTimeout, StoreUnavailable):
                        taken[index] = self._replace(worker)
                        raise
                self._log.append((op, args))
            except queue.Empty:
                raise QueryTimeout(f"the query workers stayed busy for {limit:g} s; the write was not applied") from None
            finally:
                for worker in taken:
                    self._idle.put(worker)

    def _replace(self, worker: _Worker) -> _Worker:
        """Kill ``worker`` and start a fresh one that loads the data and replays the write log."""
        worker.stop()
        fresh = _Worker(self._source, list(self._log))
        with self._members:
            self._all = [fresh if w is worker else w for w in self._all]
        return fresh

    def _stop_all(self) -> None:
        with self._members:
            for worker in self._all:
                worker.stop()


class _Worker:
    """The parent's handle on one worker process and its pipe."""

    def __init__(self, source: _Source, log: list[tuple[str, Any]]) -> None:
        self._conn, child = _SPAWN.Pipe()
        self._process: BaseProcess = _SPAWN.Process(
            target=_serve, args=(child, source, log), name="plangraph-query-worker", daemon=True
        )
        self._process.start()
        child.close()
        self._ready = False

    def wait_ready(self, limit: float) -> None:
        """Block until the worker has loaded its data (InputError etc. if it could not)."""
        if self._ready:
            return
        self._receive(limit, what="start")
        self._ready = True

    def call(self, op: str, args: Any, limit: float) -> Any:
        try:
            self._conn.send((op, args))
        except (OSError, EOFError) as exc:
            raise StoreUnavailable(f"the query worker is gone: {exc}") from exc
        return self._receive(limit, what=op)

    def _receive(self, limit: float, *, what: str) -> Any:
        try:
            ready = self._conn.poll(limit)
        except (OSError, EOFError) as exc:
            raise StoreUnavailable(f"the query worker is gone: {exc}") from exc
        if not ready:
            if what == "query":
                raise QueryTimeout(f"the query ran past the {limit:.3g} s time limit and was cut off")
            raise QueryTimeout(f"the query worker did not finish its {what} within {limit:.3g} s")
        try:
            message = self._conn.recv()
        except (OSError, EOFError) as exc:
            code = self._process.exitcode
            raise StoreUnavailable(f"the query worker died (exit code {code}), perhaps out of memory") from exc
        if message[0] == "ok":
            return message[1]
        raise _ERRORS.get(message[1], StoreError)(message[2])

    def stop(self) -> None:
        """Terminate the process (then kill it if it lingers); idempotent."""
        try:
            self._conn.close()
        except OSError:
            pass
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(2)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(2)


# -- the worker process ------------------------------------------------------------


def _serve(conn: Connection, source: _Source, log: list[tuple[str, Any]]) -> None:
    """Worker main loop: open the data, say ready, then answer requests until the pipe closes."""
    try:
        store = _open(source)
        for op, args in log:
            _handle(store, op, args)
    except PlangraphError as exc:
        conn.send(("error", type(exc).__name__, str(exc)))
        return
    conn.send(("ok", len(store)))
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[Any, ...] = ("ok", _handle(store, op, args))
        except PlangraphError as exc:
            answer = ("error", type(exc).__name__, str(exc))
        try:
            conn.send(answer)
        except (OSError, ValueError) as exc:  # e.g. a result too large to pickle
            conn.send(("error", "StoreError", f"the result could not be sent back: {exc}"))


def _open(source: _Source) -> ox.Store:
    if source.path is not None:
        try:
            return ox.Store.read_only(source.path)
        except OSError as exc:
            raise StoreError(f"cannot open the Oxigraph store at {source.path}: {exc}") from exc
    store = ox.Store()
    for file, graph in source.files:
        fmt = graph_format(Path(file).suffix.lstrip(".") or "turtle")
        store.extend(parse_rdf(Path(file), format=fmt, graph=graph))
    return store


def _handle(store: ox.Store, op: str, args: Any) -> Any:
    """Carry out one request inside the worker; backend errors become plangraph errors."""
    try:
        if op == "query":
            return _evaluate(store, *args)
        if op == "update":
            store.update(args)
            return None
        if op == "insert":
            store.extend(parse_rdf(args, format="nquads"))
            return None
        if op == "dump":
            quads = store if args is None else store.quads_for_pattern(None, None, None, ox.NamedNode(args))
            return serialize_rdf(quads, "nquads")
        if op == "graphs":
            return [g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and _non_empty(store, g)]
        if op == "count":
            if args is None:
                return len(store)
            return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(args)))
        if op == "clear":
            if args is None:
                store.clear()
            elif store.contains_named_graph(ox.NamedNode(args)):
                store.remove_graph(ox.NamedNode(args))
            return None
    except SyntaxError as exc:
        raise syntax_error(str(exc)) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise StoreError(f"Oxigraph could not carry out the {op}: {exc}") from exc
    raise StoreError(f"unknown worker request {op!r}")


def _evaluate(
    store: ox.Store,
    sparql: str,
    max_rows: int | None,
    default_graph: list[str] | None,
    named_graphs: list[str] | None,
) -> tuple[QueryResult, bool, float]:
    started = time.perf_counter()
    options: dict[str, Any] = {}
    if default_graph is not None or named_graphs is not None:
        if default_graph is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    else:
        # the union option would override a query's own FROM clauses
        options["use_default_graph_as_union"] = not has_dataset_clause(sparql)
    raw = store.query(sparql, **options)
    truncated = False
    result: QueryResult
    if max_rows is None or isinstance(raw, ox.QueryBoolean):
        result = from_ox_result(raw)
    elif isinstance(raw, ox.QuerySolutions):
        names = [v.value for v in raw.variables]
        rows: list[dict[str, Term | None]] = []
        for solution in raw:  # lazy: stop pulling solutions at the cap
            if len(rows) == max_rows:
                truncated = True
                break
            rows.append({n: None if (t := solution[i]) is None else from_ox(t) for i, n in enumerate(names)})
        result = SelectResult(names, rows)
    else:
        triples: list[tuple[Term, Term, Term]] = []
        for triple in raw:
            if len(triples) == max_rows:
                truncated = True
                break
            triples.append((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        result = GraphResult(triples)
    return result, truncated, time.perf_counter() - started


def _non_empty(store: ox.Store, graph: ox.NamedNode) -> bool:
    return next(store.quads_for_pattern(None, None, None, graph), None) is not None
