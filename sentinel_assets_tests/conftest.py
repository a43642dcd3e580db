"""Shared state: the public samples materialized once per session by the real `sentinel run` (Dagster,
Pipes, the job scripts on DuckDB) into a persistent Dagster instance under a temporary SENTINEL_HOME.

The run is a subprocess started as soon as collection shows a test needs it, so it overlaps with the
tests that build their own state.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from dagster import DagsterInstance, Definitions

from sentinel.settings import Settings
from sentinel_assets.definitions import build_definitions
from sentinel_assets.execution import open_instance
from sentinel_assets_tests.exports import copy_samples

SAMPLE_PERIODS = ["2018-11", "2023-11", "2024-09", "2024-10"]
FIXTURE = "samples_built"


@dataclass
class Built:
    settings: Settings
    defs: Definitions
    instance: DagsterInstance
    output: str


@dataclass
class _Started:
    process: subprocess.Popen[str]
    settings: Settings


_started: _Started | None = None


def _start(base: Path) -> _Started:
    home, landing = base / "home", copy_samples(base / "landing")
    command = [str(Path(sys.executable).with_name("sentinel")), "run", "--source", str(landing),
               "--period", "2018-11", "--period", "2023-11", "--period", "2024-09..2024-10"]  # a range too
    env = {**os.environ, "SENTINEL_HOME": str(home), "SENTINEL_ENV": "local", "COLUMNS": "200"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return _Started(process, Settings(home=home, source=landing))


def pytest_collection_finish(session: pytest.Session) -> None:
    global _started
    if any(FIXTURE in getattr(item, "fixturenames", ()) for item in session.items):
        factory: pytest.TempPathFactory = session.config._tmp_path_factory  # type: ignore[attr-defined]
        _started = _start(factory.mktemp("samples"))


@pytest.fixture(scope="session")
def samples_built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    started = _started or _start(tmp_path_factory.mktemp("samples"))
    output, _ = started.process.communicate(timeout=900)
    assert started.process.returncode == 0, output
    instance = open_instance(started.settings)
    yield Built(started.settings, build_definitions(started.settings), instance, output)
    instance.dispose()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _started and _started.process.poll() is None:  # interrupted or -x: do not leave the run behind
        _started.process.kill()
        _started.process.wait()
