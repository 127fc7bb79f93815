"""Numbers stated in running text: 2022 results in a review, commitments in a task.

A figure is a value with a unit (``规模以上工业总产值达到4.36万亿元``, ``新增省级工业互联网平台10个``);
bare numbers in prose are years, codes and ordinals and are left alone.
"""

from __future__ import annotations

import re

from .records import Figure, Section, Span
from .wording import attach_measures, clauses, read_quantities

__all__ = ["find_figures", "sentences"]

_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans within ``text[start:end]``, split at 。！？ and line ends."""
    return [
        Span(start + match.start(), start + match.end())
        for match in _SENTENCE.finditer(text[start:end])
        if match.group().strip()
    ]


def find_figures(text: str, section: Section, *, skip_heading: bool = True) -> list[Figure]:
    """Every value with a unit in the body of ``section``, with what it measures."""
    figures: list[Figure] = []
    body_start = section.heading_end if skip_heading else section.start
    for sentence in sentences(text, body_start, section.end):
        previous_measure: str | None = None
        for clause, clause_start in clauses(text[sentence.start : sentence.end], sentence.start, breaks="，,；;。"):
            quantities = read_quantities(clause, clause_start, chinese_numerals=True, require_unit=True)
            if not quantities:
                continue
            for quantity in attach_measures(clause, clause_start, quantities, previous_measure):
                measure = quantity.measure or previous_measure or clause.strip()
                clause_span = Span(clause_start, clause_start + len(clause.rstrip()))
                figures.append(
                    Figure(measure=measure, quantity=quantity, sentence=sentence, clause=clause_span, section=section.number)
                )
                previous_measure = measure
    return figures
