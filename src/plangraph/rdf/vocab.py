"""Namespaces and the fixed individuals the mapping uses."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "BASE",
    "COMPARATORS",
    "CURRENCY",
    "DCTERMS",
    "OWL",
    "PG",
    "PREFIXES",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "SKOS",
    "STATUSES",
    "Triple",
    "UNIT",
    "UNITS",
    "VALUE_KINDS",
    "XSD",
    "decimal_literal",
    "en_literal",
    "integer_literal",
    "year_literal",
    "zh_literal",
]

#: A triple as the mapping makes them: IRIs and literals only, never blank nodes.
Triple = tuple[URIRef, URIRef, URIRef | Literal]

PG = Namespace("https://w3id.org/plangraph/ontology#")
BASE = "https://w3id.org/plangraph/id/"
ID = Namespace(BASE)
QB = Namespace("http://purl.org/linked-data/cube#")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CURRENCY = Namespace("http://qudt.org/vocab/currency/")

#: Prefixes written into every Turtle file, in this order.
PREFIXES: tuple[tuple[str, str], ...] = (
    ("pg", str(PG)),
    ("id", BASE),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("xsd", str(XSD)),
    ("owl", str(OWL)),
    ("skos", str(SKOS)),
    ("dcterms", str(DCTERMS)),
    ("prov", str(PROV)),
    ("qb", str(QB)),
    ("unit", str(UNIT)),
    ("currency", str(CURRENCY)),
)

COMPARATORS = {
    "approximately": PG.Approximately,
    "at_least": PG.AtLeast,
    "at_most": PG.AtMost,
    "exactly": PG.Exactly,
    "qualitative": PG.Qualitative,
}
VALUE_KINDS = {"level": PG.Level, "increase": PG.Increase, "decrease": PG.Decrease}
STATUSES = {"met": PG.Met, "not_met": PG.NotMet, "no_data": PG.NoData, "unclear": PG.Unclear}

#: Unit keys of :mod:`plangraph.extract.numbers` -> QUDT unit or currency where one exists, else a pg: unit.
UNITS = {
    "CNY": CURRENCY.CNY,
    "USD": CURRENCY.USD,
    "percent": UNIT.PERCENT,
    "hectare": UNIT.HA,
    "tonne": UNIT.TONNE,
    "ug_per_m3": UNIT["MicroGM-PER-M3"],
    "kilometre": UNIT.KiloM,
    "square_kilometre": UNIT.KiloM2,
    "square_metre": UNIT.M2,
    "percentage_point": PG.PercentagePoint,
    "persons": PG.Persons,
    "person_times": PG.PersonTimes,
    "enterprises": PG.Enterprises,
    "items": PG.Items,
    "projects": PG.Projects,
    "pieces": PG.Pieces,
    "households": PG.Households,
    "dwellings": PG.Dwellings,
    "beds": PG.Beds,
    "mu": PG.Mu,
    "jin": PG.Jin,
    "teu": PG.TEU,
    "institutions": PG.Establishments,
    "facilities": PG.Facilities,
    "lines": PG.Lines,
    "units": PG.Machines,
    "vehicles": PG.Vehicles,
}


def zh_literal(text: str) -> Literal:
    return Literal(text, lang="zh")


def en_literal(text: str) -> Literal:
    return Literal(text, lang="en")


def decimal_literal(value: Decimal) -> Literal:
    """An exact ``xsd:decimal``, never in exponent form (4.36E+12 is written 4360000000000)."""
    return Literal(format(value, "f"), datatype=XSD.decimal)


def year_literal(year: int) -> Literal:
    return Literal(f"{year:04d}", datatype=XSD.gYear)


def integer_literal(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)
