"""Shared state: the public samples materialized once per session through the real CLI, Dagster and job
scripts (DuckDB engine), into a persistent Dagster instance under a temporary SENTINEL_HOME."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from dagster import DagsterInstance, Definitions
from typer.testing import CliRunner

from sentinel.cli import app
from sentinel.settings import Settings
from sentinel_assets.definitions import build_definitions
from sentinel_assets.execution import open_instance
from sentinel_assets_tests.exports import copy_samples

SAMPLE_PERIODS = ["2018-11", "2023-11", "2024-09", "2024-10"]


@dataclass
class Built:
    settings: Settings
    defs: Definitions
    instance: DagsterInstance
    output: str


@pytest.fixture(scope="session")
def samples_built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """`sentinel run` over the samples: one Dagster run per period (a CLI backfill of a range, too)."""
    base = tmp_path_factory.mktemp("samples")
    home, landing = base / "home", copy_samples(base / "landing")
    env = {"SENTINEL_HOME": str(home), "SENTINEL_ENV": "local"}
    result = CliRunner().invoke(
        app, ["run", "--source", str(landing), "--period", "2018-11", "--period", "2023-11",
              "--period", "2024-09..2024-10"], env=env)
    assert result.exit_code == 0, result.output
    settings = Settings(home=home, source=landing)
    instance = open_instance(settings)
    yield Built(settings, build_definitions(settings), instance, result.output)
    instance.dispose()
