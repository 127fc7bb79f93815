"""A name index over the graph: Chinese, English and pinyin, ranked.

Every labelled node contributes its names: ``rdfs:label`` (zh and en),
``skos:altLabel`` aliases and the last part of its IRI path (the slug). A
Chinese name is also indexed by its pinyin, written together
(``taihuxincheng``), so spaced input (``tai hu xin cheng``) and partial input
(``taihu``, ``xincheng``: matched at syllable starts) find it, and by its
initials (``thxc``).

Ranking, best first: exact > prefix > substring; then labels > aliases >
slugs; then the name as written > its pinyin > its initials; then shorter
names (the closest fit) first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from pypinyin import lazy_pinyin

__all__ = ["Hit", "SearchIndex"]

_CJK: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_JOINERS: Final = re.compile(r"[\s\-_'’·.]+")
_KINDS: Final = ("", "substring", "prefix", "exact")
_FIELDS: Final = {"label": 2, "alias": 1, "slug": 0}
_VIA: Final = {"text": 2, "pinyin": 1, "initials": 0}


@dataclass(frozen=True, slots=True)
class _Key:
    text: str
    name: str  # the name as written, shown as what matched
    field: str
    via: str
    starts: frozenset[int] | None = None  # syllable starts, for pinyin substrings


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the node, what matched and how."""

    iri: str
    label_zh: str
    label_en: str
    types: tuple[str, ...]
    matched: str
    field: str
    via: str
    match: str
    rank: tuple[int, int, int, int]


@dataclass
class _Entry:
    iri: str
    label_zh: str = ""
    label_en: str = ""
    types: set[str] = field(default_factory=set)
    keys: list[_Key] = field(default_factory=list)


def normalise(text: str) -> str:
    """NFKC, case-folded, runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _pinyin_keys(name: str, field_name: str) -> list[_Key]:
    syllables = [s for s in (_JOINERS.sub("", normalise(p)) for p in lazy_pinyin(name)) if s]
    if not syllables:
        return []
    starts, offset = set(), 0
    for syllable in syllables:
        starts.add(offset)
        offset += len(syllable)
    keys = [_Key("".join(syllables), name, field_name, "pinyin", frozenset(starts))]
    initials = "".join(s[0] for s in syllables)
    if len(initials) >= 2:
        keys.append(_Key(initials, name, field_name, "initials"))
    return keys


class SearchIndex:
    """Names of the graph's nodes, searchable in Chinese, English and pinyin."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, iri: str, name: str, *, field: str, language: str | None = None) -> None:
        """Index ``name`` for ``iri``; ``field`` is ``label``, ``alias`` or ``slug``."""
        entry = self._entries.setdefault(iri, _Entry(iri))
        if field == "label":
            if (language or "").startswith("zh") and not entry.label_zh:
                entry.label_zh = name
            elif not (language or "").startswith("zh") and not entry.label_en:
                entry.label_en = name
        text = normalise(name)
        if not text:
            return
        entry.keys.append(_Key(text, name, field, "text"))
        if _CJK.search(name):
            entry.keys.extend(_pinyin_keys(name, field))

    def add_type(self, iri: str, type_iri: str) -> None:
        """Record a class of an indexed node (nodes without names are ignored)."""
        if iri in self._entries:
            self._entries[iri].types.add(type_iri)

    def add_slugs(self, base: str) -> None:
        """Index the last path segment of every IRI under ``base`` (``taihu-new-town``)."""
        for entry in self._entries.values():
            if entry.iri.startswith(base):
                slug = entry.iri.rstrip("/").rsplit("/", 1)[-1]
                if slug and not slug.isdigit():
                    entry.keys.append(_Key(normalise(slug), slug, "slug", "text"))

    def search(
        self,
        query: str,
        *,
        types: Iterable[str] | None = None,
        exclude: Iterable[str] = (),
        limit: int = 50,
    ) -> list[Hit]:
        """Hits for ``query`` best first; ``types`` keeps nodes of those classes, ``exclude`` drops them."""
        text = normalise(query)
        if not text:
            return []
        compact = _JOINERS.sub("", text)
        ascii_query = compact.isascii() and compact.isalnum()
        wanted = None if types is None else set(types)
        unwanted = set(exclude)
        hits = []
        for entry in self._entries.values():
            if wanted is not None and not entry.types & wanted:
                continue
            if unwanted and entry.types & unwanted:
                continue
            best: tuple[tuple[int, int, int, int], _Key] | None = None
            for key in entry.keys:
                kind = _match(key, text, compact, ascii_query)
                if kind:
                    rank = (kind, _FIELDS[key.field], _VIA[key.via], -len(key.text))
                    if best is None or rank > best[0]:
                        best = (rank, key)
            if best is not None:
                rank, key = best
                hits.append(
                    Hit(
                        entry.iri,
                        entry.label_zh,
                        entry.label_en,
                        tuple(sorted(entry.types)),
                        key.name,
                        key.field,
                        key.via,
                        _KINDS[rank[0]],
                        rank,
                    )
                )
        hits.sort(key=lambda h: (tuple(-r for r in h.rank), h.label_zh or h.label_en, h.iri))
        return hits[:limit]


def _match(key: _Key, text: str, compact: str, ascii_query: bool) -> int:
    """3 exact, 2 prefix, 1 substring, 0 no match."""
    if key.via == "text":
        if key.text == text:
            return 3
        if key.text.startswith(text):
            return 2
        return 1 if text in key.text else 0
    if not ascii_query or len(compact) < 2:
        return 0
    if key.text == compact:
        return 3
    if key.text.startswith(compact):
        return 2
    if key.via == "pinyin" and key.starts is not None:
        start = key.text.find(compact, 1)
        while start > 0:
            if start in key.starts:
                return 1
            start = key.text.find(compact, start + 1)
    return 0
