"""The one place that knows which engine runs the job: sqlframe on DuckDB (default) or PySpark.

The transforms import `pyspark.sql`; `start_engine("duckdb")` activates sqlframe first so those imports
resolve to sqlframe's DuckDB implementation. Call it before importing any transform module.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

ENGINES = ("duckdb", "spark")
DEFAULT_ENGINE = "duckdb"


@dataclass
class Engine:
    name: str
    session: Any  # pyspark.sql.SparkSession or sqlframe's DuckDBSession
    duckdb_connection: Any = None
    _pool: ThreadPoolExecutor | None = None

    def read_csv(self, path: str, columns: list[str], *, null_value: str | None = None) -> DataFrame:
        """All-string read with an explicit positional schema (names already snake_cased)."""
        from pyspark.sql import types as T

        schema = T.StructType([T.StructField(name, T.StringType()) for name in columns])
        options: dict[str, Any] = {"header": True, "schema": schema, "quote": '"', "escape": '"'}
        if self.name == "spark":
            options["mode"] = "FAILFAST"
        reader = self.session.read
        if null_value is not None:
            # Spark's option is nullValue; DuckDB's read_csv calls it nullstr.
            reader = reader.option("nullValue" if self.name == "spark" else "nullstr", null_value)
        return reader.csv(path, **options)

    def read_parquet(self, path: str) -> DataFrame:
        if self.name == "duckdb" and not path.endswith(".parquet"):
            path = path.rstrip("/") + "/*.parquet"  # DuckDB reads files or globs, not folders
        return self.session.read.parquet(path)

    def write_parquet(self, df: DataFrame, directory: str) -> None:
        """Write one partition's rows into an empty directory (the version folder)."""
        if self.name == "spark":
            df.write.mode("overwrite").option("compression", "snappy").parquet(directory)
            return
        os.makedirs(directory, exist_ok=True)
        writer = df.write.option("row_group_size", 122880)
        writer.parquet(os.path.join(directory, "part-00000.parquet"), compression="snappy")

    def collect_async(self, df: DataFrame) -> Future[list[dict[str, Any]]]:
        """Run a small aggregate alongside the main write: on 2 cores a gzip CSV scan leaves one core idle.

        DuckDB: the query text runs on its own cursor (sqlframe's session cursor is not shared across
        threads). Spark: the same session schedules concurrent jobs itself.
        """
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sentinel-side-query")
        if self.name == "spark":
            return self._pool.submit(lambda: [row.asDict() for row in df.collect()])
        sql = df.sql(dialect="duckdb", pretty=False, optimize=False)  # type: ignore[operator]  # sqlframe's method
        cursor = self.duckdb_connection.cursor()

        def run() -> list[dict[str, Any]]:
            try:
                result = cursor.execute(sql)
                names = [d[0] for d in result.description]
                return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
            finally:
                cursor.close()

        return self._pool.submit(run)

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self.name == "spark":
            self.session.stop()
        elif self.duckdb_connection is not None:
            self.duckdb_connection.close()


def start_engine(name: str = DEFAULT_ENGINE, *, spark_master: str | None = None, threads: int | None = None,
                 memory_limit: str | None = None) -> Engine:
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    if name == "duckdb":
        return _start_duckdb(threads=threads, memory_limit=memory_limit)
    return _start_spark(spark_master)


def _start_duckdb(*, threads: int | None, memory_limit: str | None) -> Engine:
    import duckdb
    from sqlframe import activate

    config: dict[str, Any] = {"preserve_insertion_order": False}
    if threads:
        config["threads"] = threads
    if memory_limit:
        config["memory_limit"] = memory_limit
    connection = duckdb.connect(config=config)
    activate(engine="duckdb", conn=connection)
    from pyspark.sql import SparkSession

    return Engine("duckdb", SparkSession.builder.getOrCreate(), duckdb_connection=connection)


def _start_spark(master: str | None) -> Engine:
    # The Python workers must be this interpreter (the venv), not whatever `python3` is on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName("sentinel")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if master:
        builder = (
            builder.master(master)
            .config("spark.driver.memory", os.environ.get("SENTINEL_SPARK_DRIVER_MEMORY", "4g"))
            .config("spark.sql.shuffle.partitions", "8")
        )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return Engine("spark", session)
