from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sentinel.cli import app
from sentinel.settings import Settings
from sentinel_assets.execution import dagster_home, expand_periods, open_instance


def test_expand_periods() -> None:
    assert expand_periods(["2024-11..2025-02", "2024-01"]) == ["2024-01", "2024-11", "2024-12", "2025-01", "2025-02"]
    with pytest.raises(ValueError, match="not a partition"):
        expand_periods(["2017-12"])
    with pytest.raises(ValueError, match="not a partition"):
        expand_periods(["2024-13"])


def test_dagster_home_is_created_with_a_valid_dagster_yaml(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    home = dagster_home(settings)
    assert home == tmp_path / "dagster"
    config = yaml.safe_load((home / "dagster.yaml").read_text())
    assert config["concurrency"]["runs"]["tag_concurrency_limits"][0]["key"] == "dagster/partition"
    instance = open_instance(settings)  # the instance accepts the config
    assert instance.root_directory == str(home)
    instance.dispose()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: true\n")
    dagster_home(settings)
    assert "enabled: true" in (home / "dagster.yaml").read_text()  # never overwritten


def test_run_rejects_bad_input_before_any_run(tmp_path: Path) -> None:
    env = {"SENTINEL_HOME": str(tmp_path / "home"), "COLUMNS": "300"}
    missing = CliRunner().invoke(app, ["run", "--source", str(tmp_path / "nowhere")], env=env)
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    (tmp_path / "empty").mkdir()
    empty = CliRunner().invoke(app, ["run", "--source", str(tmp_path / "empty")], env=env)
    assert empty.exit_code == 2 and "no billing data" in empty.output
    early = CliRunner().invoke(app, ["run", "--source", str(tmp_path / "empty"), "--period", "2001-01"], env=env)
    assert early.exit_code == 2 and "SENTINEL_FIRST_BILLING_PERIOD" in early.output
