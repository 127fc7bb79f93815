"""The one way the web layer evaluates SPARQL: with the time limit and the row cap.

For an :class:`~plangraph.store.IsolatedStore` both are enforced in the worker
process (a runaway query is killed); other stores cannot be interrupted, so
their rows are only cut after the fact.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from plangraph.store import AskResult, GraphResult, IsolatedStore, SelectResult, Store
from plangraph.web.errors import BadRequest
from plangraph.web.settings import Settings

__all__ = ["Answer", "run_query", "select"]


@dataclass(frozen=True)
class Answer:
    """A query's result, whether it was cut at the row cap, and how long it took."""

    result: SelectResult | AskResult | GraphResult
    truncated: bool
    seconds: float


def run_query(
    store: Store,
    sparql: str,
    settings: Settings,
    *,
    default_graph: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    max_rows: int | None = -1,
    timeout: float | None = None,
) -> Answer:
    """Evaluate ``sparql`` within the time limit, keeping at most ``max_rows`` rows (-1: the setting).

    A protocol dataset (``default_graph`` / ``named_graphs``) needs a store
    that can set one; other stores answer 400 rather than ignore it.
    """
    cap = settings.max_rows if max_rows == -1 else max_rows
    if isinstance(store, IsolatedStore):
        evaluation = store.evaluate(
            sparql,
            max_rows=cap,
            timeout=timeout or settings.query_timeout,
            default_graph=list(default_graph) or None,
            named_graphs=list(named_graphs) or None,
        )
        return Answer(evaluation.result, evaluation.truncated, evaluation.seconds)
    if default_graph or named_graphs:
        raise BadRequest(
            "default-graph-uri and named-graph-uri are not supported by this store; use FROM / FROM NAMED in the query"
        )
    started = time.perf_counter()
    result = store.query(sparql)
    seconds = time.perf_counter() - started
    if cap is not None and isinstance(result, SelectResult) and len(result.rows) > cap:
        return Answer(SelectResult(result.variables, result.rows[:cap]), True, seconds)
    if cap is not None and isinstance(result, GraphResult) and len(result.triples) > cap:
        return Answer(GraphResult(result.triples[:cap]), True, seconds)
    return Answer(result, False, seconds)


def select(
    store: Store, sparql: str, settings: Settings, *, max_rows: int | None = -1, timeout: float | None = None
) -> SelectResult:
    """Run an internal SELECT (page data); its result must be a SelectResult."""
    result = run_query(store, sparql, settings, max_rows=max_rows, timeout=timeout).result
    if not isinstance(result, SelectResult):
        raise TypeError(f"internal query gave {type(result).__name__}, expected SELECT results")
    return result
