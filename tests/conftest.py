"""Fixtures shared across the suite: the public samples, built once per test session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from billing_fixtures import LEGACY_CSV, SAMPLES
from filelock import FileLock

from sentinel.pipeline import run_local
from sentinel.settings import Settings


def run_shared_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A folder shared by every xdist worker of this run (and only this run)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@pytest.fixture(scope="session")
def samples_settings(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Settings:
    """A SENTINEL_HOME with the three public samples materialized (shared by xdist workers)."""
    shared = run_shared_dir(tmp_path_factory, worker_id)
    home = shared / "samples-home"
    with FileLock(str(shared / "samples-home.lock")):
        done = home / "built.json"
        if not done.exists():
            shutil.rmtree(home, ignore_errors=True)
            settings = Settings(home=home)
            results = run_local(SAMPLES, settings)
            done.write_text(json.dumps([r.period for r in results]))
    return Settings(home=home)


@pytest.fixture
def sample_csv_bytes() -> bytes:
    return LEGACY_CSV.read_bytes()
