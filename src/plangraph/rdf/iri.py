"""The one place that mints IRIs: readable, stable ASCII paths under ``id/``.

A path never depends on run order or a hash: it is made from section numbers,
row positions, curated slugs, or the pinyin of a name the curated files lack.
"""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin
from rdflib import URIRef

from .vocab import BASE

__all__ = [
    "PLAN_DATASET",
    "alignment_iri",
    "category_iri",
    "commitment_iri",
    "cube_component_iri",
    "cube_dimension_iri",
    "cube_observation_iri",
    "cube_structure_iri",
    "curated_statement_iri",
    "dataset_iri",
    "dataset_item_iri",
    "document_iri",
    "entity_iri",
    "evidence_iri",
    "graph_iri",
    "indicator_iri",
    "linkset_iri",
    "mention_iri",
    "observation_iri",
    "outcome_iri",
    "section_iri",
    "section_path",
    "slugify",
    "status_iri",
    "target_iri",
]

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def slugify(name: str) -> str:
    """An ASCII slug: pinyin for Chinese, lower-case words joined by hyphens (``户籍人口`` -> ``hu-ji-ren-kou``)."""
    words = lazy_pinyin(name, errors=lambda chars: [chars])  # a run of non-Chinese characters stays one word
    text = "-".join(words).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-") or "x"


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN_DIGITS[text]
    if text.startswith("十"):
        return 10 + (_CN_DIGITS[text[1]] if len(text) > 1 else 0)
    tens = _CN_DIGITS[text[0]] * 10
    return tens + (_CN_DIGITS[text[2]] if len(text) > 2 else 0)


def section_path(number: str) -> str:
    """``一（二）1`` -> ``1.2.1``; ``二1`` -> ``2.1``; ``表2`` -> ``table-2``."""
    if number.startswith("表"):
        return "table-" + number[1:]
    if number == "序":
        return "0"
    parts = re.findall(r"[（(]([一二三四五六七八九十]+)[）)]|([一二三四五六七八九十]+)|(\d+)", number)
    return ".".join(str(_cn_number(next(p for p in group if p))) for group in parts)


def _iri(path: str) -> URIRef:
    return URIRef(BASE + path)


def document_iri(doc_slug: str) -> URIRef:
    return _iri(f"{doc_slug}/report")


def section_iri(doc_slug: str, number: str, role: str | None = None) -> URIRef:
    """Review areas, goals and tasks get role paths (``task/13``); other parts ``section/1.2``."""
    path = section_path(number)
    if role == "task":
        return _iri(f"{doc_slug}/task/{path.rsplit('.', 1)[-1]}")
    if role in ("goal", "review-area"):
        return _iri(f"{doc_slug}/{role}/{path.rsplit('.', 1)[-1]}")
    if path.startswith("table-"):
        return _iri(f"{doc_slug}/table/{path[6:]}")
    return _iri(f"{doc_slug}/section/{path}")


def evidence_iri(doc_slug: str, start: int, end: int) -> URIRef:
    return _iri(f"{doc_slug}/evidence/{start}-{end}")


def indicator_iri(slug: str) -> URIRef:
    return _iri(f"indicator/{slug}")


def category_iri(slug: str) -> URIRef:
    return _iri(f"category/{slug}")


def alignment_iri(doc_slug: str, category_slug: str) -> URIRef:
    return _iri(f"{doc_slug}/alignment/{category_slug}")


def _part(base: str, part: int) -> str:
    return base if part == 1 else f"{base}-{part}"


def target_iri(doc_slug: str, indicator_slug: str, year: int, part: int) -> URIRef:
    return _iri(_part(f"{doc_slug}/target/{indicator_slug}/{year}", part))


def outcome_iri(doc_slug: str, indicator_slug: str, year: int, part: int) -> URIRef:
    return _iri(_part(f"{doc_slug}/outcome/{indicator_slug}/{year}", part))


def commitment_iri(doc_slug: str, task_number: str, index: int) -> URIRef:
    return _iri(f"{doc_slug}/task/{section_path(task_number).rsplit('.', 1)[-1]}/target/{index}")


def observation_iri(doc_slug: str, section_number: str, index: int) -> URIRef:
    return _iri(f"{doc_slug}/observation/{section_path(section_number)}/{index}")


def entity_iri(slug: str) -> URIRef:
    return _iri(f"entity/{slug}")


def mention_iri(doc_slug: str, entity_slug: str, start: int) -> URIRef:
    return _iri(f"{doc_slug}/mention/{entity_slug}/{start}")


def status_iri(doc_slug: str, entity_slug: str, start: int) -> URIRef:
    return _iri(f"{doc_slug}/status/{entity_slug}/{start}")


def curated_statement_iri(entity_slug: str, predicate: str, target_slug: str) -> URIRef:
    """The reified curated link ``entity --predicate--> target``."""
    return _iri(f"entity/{entity_slug}/{predicate}/{target_slug}")


# -- named graphs, linked datasets and their links ------------------------------

#: The plan graph itself as a VoID dataset: the objects' side of every linkset.
PLAN_DATASET = URIRef(BASE + "dataset/plangraph")

_GRAPH_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")


def graph_iri(name: str) -> URIRef:
    """A named graph: ``graph/<stem>`` for each data/triples file, ``graph/links/<dataset>`` for links.

    ``name`` is an ASCII path (letters, digits, ``.``, ``_``, ``-``, segments split by ``/``).
    """
    if not _GRAPH_NAME.match(name):
        raise ValueError(f"not a graph name: {name!r} (ASCII letters, digits, . _ - and /)")
    return _iri(f"graph/{name}")


def dataset_iri(dataset_slug: str) -> URIRef:
    """Another dataset linked to the plan graph (a researcher's table): ``dataset/<slug>``."""
    return _iri(f"dataset/{dataset_slug}")


def dataset_item_iri(dataset_slug: str, key: str, part: int = 1) -> URIRef:
    """One thing a linked table names (a row's key or its name), as ``dataset/<slug>/item/<key-slug>``.

    Keys whose slugs coincide (``蘇州`` and ``苏州``) get ``-2``, ``-3`` … in order of appearance.
    """
    return _iri(_part(f"dataset/{dataset_slug}/item/{slugify(key)}", part))


def linkset_iri(dataset_slug: str, predicate_name: str) -> URIRef:
    """The VoID linkset of one link predicate (``exact-match``, ``close-match``) from a dataset."""
    return _iri(f"dataset/{dataset_slug}/linkset/{predicate_name}")


def cube_structure_iri(dataset_slug: str) -> URIRef:
    """The Data Cube structure definition of an imported statistics table."""
    return _iri(f"dataset/{dataset_slug}/structure")


def cube_component_iri(dataset_slug: str, component: str) -> URIRef:
    """One component specification of that structure."""
    return _iri(f"dataset/{dataset_slug}/structure/{component}")


def cube_dimension_iri(name: str) -> URIRef:
    """A Data Cube dimension property the statistics import defines (``cube/indicator``)."""
    return _iri(f"cube/{name}")


def cube_observation_iri(dataset_slug: str, indicator_slug: str, area_slug: str, year: int, part: int = 1) -> URIRef:
    """One imported statistical observation: indicator x area x year (``-2`` … for repeats)."""
    return _iri(_part(f"dataset/{dataset_slug}/observation/{indicator_slug}/{area_slug}/{year}", part))
