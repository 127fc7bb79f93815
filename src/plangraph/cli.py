"""The ``plangraph`` command: thin commands over the library."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from ._errors import InputError, PlangraphError
from ._paths import ProjectPaths, project_paths
from .extract.genre import load_profile

if TYPE_CHECKING:
    from .api import PlanGraph
    from .link import Matcher
    from .extract.records import PlanReport

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
    report_unlinked: Annotated[
        bool, typer.Option("--report-unlinked", help="List names the patterns find that data/gazetteer.toml does not know.")
    ] = False,
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
    if report_unlinked:
        _print_unlinked(result.reports)


def _print_unlinked(reports: list["PlanReport"]) -> None:
    from collections import Counter

    for report in reports:
        counts: Counter[str] = Counter()
        sections: dict[str, set[str]] = {}
        for candidate in report.candidates:
            counts[candidate.surface] += 1
            section = report.section_at(candidate.start)
            sections.setdefault(candidate.surface, set()).add(section.number if section else "?")
        mentioned = {mention.slug for mention in report.mentions}
        table = Table("candidate", "count", "sections", title=f"{report.document.meta.doc_id}: {len(counts)} unlinked names")
        for surface, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            table.add_row(surface, str(count), ", ".join(sorted(sections[surface])))
        console.print(table)
        console.print(
            f"{len(report.mentions)} mentions of {len(mentioned)} gazetteer entries; "
            f"{sum(counts.values())} unlinked candidate occurrences ({len(counts)} distinct)",
            highlight=False,
        )


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


StoreOption = Annotated[
    Optional[str],
    typer.Option(
        "--store",
        envvar="PLANGRAPH_STORE",
        help="Backend: 'memory' (embedded Oxigraph, default), 'rdflib', or a directory for on-disk Oxigraph.",
    ),
]
EndpointOption = Annotated[
    Optional[str], typer.Option("--endpoint", help="A SPARQL 1.1 endpoint URL (an Oxigraph server's /query URL).")
]


def _open(home: Path | None, store: str | None, endpoint: str | None) -> "PlanGraph":
    from .api import open_graph

    if store and endpoint:
        raise InputError("give --store or --endpoint, not both")
    return open_graph(endpoint or store, home=home)


def _parse_params(values: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param wants key=value, got {item!r}")
        params[key.strip()] = value
    return params


@app.command("queries")
def list_queries(home: HomeOption = None) -> None:
    """List the named research queries in queries/."""
    from .queries import load_queries

    table = Table("name", "title", "parameters")
    for name, query in load_queries(_paths(home).queries).items():
        params = ", ".join(f"{p.name}={p.default}" for p in query.parameters)
        table.add_row(name, f"{query.title_en}\n{query.title_zh}\n[dim]{query.description}[/dim]", params)
    console.print(table)


@app.command()
def query(
    name: Annotated[Optional[str], typer.Argument(help="A named query (see `plangraph queries`) or a .rq file.")] = None,
    sparql: Annotated[Optional[str], typer.Option("--sparql", help="SPARQL text to run instead of a named query.")] = None,
    param: Annotated[list[str], typer.Option("--param", "-p", help="Query parameter as key=value (repeatable).")] = [],
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json (SPARQL JSON results).")] = "table",
    home: HomeOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Run a named query, a .rq file or SPARQL text against the plan graph."""
    from .store import AskResult, GraphResult

    if output_format not in ("table", "csv", "tsv", "json"):
        raise InputError(f"--format must be table, csv, tsv or json, not {output_format!r}")
    if (name is None) == (sparql is None):
        raise InputError("give a query NAME or FILE, or --sparql TEXT")
    params = _parse_params(param)
    graph = _open(home, store, endpoint)
    with graph:
        if sparql is not None:
            text = sparql
        elif name is not None and name.endswith(".rq"):
            from .queries import read_query

            text = read_query(Path(name)).render(params)
        else:
            assert name is not None
            text = graph.sparql(name, **params)
        result = graph.store.query(text)
    if isinstance(result, GraphResult):
        sys.stdout.write(result.serialize("turtle").decode("utf-8"))
        return
    if isinstance(result, AskResult):
        sys.stdout.write(("true" if result.value else "false") + "\n" if output_format == "table" else result.serialize("json").decode())
        return
    if output_format != "table":
        sys.stdout.write(result.serialize(output_format).decode("utf-8"))
        return
    table = Table(*result.variables, title=f"{len(result.rows)} rows")
    for row in result.dicts():
        table.add_row(*("" if row[v] is None else str(row[v]) for v in result.variables))
    console.print(table)


@app.command()
def export(
    output_format: Annotated[str, typer.Option("--format", "-f", help="ttl, nt, nq, trig, jsonld or xml.")] = "ttl",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    with_ontology: Annotated[bool, typer.Option(help="Include the ontology's triples.")] = False,
    home: HomeOption = None,
) -> None:
    """Write the plan graph in another RDF format."""
    from ._atomic import write_atomic
    from .api import ONTOLOGY_GRAPH, open_graph, plan_graphs
    from .store import graph_format, open_store

    rdf_format = graph_format(output_format)
    with open_graph(home=home) as graph:
        merged = open_store()
        for name in plan_graphs(graph.paths, graph.store):
            merged.load(graph.store.dump("ntriples", graph=name), format="ntriples")
        if with_ontology:
            merged.load(graph.store.dump("ntriples", graph=ONTOLOGY_GRAPH), format="ntriples")
        data = merged.dump(rdf_format)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(output, data)
        console.print(f"wrote {output}: {len(data)} bytes")


@app.command()
def load(
    file: Annotated[Path, typer.Argument(help="An RDF file (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML).")],
    graph: Annotated[str, typer.Option("--graph", help="IRI of the named graph to load it into.")],
    store: Annotated[
        Path, typer.Option("--store", envvar="PLANGRAPH_STORE", help="On-disk Oxigraph store directory.")
    ] = Path(".plangraph-store"),
    rdf_format: Annotated[Optional[str], typer.Option("--format", help="RDF format; guessed from the file extension.")] = None,
    home: HomeOption = None,
) -> None:
    """Add another dataset as a named graph beside the plan graph (on-disk store); queries span both."""
    from .api import open_graph

    fmt = rdf_format or _format_from_suffix(file)
    with open_graph(store, home=home) as plan:
        count = plan.store.load(file, format=fmt, graph=graph)
        console.print(f"loaded {count} triples from {file} into <{graph}> in {store}; the store holds {plan.store.count()} quads")


def _format_from_suffix(path: Path) -> str:
    from .store import graph_format

    # Two extensions the format names do not cover.
    suffix = {".json": "jsonld", ".owl": "rdfxml"}.get(path.suffix.lower(), path.suffix.lstrip("."))
    try:
        return graph_format(suffix)
    except InputError:
        raise InputError(f"{path}: cannot tell the RDF format from {path.suffix!r}; give --format") from None


def _type_iris(graph: "PlanGraph", names: list[str]) -> tuple[list[str], "Matcher"]:
    """The matcher over the graph's entities and indicators, and ``--type`` names resolved to class IRIs."""
    from .link import Matcher, read_targets, read_types
    from .rdf.vocab import PG

    targets = read_targets(graph.store)
    types = read_types(graph.store, targets)
    known = {t.iri: t for t in types}
    iris = []
    for name in names:
        iri = name if name.startswith(("http://", "https://")) else str(PG) + name.removeprefix("pg:")
        if iri not in known:
            raise InputError(f"--type {name!r} is not a class of the graph; known: {', '.join(sorted(t.id for t in types))}")
        iris.append(iri)
    return iris, Matcher(targets, broader={t.iri: t.broader for t in types})


def _progress(label: str) -> tuple[Any, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=errors, transient=True)
    task = bar.add_task(label, total=None)
    return bar, lambda done, total: bar.update(task, completed=done, total=total)


EncodingOption = Annotated[
    Optional[str], typer.Option("--encoding", help="Encoding of the table (default UTF-8; Chinese spreadsheets often save GBK).")
]
LinkStoreOption = Annotated[
    Optional[Path],
    typer.Option("--store", envvar="PLANGRAPH_STORE", help="On-disk Oxigraph store to match against and load the result into."),
]


@app.command()
def link(
    table: Annotated[Path, typer.Argument(help="A CSV (or .tsv) table with a header row.")],
    column: Annotated[str, typer.Option("--column", help="The column whose names are matched to the graph.")],
    type_: Annotated[list[str], typer.Option("--type", help="Only match things of this class (e.g. RailLine, Zone, Indicator); repeatable.")] = [],
    id_column: Annotated[Optional[str], typer.Option("--id-column", help="A column with each row's own id or IRI (default: the name).")] = None,
    dataset: Annotated[Optional[str], typer.Option("--dataset", help="Short name of the table's dataset (default: from the file name).")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Lowest score (0-100) accepted; the rest goes to the review file.")] = 90.0,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output path stem (default: TABLE without suffix + .links).")] = None,
    encoding: EncodingOption = None,
    store: LinkStoreOption = None,
    home: HomeOption = None,
) -> None:
    """Match a column of a table to the graph: SSSOM table, skos:exactMatch/closeMatch triples with VoID, review file."""
    from .api import open_graph
    from .link import link_table

    with open_graph(store, home=home) as graph:
        types, matcher = _type_iris(graph, type_)
        bar, progress = _progress("matching")
        with bar:
            result = link_table(
                table, column, matcher, types=types, dataset=dataset, id_column=id_column, threshold=threshold,
                encoding=encoding, output=output, store=graph.store if store else None, progress=progress,
            )  # fmt: skip
    exact = sum(1 for d in result.accepted if d.predicate and d.predicate.endswith("exactMatch"))
    console.print(
        f"{len(result.decisions)} distinct names: {len(result.accepted)} linked ({exact} exactMatch, "
        f"{len(result.accepted) - exact} closeMatch), {len(result.review)} for review",
        highlight=False,
    )
    for path in result.files:
        console.print(f"wrote {path}", highlight=False)
    if store:
        console.print(f"loaded {result.loaded} triples into <{result.graph}> in {store}", highlight=False)


@app.command("import-observations")
def import_observations_command(
    table: Annotated[Path, typer.Argument(help="A CSV with columns indicator, area, year, value [, unit, kind] (or 指标, 地区, 年份, 数值, 单位, 类型).")],
    dataset: Annotated[Optional[str], typer.Option("--dataset", help="Short name of the statistics dataset (default: from the file name).")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Lowest match score (0-100) for indicator and area names.")] = 90.0,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output path stem (default: TABLE without suffix + .observations).")] = None,
    encoding: EncodingOption = None,
    store: LinkStoreOption = None,
    home: HomeOption = None,
) -> None:
    """Turn a yearbook-style table into W3C Data Cube observations of the plan's indicators and zones."""
    from .api import open_graph
    from .link import import_observations

    with open_graph(store, home=home) as graph:
        _, matcher = _type_iris(graph, [])
        result = import_observations(
            table, matcher, dataset=dataset, threshold=threshold, encoding=encoding, output=output,
            store=graph.store if store else None,
        )  # fmt: skip
    console.print(f"{result.observations} observations; {len(result.skipped)} names left for review", highlight=False)
    for path in result.files:
        console.print(f"wrote {path}", highlight=False)
    if store:
        console.print(f"loaded {result.loaded} triples into <{result.graph}> in {store}", highlight=False)


@app.command()
def publish(
    endpoint: Annotated[str, typer.Option("--endpoint", help="The server's query URL, e.g. http://127.0.0.1:7878/query.")],
    home: HomeOption = None,
) -> None:
    """Upload the plan graph and the ontology to a SPARQL 1.1 server as named graphs (Graph Store Protocol)."""
    from .api import ONTOLOGY_GRAPH, load_plan, open_graph, plan_graphs

    with open_graph(endpoint, home=home, load=False) as remote:
        count = load_plan(remote.store, remote.paths)
        names = plan_graphs(remote.paths)
    console.print(f"published {count} triples to {endpoint} as {', '.join(f'<{n}>' for n in names)} and <{ONTOLOGY_GRAPH}>")


@app.command()
def viz(
    preset: Annotated[str, typer.Argument(help="View: plan (goals, tasks, entities), spatial (zones, projects), indicators or all.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write: .html (interactive, works offline), .png or .svg.")],
    goal: Annotated[Optional[str], typer.Option("--goal", help="Keep one strategic goal (its number, IRI or label) and what hangs below it.")] = None,
    focus: Annotated[Optional[str], typer.Option("--focus", help="Keep the nodes around this one (IRI, or exact zh/en label).")] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="How many hops around --focus.")] = 1,
    path: Annotated[Optional[tuple[str, str]], typer.Option("--path", help="Show one shortest path: --path A B (IRIs or labels).")] = None,
    home: HomeOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Draw a view of the plan graph: a standalone HTML page, or a PNG/SVG picture with Chinese labels."""
    from .network import build_view, describe_path, write_view

    with _open(home, store, endpoint) as graph:
        view = build_view(graph.store, preset, goal=goal, focus=focus, depth=depth, path=path)
    written = write_view(view, output)
    if view.path:
        console.print(describe_path(view.graph, list(view.path)), highlight=False, markup=False)
    console.print(f"wrote {written}: {len(view.graph)} nodes, {view.graph.number_of_edges()} edges", highlight=False)


@app.command()
def stats(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, or csv (one row per node).")] = "table",
    preset: Annotated[Optional[str], typer.Option("--preset", help="Count and measure one view (plan, spatial, indicators, all) instead of the whole graph.")] = None,
    home: HomeOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Counts per class and predicate; degree, betweenness, goals reached and community per node."""
    from .network import NODE_COLUMNS, compute_stats, rows_to_csv

    if output_format not in ("table", "csv"):
        raise InputError(f"--format must be table or csv, not {output_format!r}")
    with _open(home, store, endpoint) as graph:
        result = _plan_stats(graph, preset, compute_stats)
    if output_format == "csv":
        sys.stdout.write(rows_to_csv(result.nodes, NODE_COLUMNS))
        return
    shown = 30  # the table is for reading; the CSV has every node
    scope = preset or "whole graph"
    node_columns = [column for column in NODE_COLUMNS if column != "iri"]
    sections = (
        ("classes", ["class", "count"], result.classes),
        ("predicates", ["predicate", "count"], result.predicates),
        ("nodes by betweenness", node_columns, result.nodes[:shown]),
    )
    for title, columns, rows in sections:
        table = Table(*columns, title=f"{title} · {scope}")
        for row in rows:
            table.add_row(*(f"{row[c]:.4f}" if isinstance(row[c], float) else str(row[c]) for c in columns))
        console.print(table)
    if len(result.nodes) > shown:
        console.print(f"… {len(result.nodes) - shown} more nodes: --format csv lists them all", highlight=False)


@app.command()
def serve(
    home: HomeOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    timeout: Annotated[
        Optional[float], typer.Option("--timeout", help="Seconds a SPARQL query may run before it is cut off (default 10).")
    ] = None,
    workers: Annotated[Optional[int], typer.Option(help="Query worker processes (default 2).")] = None,
    allow_updates: Annotated[
        bool, typer.Option("--allow-updates", help="Accept SPARQL updates on /sparql (read-only by default).")
    ] = False,
    public_url: Annotated[
        Optional[str], typer.Option(help="Public base URL for links, e.g. https://plans.example.org/ (default: from each request).")
    ] = None,
    setting: Annotated[
        Optional[list[str]], typer.Option("--setting", "-s", help="Any web setting as NAME=VALUE (repeatable); see the README.")
    ] = None,
) -> None:
    """Serve the graph: pages, search, example queries, explorer and a SPARQL 1.1 endpoint."""
    from .web import Settings, run_server

    settings = Settings.from_pairs(
        setting or [], home=home, query_timeout=timeout, workers=workers,
        allow_updates=allow_updates or None, public_url=public_url,
    )
    console.print(f"plangraph: serving {len(settings.data_files)} data files on http://{host}:{port}/ (Ctrl+C stops)")
    run_server(settings, host=host, port=port)


def _plan_stats(graph: "PlanGraph", preset: str | None, compute: Any) -> Any:
    """Stats of the plan's own triples: its per-report graphs merged into one, the ontology beside them, not counted."""
    from .api import ONTOLOGY_GRAPH, plan_graphs
    from .rdf.iri import graph_iri
    from .store import open_store

    names = plan_graphs(graph.paths, graph.store)
    if not names:  # a remote endpoint filled some other way: count what is there
        return compute(graph.store, preset)
    counted = str(graph_iri("plan"))  # the merge, in a scratch store only
    with open_store() as merged:
        for name in names:
            merged.load(graph.store.dump("ntriples", graph=name), format="ntriples", graph=counted)
        if ONTOLOGY_GRAPH in graph.store.graphs():
            merged.load(graph.store.dump("ntriples", graph=ONTOLOGY_GRAPH), format="ntriples", graph=ONTOLOGY_GRAPH)
        return compute(merged, preset, graph=counted)


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
    except Exception as error:
        # Usage errors come from the click copy typer bundles, which is not the public click package.
        show = getattr(error, "show", None)
        exit_code = getattr(error, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            sys.exit(exit_code)
        raise
