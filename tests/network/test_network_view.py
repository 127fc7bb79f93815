"""build_view: preset plus --goal, --focus/--depth and --path, and write_view's formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from network_samples import CITY, EVENT, G1, G2, LAB, PARK, RAIL, T1, T2, T3, UNI

from plangraph._errors import InputError, NotFound
from plangraph.network import build_view, write_view
from plangraph.store import Store


def test_goal_by_number_label_or_iri(oxigraph_store: Store) -> None:
    for goal in (2, "2", "目标二", "goal two", G2):
        view = build_view(oxigraph_store, "plan", goal=goal)
        assert set(view.graph) == {G2, T3, RAIL, UNI}
    assert "目标二" in build_view(oxigraph_store, "plan", goal=2).title


def test_goal_errors(oxigraph_store: Store) -> None:
    with pytest.raises(NotFound, match="goals: 1 目标一, 2 目标二"):
        build_view(oxigraph_store, "plan", goal=3)
    with pytest.raises(InputError, match="not a strategic goal"):
        build_view(oxigraph_store, "plan", goal="任务一")
    with pytest.raises(InputError, match="no goals"):
        build_view(oxigraph_store, "spatial", goal=1)


def test_goal_on_the_indicators_view(oxigraph_store: Store) -> None:
    view = build_view(oxigraph_store, "indicators", goal=1)
    assert len(view.graph) == 3


def test_focus_then_depth_after_goal(oxigraph_store: Store) -> None:
    view = build_view(oxigraph_store, "plan", focus="Rail Line 6", depth=1)
    assert set(view.graph) == {RAIL, T1, T3}
    view = build_view(oxigraph_store, "plan", goal=1, focus="轨道交通6号线", depth=2)
    assert set(view.graph) == {RAIL, T1, G1}
    assert "2-hop" in view.title


def test_path_view_keeps_the_path(oxigraph_store: Store) -> None:
    view = build_view(oxigraph_store, "plan", path=("苏州实验室", "苏州大学"))
    assert [hop.target for hop in view.path] == [T2, G1, T1, RAIL, T3, UNI]
    assert set(view.graph) == {LAB, T2, G1, T1, RAIL, T3, UNI}
    assert view.graph.number_of_edges() == 6


def test_path_outside_a_goal_is_not_found(oxigraph_store: Store) -> None:
    with pytest.raises(NotFound):
        build_view(oxigraph_store, "plan", goal=2, path=("苏州实验室", "苏州大学"))


def test_write_view_picks_the_format_by_suffix(oxigraph_store: Store, tmp_path: Path) -> None:
    view = build_view(oxigraph_store, "spatial")
    assert {CITY, PARK, RAIL, LAB} == set(view.graph)
    assert write_view(view, tmp_path / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert write_view(view, tmp_path / "a.PNG").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in write_view(view, tmp_path / "a.svg").read_bytes()
    assert write_view(view, tmp_path / "b", fmt="png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(InputError, match=r"\.html, \.png or \.svg"):
        write_view(view, tmp_path / "a.jpg")


def test_event_with_hostile_label_stays_data(oxigraph_store: Store) -> None:
    view = build_view(oxigraph_store, "plan", focus="<script>alert(1)</script>", depth=1)
    assert set(view.graph) == {EVENT, T2}
