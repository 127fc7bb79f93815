"""Build + validate time, against parsing the built Turtle with rdflib in the same process."""

from __future__ import annotations

from rdflib import Graph

from plangraph._paths import project_paths
from plangraph.pipeline import build, validate

from _timing import median_seconds


def run(repeat: int = 5) -> list[tuple[str, float, float]]:
    paths = project_paths()
    turtle = next(iter(build(paths, write=False).outputs.values()))

    def parse_baseline() -> Graph:
        return Graph().parse(data=turtle, format="turtle")

    def build_only() -> object:
        return build(paths, write=False)

    def build_and_validate() -> object:
        result = build(paths, write=False)
        return validate(result.graph, paths)

    baseline = median_seconds(parse_baseline, repeat=repeat)
    rows = [("rdflib parse of the built Turtle (baseline)", baseline, 1.0)]
    for name, action in (("plangraph build", build_only), ("plangraph build + validate", build_and_validate)):
        seconds = median_seconds(action, repeat=repeat)
        rows.append((name, seconds, seconds / baseline))
    return rows
