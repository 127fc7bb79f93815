"""A small hand-made plan graph with answers worked out by hand, and a headless Chromium runner.

The plan view of SAMPLE is a tree of 9 nodes and 8 edges::

    G2 — T3 — rail — T1 — G1 — T2 — lab
         |                      |
        uni                    xss

(``uni`` is linked by ``uni pg:involvedIn T3``, the inverse form.) In a tree
the betweenness of a node is the sum of products of the sizes of the parts
left when it is removed; the values below are unnormalised pair counts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "plangraph.ttl"
TRIPLES = ROOT / "data" / "triples"

ID = "https://w3id.org/plangraph/id/"
PG = "https://w3id.org/plangraph/ontology#"
XSS = "<script>alert(1)</script>"

G1, G2 = ID + "test/goal/1", ID + "test/goal/2"
T1, T2, T3 = ID + "test/task/1", ID + "test/task/2", ID + "test/task/3"
RAIL, LAB, UNI, EVENT = ID + "entity/rail-6", ID + "entity/lab", ID + "entity/uni", ID + "entity/xss-event"
CITY, PARK, LONELY = ID + "entity/city", ID + "entity/park", ID + "entity/lonely-policy"
REVIEW, CATEGORY, INDICATOR = ID + "test/review/1", ID + "category/c1", ID + "indicator/i1"

SAMPLE = """\
@prefix pg: <https://w3id.org/plangraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@base <https://w3id.org/plangraph/id/> .

<test/goal/1> a pg:StrategicGoal ; pg:order 1 ; rdfs:label "目标一"@zh , "Goal one"@en .
<test/goal/2> a pg:StrategicGoal ; pg:order 2 ; rdfs:label "目标二"@zh , "Goal two"@en .
<test/task/1> a pg:Task ; pg:contributesTo <test/goal/1> ; pg:involves <entity/rail-6> ;
    rdfs:label "任务一"@zh , "Task one"@en .
<test/task/2> a pg:Task ; pg:contributesTo <test/goal/1> ; pg:involves <entity/lab> , <entity/xss-event> ;
    rdfs:label "任务二"@zh , "Task two"@en .
<test/task/3> a pg:Task ; pg:contributesTo <test/goal/2> ; pg:involves <entity/rail-6> ;
    rdfs:label "任务三"@zh , "Task three"@en .

<entity/rail-6> a pg:RailLine , pg:Project ; pg:locatedIn <entity/city> ;
    rdfs:label "轨道交通6号线"@zh , "Rail Line 6"@en .
<entity/lab> a pg:Laboratory ; pg:locatedIn <entity/park> ; rdfs:label "苏州实验室"@zh , "Suzhou Laboratory"@en .
<entity/uni> a pg:University ; pg:involvedIn <test/task/3> ; rdfs:label "苏州大学"@zh , "Soochow University"@en .
<entity/xss-event> a pg:Event ; rdfs:label "<script>alert(1)</script>"@zh , "Bad <b>label</b> & co"@en .
<entity/lonely-policy> a pg:Policy ; rdfs:label "孤立政策"@zh .
<entity/city> a pg:AdministrativeArea ; rdfs:label "苏州市"@zh , "Suzhou"@en .
<entity/park> a pg:PlanningZone ; pg:partOf <entity/city> ; rdfs:label "苏州工业园区"@zh , "Suzhou Industrial Park"@en .

<test/review/1> a pg:ReviewArea ; pg:involves <entity/lab> ; rdfs:label "回顾领域一"@zh .
<category/c1> a pg:IndicatorCategory ; pg:servesGoal <test/goal/1> ; rdfs:label "分类一"@zh .
<indicator/i1> a pg:Indicator , skos:Concept ; pg:inCategory <category/c1> ; rdfs:label "指标一"@zh .
"""

PLAN_DEGREES = {G1: 2, G2: 1, T1: 2, T2: 3, T3: 3, RAIL: 2, LAB: 1, UNI: 1, EVENT: 1}
PLAN_BETWEENNESS = {G1: 15, G2: 0, T1: 16, T2: 13, T3: 13, RAIL: 15, LAB: 0, UNI: 0, EVENT: 0}
PLAN_PAIRS = 8 * 7 / 2  # (n-1)(n-2)/2 for n = 9: the normalisation networkx uses


def chromium() -> str:
    """The headless browser to drive; fails under CI (CI=true) when missing, skips elsewhere."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    message = "chromium is not installed (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def run_chromium(page: Path, work: Path, *extra: str) -> str:
    """Open ``page`` in headless Chromium with the network off-limits; return stdout (the DOM with --dump-dom)."""
    profile = work / "chromium-profile"
    profile.mkdir(exist_ok=True)
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=5000",
        *extra,
        page.resolve().as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout
