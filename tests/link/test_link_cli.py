"""``plangraph link`` and ``plangraph import-observations`` end to end, and their answers to bad tables."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from plangraph._errors import InputError
from plangraph.cli import app
from plangraph.link import (
    import_observations,
    link_table,
    links_graph,
    observations_graph,
    read_table,
)
from plangraph.store import open_store

ID = "https://w3id.org/plangraph/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
VOID = "http://rdfs.org/ns/void#"

PROJECTS = "项目,区县\n轨道交通11号线,昆山\n蘇州灣隧道,吴江\nSuzhou Industrial Park,园区\n太湖新城建设,吴江\n宿州高铁站,\n轨道交通11号线,昆山\n"
YEARBOOK = (
    "指标,地区,年份,数值,单位,类型\n"
    "地区生产总值,苏州市,2023,4.6,%,增长\n"
    "地區生產總值,苏州,2022,2.4,万亿元,\n"
    "固定资产投资,苏州市,2023,-1.2,%,增长\n"
    "PM2.5浓度,苏州市,2023,29,微克/立方米,\n"
    "地区生产总值,昆山,2023,5.8,%,增长\n"
    "人均GDP,苏州市,2023,19,万元,\n"
)


def _run(*args: str):
    result = CliRunner().invoke(app, list(args), catch_exceptions=True)
    return result


def test_link_writes_sssom_links_void_and_review(tmp_path, plan, matcher) -> None:
    table = tmp_path / "district-projects.csv"
    table.write_text(PROJECTS, encoding="utf-8")
    store = open_store()
    result = link_table(table, "项目", matcher, store=store)
    assert result.dataset == "district-projects" and result.graph == links_graph("district-projects")
    assert [(d.value, d.reason) for d in result.decisions] == [
        ("轨道交通11号线", "accepted"), ("蘇州灣隧道", "accepted"), ("Suzhou Industrial Park", "accepted"),
        ("太湖新城建设", "below threshold"), ("宿州高铁站", "no candidate"),
    ]  # fmt: skip
    assert result.decisions[0].lines == (2, 7)
    names = {path.name for path in result.files}
    assert names == {"district-projects.links.ttl", "district-projects.links.sssom.tsv", "district-projects.links.review.tsv"}
    assert all(path.read_text(encoding="utf-8") == text for path, text in result.files.items())
    sssom = result.files[tmp_path / "district-projects.links.sssom.tsv"]
    meta = [line for line in sssom.splitlines() if line.startswith("#")]
    assert "#mapping_set_id: https://w3id.org/plangraph/id/dataset/district-projects/mappings" in meta
    assert any(line.startswith("#license: ") for line in meta)
    rows = list(csv.DictReader(io.StringIO("\n".join(l for l in sssom.splitlines() if not l.startswith("#"))), delimiter="\t"))
    assert [(r["subject_label"], r["predicate_id"], r["object_id"], r["confidence"]) for r in rows] == [
        ("轨道交通11号线", "skos:exactMatch", "pgid:entity/rail-line-11", "1.000"),
        ("蘇州灣隧道", "skos:exactMatch", "pgid:entity/suzhou-bay-tunnel", "0.980"),
        ("Suzhou Industrial Park", "skos:exactMatch", "pgid:entity/suzhou-industrial-park", "1.000"),
    ]
    assert all(r["mapping_justification"] == "semapv:LexicalMatching" for r in rows)
    review = list(csv.DictReader(io.StringIO(result.files[tmp_path / "district-projects.links.review.tsv"]), delimiter="\t"))
    assert [(r["value"], r["candidate_1_id"]) for r in review] == [("太湖新城建设", "entity/taihu-new-town"), ("宿州高铁站", "")]
    # the links and their VoID linkset are in the store, in their own graph
    assert store.graphs() == [result.graph]
    linked = store.query(f"SELECT ?s ?o WHERE {{ GRAPH <{result.graph}> {{ ?s <{SKOS}exactMatch> ?o }} }}")
    assert len(linked.rows) == 3
    void = store.query(f"SELECT ?n ?p WHERE {{ ?ls a <{VOID}Linkset> ; <{VOID}triples> ?n ; <{VOID}linkPredicate> ?p }}").dicts()
    assert void == [{"n": 3, "p": SKOS + "exactMatch"}]


def test_a_lower_threshold_lets_close_matches_through(tmp_path, matcher) -> None:
    table = tmp_path / "p.csv"
    table.write_text(PROJECTS, encoding="utf-8")
    result = link_table(table, "项目", matcher, threshold=55, write=False)
    close = [d for d in result.accepted if d.predicate == SKOS + "closeMatch"]
    assert [(d.value, d.best.target.id) for d in close] == [("太湖新城建设", "entity/taihu-new-town")]
    assert not (tmp_path / "p.links.ttl").exists()


def test_link_command_with_an_on_disk_store(tmp_path, paths) -> None:
    table = tmp_path / "projects.csv"
    table.write_text(PROJECTS, encoding="utf-8")
    store = tmp_path / "store"
    outcome = _run("link", str(table), "--column", "项目", "--type", "Project", "--type", "Zone", "--store", str(store), "--home", str(paths.root))
    assert outcome.exit_code == 0, outcome.output
    assert "5 distinct names: 3 linked (3 exactMatch, 0 closeMatch), 2 for review" in outcome.output
    with open_store(store) as disk:
        assert links_graph("projects") in disk.graphs()
        assert f"{ID[:-1]}/graph/suzhou-2023-plan-report" in disk.graphs()


def test_import_observations_and_compare_with_targets(tmp_path, plan, matcher) -> None:
    table = tmp_path / "yearbook.csv"
    table.write_text(YEARBOOK, encoding="utf-8")
    result = import_observations(table, matcher, store=plan.store)
    try:
        assert result.observations == 5
        assert [(d.value, d.reason) for d in result.skipped] == [("人均GDP", "indicator: no candidate")]
        rows = plan.run("targets-vs-observed")
        by_key = {(r["label_zh"], str(r["year"])): r for r in rows}
        gdp = by_key[("地区生产总值", "2023")]
        # the 2023 target 增长5%左右 against the yearbook's 4.6 %: same unit and kind, so a difference
        assert (gdp["target_text"], gdp["observed_value"], gdp["difference"]) == ("增长5%左右", Decimal("4.6"), Decimal("-0.4"))
        assert gdp["area"] == ID + "entity/suzhou"  # the plan's own area; Kunshan's row is not compared
        level = by_key[("地区生产总值", "2022")]
        assert level["observed_value"] == Decimal(2400000000000) and level["difference"] is None  # a level against a growth rate
        pm = by_key[("PM2.5浓度", "2023")]
        assert pm["observed_unit"] == "http://qudt.org/vocab/unit/MicroGM-PER-M3"
        assert len([r for r in rows if r["label_zh"] == "地区生产总值"]) == 2
    finally:
        plan.store.clear(result.graph)
    assert result.graph == observations_graph("yearbook")


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        ("指标,地区,年份,数值,颜色\n地区生产总值,苏州市,2023,4.6,红\n", "utf-8", ", line 1, column 5: unknown column '颜色'"),
        ("指标,地区,年份,数值\n地区生产总值,苏州市,2023,4.6,多余\n", "utf-8", ", line 2: 5 cells, but the header has 4"),
        ("指标,地区,年份,数值\n地区生产总值,苏州市,2023,4.6\n", "gbk", ", line 1, byte 3 of the line: not valid utf-8 (byte 0xb1); it reads as GBK"),
        ("指标,地区,年份,数值\n地区生产总值,苏州市,二〇二三,4.6\n", "utf-8", ", line 2, column 3 (年份): '二〇二三' is not a year"),
        ("指标,地区,年份,数值\n地区生产总值,苏州市,2023,很多\n", "utf-8", ", line 2, column 4 (数值): '很多' is not a number"),
        ("指标,地区,年份,数值,单位\n地区生产总值,苏州市,2023,4.6,furlongs\n", "utf-8", "column 5 (单位): unit 'furlongs' is not known"),
        ("指标,地区,年份,数值\n地区生产总值,苏州市,2023,4.6\n地区生产总值,苏州,2023,4.7\n", "utf-8", ", line 3: repeats line 2"),
        ('指标,地区,年份,数值\n"地区生产总值,苏州市,2023,4.6\n', "utf-8", "malformed CSV"),
        ("指标,地区,年份\n地区生产总值,苏州市,2023\n", "utf-8", ", line 1: no value column"),
    ],
)
def test_bad_tables_name_file_line_and_column_and_write_nothing(tmp_path, matcher, content, encoding, message) -> None:
    table = tmp_path / "bad.csv"
    table.write_bytes(content.encode(encoding))
    with pytest.raises(InputError) as caught:
        import_observations(table, matcher)
    assert str(caught.value).startswith(str(table)) and message in str(caught.value), str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_gbk_reads_with_the_encoding_option(tmp_path, matcher) -> None:
    table = tmp_path / "gbk.csv"
    table.write_bytes(YEARBOOK.encode("gbk"))
    assert read_table(table, encoding="gbk").rows[0].cells["指标"] == "地区生产总值"
    assert import_observations(table, matcher, encoding="gbk", write=False).observations == 5
    outcome = _run("import-observations", str(table))
    assert outcome.exit_code != 0


def test_link_errors(tmp_path, matcher) -> None:
    table = tmp_path / "t.csv"
    table.write_text("name\n昆山\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t.csv, line 1: no column '名称'; the columns are name"):
        link_table(table, "名称", matcher)
    with pytest.raises(InputError, match="reserved"):
        link_table(table, "name", matcher, dataset="plangraph")
    with pytest.raises(InputError, match="no such file"):
        link_table(tmp_path / "missing.csv", "name", matcher)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]
