"""Fixtures: the public samples built once into a catalog, apps and clients over it.

Building the samples runs the real pipeline (about 40 s on an idle machine), so the built lake is
kept in pytest's cache keyed by a hash of the samples and the pipeline code: later runs reuse it.
SENTINEL_API_TEST_HOME points the tests at an existing SENTINEL_HOME instead (it must hold the samples).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # api_support, beside this file (only tests/api may change)
from api_support import API_KEY, API_KEY_SHA256, RecordingEngine, local_settings
from fastapi.testclient import TestClient
from filelock import FileLock

from api.main import create_app
from sentinel.engines.duckdb_engine import DuckDBEngine

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
PIPELINE_CODE = [REPO / "glue_scripts", REPO / "sentinel" / "deliveries", REPO / "sentinel" / "pipeline.py",
                 REPO / "sentinel" / "catalog.py", REPO / "sentinel" / "job_runner.py"]


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for root in [SAMPLES, *PIPELINE_CODE]:
        files = sorted(p for p in (root.rglob("*") if root.is_dir() else [root]) if p.is_file()
                       and "__pycache__" not in p.parts)
        for path in files:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _build(home: Path) -> None:
    from sentinel.settings import Settings

    try:
        from sentinel.pipeline import run_local
    except ImportError:  # the pipeline moved (Dagster): use the command, which stays
        env = {**os.environ, "SENTINEL_HOME": str(home)}
        subprocess.run([sys.executable, "-m", "sentinel.cli", "run", "--source", str(SAMPLES)],
                       check=True, env=env, cwd=REPO, capture_output=True)
        return
    run_local(SAMPLES, Settings(home=home))


@pytest.fixture(scope="session")
def sample_home(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    override = os.environ.get("SENTINEL_API_TEST_HOME")
    if override:
        return Path(override)
    store = getattr(request.config, "cache", None)  # None with -p no:cacheprovider: build per session
    cache = Path(store.mkdir("sentinel-api-samples")) if store else tmp_path_factory.mktemp("samples")
    home = cache / _fingerprint()
    with FileLock(str(cache / "build.lock")):  # xdist workers build it once
        if not (home / "catalog.duckdb").is_file():
            staging = cache / f".build-{os.getpid()}"
            shutil.rmtree(staging, ignore_errors=True)
            _build(staging)
            for stale in cache.iterdir():
                if stale.name not in (staging.name, "build.lock"):
                    shutil.rmtree(stale, ignore_errors=True)
            staging.rename(home)
            from sentinel.catalog import refresh_catalog

            refresh_catalog(home / "lake", home / "catalog.duckdb")  # views point at the final folder
    return home


@pytest.fixture(scope="session")
def catalog_path(sample_home: Path) -> Path:
    return sample_home / "catalog.duckdb"


@pytest.fixture(scope="session")
def db(catalog_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A direct connection, to compute the expected numbers independently of the API."""
    connection = duckdb.connect(str(catalog_path), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def recorder(catalog_path: Path) -> RecordingEngine:
    return RecordingEngine(DuckDBEngine(catalog_path))


@pytest.fixture(scope="session")
def app(sample_home: Path, recorder: RecordingEngine) -> Any:
    # No response cache: every request reaches the engine, so the recorder sees every statement.
    return create_app(local_settings(sample_home, cache_entries=0), engine=recorder)


@pytest.fixture(scope="session")
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def secured_app(sample_home: Path) -> Any:
    """As deployed: not on loopback, so credentials are required (an API key here)."""
    return create_app(local_settings(sample_home, bind_host=None, api_key_sha256=[API_KEY_SHA256]))


@pytest.fixture(scope="session")
def secured_client(secured_app: Any) -> Iterator[TestClient]:
    with TestClient(secured_app, base_url="http://testserver", raise_server_exceptions=False,
                    headers={"X-API-Key": API_KEY}) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def scalar(db: duckdb.DuckDBPyConnection) -> Any:
    """One number by direct SQL on the catalog."""

    def run(sql: str, params: list[Any] | None = None) -> float:
        value = db.execute(sql, params or []).fetchone()
        assert value is not None
        return float(value[0] or 0)

    return run
