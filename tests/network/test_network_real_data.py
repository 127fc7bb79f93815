"""The views on the built graph in data/triples/ (whatever entities it holds so far)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from network_samples import TRIPLES

from plangraph.network import build_view, compute_stats, goal_bridges, project
from plangraph.store import Store, open_store


@pytest.fixture(scope="module")
def built() -> Iterator[Store]:
    files = sorted(TRIPLES.glob("*.ttl"))
    assert files, f"no built triples in {TRIPLES}; run `plangraph build`"
    with open_store() as store:
        for ttl in files:
            store.load(ttl, format="turtle")
        yield store


def test_plan_view_has_the_six_goals_and_eighteen_tasks(built: Store) -> None:
    classes = Counter(attrs["class"] for _, attrs in project(built, "plan").nodes(data=True))
    assert classes["StrategicGoal"] == 6 and classes["Task"] == 18


def test_each_goal_view_holds_its_tasks(built: Store) -> None:
    sizes = []
    for number in range(1, 7):
        graph = build_view(built, "plan", goal=number).graph
        kinds = Counter(attrs["class"] for _, attrs in graph.nodes(data=True))
        assert kinds["StrategicGoal"] == 1 and kinds["Task"] >= 1
        sizes.append(kinds["Task"])
    assert sum(sizes) == 18


def test_indicator_view_and_stats(built: Store) -> None:
    graph = project(built, "indicators")
    assert Counter(attrs["class"] for _, attrs in graph.nodes(data=True))["IndicatorCategory"] == 7
    stats = compute_stats(built, "plan")
    assert {row["class"]: row["count"] for row in stats.classes}["pg:Task"] == 18
    assert len(stats.nodes) == len(project(built, "plan"))


def test_bridges_are_entities_of_two_goals(built: Store) -> None:
    graph = project(built, "plan")
    bridges = goal_bridges(graph)
    if not any(data["predicate"].endswith("#involves") for *_, data in graph.edges(data=True)):
        assert bridges == []  # no entity is linked to a task yet
    for bridge in bridges:
        assert len(bridge.goals) >= 2
        assert all(graph.nodes[goal]["class"] == "StrategicGoal" for goal in bridge.goals)
