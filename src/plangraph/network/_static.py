"""A static PNG or SVG picture of a network, with Chinese labels.

The Chinese font is the Noto Sans CJK SC file that the ``mplfonts`` package
ships, never a system font, so the picture looks the same on every machine
where plangraph is installed. It is registered with matplotlib under its
own family name, :data:`CJK_FONT_FAMILY`: a system that also has Noto CJK
installed (Debian's fonts-noto-cjk) would otherwise win matplotlib's font
matching for "Noto Sans CJK SC", and the picture would depend on the machine.

Matplotlib is imported only when a picture is made.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import io
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import networkx as nx

from plangraph._atomic import write_atomic
from plangraph._errors import InputError, PlangraphError
from plangraph.network._classes import CLASS_INFO, class_colour
from plangraph.network._layout import LAYOUT_SEED, class_order, drawing_positions, shorten
from plangraph.network._metrics import Hop
from plangraph.network._projection import local_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.font_manager import FontProperties

__all__ = ["CJK_FONT_FAMILY", "STATIC_FORMATS", "cjk_font_path", "register_cjk_font", "render_static", "write_static"]

Positions = dict[str, tuple[float, float]]

CJK_FONT_FAMILY: Final = "plangraph Noto Sans CJK SC"
CJK_FONT_FILE: Final = "NotoSansCJKsc-Regular.otf"
STATIC_FORMATS: Final = ("png", "svg")
_DPI: Final = 150
# Beyond this many nodes only the hubs get a label: a label per node would be an unreadable blot.
_LABEL_ALL_UP_TO: Final = 80
_HUB_LABELS: Final = 40
_HUB_CLASSES: Final = frozenset({"StrategicGoal", "Task", "ReviewArea", "IndicatorCategory"})
_LABEL_LIMIT: Final = 14


def cjk_font_path() -> Path:
    """The Noto Sans CJK SC file bundled in the installed ``mplfonts`` package."""
    # find_spec locates the package without running its __init__ (which imports matplotlib and fontmeta).
    spec = importlib.util.find_spec("mplfonts")
    if spec is not None and spec.submodule_search_locations:
        candidate = Path(next(iter(spec.submodule_search_locations))) / "fonts" / CJK_FONT_FILE
        if candidate.is_file():
            return candidate
    raise PlangraphError(
        f"the Chinese font {CJK_FONT_FILE} is missing: install plangraph with its dependencies (mplfonts)"
    )


def register_cjk_font() -> str:
    """Make the bundled font known to matplotlib as :data:`CJK_FONT_FAMILY` (idempotent); return that name."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    manager = font_manager.fontManager
    if any(entry.name == CJK_FONT_FAMILY for entry in manager.ttflist):
        return CJK_FONT_FAMILY
    path = cjk_font_path()
    entry = font_manager.ttfFontProperty(FT2Font(str(path)))
    manager.ttflist.append(dataclasses.replace(entry, name=CJK_FONT_FAMILY))
    # addfont also clears matplotlib's font lookup cache, which would otherwise miss the entry added above.
    manager.addfont(str(path))
    return CJK_FONT_FAMILY


def render_static(
    graph: nx.Graph,
    *,
    title: str,
    fmt: str = "png",
    path: Sequence[Hop] = (),
    seed: int = LAYOUT_SEED,
) -> bytes:
    """The picture of ``graph`` as PNG or SVG bytes: seeded layout, nodes coloured by class, legend, title.

    ``path`` hops are drawn as red arrows (RDF subject to object) labelled with their predicate.
    """
    if fmt not in STATIC_FORMATS:
        raise InputError(f"unsupported picture format {fmt!r}; use one of {', '.join(STATIC_FORMATS)}")
    import matplotlib
    from matplotlib.collections import PathCollection
    from matplotlib.figure import Figure

    family = register_cjk_font()
    with matplotlib.rc_context(
        {
            "font.family": "sans-serif",
            # DejaVu Sans backs up the few symbols Noto CJK lacks (matplotlib falls back per glyph).
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "svg.fonttype": "path",  # glyphs as outlines: the SVG shows Chinese without the font installed
            "svg.hashsalt": "plangraph",  # stable element ids, so the same graph gives the same SVG
        }
    ):
        side = min(max(8.0, len(graph) ** 0.5 * 1.7), 26.0)
        # Text grows with the canvas, more slowly, so a big picture stays legible when shrunk to a screen.
        pen = _Pen(family, (side / 12.0) ** 0.5 if side > 12.0 else 1.0)
        linear = bool(path) and len(path) + 1 == len(graph)  # the view is the path alone, laid out in a row
        figure = Figure(figsize=(side + 3.2, side * 0.5 if linear else side), dpi=_DPI)
        axes = figure.add_axes((0.01, 0.04, side / (side + 3.2) - 0.01, 0.8 if linear else 0.9))
        axes.set_axis_off()
        positions = drawing_positions(graph, path, seed=seed)
        _draw_edges(axes, graph, positions, path, pen)
        _draw_nodes(axes, graph, positions, path)
        _draw_labels(axes, graph, positions, path, pen)
        axes.autoscale_view()
        axes.margins(x=0.1, y=0.05)  # room for the labels of the outermost nodes
        if linear:
            axes.set_ylim(-0.5, 0.5)  # keep the path's zigzag gentle instead of stretched to full height
        if len(graph):
            legend = figure.legend(
                loc="upper left",
                bbox_to_anchor=(side / (side + 3.2), 0.84 if linear else 0.92),
                prop=pen.font(9),
                frameon=False,
            )
            for handle in legend.legend_handles:
                if isinstance(handle, PathCollection):
                    handle.set_sizes([40.0])  # one marker size for all: in the plot, size means degree
        figure.suptitle(title, fontproperties=pen.font(15))
        figure.text(
            0.01,
            0.005,
            f"{len(graph)} 个节点、{graph.number_of_edges()} 条边 · {len(graph)} nodes, "
            f"{graph.number_of_edges()} edges · plangraph",
            fontproperties=pen.font(8),
            color="#666666",
        )
        buffer = io.BytesIO()
        metadata: dict[str, str | None] = (
            {"Software": "plangraph"} if fmt == "png" else {"Creator": "plangraph", "Date": None}
        )
        figure.savefig(buffer, format=fmt, dpi=_DPI, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def write_static(
    graph: nx.Graph,
    output: Path,
    *,
    title: str,
    fmt: str | None = None,
    path: Sequence[Hop] = (),
    seed: int = LAYOUT_SEED,
) -> Path:
    """Write the picture to ``output``; the format is ``fmt`` or else the file's suffix (.png, .svg)."""
    chosen = fmt or output.suffix.lower().lstrip(".")
    write_atomic(output, render_static(graph, title=title, fmt=chosen, path=path, seed=seed))
    return output


def _labelled_nodes(graph: nx.Graph, always: set[str]) -> list[str]:
    if len(graph) <= _LABEL_ALL_UP_TO:
        return sorted(graph)
    hubs = sorted(graph, key=lambda n: (-graph.degree(n), n))[:_HUB_LABELS]
    chosen = set(hubs) | always | {n for n, attrs in graph.nodes(data=True) if attrs["class"] in _HUB_CLASSES}
    return sorted(chosen)


class _Pen:
    """Font properties in the bundled CJK family, scaled for the size of the picture."""

    def __init__(self, family: str, scale: float) -> None:
        self.family = family
        self.scale = scale

    def font(self, size: float) -> FontProperties:
        from matplotlib.font_manager import FontProperties

        return FontProperties(family=[self.family, "DejaVu Sans"], size=size * self.scale)


def _draw_edges(axes: Axes, graph: nx.Graph, positions: Positions, path: Sequence[Hop], pen: _Pen) -> None:
    from matplotlib.collections import LineCollection

    on_path = {frozenset((hop.source, hop.target)) for hop in path}
    plain = [(positions[u], positions[v]) for u, v in graph.edges() if frozenset((u, v)) not in on_path]
    axes.add_collection(LineCollection(plain, colors="#b5b5b5", linewidths=0.7, zorder=1))
    for hop in path:
        # Arrows point from the RDF subject to the object, whichever way the path walks.
        subject, obj = (hop.source, hop.target) if hop.direction == "forward" else (hop.target, hop.source)
        axes.annotate(
            "",
            xy=positions[obj],
            xytext=positions[subject],
            arrowprops={"arrowstyle": "-|>", "color": "#d62728", "lw": 2.5, "shrinkA": 7, "shrinkB": 7},
            zorder=2,
        )
        (x1, y1), (x2, y2) = positions[subject], positions[obj]
        axes.annotate(
            local_name(hop.predicate),
            ((x1 + x2) / 2, (y1 + y2) / 2),
            ha="center",
            va="center",
            color="#d62728",
            fontproperties=pen.font(9),
            zorder=4,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "#d62728", "linewidth": 0.6},
        )


def _draw_nodes(axes: Axes, graph: nx.Graph, positions: Positions, path: Sequence[Hop]) -> None:
    on_path = {hop.source for hop in path} | {hop.target for hop in path}
    by_class: dict[str, list[str]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        by_class[attrs["class"]].append(node)
    for name in sorted(by_class, key=class_order):
        members = by_class[name]
        info = CLASS_INFO.get(name)
        axes.scatter(
            [positions[n][0] for n in members],
            [positions[n][1] for n in members],
            s=[30 + 18 * graph.degree(n) for n in members],
            c=class_colour(name),
            edgecolors=["#111111" if n in on_path else "white" for n in members],
            linewidths=[2.0 if n in on_path else 0.6 for n in members],
            zorder=3,
            label=f"{info.label_zh} {name} ({len(members)})" if info else f"{name} ({len(members)})",
        )


def _draw_labels(axes: Axes, graph: nx.Graph, positions: Positions, path: Sequence[Hop], pen: _Pen) -> None:
    on_path = {hop.source for hop in path} | {hop.target for hop in path}
    size = 8 if len(graph) > _LABEL_ALL_UP_TO else 9
    for node in _labelled_nodes(graph, on_path):
        x, y = positions[node]
        # On a path the lower nodes take their label underneath, clear of the arrows coming down to them.
        below = bool(path) and y < 0
        axes.annotate(
            shorten(graph.nodes[node]["label"], _LABEL_LIMIT),
            (x, y),
            xytext=(0, -8 if below else 6),
            textcoords="offset points",
            ha="center",
            va="top" if below else "bottom",
            fontproperties=pen.font(size),
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
        )
