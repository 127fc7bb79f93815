from __future__ import annotations

import os
from pathlib import Path

import pytest

from plangraph._paths import ProjectPaths, project_paths

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "suzhou-2023-plan-report.txt"


@pytest.fixture(scope="session")
def paths() -> ProjectPaths:
    return project_paths(ROOT)


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def report():
    from plangraph.extract.mentions import load_gazetteer
    from plangraph.extract.report import extract_report

    return extract_report(SOURCE, gazetteer=load_gazetteer(ROOT / "data" / "gazetteer.toml"))


@pytest.fixture(scope="session")
def built(paths):
    """A fresh build in memory (nothing written)."""
    from plangraph.pipeline import build

    return build(paths, write=False)


@pytest.fixture(scope="session")
def graph(built):
    return built.graph


@pytest.fixture(autouse=True)
def _clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("PLANGRAPH_"):
            monkeypatch.delenv(key)
