"""Node positions and display helpers shared by the HTML and the static pictures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

import networkx as nx

from plangraph.network._classes import CLASS_INFO

if TYPE_CHECKING:
    from plangraph.network._metrics import Hop

__all__ = ["LAYOUT_SEED", "class_order", "drawing_positions", "layout_positions", "path_positions", "shorten"]

LAYOUT_SEED: Final = 7
# networkx's spring layout switches to a scipy-based solver from 500 nodes on;
# the project does not depend on scipy, so larger graphs use ForceAtlas2 (numpy only).
_SPRING_LIMIT: Final = 500


def layout_positions(graph: nx.Graph, *, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Positions in about [-1, 1]² from a seeded force layout: the same graph gives the same picture.

    Each connected component is laid out on its own and the components are
    packed in rows, largest first: one force layout of a disconnected graph
    flings the components to the edges and crushes each into a dot.
    """
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    pieces = [_component_layout(graph.subgraph(nodes), seed) for nodes in components]
    placed = _pack(pieces)
    if not placed:
        return {}
    xs = [x for x, _ in placed.values()]
    ys = [y for _, y in placed.values()]
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {node: ((x - centre_x) / half, (y - centre_y) / half) for node, (x, y) in placed.items()}


def drawing_positions(
    graph: nx.Graph, path: Sequence[Hop], *, seed: int = LAYOUT_SEED
) -> dict[str, tuple[float, float]]:
    """A straight line for a graph that is just ``path``, else :func:`layout_positions`."""
    if path:
        ordered = [path[0].source, *(hop.target for hop in path)]
        if set(ordered) == set(graph):
            return path_positions(ordered)
    return layout_positions(graph, seed=seed)


def path_positions(nodes: list[str]) -> dict[str, tuple[float, float]]:
    """A path's nodes left to right, alternately a little up and down so long labels do not collide."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    step = 2.0 / (len(nodes) - 1)
    return {node: (-1.0 + i * step, 0.12 if i % 2 else -0.12) for i, node in enumerate(nodes)}


def _component_layout(component: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """One connected component, scaled so its area grows with its node count."""
    size = len(component)
    if size == 1:
        return {next(iter(component)): (0.0, 0.0)}
    if size < _SPRING_LIMIT:
        # A wider spacing than networkx's default 1/sqrt(n) keeps hubs' leaves apart enough to label.
        positions = nx.spring_layout(component, k=1.6 / math.sqrt(size), iterations=150, seed=seed)
    else:
        positions = nx.rescale_layout_dict(nx.forceatlas2_layout(component, seed=seed, max_iter=200))
    radius = math.sqrt(size)
    return {node: (float(x) * radius, float(y) * radius) for node, (x, y) in positions.items()}


def _pack(pieces: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Place laid-out components left to right in rows about as wide as the whole is tall."""
    gap = 1.0
    boxes = []
    for piece in pieces:
        xs = [x for x, _ in piece.values()]
        ys = [y for _, y in piece.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + gap, max(ys) - min(ys) + gap))
    row_width = math.sqrt(sum(w * h for *_, w, h in boxes)) * 1.2
    placed: dict[str, tuple[float, float]] = {}
    cursor_x = cursor_y = row_height = 0.0
    for piece, (left, bottom, width, height) in zip(pieces, boxes, strict=True):
        if cursor_x > 0 and cursor_x + width > row_width:
            cursor_x, cursor_y, row_height = 0.0, cursor_y - row_height, 0.0
        for node, (x, y) in piece.items():
            placed[node] = (x - left + cursor_x, y - bottom + cursor_y - height)
        cursor_x += width
        row_height = max(row_height, height)
    return placed


def class_order(class_name: str) -> tuple[int, str]:
    """Sort key putting known classes in the table's order (goals, tasks, ..., entities), others after."""
    names = list(CLASS_INFO)
    return (names.index(class_name) if class_name in names else len(names), class_name)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 1)] + "…"
