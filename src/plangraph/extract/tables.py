"""Tables as the genre's plain-text copies lay them out.

One cell per line, each cell line starting with a tab; a line without a tab
continues the cell above it (a wrapped cell); rows are separated by blank
lines; the first row holds the headers. Columns are recognised by their
header wording, so a table with a ``2023年预期目标`` and a ``完成情况`` column
reads as well as one with only targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._errors import ExtractError
from .records import Section, Span, Table, TableRow

__all__ = ["COLUMN_ROLES", "column_role", "parse_table"]

#: Header wording -> column role; first match wins.
COLUMN_ROLES: tuple[tuple[str, str], ...] = (
    ("分类", "category"),
    ("类别", "category"),
    ("序号", "number"),
    ("完成情况", "outcome"),
    ("执行情况", "outcome"),
    ("实际", "outcome"),
    ("预期目标", "target"),
    ("目标", "target"),
    ("指标", "name"),
    ("名称", "name"),
)


def column_role(header: str) -> str:
    compact = re.sub(r"\s+", "", header)
    for word, role in COLUMN_ROLES:
        if word in compact:
            return role
    return "other"


@dataclass(slots=True)
class _Cell:
    text: str
    start: int
    end: int


def _read_rows(text: str, start: int, end: int) -> list[list[_Cell]]:
    rows: list[list[_Cell]] = []
    current: list[_Cell] = []
    position = start
    for line in text[start:end].splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if not content.strip() and not content.startswith("\t"):
            if current:
                rows.append(current)
                current = []
        elif content.startswith("\t"):
            current.append(_Cell(content[1:], position + 1, position + len(content)))
        elif current:
            cell = current[-1]
            cell.text += content
            cell.end = position + len(content)
        position += len(line)
    if current:
        rows.append(current)
    return rows


def _year(header: str) -> int | None:
    match = re.search(r"(\d{4})\s*年", header)
    return int(match.group(1)) if match else None


def _clean_span(text: str, cell: _Cell) -> Span:
    start, end = cell.start, cell.end
    while start < end and text[start] in " \t　":
        start += 1
    while end > start and text[end - 1] in " \t　":
        end -= 1
    return Span(start, end)


def parse_table(text: str, section: Section, *, doc_id: str, default_year: int | None = None) -> Table:
    """Read the table whose title line opens ``section``.

    ``default_year`` is the year for a target or outcome column whose header
    names none (the title's year is tried first).
    """
    rows = _read_rows(text, section.heading_end, section.end)
    if not rows:
        raise ExtractError(f"table {section.number} has no rows", doc_id=doc_id, start=section.start, end=section.end)
    header_cells = rows[0]
    headers = tuple(re.sub(r"\s+", "", cell.text) for cell in header_cells)
    roles = tuple(column_role(header) for header in headers)
    if "name" not in roles:
        raise ExtractError(
            f"table {section.number} has no indicator-name column among {list(headers)}",
            doc_id=doc_id,
            start=section.start,
            end=section.end,
        )
    title_year = _year(section.title)
    target_year = next((_year(h) for h, r in zip(headers, roles) if r == "target"), None) or title_year or default_year
    outcome_year = next((_year(h) for h, r in zip(headers, roles) if r == "outcome"), None) or title_year or default_year
    table_rows: list[TableRow] = []
    category: str | None = None
    for index, cells in enumerate(rows[1:], start=1):
        if len(cells) != len(headers):
            raise ExtractError(
                f"table {section.number} row {index} has {len(cells)} cells, expected {len(headers)}",
                doc_id=doc_id,
                start=cells[0].start,
                end=cells[-1].end,
            )
        values: dict[str, str] = {}
        spans: dict[str, Span] = {}
        number: int | None = None
        for cell, role in zip(cells, roles):
            span = _clean_span(text, cell)
            value = cell.text.strip(" \t　")
            if role == "category":
                if value:
                    category = value
                    spans[role] = span
                continue
            if role == "number":
                number = int(value) if value.isdigit() else None
                continue
            values[role] = value
            spans[role] = span
        table_rows.append(
            TableRow(
                table=section.number,
                index=index,
                number=number,
                category=category if "category" in roles else None,
                cells=values,
                spans=spans,
                start=cells[0].start,
                end=cells[-1].end,
            )
        )
    return Table(
        label=section.number,
        title=section.title,
        headers=headers,
        roles=roles,
        target_year=target_year if "target" in roles else None,
        outcome_year=outcome_year if "outcome" in roles else None,
        rows=tuple(table_rows),
        start=section.start,
        end=section.end,
        section=section.number,
    )
