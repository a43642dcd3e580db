"""One embedded engine (sqlframe on DuckDB) for the in-process engine and transform tests: sqlframe's
session is one per process, so they share it."""

from __future__ import annotations

import pytest
from sentinel_etl.engine import Engine, start_engine

_ENGINE = start_engine("duckdb", threads=1)  # before any transform module imports pyspark.sql


@pytest.fixture(scope="session")
def engine() -> Engine:
    return _ENGINE
