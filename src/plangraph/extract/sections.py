"""The numbered outline of a Chinese plan report.

The genre numbers its parts 一、 (level 1), （一） (level 2) and 1． (level 3),
each at the start of a line; a level-3 heading is the lead phrase of its first
paragraph, ended by 。 or ：. Tables (表1 ...) are parts of their own. Numbers
are paths: ``一（二）1`` is item 1 of part （二） of part 一.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Section

__all__ = ["HEADING_PATTERNS", "OPENING", "OPENING_TITLE", "Heading", "find_headings", "parse_sections"]

#: Number and title of the text before the first numbered part.
OPENING = "序"
OPENING_TITLE = "开头"

_CN = "一二三四五六七八九十"
HEADING_PATTERNS: dict[int, re.Pattern[str]] = {
    1: re.compile(rf"^([{_CN}]+)、(.+)$"),
    2: re.compile(rf"^[（(]([{_CN}]+)[）)](.+)$"),
    3: re.compile(r"^(\d{1,2})[．.、]\s*(.+)$"),
}
_TABLE_TITLE = re.compile(r"^(表\s*\d+)\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    """1-3 for numbered parts, 0 for a table title."""
    label: str
    title: str
    start: int
    heading_end: int


def _level3_title(rest: str) -> tuple[str, int]:
    """The lead phrase of a numbered paragraph: up to the first 。 or ：."""
    match = re.search(r"[。：:]", rest)
    if match is None or match.start() > 40:
        return rest.strip(), len(rest)
    return rest[: match.start()].strip(), match.end()


def find_headings(text: str) -> list[Heading]:
    """Every line that opens a numbered part or a table, in order."""
    headings: list[Heading] = []
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.lstrip(" 　")
        indent = len(body) - len(stripped)
        start = position + indent
        table = _TABLE_TITLE.match(stripped)
        if table:
            headings.append(Heading(0, re.sub(r"\s+", "", table.group(1)), table.group(2).strip(), start, start + len(stripped)))
        else:
            for level, pattern in HEADING_PATTERNS.items():
                match = pattern.match(stripped)
                if not match:
                    continue
                rest_offset = match.start(2)
                if level == 3:
                    title, consumed = _level3_title(match.group(2))
                    heading_end = start + rest_offset + consumed
                else:
                    title = match.group(2).strip()
                    heading_end = start + len(stripped)
                headings.append(Heading(level, match.group(1), title, start, heading_end))
                break
        position += len(line)
    return headings


def parse_sections(text: str) -> list[Section]:
    """The report's outline as sections with full number paths and spans.

    A section ends where the next heading of the same or a higher level starts.
    A table ends at the first line after a blank line that is not a table cell.
    """
    headings = find_headings(text)
    sections: list[Section] = []
    first = headings[0].start if headings else len(text)
    if text[:first].strip():
        # The opening (date, speaker, 各位代表) precedes the first numbered part.
        opening_start = len(text[:first]) - len(text[:first].lstrip())
        sections.append(
            Section(
                number=OPENING,
                level=1,
                title=OPENING_TITLE,
                start=opening_start,
                end=_trim_end(text, opening_start, first),
                heading_end=opening_start + len(text[opening_start:first].splitlines()[0]),
                parent=None,
                order=0,
            )
        )
    stack: dict[int, Section] = {}
    counters: dict[str, int] = {}
    for index, heading in enumerate(headings):
        if heading.level == 0:
            parent = stack.get(1)
            end = _table_end(text, heading.heading_end)
            number = heading.label
            level = 2
        else:
            level = heading.level
            parent = next((stack[lvl] for lvl in range(level - 1, 0, -1) if lvl in stack), None)
            number = (parent.number if parent else "") + (f"（{heading.label}）" if level == 2 else heading.label)
            end = len(text)
            for later in headings[index + 1 :]:
                if later.level != 0 and later.level <= level:
                    end = later.start
                    break
        parent_number = parent.number if parent else None
        counter_key = f"{parent_number}/{'table' if heading.level == 0 else 'part'}"
        counters[counter_key] = counters.get(counter_key, 0) + 1
        section = Section(
            number=number,
            level=level,
            title=heading.title,
            start=heading.start,
            end=_trim_end(text, heading.start, end),
            heading_end=heading.heading_end,
            parent=parent_number,
            order=counters[counter_key],
        )
        sections.append(section)
        if heading.level:
            stack[heading.level] = section
            for deeper in [lvl for lvl in stack if lvl > heading.level]:
                del stack[deeper]
    return sections


def _table_end(text: str, position: int) -> int:
    lines = text[position:].splitlines(keepends=True)
    offset = position
    previous_blank = False
    for line in lines:
        if previous_blank and line.strip() and not line.startswith("\t"):
            return offset
        previous_blank = not line.strip()
        offset += len(line)
    return offset


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\r\n　":
        end -= 1
    return end
