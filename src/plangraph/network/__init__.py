"""Network analysis and standalone pictures of the plan graph.

Project the RDF graph in a :class:`~plangraph.store.Store` onto a networkx
graph (:func:`project`, with a :class:`Projection` or one of the
:data:`PRESETS`: ``plan``, ``spatial``, ``indicators``, ``all``), measure
it (:func:`degrees`, :func:`betweenness`, :func:`goal_bridges`,
:func:`communities`, :func:`shortest_path`), and draw it: a standalone
offline HTML page (:func:`write_html`) or a PNG/SVG picture with Chinese
labels (:func:`write_static`). :func:`build_view` and :func:`write_view`
do all of it in two calls; :func:`compute_stats` gives the rows behind
``plangraph stats``. Only ``Store.query`` (SPARQL) is used, so every store
backend works.

Example::

    from pathlib import Path
    from plangraph.network import build_view, write_view
    from plangraph.store import open_store

    store = open_store()
    for ttl in sorted(Path("data/triples").glob("*.ttl")):
        store.load(ttl, format="turtle")
    view = build_view(store, "plan", goal=3)
    write_view(view, "goal3.png")
"""

from __future__ import annotations

from plangraph.network._classes import CLASS_INFO, PG, ClassInfo, class_colour
from plangraph.network._html import remote_references, render_html, write_html
from plangraph.network._layout import LAYOUT_SEED, layout_positions
from plangraph.network._metrics import (
    Bridge,
    Hop,
    betweenness,
    communities,
    degrees,
    describe_path,
    goal_bridges,
    goals_reached,
    shortest_path,
)
from plangraph.network._presets import PRESETS, get_preset
from plangraph.network._projection import Projection, goal_subgraph, neighbourhood, project, resolve_node
from plangraph.network._static import CJK_FONT_FAMILY, cjk_font_path, register_cjk_font, render_static, write_static
from plangraph.network._stats import NODE_COLUMNS, Stats, compute_stats, curie, rows_to_csv
from plangraph.network._view import OUTPUT_FORMATS, View, build_view, resolve_goal, write_view

__all__ = [
    "Bridge",
    "CJK_FONT_FAMILY",
    "CLASS_INFO",
    "ClassInfo",
    "Hop",
    "LAYOUT_SEED",
    "NODE_COLUMNS",
    "OUTPUT_FORMATS",
    "PG",
    "PRESETS",
    "Projection",
    "Stats",
    "View",
    "betweenness",
    "build_view",
    "cjk_font_path",
    "class_colour",
    "communities",
    "compute_stats",
    "curie",
    "degrees",
    "describe_path",
    "get_preset",
    "goal_bridges",
    "goal_subgraph",
    "goals_reached",
    "layout_positions",
    "neighbourhood",
    "project",
    "register_cjk_font",
    "remote_references",
    "render_html",
    "render_static",
    "resolve_goal",
    "resolve_node",
    "rows_to_csv",
    "shortest_path",
    "write_html",
    "write_static",
    "write_view",
]
