"""The code location loads, validates, and exposes exactly the expected assets, checks and automation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from dagster import Definitions, MonthlyPartitionsDefinition, ScheduleDefinition

from sentinel.settings import Settings
from sentinel_assets.definitions import build_definitions

REPO = Path(__file__).resolve().parents[1]

SNAPSHOT = Path(__file__).with_name("definitions_snapshot.json")


def describe(defs: Definitions) -> dict[str, Any]:
    graph = defs.resolve_asset_graph()
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        partitions = node.partitions_def
        assets[key.to_user_string()] = {
            "group": node.group_name,
            "deps": sorted(p.to_user_string() for p in node.parent_keys),
            "kinds": sorted(node.kinds),
            "owners": list(node.owners),
            "tags": dict(sorted(node.tags.items())),
            "partitions": None if partitions is None else type(partitions).__name__,
            "metadata": sorted(node.metadata),
            "columns": [c.name for c in node.metadata["dagster/column_schema"].columns],
            "has_description": bool(node.description),
        }
    checks = {
        key.to_user_string(): {"blocking": graph.get(key).blocking,
                               "partitioned": graph.get(key).partitions_def is not None}
        for key in sorted(graph.asset_check_keys, key=lambda k: k.to_user_string())
    }
    return {
        "assets": assets,
        "checks": checks,
        "jobs": {job.name: {"assets": sorted(k.to_user_string() for k in job.asset_layer.selected_asset_keys),
                            "checks": sorted(k.to_user_string() for k in job.asset_layer.asset_graph.asset_check_keys)}
                 for job in sorted(defs.resolve_all_job_defs(), key=lambda j: j.name)
                 if not job.name.startswith("__")},
        "schedules": {s.name: {"cron": s.cron_schedule, "timezone": s.execution_timezone,
                               "status": s.default_status.value, "job": s.job_name}
                      for s in defs.schedules or [] if isinstance(s, ScheduleDefinition)},
        "sensors": {s.name: {"status": s.default_status.value, "job": s.job_name} for s in defs.sensors or []},
        "resources": sorted(defs.resources or {}),
    }


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


def test_dg_checks_the_project(tmp_path: Path) -> None:
    """`dg check defs` (Dagster's project CLI, configured by [tool.dg] in pyproject.toml) loads the location."""
    env = {**os.environ, "SENTINEL_HOME": str(tmp_path), "DAGSTER_HOME": str(tmp_path),
           "VIRTUAL_ENV": str(Path(sys.executable).parents[1])}
    dg = Path(sys.executable).with_name("dg")
    done = subprocess.run([str(dg), "check", "defs"], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All definitions loaded successfully" in done.stdout + done.stderr


def test_the_definitions_match_the_snapshot(defs: Definitions) -> None:
    """Assets, lineage, partitions, checks, jobs, schedules and sensors as Dagster shows them, against the
    snapshot committed beside this file: a change to the graph is a diff to review. To accept one, run this
    test with SENTINEL_UPDATE_SNAPSHOT=1 and commit definitions_snapshot.json."""
    described = describe(defs)
    if os.environ.get("SENTINEL_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.write_text(json.dumps(described, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert SNAPSHOT.exists(), f"no {SNAPSHOT.name}: run with SENTINEL_UPDATE_SNAPSHOT=1 and review it"
    assert json.loads(SNAPSHOT.read_text(encoding="utf-8")) == described


def test_one_monthly_partitions_definition_with_the_open_month(defs: Definitions) -> None:
    graph = defs.resolve_asset_graph()
    partitions = {graph.get(k).partitions_def for k in graph.get_all_asset_keys()}
    assert len(partitions) == 1
    (monthly,) = partitions
    assert isinstance(monthly, MonthlyPartitionsDefinition)
    assert monthly.end_offset == 1 and monthly.fmt == "%Y-%m" and monthly.timezone == "UTC"
    assert monthly.get_first_partition_key() == Settings().first_billing_period == "2018-01"  # pinned_environment
    for check_key in graph.asset_check_keys:
        assert graph.get(check_key).partitions_def == monthly


def test_resources_are_chosen_in_one_place(tmp_path: Path) -> None:
    local = build_definitions(Settings(home=tmp_path)).resources or {}
    assert sorted(local) == ["anomaly_policy", "crawler", "delivery_store", "job_runner", "lake", "lake_totals",
                             "policy"]
    assert local["anomaly_policy"].threshold == 5.0 and local["anomaly_policy"].view == "amortized"
    assert local["policy"].export_pins == "" and local["policy"].expected_delivery_hours == 36
    assert local["delivery_store"].root == str((tmp_path / "landing").resolve())
    with pytest.raises((NotImplementedError, ValueError), match="SENTINEL_"):  # aws: says what it needs
        build_definitions(Settings(home=tmp_path, env="aws"))
