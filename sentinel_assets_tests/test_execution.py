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


def test_a_killed_run_is_failed_and_its_leftovers_removed_by_the_next(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from dagster import DagsterRunStatus, RunsFilter

    from sentinel_assets.execution import fail_orphaned_runs
    from sentinel_assets_tests.exports import LEGACY_CSV

    home = tmp_path / "home"
    env = {**os.environ, "SENTINEL_HOME": str(home)}
    settings = Settings(home=home)
    # The instance's storage is created here, before the run starts: two processes creating it at once
    # race in Dagster's own SQLite migrations.
    watcher = open_instance(settings)
    process = subprocess.Popen([sys.executable, "-m", "sentinel.cli", "run", "--source", str(LEGACY_CSV)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:  # kill it once its Dagster run has started
            started = watcher.get_run_records(RunsFilter(statuses=[DagsterRunStatus.STARTED]))
            if started:
                break
            time.sleep(0.2)
        else:
            pytest.fail("the run never started")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        watcher.dispose()
    (home / "lake" / "raw").mkdir(parents=True, exist_ok=True)
    stale = home / "lake" / "raw" / ".landing-killed"
    stale.mkdir()
    os.utime(stale, (0, 0))
    leftover = home / ".catalog.duckdb.deadbeef"
    leftover.write_bytes(b"")
    instance = open_instance(settings)
    fail_orphaned_runs(instance)
    [run] = instance.get_run_records(RunsFilter(run_ids=[started[0].dagster_run.run_id]))
    assert run.dagster_run.status == DagsterRunStatus.FAILURE
    instance.dispose()
    result = CliRunner().invoke(app, ["run", "--source", str(LEGACY_CSV)], env=env)
    assert result.exit_code == 0, result.output
    assert not stale.exists() and not leftover.exists()


def test_a_period_without_any_delivery_is_reported_as_such_not_failed(tmp_path: Path) -> None:
    """"Materialize" of an empty partition (the UI's Materialize all, a backfill): nothing is built, the
    later steps are skipped, and no check fails."""
    from dagster import DagsterRunStatus

    from sentinel_assets.definitions import build_definitions
    from sentinel_assets.execution import refresh_periods
    from sentinel_assets_tests.exports import LEGACY_CSV

    source = tmp_path / "store"
    source.mkdir()
    (source / LEGACY_CSV.name).write_bytes(LEGACY_CSV.read_bytes())  # 2023-11 only
    settings = Settings(home=tmp_path / "home", source=source)
    instance = open_instance(settings)
    try:
        (result,) = refresh_periods(build_definitions(settings, source=source), instance, ["2024-01"])
        assert result.no_delivery and result.succeeded and result.failed_checks == []
        assert result.checks_total == 0 and result.rows == 0
        run = instance.get_run_by_id(result.run_id or "")
        assert run is not None and run.status is DagsterRunStatus.SUCCESS
    finally:
        instance.dispose()
    output = CliRunner().invoke(app, ["run", "--source", str(source), "--period", "2024-01"],
                                env={"SENTINEL_HOME": str(tmp_path / "home"), "COLUMNS": "200"}).output
    assert "no delivery" in output and "failed" not in output
