"""The code location loads, validates, and exposes exactly the expected assets, checks and automation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from dagster import (
    DefaultScheduleStatus,
    DefaultSensorStatus,
    Definitions,
    MonthlyPartitionsDefinition,
    ScheduleDefinition,
)

from sentinel.settings import Settings
from sentinel_assets.definitions import build_definitions

REPO = Path(__file__).resolve().parents[1]

ASSET_KEYS = [
    "gold/cost_by_tag_daily", "gold/cost_daily", "gold/cost_monthly", "gold/period_summary",
    "raw/billing_deliveries", "silver/line_items",
]
GROUPS = {
    "raw/billing_deliveries": "raw", "silver/line_items": "silver", "gold/cost_daily": "gold",
    "gold/cost_monthly": "gold", "gold/cost_by_tag_daily": "gold", "gold/period_summary": "gold",
}
DEPS = {
    "raw/billing_deliveries": [],
    "silver/line_items": ["raw/billing_deliveries"],
    "gold/cost_daily": ["silver/line_items"],
    "gold/cost_monthly": ["silver/line_items"],
    "gold/cost_by_tag_daily": ["silver/line_items"],
    "gold/period_summary": ["silver/line_items"],
}
# (check, blocking)
CHECKS = [
    ("gold/cost_by_tag_daily:pandera_schema", True),
    ("gold/cost_daily:pandera_schema", True),
    ("gold/cost_daily:reconciles_with_silver", True),
    ("gold/cost_monthly:pandera_schema", True),
    ("gold/cost_monthly:reconciles_with_silver", True),
    ("gold/period_summary:money_conserved", True),
    ("gold/period_summary:pandera_schema", True),
    ("gold/period_summary:reconciles_with_silver", True),
    ("raw/billing_deliveries:delivery_fresh", False),
    ("silver/line_items:exports_agree", False),
    ("silver/line_items:line_items_unique", True),
    ("silver/line_items:pandera_schema", True),
    ("silver/line_items:reconciles_with_raw", True),
]
SCHEDULES = [("daily_refresh", "0 6 * * *", "UTC", DefaultScheduleStatus.RUNNING, "refresh_billing_period")]
SENSORS = [("new_deliveries", DefaultSensorStatus.RUNNING, "refresh_billing_period")]


@pytest.fixture(scope="module")
def defs(tmp_path_factory: pytest.TempPathFactory) -> Definitions:
    return build_definitions(Settings(home=tmp_path_factory.mktemp("defs")))


def test_validate_loadable(defs: Definitions) -> None:
    Definitions.validate_loadable(defs)


def test_dagster_cli_validates_the_workspace(tmp_path: Path) -> None:
    env = {**os.environ, "SENTINEL_HOME": str(tmp_path), "DAGSTER_HOME": str(tmp_path)}
    dagster = Path(sys.executable).with_name("dagster")
    done = subprocess.run([str(dagster), "definitions", "validate", "-w", "workspace.yaml"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sentinel" in done.stdout + done.stderr  # the code location's explicit name


def test_assets_groups_lineage_and_metadata(defs: Definitions) -> None:
    graph = defs.resolve_asset_graph()
    keys = sorted(k.to_user_string() for k in graph.get_all_asset_keys())
    assert keys == ASSET_KEYS
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        name = key.to_user_string()
        assert node.group_name == GROUPS[name]
        assert sorted(p.to_user_string() for p in node.parent_keys) == DEPS[name]
        assert node.description
        assert node.owners == ["team:finops"]
        assert node.metadata["dagster/column_schema"].columns
        assert node.metadata["dagster/table_name"] == name.replace("/", ".").replace("billing_deliveries", "deliveries")


def test_one_monthly_partitions_definition_with_the_open_month(defs: Definitions) -> None:
    graph = defs.resolve_asset_graph()
    partitions = {graph.get(k).partitions_def for k in graph.get_all_asset_keys()}
    assert len(partitions) == 1
    (monthly,) = partitions
    assert isinstance(monthly, MonthlyPartitionsDefinition)
    assert monthly.end_offset == 1 and monthly.fmt == "%Y-%m" and monthly.timezone == "UTC"
    assert monthly.get_first_partition_key() == Settings().first_billing_period
    for check_key in graph.asset_check_keys:
        assert graph.get(check_key).partitions_def == monthly


def test_checks(defs: Definitions) -> None:
    graph = defs.resolve_asset_graph()
    found = sorted((k.to_user_string(), graph.get(k).blocking) for k in graph.asset_check_keys)
    assert found == CHECKS


def test_schedules_sensors_and_job(defs: Definitions) -> None:
    schedules = [(s.name, s.cron_schedule, s.execution_timezone, s.default_status, s.job_name)
                 for s in defs.schedules or [] if isinstance(s, ScheduleDefinition)]
    sensors = [(s.name, s.default_status, s.job_name) for s in defs.sensors or []]
    assert schedules == SCHEDULES
    assert sensors == SENSORS
    job = defs.resolve_job_def("refresh_billing_period")
    assert sorted(k.to_user_string() for k in job.asset_layer.selected_asset_keys) == ASSET_KEYS
    assert sorted(k.to_user_string() for k in job.asset_layer.asset_graph.asset_check_keys) == [c for c, _ in CHECKS]


def test_resources_are_chosen_in_one_place(tmp_path: Path) -> None:
    local = build_definitions(Settings(home=tmp_path)).resources or {}
    assert sorted(local) == ["crawler", "delivery_store", "job_runner", "lake", "query_engine"]
    assert local["delivery_store"].root == str((tmp_path / "landing").resolve())
    with pytest.raises((NotImplementedError, ValueError), match="SENTINEL_"):  # aws: says what it needs
        build_definitions(Settings(home=tmp_path, env="aws"))
