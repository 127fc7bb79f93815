"""The name index: Chinese, English and pinyin, ranked exact > prefix > substring, labels > aliases."""

from __future__ import annotations

import pytest

from plangraph.web.searchindex import SearchIndex, normalise

ZONE = "https://e.org/zone"
LAB = "https://e.org/lab"
TAIHU = "https://e.org/id/entity/taihu-new-town"
SCIENCE = "https://e.org/id/entity/taihu-science-city"
RIM = "https://e.org/id/entity/taihu-rim"
SUZHOU = "https://e.org/id/entity/suzhou"
SUZHOU_LAB = "https://e.org/id/entity/suzhou-lab"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    idx = SearchIndex()
    for iri, zh, en, aliases, cls in [
        (TAIHU, "太湖新城", "Taihu New Town", ["太湖新城片区"], ZONE),
        (SCIENCE, "太湖科学城", "Taihu Science City", [], ZONE),
        (RIM, "环太湖科创圈", "Taihu Lake Rim Innovation Circle", [], ZONE),
        (SUZHOU, "苏州市", "Suzhou", ["苏州"], ZONE),
        (SUZHOU_LAB, "苏州实验室", "Suzhou Laboratory", [], LAB),
    ]:
        idx.add(iri, zh, field="label", language="zh")
        idx.add(iri, en, field="label", language="en")
        for alias in aliases:
            idx.add(iri, alias, field="alias", language="zh")
        idx.add_type(iri, cls)
    idx.add_slugs("https://e.org/id/")
    return idx


@pytest.mark.parametrize(
    ("query", "first", "match", "via"),
    [
        ("太湖新城", TAIHU, "exact", "text"),
        ("Taihu New Town", TAIHU, "exact", "text"),
        ("taihu new town", TAIHU, "exact", "text"),
        ("ＴＡＩＨＵ　ＮＥＷ ＴＯＷＮ", TAIHU, "exact", "text"),  # full-width input
        ("taihuxincheng", TAIHU, "exact", "pinyin"),
        ("tai hu xin cheng", TAIHU, "exact", "pinyin"),
        ("thxc", TAIHU, "exact", "initials"),
        ("taihu", TAIHU, "prefix", "text"),
        ("xincheng", TAIHU, "substring", "pinyin"),
        ("太湖", TAIHU, "prefix", "text"),
        ("苏州", SUZHOU, "exact", "text"),
        ("suzhou", SUZHOU, "exact", "text"),
        ("shiyanshi", SUZHOU_LAB, "substring", "pinyin"),
    ],
)
def test_finds_and_ranks(index: SearchIndex, query: str, first: str, match: str, via: str) -> None:
    hits = index.search(query)
    assert hits, query
    assert (hits[0].iri, hits[0].match, hits[0].via) == (first, match, via)


def test_exact_beats_prefix_beats_substring(index: SearchIndex) -> None:
    hits = index.search("太湖")
    assert [h.iri for h in hits] == [TAIHU, SCIENCE, RIM]
    assert [h.match for h in hits] == ["prefix", "prefix", "substring"]


def test_labels_beat_aliases() -> None:
    idx = SearchIndex()
    idx.add("https://e.org/a", "新城片区", field="alias", language="zh")
    idx.add("https://e.org/b", "新城片区", field="label", language="zh")
    assert [h.iri for h in idx.search("新城片区")] == ["https://e.org/b", "https://e.org/a"]


def test_pinyin_substrings_start_at_a_syllable(index: SearchIndex) -> None:
    assert index.search("aihuxin") == []  # starts inside "tai", not at a syllable
    assert index.search("x") == []  # one letter: no pinyin matching


def test_type_filter_and_limit(index: SearchIndex) -> None:
    assert [h.iri for h in index.search("苏州", types={LAB})] == [SUZHOU_LAB]
    assert len(index.search("taihu", limit=1)) == 1
    assert index.search("   ") == []


def test_normalise() -> None:
    assert normalise("  Taihu\tNEW  town ") == "taihu new town"
