"""The plangraph classes the network views know: hierarchy, Chinese names, colours.

The table repeats the ontology's ``rdfs:subClassOf`` axioms for the classes a
view can show, because the built data types each instance with its most
specific class only, and a store need not hold the ontology (a test checks
the table against ``ontology/plangraph.ttl``). Classes the table does not
list still work when the store holds their subclass axioms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["CLASS_INFO", "PG", "ClassInfo", "class_colour", "descendants"]

PG: Final = "https://w3id.org/plangraph/ontology#"


@dataclass(frozen=True, slots=True)
class ClassInfo:
    """What a view needs to know about one ``pg:`` class."""

    parent: str | None
    label_zh: str
    colour: str


# Families share a hue (projects blue, institutions green, zones brown) so the
# picture reads at a glance; members differ in shade so the legend still tells them apart.
CLASS_INFO: Final[dict[str, ClassInfo]] = {
    "StrategicGoal": ClassInfo("Section", "战略目标", "#d62728"),
    "Task": ClassInfo("Section", "重点任务", "#ff7f0e"),
    "ReviewArea": ClassInfo("Section", "回顾领域", "#e6a700"),
    "IndicatorCategory": ClassInfo(None, "指标分类", "#9467bd"),
    "Indicator": ClassInfo(None, "指标", "#c5b0d5"),
    "Entity": ClassInfo(None, "实体", "#aaaaaa"),
    "Project": ClassInfo("Entity", "项目", "#1f77b4"),
    "RailLine": ClassInfo("Project", "轨道线路", "#0b4f8a"),
    "Tunnel": ClassInfo("Project", "隧道", "#4a6d8c"),
    "Laboratory": ClassInfo("Project", "实验室与科研设施", "#17becf"),
    "EnergyProject": ClassInfo("Project", "能源项目", "#2a9d8f"),
    "WaterProject": ClassInfo("Project", "水利项目", "#5fa8d3"),
    "HealthFacility": ClassInfo("Project", "卫生健康设施", "#3d84c6"),
    "EducationFacility": ClassInfo("Project", "教育设施", "#6baed6"),
    "DigitalPlatform": ClassInfo("Project", "数字平台", "#08519c"),
    "CulturalProject": ClassInfo("Project", "文化项目", "#74a9cf"),
    "TransportHub": ClassInfo("Project", "交通枢纽", "#2c7fb8"),
    "Institution": ClassInfo("Entity", "机构", "#2ca02c"),
    "University": ClassInfo("Institution", "高校", "#98df8a"),
    "GovernmentBody": ClassInfo("Institution", "政府机构", "#006d2c"),
    "Enterprise": ClassInfo("Institution", "企业", "#41ab5d"),
    "StateGroup": ClassInfo("Enterprise", "国有企业集团", "#238b45"),
    "ResearchInstitute": ClassInfo("Institution", "研究机构", "#74c476"),
    "Hospital": ClassInfo("Institution", "医院", "#a1d99b"),
    "Alliance": ClassInfo("Institution", "联盟", "#00441b"),
    "Zone": ClassInfo("Entity", "地域", "#8c564b"),
    "AdministrativeArea": ClassInfo("Zone", "行政区划", "#a0522d"),
    "PlanningZone": ClassInfo("Zone", "规划片区", "#c49c94"),
    "Event": ClassInfo("Entity", "活动", "#e377c2"),
    "Policy": ClassInfo("Entity", "政策", "#7f7f7f"),
    "Program": ClassInfo("Entity", "计划与行动", "#bcbd22"),
}

# For classes outside the table: picked by a stable hash of the name, so a
# class keeps its colour from run to run.
_FALLBACK_COLOURS: Final = ("#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d")


def class_colour(class_name: str) -> str:
    """The fill colour for nodes of ``class_name`` (a ``pg:`` local name)."""
    info = CLASS_INFO.get(class_name)
    if info is not None:
        return info.colour
    return _FALLBACK_COLOURS[sum(class_name.encode()) % len(_FALLBACK_COLOURS)]


def descendants(class_name: str) -> set[str]:
    """``class_name`` and every class of the table below it (local names)."""
    found = {class_name}
    grew = True
    while grew:
        more = {name for name, info in CLASS_INFO.items() if info.parent in found} - found
        found |= more
        grew = bool(more)
    return found
