"""``plangraph import-observations``: a yearbook-style table as W3C Data Cube observations.

The table has the columns ``indicator``, ``area``, ``year``, ``value`` and
optionally ``unit`` and ``kind`` (or 指标, 地区, 年份, 数值, 单位, 类型). Each
indicator and area is matched to the graph (indicators and zones) by the
matcher; rows whose names do not match confidently are listed in a review
table and left out. Each kept row becomes one ``qb:Observation``::

    <dataset/<slug>/observation/gdp/suzhou/2023> a qb:Observation ;
        qb:dataSet <dataset/<slug>> ;
        <cube/indicator> <indicator/gdp> ;                 # dimension
        sdmx-dimension:refArea <entity/suzhou> ;           # dimension
        sdmx-dimension:timePeriod "2023"^^xsd:gYear ;      # dimension
        sdmx-measure:obsValue 5.2 ;                        # measure
        sdmx-attribute:unitMeasure unit:PERCENT ;          # attribute
        <cube/value-kind> pg:Increase .                    # attribute

Values are stored with their magnitude applied, as the plan's own values are
(``2.46 万亿元`` -> 2460000000000 CNY).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Literal, URIRef

from .._errors import InputError
from ..extract.numbers import NUMBER_PATTERN, split_unit
from ..rdf import iri
from ..rdf.turtle import to_turtle
from ..rdf.vocab import BASE, DCTERMS, PG, RDF, RDFS, UNITS, XSD, Triple
from ..store import Store
from ._links import _check_slug, decide
from ._matcher import Candidate, Matcher
from ._output import LinkDecision, review_table, void_linksets, write_all
from ._table import Table, TableRow, cell_error, read_table

__all__ = ["COLUMNS", "ImportResult", "import_observations", "observations_graph"]

QB = "http://purl.org/linked-data/cube#"
SDMX_DIMENSION = "http://purl.org/linked-data/sdmx/2009/dimension#"
SDMX_MEASURE = "http://purl.org/linked-data/sdmx/2009/measure#"
SDMX_ATTRIBUTE = "http://purl.org/linked-data/sdmx/2009/attribute#"
#: Column name (English or Chinese) -> role; ``unit`` and ``kind`` are optional.
COLUMNS = {
    "indicator": "indicator", "指标": "indicator", "指标名称": "indicator",
    "area": "area", "地区": "area", "区域": "area",
    "year": "year", "年份": "year", "年度": "year",
    "value": "value", "数值": "value", "值": "value",
    "unit": "unit", "单位": "unit",
    "kind": "kind", "类型": "kind",
}  # fmt: skip
_KINDS = {"level": PG.Level, "水平": PG.Level, "": PG.Level, "increase": PG.Increase, "增长": PG.Increase,
          "decrease": PG.Decrease, "下降": PG.Decrease}  # fmt: skip
_INDICATOR_DIM = iri.cube_dimension_iri("indicator")
_KIND_ATTR = iri.cube_dimension_iri("value-kind")
_REF_AREA = URIRef(SDMX_DIMENSION + "refArea")
_PERIOD = URIRef(SDMX_DIMENSION + "timePeriod")
_VALUE = URIRef(SDMX_MEASURE + "obsValue")
_UNIT = URIRef(SDMX_ATTRIBUTE + "unitMeasure")


@dataclass(slots=True)
class ImportResult:
    dataset: str
    graph: str
    observations: int = 0
    skipped: list[LinkDecision] = field(default_factory=list)
    """Names left out (one entry per distinct indicator or area that did not match)."""
    files: dict[Path, str] = field(default_factory=dict)
    triples: set[Triple] = field(default_factory=set)
    loaded: int = 0


def observations_graph(dataset: str) -> str:
    """The named graph of an imported table: ``graph/observations/<dataset>``."""
    return str(iri.graph_iri(f"observations/{dataset}"))


def _roles(table: Table) -> dict[str, str]:
    table.only(COLUMNS)
    roles = {COLUMNS[column]: column for column in table.columns}
    for number, column in enumerate(table.columns, start=1):
        if roles[COLUMNS[column]] != column:
            raise InputError(f"{table.path}, line 1, column {number}: {column!r} repeats the {COLUMNS[column]} column")
    missing = [role for role in ("indicator", "area", "year", "value") if role not in roles]
    if missing:
        raise InputError(f"{table.path}, line 1: no {', '.join(missing)} column; the columns are {', '.join(table.columns)}")
    return roles


def _year(table: Table, row: TableRow, column: str) -> int:
    text = unicodedata.normalize("NFKC", row.cells[column]).removesuffix("年").strip()
    if not re.fullmatch(r"\d{4}", text):
        raise cell_error(table, row, column, f"{row.cells[column]!r} is not a year (write e.g. 2023)")
    return int(text)


def _value(table: Table, row: TableRow, columns: dict[str, str]) -> tuple[Decimal, URIRef | None, str]:
    """The value with its magnitude applied, the unit IRI and the unit wording."""
    raw = unicodedata.normalize("NFKC", row.cells[columns["value"]]).replace(" ", "")
    number = re.match(r"-?" + NUMBER_PATTERN.pattern, raw)
    if number is None:
        raise cell_error(table, row, columns["value"], f"{row.cells[columns['value']]!r} is not a number")
    unit_text = (raw[number.end() :] + unicodedata.normalize("NFKC", row.cells.get(columns.get("unit", ""), ""))).strip()
    value = Decimal(number.group(0).replace(",", ""))
    if not unit_text:
        return value, None, ""
    if unit_text in UNITS:
        return value, UNITS[unit_text], unit_text
    multiplier, unit, wording, length = split_unit(unit_text)
    if length != len(unit_text) or unit is None:
        where = columns.get("unit", columns["value"])
        raise cell_error(table, row, where, f"unit {unit_text!r} is not known (e.g. %, 亿元, 万人, 个, or a key like percent)")
    scaled = value * multiplier
    return (scaled.quantize(Decimal(1)) if scaled == scaled.to_integral_value() else scaled), UNITS[unit], wording or unit_text


def import_observations(
    path: Path,
    matcher: Matcher,
    *,
    dataset: str | None = None,
    threshold: float = 90.0,
    encoding: str | None = None,
    output: Path | None = None,
    store: Store | None = None,
    write: bool = True,
) -> ImportResult:
    """Read, match and check the whole table, then write ``<output>.ttl`` and ``<output>.review.tsv`` (and load)."""

    table = read_table(path, encoding=encoding)
    columns = _roles(table)
    slug = _check_slug(dataset or iri.slugify(path.stem))
    result = ImportResult(slug, observations_graph(slug))
    decisions: dict[tuple[str, str], LinkDecision] = {}

    def resolve(row: TableRow, role: str, types: Sequence[str]) -> Candidate | None:
        value = row.cells[columns[role]]
        if not value:
            raise cell_error(table, row, columns[role], f"empty {role}")
        key = (role, value)
        if key not in decisions:
            candidates = tuple(matcher.match(value, types=types, limit=3))
            predicate, reason = decide(candidates, threshold)
            decisions[key] = LinkDecision(value, "", (row.line,), candidates, predicate, f"{role}: {reason}")
        elif row.line not in decisions[key].lines:
            old = decisions[key]
            decisions[key] = LinkDecision(old.value, "", (*old.lines, row.line), old.candidates, old.predicate, old.reason)
        decision = decisions[key]
        return decision.best if decision.predicate is not None else None

    seen: dict[URIRef, int] = {}
    source = URIRef(iri.dataset_iri(slug))
    for row in table.rows:
        year = _year(table, row, columns["year"])
        value, unit, unit_text = _value(table, row, columns)
        kind_text = row.cells.get(columns.get("kind", ""), "").strip().lower()
        if kind_text not in _KINDS:
            raise cell_error(table, row, columns["kind"], f"kind {kind_text!r}: write level, increase or decrease (水平, 增长, 下降)")
        indicator = resolve(row, "indicator", [str(PG.Indicator)])
        area = resolve(row, "area", [str(PG.Zone)])
        if indicator is None or area is None:
            continue
        ind_slug = indicator.target.iri.removeprefix(BASE + "indicator/")
        area_slug = area.target.iri.removeprefix(BASE + "entity/")
        node = iri.cube_observation_iri(slug, ind_slug, area_slug, year)
        if node in seen:
            raise InputError(
                f"{path}, line {row.line}: repeats line {seen[node]} ({indicator.target.name}, {area.target.name}, {year}); "
                "a cube has one observation per indicator, area and year"
            )
        seen[node] = row.line
        result.triples |= {
            (node, RDF.type, URIRef(QB + "Observation")),
            (node, URIRef(QB + "dataSet"), source),
            (node, _INDICATOR_DIM, URIRef(indicator.target.iri)),
            (node, _REF_AREA, URIRef(area.target.iri)),
            (node, _PERIOD, Literal(f"{year:04d}", datatype=XSD.gYear)),
            (node, _VALUE, Literal(format(value, "f"), datatype=XSD.decimal)),
            (node, _KIND_ATTR, _KINDS[kind_text]),
            (node, RDFS.label, Literal(f"{indicator.target.name} {area.target.name} {year}: {row.cells[columns['value']]} {unit_text}".strip(), lang="zh")),
            (node, RDFS.comment, Literal(f"{path.name}, line {row.line}", lang="en")),
        }
        if unit is not None:
            result.triples.add((node, _UNIT, unit))
        result.observations += 1
    result.skipped = [d for d in decisions.values() if d.predicate is None]
    if not result.observations:
        raise InputError(f"{path}: no row has both an indicator and an area that match the graph; nothing imported")
    result.triples |= _structure(slug, path)
    linked = {str(_INDICATOR_DIM): result.observations, str(_REF_AREA): result.observations}
    description = f"Observations of {path.name} linked to the plan's indicators and zones (plangraph import-observations)"
    result.triples |= void_linksets(slug, path.stem, path.name, linked, description)
    base = output or path.with_name(path.stem + ".observations")
    stem = str(base.with_suffix("")) if base.suffix == ".ttl" else str(base)
    result.files = {Path(stem + ".ttl"): to_turtle(result.triples), Path(stem + ".review.tsv"): review_table(result.skipped)}
    if write:
        write_all(result.files)
    if store is not None:
        store.clear(result.graph)
        result.loaded = store.load(result.files[Path(stem + ".ttl")].encode("utf-8"), format="turtle", graph=result.graph)
    return result


def _structure(slug: str, path: Path) -> set[Triple]:
    """The data set and its structure definition: three dimensions, one measure, two attributes."""
    dataset = iri.dataset_iri(slug)
    structure = iri.cube_structure_iri(slug)
    triples: set[Triple] = {
        (dataset, RDF.type, URIRef(QB + "DataSet")),
        (dataset, DCTERMS.title, Literal(path.stem)),
        (dataset, URIRef(QB + "structure"), structure),
        (structure, RDF.type, URIRef(QB + "DataStructureDefinition")),
        (_INDICATOR_DIM, RDF.type, URIRef(QB + "DimensionProperty")),
        (_INDICATOR_DIM, RDFS.label, Literal("indicator", lang="en")),
        (_INDICATOR_DIM, RDFS.label, Literal("指标", lang="zh")),
        (_INDICATOR_DIM, RDFS.range, PG.Indicator),
        (_KIND_ATTR, RDF.type, URIRef(QB + "AttributeProperty")),
        (_KIND_ATTR, RDFS.label, Literal("value kind", lang="en")),
        (_KIND_ATTR, RDFS.label, Literal("数值类型", lang="zh")),
        (_KIND_ATTR, RDFS.range, PG.ValueKind),
    }
    components = (("indicator", "dimension", _INDICATOR_DIM), ("area", "dimension", _REF_AREA), ("year", "dimension", _PERIOD),
                  ("value", "measure", _VALUE), ("unit", "attribute", _UNIT), ("kind", "attribute", _KIND_ATTR))  # fmt: skip
    for order, (name, role, prop) in enumerate(components, start=1):
        component = iri.cube_component_iri(slug, name)
        triples |= {
            (structure, URIRef(QB + "component"), component),
            (component, RDF.type, URIRef(QB + "ComponentSpecification")),
            (component, URIRef(QB + role), prop),
            (component, URIRef(QB + "order"), Literal(str(order), datatype=XSD.integer)),
        }
    return triples
