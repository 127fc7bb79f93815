"""`plangraph viz` and `plangraph stats` on the built graph, once the commands are wired into the CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from network_samples import ROOT
from typer.testing import CliRunner

from plangraph.cli import app
from plangraph.network import NODE_COLUMNS


def _command_names() -> set[str]:
    return {command.name or command.callback.__name__ for command in app.registered_commands if command.callback}


def test_viz_and_stats_are_commands() -> None:
    assert {"viz", "stats"} <= _command_names()


def test_viz_writes_a_picture_and_a_page(tmp_path: Path) -> None:
    runner = CliRunner()
    picture = tmp_path / "goal1.png"
    result = runner.invoke(app, ["viz", "plan", "--goal", "1", "-o", str(picture), "--home", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert picture.read_bytes().startswith(b"\x89PNG")
    page = tmp_path / "indicators.html"
    result = runner.invoke(app, ["viz", "indicators", "-o", str(page), "--home", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "vis-network" in page.read_text(encoding="utf-8")


def test_stats_csv_has_a_row_per_node(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stats", "--format", "csv", "--preset", "indicators", "--home", str(ROOT)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == list(NODE_COLUMNS)
    assert sum(row["class"] == "StrategicGoal" for row in rows) >= 5
