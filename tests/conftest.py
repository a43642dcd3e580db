"""Fixtures shared across the suite: the public samples, built once per test session."""

from __future__ import annotations

import pinned_environment  # noqa: F401  (before anything imports the partitions)
import pytest
from anomaly_build import AnomalyHistory, built_anomaly_history
from billing_fixtures import LEGACY_CSV
from sample_build import BuiltSamples, built_samples

from sentinel.settings import Settings


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> BuiltSamples:
    return built_samples(tmp_path_factory, worker_id)


@pytest.fixture(scope="session")
def anomaly_history(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> AnomalyHistory:
    """Three generated months with six known anomalies, built by `sentinel run` (shared: copy to change)."""
    return built_anomaly_history(tmp_path_factory, worker_id)


@pytest.fixture(scope="session")
def samples_settings(samples: BuiltSamples) -> Settings:
    """A SENTINEL_HOME with the public samples materialized (shared: tests must not change it)."""
    return Settings(home=samples.home)


@pytest.fixture
def sample_csv_bytes() -> bytes:
    return LEGACY_CSV.read_bytes()
