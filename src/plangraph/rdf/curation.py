"""Curated knowledge the mapping adds to extracted records: slugs, English labels, alignments.

Read from ``data/curated/*.toml``; every fact taken from here is published as curated.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .._errors import InputError
from ..extract.report import normalise_name

__all__ = ["CategoryEntry", "Curation", "DocumentEntry", "IndicatorEntry", "load_curation"]


@dataclass(frozen=True, slots=True)
class IndicatorEntry:
    slug: str
    zh: tuple[str, ...]
    en: str


@dataclass(frozen=True, slots=True)
class CategoryEntry:
    slug: str
    zh: str
    en: str
    goal: str
    rationale: str


@dataclass(frozen=True, slots=True)
class DocumentEntry:
    slug: str
    creator: str
    creator_zh: str
    spatial: str
    spatial_zh: str
    delivered_at_en: str


@dataclass(slots=True)
class Curation:
    indicators: dict[str, IndicatorEntry] = field(default_factory=dict)
    """By normalised zh wording."""
    categories: dict[str, CategoryEntry] = field(default_factory=dict)
    """By normalised zh name."""
    documents: dict[str, DocumentEntry] = field(default_factory=dict)
    """By document id (the source file's stem)."""
    section_labels: dict[str, str] = field(default_factory=dict)
    table_labels: dict[str, str] = field(default_factory=dict)

    def indicator(self, name: str) -> IndicatorEntry | None:
        return self.indicators.get(normalise_name(name))

    def category(self, name: str) -> CategoryEntry | None:
        return self.categories.get(normalise_name(name))

    def with_indicator_wordings(self, wordings: dict[str, IndicatorEntry]) -> Curation:
        """A copy that also reads each of ``wordings`` (a report's name -> the entry it was matched to)."""
        indicators = dict(self.indicators)
        for name, entry in wordings.items():
            indicators.setdefault(normalise_name(name), entry)
        return replace(self, indicators=indicators)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise InputError(f"{path}: curated file is missing") from error
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: {error}") from error


def _require(path: Path, table: str, entry: dict[str, Any], keys: tuple[str, ...]) -> None:
    missing = [key for key in keys if not entry.get(key)]
    if missing:
        raise InputError(f"{path}: [{table}] lacks {', '.join(missing)}")


def load_curation(directory: Path) -> Curation:
    """Read ``indicators.toml`` and ``plan.toml`` from ``directory``."""
    curation = Curation()
    indicators_path = directory / "indicators.toml"
    for slug, entry in _read(indicators_path).get("indicator", {}).items():
        _require(indicators_path, f"indicator.{slug}", entry, ("zh", "en"))
        record = IndicatorEntry(slug=slug, zh=tuple(entry["zh"]), en=entry["en"])
        for wording in record.zh:
            if normalise_name(wording) in curation.indicators:
                other = curation.indicators[normalise_name(wording)].slug
                raise InputError(f"{indicators_path}: wording {wording!r} is listed under both {other} and {slug}")
            curation.indicators[normalise_name(wording)] = record
    plan_path = directory / "plan.toml"
    plan = _read(plan_path)
    for slug, entry in plan.get("category", {}).items():
        _require(plan_path, f"category.{slug}", entry, ("zh", "en", "goal", "rationale"))
        curation.categories[normalise_name(entry["zh"])] = CategoryEntry(slug, entry["zh"], entry["en"], entry["goal"], entry["rationale"])
    for doc_id, entry in plan.get("document", {}).items():
        _require(plan_path, f"document.{doc_id}", entry, ("slug", "creator", "creator_zh", "spatial", "spatial_zh"))
        curation.documents[doc_id] = DocumentEntry(
            entry["slug"], entry["creator"], entry["creator_zh"], entry["spatial"], entry["spatial_zh"], entry.get("delivered_at_en", "")
        )
    curation.section_labels = {normalise_name(k): v for k, v in plan.get("section_labels", {}).items()}
    curation.table_labels = dict(plan.get("table_labels", {}))
    return curation
