"""Transform tests run in-process on the embedded engine (sqlframe on DuckDB), on tiny inline frames."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sentinel_etl.engine import Engine


@pytest.fixture(scope="session")
def spark(engine: Engine) -> Any:
    return engine.session


@pytest.fixture(scope="session")
def string_frame(spark: Any) -> Callable[[list[tuple[Any, ...]], list[str]], Any]:
    """All-string frames, as a CSV export is read (explicit schema: all-NULL columns have no type to infer)."""
    from pyspark.sql import types as T

    def build(rows: list[tuple[Any, ...]], columns: list[str]) -> Any:
        return spark.createDataFrame(rows, T.StructType([T.StructField(c, T.StringType()) for c in columns]))

    return build
