"""Build + validate time, against parsing the built Turtle with rdflib in the same process."""

from __future__ import annotations

from rdflib import Graph
from rich.table import Table

from plangraph._paths import project_paths
from plangraph.pipeline import build, validate

from _timing import median_seconds


def run(repeat: int = 5) -> list[Table]:
    paths = project_paths()
    turtle = "".join(build(paths, write=False).outputs.values())

    def parse_baseline() -> Graph:
        return Graph().parse(data=turtle, format="turtle")

    def build_only() -> object:
        return build(paths, write=False)

    def build_and_validate() -> object:
        result = build(paths, write=False)
        return validate(result.graph, paths)

    baseline = median_seconds(parse_baseline, repeat=repeat)
    table = Table("measure", "median", "ratio to baseline", title=f"bench: build and validate (median of {repeat})")
    table.add_row("rdflib parse of the built Turtle (baseline)", f"{baseline * 1000:.0f} ms", "1.00x")
    for name, action in (("plangraph build", build_only), ("plangraph build + validate", build_and_validate)):
        seconds = median_seconds(action, repeat=repeat)
        table.add_row(name, f"{seconds * 1000:.0f} ms", f"{seconds / baseline:.2f}x")
    return [table]
