"""Name keys for matching: the same name in another script, width, case, affix or romanisation gets the same key.

Each key is a plain string, so matching is a dictionary look-up:

* :func:`fold` — NFKC (full-width ``ＰＭ２．５`` -> ``pm2.5``), traditional to
  simplified (``蘇州`` -> ``苏州``), case-folded, without spaces and punctuation;
* :func:`core_keys` — :func:`fold` less bracketed asides (``地区生产总值（GDP）``),
  a leading place name (``苏州工业园区`` -> ``工业园区``) and an administrative
  suffix (``昆山市`` -> ``昆山``, ``Kunshan City`` -> ``kunshan``);
* :func:`pinyin_key` — toneless pinyin of a Chinese name run together
  (``昆山`` -> ``kunshan``), compared only with queries written in Latin letters,
  since many Chinese names share a sound (``苏州``, ``宿州``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from pypinyin import lazy_pinyin

__all__ = ["ADMIN_SUFFIXES", "core_keys", "fold", "has_han", "pinyin_key", "place_prefixes", "similarity", "to_simplified"]

#: Administrative suffixes dropped from the end of a name, longest first (only when two characters remain).
ADMIN_SUFFIXES: tuple[str, ...] = (
    "特别行政区", "自治区", "自治州", "自治县", "街道", "新区", "地区", "省", "市", "区", "县", "镇", "乡",
)  # fmt: skip
_ENGLISH_SUFFIXES = ("municipality", "prefecture", "province", "district", "county", "city", "town", "the")
_BRACKETS = re.compile(r"[(（\[【〔][^)）\]】〕]*[)）\]】〕]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_converter: Any = None


def to_simplified(text: str) -> str:
    """Traditional characters to simplified ones (OpenCC's ``t2s`` tables)."""
    global _converter
    if _converter is None:
        import opencc  # type: ignore[import-untyped]

        _converter = opencc.OpenCC("t2s")
    result: str = _converter.convert(text)
    return result


def has_han(text: str) -> bool:
    """True when ``text`` holds a Chinese character."""
    return bool(_HAN.search(text))


def _keep(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LN" or char == "."


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The comparison form of a name: NFKC, simplified, case-folded, letters and digits only (``.`` kept)."""
    text = unicodedata.normalize("NFKC", text)
    if has_han(text):
        text = to_simplified(text)
    folded = "".join(char for char in text.casefold() if _keep(char))
    return folded.strip(".")


def _strip_suffix(text: str) -> str:
    if has_han(text):
        for suffix in ADMIN_SUFFIXES:
            if text.endswith(suffix) and len(text) - len(suffix) >= 2:
                return text[: -len(suffix)]
        return text
    return text


def _english_core(text: str) -> str:
    words = re.findall(r"[a-z0-9.]+", unicodedata.normalize("NFKC", text).casefold())
    kept = [word for word in words if word not in _ENGLISH_SUFFIXES]
    return "".join(kept or words)


def place_prefixes(names: Iterable[str]) -> tuple[str, ...]:
    """Folded place names (with and without their suffix) to strip from the front of other names, longest first."""
    prefixes: set[str] = set()
    for name in names:
        folded = fold(name)
        for form in (folded, _strip_suffix(folded)):
            if len(form) >= 2:
                prefixes.add(form)
    return tuple(sorted(prefixes, key=lambda p: (-len(p), p)))


def core_keys(text: str, prefixes: tuple[str, ...] = ()) -> frozenset[str]:
    """The keys of ``text`` with brackets, a leading place name and an administrative suffix taken off.

    Every combination is kept (``苏州工业园区`` gives ``工业园区``, ``苏州工业园``,
    ``工业园``), so two names meet when any of their cores agree. A core
    shorter than two characters is not a key.
    """
    unbracketed = _BRACKETS.sub("", unicodedata.normalize("NFKC", text))
    bases = {fold(text), fold(unbracketed) if unbracketed.strip() else ""}
    if not has_han(text):
        bases |= {_english_core(text), _english_core(unbracketed)}
    keys: set[str] = set()
    for base in bases:
        if not base:
            continue
        forms = {base}
        for prefix in prefixes:
            if base.startswith(prefix) and len(base) - len(prefix) >= 2:
                forms.add(base[len(prefix) :])
                break
        forms |= {_strip_suffix(form) for form in forms}
        keys |= {form for form in forms if len(form) >= 2}
    return frozenset(keys)


@lru_cache(maxsize=65536)
def pinyin_key(text: str) -> str:
    """Toneless pinyin run together (``昆山市`` -> ``kunshanshi``); for Latin text, its letters and digits."""
    normal = unicodedata.normalize("NFKC", text)
    if has_han(normal):
        normal = " ".join(lazy_pinyin(to_simplified(normal)))
    return re.sub(r"[^a-z0-9]", "", normal.casefold().replace("ü", "v"))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams (unigrams for one-character strings), 0..1."""
    if a == b:
        return 1.0
    grams_a, grams_b = _grams(a), _grams(b)
    if not grams_a or not grams_b:
        return 0.0
    common = sum(min(count, grams_b.get(gram, 0)) for gram, count in grams_a.items())
    return 2 * common / (sum(grams_a.values()) + sum(grams_b.values()))


def _grams(text: str) -> dict[str, int]:
    grams: dict[str, int] = {}
    items = [text] if len(text) < 2 else [text[i : i + 2] for i in range(len(text) - 1)]
    for gram in items:
        grams[gram] = grams.get(gram, 0) + 1
    return grams
