"""Static pictures: the bundled CJK font is found and used, and no glyph goes missing."""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import pytest
from network_samples import TRIPLES

from plangraph._errors import InputError
from plangraph.network import CJK_FONT_FAMILY, build_view, cjk_font_path, register_cjk_font, render_static, write_static
from plangraph.store import Store, open_store


def _missing_glyph_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "missing from" in str(w.message) and "Glyph" in str(w.message)]


def _render_recording(graph, **options) -> tuple[bytes, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render_static(graph, **options)
    return data, _missing_glyph_warnings(caught)


def test_font_is_the_one_mplfonts_ships() -> None:
    path = cjk_font_path()
    package = Path(next(iter(importlib.util.find_spec("mplfonts").submodule_search_locations)))
    assert path.is_file() and path.suffix == ".otf"
    assert path.resolve().is_relative_to(package.resolve())
    assert path.stat().st_size > 10_000_000  # the full Noto Sans CJK SC, not a stub


def test_matplotlib_finds_the_bundled_font_by_family() -> None:
    from matplotlib.font_manager import FontProperties, findfont

    assert register_cjk_font() == CJK_FONT_FAMILY
    assert register_cjk_font() == CJK_FONT_FAMILY  # idempotent
    found = findfont(FontProperties(family=CJK_FONT_FAMILY), fallback_to_default=False)
    assert Path(found).resolve() == cjk_font_path().resolve()


def test_png_renders_chinese_without_missing_glyphs(plan) -> None:
    data, missing = _render_recording(plan, title="规划图谱：目标—任务—实体 · plan", fmt="png")
    assert missing == []
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_svg_draws_chinese_glyphs_from_the_bundled_font(plan) -> None:
    data, missing = _render_recording(plan, title="规划", fmt="svg")
    assert missing == []
    from matplotlib.ft2font import FT2Font

    text = data.decode("utf-8")
    # With svg.fonttype "path" each glyph is a <path> whose id names the font and the glyph's index in it.
    glyph = FT2Font(str(cjk_font_path())).get_char_index(ord("轨"))
    assert f'id="NotoSansCJKsc-Regular-{glyph:x}"' in text
    assert "<text" not in text  # outlines, so the SVG shows Chinese without the font installed


def test_missing_glyphs_would_be_caught(plan) -> None:
    plan.nodes[next(iter(plan))]["label"] = "\ue000"  # a private-use character no font has
    _, missing = _render_recording(plan, title="规划", fmt="png")
    assert missing


def test_pictures_are_deterministic(plan) -> None:
    for fmt in ("png", "svg"):
        assert render_static(plan, title="规划", fmt=fmt) == render_static(plan, title="规划", fmt=fmt)


def test_path_view_and_empty_graph_render(oxigraph_store: Store, tmp_path: Path) -> None:
    view = build_view(oxigraph_store, "plan", path=("苏州实验室", "苏州大学"))
    assert write_static(view.graph, tmp_path / "p.png", title=view.title, path=view.path).stat().st_size > 0
    empty = build_view(oxigraph_store, "plan").graph.subgraph([]).copy()
    assert render_static(empty, title="空", fmt="png").startswith(b"\x89PNG")
    with pytest.raises(InputError):
        render_static(view.graph, title="x", fmt="gif")


def test_real_graph_renders_without_missing_glyphs(tmp_path: Path) -> None:
    with open_store() as store:
        for ttl in sorted(TRIPLES.glob("*.ttl")):
            store.load(ttl, format="turtle")
        view = build_view(store, "all")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_static(view.graph, tmp_path / "all.png", title=view.title)
    assert _missing_glyph_warnings(caught) == []
