"""`sentinel generate` through a typer app wired the way sentinel/cli.py wires it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from sentinel.generate.command import generate_command

app = typer.Typer()
app.command("generate")(generate_command)


@app.callback()
def main() -> None:
    """A group, so the command is invoked by name as in the real CLI."""


def test_generate_command_writes_the_exports_and_prints_totals(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["generate", str(tmp_path), "--format", "cur2", "--format", "legacy-csv",
                                      "--months", "2", "--start", "2023-12", "--rows-per-month", "400", "--seed", "3",
                                      "--granularity", "daily", "--accounts", "5", "--no-restate"])
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "expected_totals.json").read_text())
    assert document["parameters"]["granularity"] == "daily" and document["parameters"]["accounts"] == 5
    assert sorted(document["formats"]) == ["cur2", "legacy_cur_csv"]
    assert sorted(document["formats"]["cur2"]) == ["2023-12", "2024-01"]
    assert all(not p["superseded"] for p in document["formats"]["legacy_cur_csv"].values())
    assert document["formats"]["cur2"]["2023-12"]["totals"]["unblended_cost"] in result.output
    assert "expected totals" in result.output


def test_generate_command_focus_csv_and_restate(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["generate", str(tmp_path), "-f", "focus", "--focus-csv", "--months", "1",
                                      "--rows-per-month", "300", "--restate", "--quiet"])
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "focus/sentinel-focus/data/BILLING_PERIOD=2024-01").glob("*.csv.gz"))
    assert "Expected totals" not in result.output


def test_generate_command_writes_focus_1_3_columns(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["generate", str(tmp_path), "-f", "focus", "--focus-csv", "--focus-version", "1.3",
                                      "--months", "1", "--rows-per-month", "300", "--quiet"])
    assert result.exit_code == 0, result.output
    path, = (tmp_path / "focus/sentinel-focus/data/BILLING_PERIOD=2024-01").glob("*.csv.gz")
    with gzip.open(path, "rt") as handle:
        header = handle.readline()
    assert '"ServiceProviderName"' in header and '"ProviderName"' not in header
    assert json.loads((tmp_path / "expected_totals.json").read_text())["parameters"]["focus_version"] == "1.3"


def test_generate_command_rejects_a_bad_period(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["generate", str(tmp_path), "--start", "2024-13", "--rows-per-month", "100"])
    assert result.exit_code == 2
    assert "YYYY-MM" in result.output
