"""`plangraph build`: deterministic output, and bad sources that fail cleanly without touching data/triples/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "suzhou-2023-plan-report.txt"


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANGRAPH_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "plangraph", *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    for folder in ("data/sources", "data/curated", "ontology"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "data" / "gazetteer.toml", tmp_path / "data" / "gazetteer.toml")
    return tmp_path


def test_committed_triples_equal_a_fresh_build(built) -> None:
    assert built.files, "the build wrote nothing"
    for file, fresh in built.outputs.items():
        committed = (ROOT / "data" / "triples" / file.name).read_text(encoding="utf-8")
        assert committed == fresh, f"data/triples/{file.name} differs from a fresh build: run `plangraph build`"
    assert sorted(p.name for p in (ROOT / "data" / "triples").glob("*.ttl")) == sorted(f.name for f in built.files)


def test_build_is_byte_for_byte_repeatable(home: Path) -> None:
    first = _run("build", home=home)
    assert first.returncode == 0, first.stderr
    output = home / "data" / "triples" / "suzhou-2023-plan-report.ttl"
    before = output.read_bytes()
    second = _run("build", home=home)
    assert second.returncode == 0, second.stderr
    assert output.read_bytes() == before


def _break_missing(source: Path) -> None:
    source.unlink()
    source.with_suffix(".meta.json").unlink()


def _break_empty(source: Path) -> None:
    source.write_bytes(b"")


def _break_gbk(source: Path) -> None:
    source.write_bytes(source.read_text(encoding="utf-8").encode("gbk", errors="replace"))


def _break_truncated_mid_sentence(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    source.write_text(text[: text.index("18．推动安全稳定发展") + 30], encoding="utf-8")


def _break_truncated_mid_character(source: Path) -> None:
    source.write_bytes(source.read_bytes().rstrip()[:-1])


def _break_truncated_at_a_sentence(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    cut = text.index("（六）持续改善人民生活品质")
    source.write_text(text[:cut], encoding="utf-8")


@pytest.mark.parametrize(
    ("breaker", "message"),
    [
        (_break_missing, "no *.txt source documents"),
        (_break_empty, "file is empty"),
        (_break_gbk, "not UTF-8"),
        (_break_truncated_mid_sentence, "truncated: the last line ends mid-sentence"),
        (_break_truncated_mid_character, "truncated"),
        (_break_truncated_at_a_sentence, "announces 6 goals with 18 tasks"),
    ],
)
def test_bad_source_fails_in_one_line_and_keeps_previous_output(home: Path, breaker, message: str) -> None:
    assert _run("build", home=home).returncode == 0
    output = home / "data" / "triples" / "suzhou-2023-plan-report.ttl"
    before = output.read_bytes()
    breaker(home / "data" / "sources" / SOURCE.name)
    result = _run("build", home=home)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("plangraph: error: ")
    assert message in lines[0]
    assert "suzhou-2023-plan-report" in lines[0] or "sources" in lines[0]
    assert "Traceback" not in result.stderr
    assert output.read_bytes() == before
    assert not list(output.parent.glob("*.tmp"))


def test_gbk_error_says_how_to_fix(home: Path) -> None:
    _break_gbk(home / "data" / "sources" / SOURCE.name)
    result = _run("build", home=home)
    assert "GBK" in result.stderr and "iconv" in result.stderr
