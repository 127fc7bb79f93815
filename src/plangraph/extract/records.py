"""Plain records the extractor returns: no RDF, only text, numbers and offsets.

Every offset is a Python ``str`` index into the source document's text, end
exclusive, so ``text[start:end]`` is the quoted span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

__all__ = [
    "Comparator",
    "DocumentMeta",
    "Figure",
    "IndicatorRow",
    "PlanReport",
    "Quantity",
    "Section",
    "SourceDocument",
    "Span",
    "Table",
    "TableRow",
    "ValueKind",
]

#: How a stated value bounds the real one.
Comparator = str  # "approximately" | "at_least" | "at_most" | "exactly" | "qualitative"
#: Whether a value is a level or a change over the previous year (values stay positive, as written).
ValueKind = str  # "level" | "increase" | "decrease"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What the metadata file beside a source says about the document."""

    doc_id: str
    title_zh: str
    title_en: str
    city_zh: str
    city_en: str
    author_zh: str
    author_en: str
    delivered: str
    delivered_at_zh: str
    published: str | None
    source_url: str
    review_year: int
    plan_year: int
    province_zh: str | None = None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    path: str
    text: str
    meta: DocumentMeta


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered part of a report: 一、 (level 1), （一） (level 2), 1． (level 3), or a table."""

    number: str
    """The section's full number path, e.g. ``一（二）1`` or ``表2``."""
    level: int
    title: str
    start: int
    """Start of the heading line."""
    end: int
    """End of the section's body (start of the next section at the same or a higher level)."""
    heading_end: int
    """End of the heading (for level 3 sections: end of the lead sentence that names them)."""
    parent: str | None
    order: int
    """Position among its siblings, from 1."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """One stated value: a number with its unit, or a qualitative wording."""

    text: str
    """The exact wording of this value, e.g. ``增长5.5%以上``."""
    start: int
    end: int
    value: Decimal | None
    unit: str | None
    """A unit key (``CNY``, ``percent``, ``persons`` ...); see :mod:`plangraph.extract.numbers`."""
    unit_text: str | None
    comparator: Comparator
    kind: ValueKind
    measure: str | None = None
    """What the value measures when the wording names it (``年末户籍人口``)."""
    scope: str | None = None
    """A qualifier of the value: ``同口径``, ``前三季度``, ``规上企业``."""
    estimate: bool = False


@dataclass(frozen=True, slots=True)
class TableRow:
    table: str
    index: int
    """Position of the row in its table, from 1."""
    number: int | None
    """The row number printed in a 序号 column, if any."""
    category: str | None
    cells: dict[str, str]
    """Cell text by column role: ``name``, ``target``, ``outcome``."""
    spans: dict[str, Span]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Table:
    label: str
    """``表1``."""
    title: str
    headers: tuple[str, ...]
    roles: tuple[str, ...]
    """The role of each column: ``category``, ``number``, ``name``, ``target``, ``outcome``."""
    target_year: int | None
    outcome_year: int | None
    rows: tuple[TableRow, ...]
    start: int
    end: int
    section: str
    """Number of the section the table belongs to (e.g. ``表1``)."""


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One table row read as an indicator with its targets and outcomes."""

    table: str
    row: TableRow
    name: str
    category: str | None
    target_year: int | None
    target_text: str | None
    targets: tuple[Quantity, ...]
    outcome_year: int | None
    outcome_text: str | None
    outcomes: tuple[Quantity, ...]
    status: str | None
    """``met``, ``not_met``, ``no_data`` or ``unclear`` for a row with an outcome."""
    status_note: str | None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number stated in running text: a 2022 result in a review, or a commitment in a task."""

    measure: str
    quantity: Quantity
    sentence: Span
    clause: Span
    section: str


@dataclass(slots=True)
class PlanReport:
    """Everything structured the extractor found in one report."""

    document: SourceDocument
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    review_figures: list[Figure] = field(default_factory=list)
    headline_figures: list[Figure] = field(default_factory=list)
    commitments: list[Figure] = field(default_factory=list)
    goal_of_task: dict[str, str] = field(default_factory=dict)
    review_areas: list[str] = field(default_factory=list)
    headline: str | None = None
    binding_categories: tuple[str, ...] = ()
    expected_categories: tuple[str, ...] = ()
    binding_evidence: Span | None = None
    missed_indicators: tuple[str, ...] = ()
    missed_evidence: Span | None = None
    review_part: str | None = None
    measures_part: str | None = None
    mentions: list[Any] = field(default_factory=list)
    """:class:`plangraph.extract.mentions.Mention` records, when a gazetteer was given."""
    statuses: list[Any] = field(default_factory=list)
    """:class:`plangraph.extract.mentions.StatusClaim` records, when a gazetteer was given."""
    candidates: list[Any] = field(default_factory=list)
    """:class:`plangraph.extract.mentions.Candidate` records: names no gazetteer entry accounts for."""

    @property
    def text(self) -> str:
        return self.document.text

    def section_at(self, offset: int) -> Section | None:
        """The deepest section whose heading or body holds ``offset``."""
        containing = [s for s in self.sections if s.start <= offset < max(s.end, s.heading_end)]
        return max(containing, key=lambda s: (s.level, s.start)) if containing else None

    def section(self, number: str) -> Section:
        for section in self.sections:
            if section.number == number:
                return section
        raise KeyError(number)
