"""Fixtures: apps and clients over the public samples (built once per session, tests/conftest.py).

SENTINEL_API_TEST_HOME points the tests at an existing SENTINEL_HOME instead (it must hold the samples).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # api_support, beside this file (only tests/api may change)
from api_support import API_KEY, API_KEY_SHA256, RecordingEngine, free_port, local_settings
from fastapi.testclient import TestClient
from sample_build import BuiltSamples

from api.main import create_app
from sentinel.engines.duckdb_engine import DuckDBEngine


@pytest.fixture(scope="session")
def sample_home(samples: BuiltSamples) -> Path:
    override = os.environ.get("SENTINEL_API_TEST_HOME")
    return Path(override) if override else samples.home


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


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    """A moto server on a free loopback port, with test credentials in the environment while it runs (moto
    keeps one state per process: tests compare before and after rather than expect it empty)."""
    from moto.server import ThreadedMotoServer

    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                            "AWS_DEFAULT_REGION": "us-east-1"}.items():
            patch.setenv(name, value)
        port = free_port()
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        server.start()
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.stop()
