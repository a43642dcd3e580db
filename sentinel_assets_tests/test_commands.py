"""`sentinel dev` and `sentinel demo` without starting a server or building every period."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sentinel.cli import app
from sentinel.commands import demo, dev
from sentinel_assets.execution import PeriodResult


def test_dev_runs_dagster_dev_on_the_workspace_with_dagster_home(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[list[str], dict[str, Any]]] = []

    def fake_call(command: list[str], **options: Any) -> int:
        calls.append((command, options))
        return 0

    monkeypatch.setattr(dev.subprocess, "call", fake_call)
    result = CliRunner().invoke(app, ["dev", "--port", "3333"], env={"SENTINEL_HOME": str(tmp_path)})
    assert result.exit_code == 0, result.output
    ((command, options),) = calls
    assert command[1:] == ["-m", "dagster", "dev", "-w", str(dev.REPO_ROOT / "workspace.yaml"),
                           "-h", "127.0.0.1", "-p", "3333"]
    assert options["env"]["DAGSTER_HOME"] == str(tmp_path / "dagster")
    assert options["env"]["SENTINEL_HOME"] == str(tmp_path)
    assert (tmp_path / "dagster" / "dagster.yaml").is_file()


def test_demo_prepares_the_landing_folder_and_says_where_to_look(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []

    def fake_materialize(settings: Any, source: Path, requested: list[str], engine: str | None) -> list[PeriodResult]:
        seen.append(source)
        return [PeriodResult("2023-11", rows=1281, unblended=1.682309, checks_passed=11, checks_total=11)]

    monkeypatch.setattr(demo, "materialize", fake_materialize)
    result = CliRunner().invoke(app, ["demo", "--rows-per-month", "60"], env={"SENTINEL_HOME": str(tmp_path),
                                                                             "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    landing = tmp_path / "landing"
    assert seen == [landing]
    assert sorted(p.name for p in (landing / "samples").iterdir()) == sorted(
        p.name for p in demo.SAMPLES.iterdir() if p.suffix in (".csv", ".parquet"))
    assert list((landing / "generated-cur2").rglob("*-Manifest.json"))
    for text in ("1,281", "sentinel dev", "sentinel serve", "http://127.0.0.1:8000"):
        assert text in result.output
