"""The curated gazetteer (data/gazetteer.toml) and its loader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plangraph._errors import InputError
from plangraph.extract.mentions import (
    ENTITY_TYPES,
    ZONE_TYPES,
    GazetteerEntry,
    check_gazetteer,
    find_mentions,
    load_gazetteer,
)

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "data" / "gazetteer.toml"
SOURCE = ROOT / "data" / "sources" / "suzhou-2023-plan-report.txt"

_CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def gazetteer() -> tuple[GazetteerEntry, ...]:
    return load_gazetteer(GAZETTEER)


@pytest.fixture(scope="module")
def text() -> str:
    return SOURCE.read_text(encoding="utf-8")


# ------------------------------------------------------------------ the curated file


def test_file_tables_are_unique_and_sorted_by_slug() -> None:
    raw = GAZETTEER.read_text(encoding="utf-8")
    slugs = re.findall(r"^\[([^\]]+)\]\s*$", raw, flags=re.MULTILINE)
    assert len(slugs) > 200
    assert len(slugs) == len(set(slugs)), "duplicate slug"
    assert slugs == sorted(slugs), "tables are not sorted by slug"
    assert raw.startswith("#"), "the file starts with a header comment explaining the format"


def test_entries_are_well_formed(gazetteer: tuple[GazetteerEntry, ...]) -> None:
    for e in gazetteer:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e.slug), e.slug
        assert e.type in ENTITY_TYPES, e.slug
        assert _CJK.search(e.zh), f"{e.slug}: zh has no Chinese"
        assert not _CJK.search(e.en), f"{e.slug}: en contains Chinese"
        assert e.en[0].isupper() or e.en[0].isdigit() or e.en[0] == "'", f"{e.slug}: en should read as a name: {e.en!r}"


def test_no_surface_form_is_used_twice(gazetteer: tuple[GazetteerEntry, ...]) -> None:
    surfaces = [s for e in gazetteer for s in e.surfaces]
    assert len(surfaces) == len(set(surfaces))
    slugs = [e.slug for e in gazetteer]
    assert len(slugs) == len(set(slugs))


def test_every_entry_is_mentioned_in_the_source(gazetteer: tuple[GazetteerEntry, ...], text: str) -> None:
    mentioned = {m.slug for m in find_mentions(text, gazetteer)}
    never = sorted(e.slug for e in gazetteer if e.slug not in mentioned)
    assert never == []


def test_admin_codes_are_the_gb_t_2260_codes(gazetteer: tuple[GazetteerEntry, ...]) -> None:
    codes = {e.zh: e.admin_code for e in gazetteer if e.admin_code}
    assert codes == {
        "苏州市": "320500",
        "江苏省": "320000",
        "昆山市": "320583",
        "太仓市": "320585",
        "张家港市": "320582",
        "吴江区": "320509",
    }
    by_zh = {e.zh: e for e in gazetteer}
    assert by_zh["苏州工业园区"].admin_code is None
    assert by_zh["苏州工业园区"].type == "PlanningZone"


def test_containment_points_at_zones(gazetteer: tuple[GazetteerEntry, ...]) -> None:
    by_slug = {e.slug: e for e in gazetteer}
    for e in gazetteer:
        for target in (*e.part_of, *e.located_in):
            assert by_slug[target].type in ZONE_TYPES, (e.slug, target)
        if e.part_of:
            assert e.type in ZONE_TYPES, e.slug
    by_zh = {e.zh: e for e in gazetteer}
    assert by_slug[by_zh["太仓港"].located_in[0]].zh == "太仓市"
    assert by_slug[by_zh["昆山超级计算中心"].located_in[0]].zh == "昆山市"
    for county in ("昆山市", "太仓市", "张家港市", "吴江区"):
        assert "suzhou" in by_zh[county].part_of


def test_wikidata_links_are_few_and_well_formed(gazetteer: tuple[GazetteerEntry, ...]) -> None:
    linked = {e.zh: e.wikidata for e in gazetteer if e.wikidata}
    # only links we are certain of; anything new here needs a reviewed reason
    assert linked == {"日本": "Q17", "欧洲": "Q46"}


def test_named_state_groups_are_state_groups(gazetteer: tuple[GazetteerEntry, ...]) -> None:
    groups = {e.zh for e in gazetteer if e.type == "StateGroup"}
    assert groups == {
        "公交集团",
        "名城保护集团",
        "创新投资集团",
        "大数据集团",
        "港航集团",
        "能源集团",
        "储备粮公司",
        "城投集团",
        "保障房公司",
        "轨道集团",
    }


# ------------------------------------------------------------------------ the loader


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "gaz.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """
[suzhou]
type = "AdministrativeArea"
zh = "苏州市"
en = "Suzhou"
aliases = ["苏州"]
admin_code = "320500"

[suzhou-laboratory]
type = "Laboratory"
zh = "苏州实验室"
en = "Suzhou Laboratory"
located_in = ["suzhou"]
"""


def test_loader_reads_a_good_file(tmp_path: Path) -> None:
    entries = load_gazetteer(_write(tmp_path, GOOD))
    assert [e.slug for e in entries] == ["suzhou", "suzhou-laboratory"]
    lab = entries[1]
    assert lab.located_in == ("suzhou",)
    assert lab.aliases == () and lab.admin_code is None and lab.wikidata is None and lab.note is None
    assert entries[0].surfaces == ("苏州市", "苏州")


@pytest.mark.parametrize(
    ("body", "entry", "words"),
    [
        ('[a-b]\ntype = "Zone"\nzh = "甲"\n', "a-b", "missing required field 'en'"),
        ('[a-b]\ntype = "Road"\nzh = "甲"\nen = "A"\n', "a-b", "unknown type 'Road'"),
        ('[a-b]\ntype = "Zone"\nzh = "甲"\nen = "A"\ncolour = "red"\n', "a-b", "unknown field"),
        ('[A_b]\ntype = "Zone"\nzh = "甲"\nen = "A"\n', "A_b", "slug"),
        ('[a-b]\ntype = "Zone"\nzh = "甲"\nen = "A"\npart_of = ["nowhere"]\n', "a-b", "unknown slug 'nowhere'"),
        ('[a-b]\ntype = "Zone"\nzh = "甲"\nen = "A"\nlocated_in = ["a-b"]\n', "a-b", "itself"),
        ('[a-b]\ntype = "Policy"\nzh = "甲"\nen = "A"\nadmin_code = "320500"\n', "a-b", "admin_code"),
        ('[a-b]\ntype = "AdministrativeArea"\nzh = "甲"\nen = "A"\nadmin_code = "3205"\n', "a-b", "admin_code"),
        ('[a-b]\ntype = "Zone"\nzh = "甲"\nen = "A"\nwikidata = "17"\n', "a-b", "wikidata"),
        ('[a-b]\ntype = "Zone"\nzh = "甲"\nen = "A"\naliases = "乙"\n', "a-b", "aliases"),
        ('[a-b]\ntype = "Zone"\nzh = "甲"\nen = "A"\naliases = ["甲"]\n', "a-b", "duplicate surface form '甲'"),
        ('[a-b]\ntype = "Policy"\nzh = "甲"\nen = "A"\npart_of = ["c"]\n[c]\ntype = "Zone"\nzh = "丙"\nen = "C"\n', "a-b", "part_of"),
        ('[a]\ntype = "Zone"\nzh = "甲"\nen = "A"\npart_of = ["b"]\n[b]\ntype = "Zone"\nzh = "乙"\nen = "B"\npart_of = ["a"]\n', "a", "cycle"),
    ],
)
def test_loader_rejects_a_bad_entry_naming_file_and_entry(tmp_path: Path, body: str, entry: str, words: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(InputError) as info:
        load_gazetteer(path)
    message = str(info.value)
    assert str(path) in message
    assert f"[{entry}]" in message
    assert words in message


def test_loader_rejects_an_alias_shared_by_two_entries(tmp_path: Path) -> None:
    body = GOOD + '\n[suzhou-city-2]\ntype = "Zone"\nzh = "姑苏"\nen = "Gusu"\naliases = ["苏州"]\n'
    path = _write(tmp_path, body)
    with pytest.raises(InputError) as info:
        load_gazetteer(path)
    message = str(info.value)
    assert str(path) in message and "[suzhou-city-2]" in message and "[suzhou]" in message and "'苏州'" in message


def test_loader_reports_bad_toml_and_missing_files(tmp_path: Path) -> None:
    bad = _write(tmp_path, '[a]\ntype = "Zone"\nzh = \n')
    with pytest.raises(InputError, match=re.escape(str(bad))):
        load_gazetteer(bad)
    missing = tmp_path / "nope.toml"
    with pytest.raises(InputError, match=re.escape(str(missing))):
        load_gazetteer(missing)
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('[a]\ntype = "Zone"\nzh = "é"\nen = "A"\n'.encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        load_gazetteer(latin1)
    empty = _write(tmp_path, "# nothing\n")
    with pytest.raises(InputError, match="no entries"):
        load_gazetteer(empty)


def test_check_gazetteer_guards_hand_built_lists() -> None:
    a = GazetteerEntry("a", "Zone", "甲", "A")
    with pytest.raises(InputError, match=r"\[a\]: duplicate slug"):
        check_gazetteer([a, GazetteerEntry("a", "Zone", "乙", "B")])
    with pytest.raises(InputError, match="unknown type"):
        check_gazetteer([GazetteerEntry("b", "Road", "乙", "B")])
    with pytest.raises(InputError, match="not a zone"):
        check_gazetteer([GazetteerEntry("p", "Policy", "丙", "P"), GazetteerEntry("q", "Project", "丁", "Q", located_in=("p",))])
    assert check_gazetteer([a]) == (a,)
