"""One call from "preset plus filters" to a picture: what ``plangraph viz`` runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

import networkx as nx

from plangraph._errors import InputError, NotFound
from plangraph.network._classes import PG
from plangraph.network._html import write_html
from plangraph.network._metrics import Hop, shortest_path
from plangraph.network._presets import get_preset
from plangraph.network._projection import Projection, goal_subgraph, neighbourhood, project, resolve_node, select
from plangraph.network._static import STATIC_FORMATS, write_static
from plangraph.store import IRI, Store

__all__ = ["OUTPUT_FORMATS", "View", "build_view", "resolve_goal", "write_view"]

OUTPUT_FORMATS: Final = ("html", *STATIC_FORMATS)
_GOAL_CLASS: Final = "StrategicGoal"


@dataclass(frozen=True)
class View:
    """A network ready to draw: the graph, the projection it came from, a title and an optional path."""

    graph: nx.Graph
    projection: Projection
    title: str
    path: tuple[Hop, ...] = ()


def build_view(
    store: Store,
    preset: str | Projection = "plan",
    *,
    goal: int | str | None = None,
    focus: str | None = None,
    depth: int = 1,
    path: tuple[str, str] | None = None,
) -> View:
    """Project ``store`` with ``preset``, then narrow it, in this order.

    * ``goal``: keep one strategic goal and what hangs below it (its tasks
      and their entities on ``plan``); a number is the goal's ``pg:order``,
      text is an IRI or label;
    * ``focus`` and ``depth``: keep the nodes at most ``depth`` hops from
      ``focus`` (IRI or label);
    * ``path``: keep one shortest path between two nodes (IRIs or labels),
      whose hops :attr:`View.path` reports with their predicates.
    """
    projection = get_preset(preset) if isinstance(preset, str) else preset
    graph = project(store, projection)
    qualifiers = []
    if goal is not None:
        if not projection.goal_chains:
            raise InputError(f"the {projection.name} view has no goals to filter by; use plan, indicators or all")
        goal_iri = resolve_goal(store, graph, goal)
        qualifiers.append(f"目标 goal: {graph.nodes[goal_iri]['label']}")
        graph = goal_subgraph(graph, goal_iri, projection.goal_chains)
    if focus is not None:
        focus_iri = resolve_node(graph, focus)
        qualifiers.append(f"{graph.nodes[focus_iri]['label']} 的 {depth} 步邻域 ({depth}-hop neighbourhood)")
        graph = neighbourhood(graph, focus_iri, depth)
    hops: list[Hop] = []
    if path is not None:
        start, end = (resolve_node(graph, ref) for ref in path)
        hops = shortest_path(graph, start, end)
        qualifiers.append(f"路径 path: {graph.nodes[start]['label']} → {graph.nodes[end]['label']}")
        graph = graph.subgraph([start, *(hop.target for hop in hops)]).copy()
    title = " · ".join([f"规划图谱 {projection.title_zh} ({projection.name})", *qualifiers])
    return View(graph, projection, title, tuple(hops))


def resolve_goal(store: Store, graph: nx.Graph, goal: int | str) -> str:
    """The IRI of the strategic goal ``goal`` names in ``graph`` (its number, IRI or label)."""
    text = str(goal).strip()
    if not text.isdigit():
        iri = resolve_node(graph, text)
        if graph.nodes[iri]["class"] != _GOAL_CLASS:
            raise InputError(f"{text!r} is a {graph.nodes[iri]['class']}, not a strategic goal")
        return iri
    number = int(text)
    rows = select(
        store,
        f"SELECT DISTINCT ?goal ?order WHERE {{ ?goal a <{PG}{_GOAL_CLASS}> ; <{PG}order> ?order }}",
    )
    numbered = {
        row["goal"].value: str(row["order"])
        for row in rows
        if isinstance(row["goal"], IRI) and row["goal"].value in graph
    }
    matches = sorted(iri for iri, order in numbered.items() if order.strip().isdigit() and int(order) == number)
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = "; ".join(f"{graph.nodes[m]['label']} <{m}>" for m in matches)
        raise InputError(f"goal {number} is ambiguous (several plans are loaded), give an IRI: {listed}")
    available = ", ".join(
        f"{order} {graph.nodes[iri]['label']}"
        for iri, order in sorted(numbered.items(), key=lambda item: (len(item[1]), item[1]))
    )
    raise NotFound(f"no goal {number} in the {projection_name(graph)} view; goals: {available or 'none'}")


def projection_name(graph: nx.Graph) -> str:
    """The name of the view ``graph`` was projected for (for messages)."""
    return str(graph.graph.get("projection", "this"))


def write_view(view: View, output: Path | str, *, fmt: str | None = None) -> Path:
    """Draw ``view`` to ``output``: HTML page, PNG or SVG by ``fmt`` or else by the file's suffix."""
    target = Path(output)
    chosen = (fmt or target.suffix.lstrip(".")).lower()
    if chosen not in OUTPUT_FORMATS:
        raise InputError(f"cannot tell the format of {target.name!r}; use a .html, .png or .svg file")
    if chosen == "html":
        return write_html(view.graph, target, title=view.title, path=view.path)
    return write_static(view.graph, target, title=view.title, fmt=chosen, path=view.path)
