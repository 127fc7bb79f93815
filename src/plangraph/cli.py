"""The ``plangraph`` command: thin commands over the library."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from ._errors import PlangraphError
from ._paths import ProjectPaths, project_paths
from .extract.genre import load_profile

__all__ = ["app", "main"]

app = typer.Typer(
    name="plangraph",
    help="A knowledge graph of city development plans, built from the reports' own text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
errors = Console(stderr=True)

HomeOption = Annotated[
    Optional[Path],
    typer.Option("--home", envvar="PLANGRAPH_HOME", help="Project folder holding data/, ontology/ and queries/."),
]


def _paths(home: Path | None) -> ProjectPaths:
    return project_paths(home)


@app.command()
def build(
    home: HomeOption = None,
    profile: Annotated[
        Optional[Path], typer.Option(help="TOML file overriding the genre's section and status wording.")
    ] = None,
) -> None:
    """Extract every report in data/sources/ and write data/triples/*.ttl (deterministic)."""
    from .pipeline import build as run_build

    paths = _paths(home)
    result = run_build(paths, profile=load_profile(profile))
    for file, count in result.files.items():
        console.print(f"wrote {file.relative_to(paths.root)}: {count} triples")
    for file in result.removed:
        console.print(f"removed stale {file.relative_to(paths.root)}")
    console.print(f"built in {result.seconds:.2f} s")


@app.command()
def validate(home: HomeOption = None, limit: Annotated[int, typer.Option(help="Violations to list.")] = 50) -> None:
    """Check data/triples/ against the ontology's SHACL shapes; exit 1 if it does not conform."""
    from .pipeline import load_graph
    from .pipeline import validate as run_validate

    paths = _paths(home)
    result = run_validate(load_graph(paths), paths)
    if result.conforms:
        console.print(f"conforms: {result.triples} triples checked in {result.seconds:.2f} s")
        return
    table = Table("severity", "focus node", "path", "message", title=f"{len(result.violations)} SHACL results")
    for row in result.violations[:limit]:
        table.add_row(*row)
    errors.print(table)
    errors.print(f"plangraph: error: data/triples does not conform ({len(result.violations)} results)")
    raise typer.Exit(1)


@app.command()
def summary(home: HomeOption = None) -> None:
    """Count what the built graph holds, per class and per 2022 target status."""
    from rdflib.namespace import RDF

    from .pipeline import load_graph
    from .rdf.vocab import PG

    graph = load_graph(_paths(home))
    classes = Counter(str(o).rsplit("#", 1)[-1] for o in graph.objects(None, RDF.type))
    table = Table("class", "instances", title=f"plan graph: {len(graph)} triples")
    for name, count in sorted(classes.items()):
        table.add_row(name, str(count))
    console.print(table)
    statuses = Counter(str(o).rsplit("#", 1)[-1] for o in graph.objects(None, PG.status))
    console.print("outcomes by status: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))


def main() -> None:
    """Entry point: run the app, turning plangraph errors into one line and exit code 1."""
    try:
        app(standalone_mode=False)
    except PlangraphError as error:
        errors.print(f"plangraph: error: {error}", highlight=False, markup=False, soft_wrap=True)
        sys.exit(1)
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except typer.Abort:
        sys.exit(130)
    except Exception as error:  # click usage errors
        import click

        if isinstance(error, click.ClickException):
            error.show()
            sys.exit(error.exit_code)
        raise
