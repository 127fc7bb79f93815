"""The ready-made projections: ``plan``, ``spatial``, ``indicators`` and ``all``."""

from __future__ import annotations

from typing import Final

from plangraph._errors import NotFound
from plangraph.network._classes import PG
from plangraph.network._projection import Projection

__all__ = ["PRESETS", "get_preset"]


def _pg(*names: str) -> tuple[str, ...]:
    return tuple(PG + name for name in names)


PRESETS: Final[dict[str, Projection]] = {
    "plan": Projection(
        name="plan",
        title_zh="目标—任务—实体",
        title_en="goals, key tasks and the entities they involve",
        node_classes=_pg("StrategicGoal", "Task", "Entity"),
        edge_predicates=_pg("contributesTo", "involves"),
        inverse_predicates={PG + "involvedIn": PG + "involves"},
        goal_chains=(_pg("contributesTo", "involves"),),
    ),
    "spatial": Projection(
        name="spatial",
        title_zh="地域—项目",
        title_en="zones and the projects located in them",
        node_classes=_pg("Zone", "Project"),
        edge_predicates=_pg("locatedIn", "partOf"),
    ),
    "indicators": Projection(
        name="indicators",
        title_zh="目标—指标分类—指标",
        title_en="goals, indicator categories and indicators",
        node_classes=_pg("StrategicGoal", "IndicatorCategory", "Indicator"),
        edge_predicates=_pg("servesGoal", "inCategory"),
        goal_chains=(_pg("servesGoal", "inCategory"),),
    ),
    "all": Projection(
        name="all",
        title_zh="全景",
        title_en="goals, tasks, review areas, entities, zones and indicators",
        node_classes=_pg("StrategicGoal", "Task", "ReviewArea", "Entity", "IndicatorCategory", "Indicator"),
        edge_predicates=_pg("contributesTo", "involves", "locatedIn", "partOf", "servesGoal", "inCategory"),
        inverse_predicates={PG + "involvedIn": PG + "involves"},
        goal_chains=(_pg("contributesTo", "involves"), _pg("servesGoal", "inCategory")),
    ),
}


def get_preset(name: str) -> Projection:
    """The preset projection called ``name``; :class:`NotFound` lists the presets otherwise."""
    try:
        return PRESETS[name.strip().lower()]
    except KeyError:
        raise NotFound(f"no preset {name!r}; presets: {', '.join(PRESETS)}") from None
