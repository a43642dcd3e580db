"""Shared state: the public samples materialized once per session by the real `sentinel run` (Dagster,
Pipes, the job scripts on DuckDB) into a persistent Dagster instance (tests/support/sample_build.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pinned_environment  # noqa: F401  (before anything imports the partitions)
import pytest
from dagster import DagsterInstance, Definitions
from sample_build import SAMPLE_PERIODS, built_samples

from sentinel.settings import Settings
from sentinel_assets.definitions import build_definitions
from sentinel_assets.execution import open_instance

__all__ = ["SAMPLE_PERIODS", "Built", "samples_built"]


@dataclass
class Built:
    settings: Settings
    defs: Definitions
    instance: DagsterInstance
    output: str


@pytest.fixture(scope="session")
def samples_built(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[Built]:
    built = built_samples(tmp_path_factory, worker_id)
    settings = Settings(home=built.home, source=built.source)
    instance = open_instance(settings)
    yield Built(settings, build_definitions(settings), instance, built.output)
    instance.dispose()
