"""The one place that knows which engine runs the job: sqlframe on DuckDB (default) or PySpark.

The transforms import `pyspark.sql`; `start_engine("duckdb")` activates sqlframe first so those imports
resolve to sqlframe's DuckDB implementation. Call it before importing any transform module.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sentinel_etl.tally import Tallier, Tally

if TYPE_CHECKING:
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

ENGINES = ("duckdb", "spark")
DEFAULT_ENGINE = "duckdb"
ROW_GROUP_SIZE = 122880


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy_statement(query: str, directory: str) -> str:
    """DuckDB's COPY of `query` into the directory's one Parquet file (the directory is created)."""
    os.makedirs(directory, exist_ok=True)
    target = os.path.join(directory, "part-00000.parquet").replace("'", "''")
    return f"COPY ({query}) TO '{target}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE {ROW_GROUP_SIZE})"


@dataclass
class Engine:
    name: str
    session: Any  # pyspark.sql.SparkSession or sqlframe's DuckDBSession
    duckdb_connection: Any = None
    _pool: ThreadPoolExecutor | None = None
    _views: int = 0

    def read_csv(self, path: str, columns: list[str], *, null_value: str | None = None) -> DataFrame:
        """All-string read with an explicit positional schema (names already snake_cased)."""
        if self.name == "duckdb":
            options: dict[str, Any] = {"header": True, "columns": dict.fromkeys(columns, "VARCHAR"),
                                       "quotechar": '"', "escapechar": '"'}
            if null_value is not None:
                options["na_values"] = [null_value]
            return self._duckdb_view(self.duckdb_connection.read_csv(path, **options))
        from pyspark.sql import types as T

        schema = T.StructType([T.StructField(name, T.StringType()) for name in columns])
        reader = self.session.read
        if null_value is not None:
            reader = reader.option("nullValue", null_value)
        return reader.csv(path, header=True, schema=schema, quote='"', escape='"', mode="FAILFAST")

    def read_parquet(self, path: str, schema: StructType | None = None, *,
                     names: Sequence[str] | None = None) -> DataFrame:
        """`schema`, when the files' schema is known, saves the engine from reading it (Spark); `names`
        renames the file's columns, in order (snake_case names for an export's own)."""
        if self.name == "duckdb":
            if not path.endswith(".parquet"):
                path = path.rstrip("/") + "/*.parquet"  # DuckDB reads files or globs, not folders
            relation = self.duckdb_connection.read_parquet(path)
            if names is not None and list(names) != relation.columns:
                # Renamed before sqlframe sees them: it folds identifiers to lower case.
                relation = relation.project(", ".join(
                    f"{_quoted(old)} AS {_quoted(new)}" for old, new in zip(relation.columns, names, strict=True)))
            return self._duckdb_view(relation)
        frame = self.session.read.parquet(path) if schema is None else \
            self.session.read.load(path, format="parquet", schema=schema)
        return frame.toDF(*names) if names is not None and list(names) != frame.columns else frame

    def _duckdb_view(self, relation: Any) -> DataFrame:
        """A DataFrame over a DuckDB relation. The relation API takes the path as a value: sqlframe's own
        readers format paths into SQL text, where a quote in a file or folder name becomes code."""
        self._views += 1
        name = f"sentinel_input_{self._views}"
        relation.create_view(name, replace=True)
        frame = self.session.read.table(name)
        frame.columns  # noqa: B018  # sqlframe looks the columns up lazily: now, while the files are there
        return frame

    def union_by_name(self, frames: Sequence[DataFrame]) -> DataFrame:
        """The rows of every frame, matched by column name. On DuckDB one UNION ALL BY NAME over each frame's
        SQL: sqlframe's unionByName copies the whole expression tree at every step, so a chain over the files
        of a large delivery grows with the square of their number (20 files: a minute of planning)."""
        if self.name == "spark" or len(frames) == 1:
            return functools.reduce(lambda a, b: a.unionByName(b), frames)
        sources = [frame.sql(dialect="duckdb", pretty=False, optimize=False) for frame in frames]  # type: ignore[operator]  # sqlframe's method
        return self._duckdb_view(self.duckdb_connection.sql(" UNION ALL BY NAME ".join(f"({s})" for s in sources)))

    def frame_of(self, rows: Sequence[Sequence[Any]], schema: StructType) -> DataFrame:
        """A DataFrame of Python rows (small results computed in the job, such as anomalies). On DuckDB through
        an Arrow table: sqlframe's createDataFrame cannot parse a DECIMAL(p,s) column type."""
        if self.name == "spark":
            return self.session.createDataFrame(list(rows), schema)
        import pyarrow as pa

        columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema.fields)
        table = pa.table({field.name: pa.array(list(values), _arrow_type(field.dataType))
                          for field, values in zip(schema.fields, columns, strict=True)})
        return self._duckdb_view(self.duckdb_connection.from_arrow(table))

    def write_parquet(self, df: DataFrame, directory: str) -> None:
        """Write one partition's rows into an empty directory (the version folder)."""
        if self.name == "spark":
            df.write.mode("overwrite").option("compression", "snappy").parquet(directory)
            return
        self.write_parquet_all([(directory, df)])

    def write_parquet_all(self, frames: Iterable[tuple[str, DataFrame]], *, exclude: Sequence[str] = ()) -> None:
        """Write each frame, without the `exclude` columns, into its empty directory. On DuckDB, building
        and planning the next frame (Python work, pass a generator) overlaps the writes already running, two
        at a time: one aggregate-and-write query rarely keeps both cores busy. The columns are excluded in
        the COPY's SQL, where sqlframe's drop() would rebuild the frame's expression tree. All started
        writes finish before an error is raised."""
        if self.name == "spark":
            for directory, df in frames:
                self.write_parquet(df.drop(*exclude), directory)
            return
        excluded = f" EXCLUDE ({', '.join(_quoted(c) for c in exclude)})" if exclude else ""
        writes = []
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="sentinel-write") as pool:
            for directory, df in frames:
                source = df.sql(dialect="duckdb", pretty=False, optimize=False)  # type: ignore[operator]  # sqlframe's method
                statement = _copy_statement(f"SELECT *{excluded} FROM ({source}) AS written", directory)
                writes.append(pool.submit(self._execute_on_own_cursor, statement))
        for write in writes:
            write.result()

    def _execute_on_own_cursor(self, statement: str) -> None:
        cursor = self.duckdb_connection.cursor()  # a connection of its own to the same database
        try:
            cursor.execute(statement)
        finally:
            cursor.close()

    def write_tallied(self, df: DataFrame, directory: str, *, columns: Sequence[str], keep: tuple[str, str],
                      tally: Tally) -> list[dict[str, Any]]:
        """Write `columns` of the rows whose `keep` column equals its value, and total every row (kept or not).

        The totals are per value of `tally.keys`: a row count ("rows"), exact sums of `tally.sums` (as
        Decimal or decimal text) and, per bit of `tally.mask`, the rows with it set. DuckDB totals the rows
        as they stream into the writer, in the one scan of the source; Spark runs the aggregate as a
        concurrent job.
        """
        keep_column, keep_value = keep
        if self.name == "spark":
            return self._write_tallied_spark(df, directory, columns=columns, keep=keep, tally=tally)

        tallier = Tallier(tally)
        name = f"sentinel_tally_{id(tallier):x}"
        tallier.register(self.duckdb_connection, name, keep_value)
        try:
            source = df.sql(dialect="duckdb", pretty=False, optimize=False)  # type: ignore[operator]  # sqlframe's method
            arguments = ", ".join(_quoted(c) for c in (keep_column, *tally.arguments))
            # The tally is the filter itself (it tests its first argument), so every row passes through it
            # exactly once and the optimizer cannot run the period test first.
            self.duckdb_connection.execute(_copy_statement(
                f"SELECT {', '.join(_quoted(c) for c in columns)} FROM ({source}) AS tallied WHERE {name}({arguments})",
                directory,
            ))
        finally:
            self.duckdb_connection.remove_function(name)
        return tallier.rows()

    def _write_tallied_spark(self, df: DataFrame, directory: str, *, columns: Sequence[str], keep: tuple[str, str],
                             tally: Tally) -> list[dict[str, Any]]:
        from pyspark.sql import functions as F

        aggregate = df.groupBy(*tally.keys).agg(
            F.count(F.lit(1)).alias("rows"),
            # As text, so the sums keep every digit on the way back.
            *(F.sum(F.col(c)).cast("string").alias(c) for c in tally.sums),
            *(F.sum(F.when(F.col(tally.mask).bitwiseAND(1 << bit) != 0, 1).otherwise(0)).alias(name)
              for bit, name in enumerate(tally.bits) if tally.mask),
        )
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sentinel-tally")
        # The same session schedules the aggregate beside the write: on 2 cores one scan leaves a core idle.
        totals = self._pool.submit(lambda: [row.asDict() for row in aggregate.collect()])
        try:
            self.write_parquet(df.where(F.col(keep[0]) == keep[1]).select(*columns), directory)
        except Exception:
            wait([totals])  # the same read fails there too; do not leave it running
            raise
        return totals.result()

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self.name == "spark":
            self.session.stop()
        elif self.duckdb_connection is not None:
            self.session.stop()  # closes the connection and lets the next engine start a session of its own
            if self in _running_duckdb:
                _running_duckdb.remove(self)


def _arrow_type(data_type: Any) -> Any:
    import pyarrow as pa
    from pyspark.sql import types as T

    if isinstance(data_type, T.DecimalType):
        return pa.decimal128(data_type.precision, data_type.scale)
    simple = {T.StringType: pa.string(), T.DateType: pa.date32(), T.TimestampType: pa.timestamp("us", tz="UTC"),
              T.DoubleType: pa.float64(), T.LongType: pa.int64(), T.IntegerType: pa.int32(),
              T.BooleanType: pa.bool_()}
    return simple[type(data_type)]


def start_engine(name: str = DEFAULT_ENGINE, *, spark_master: str | None = None, threads: int | None = None,
                 memory_limit: str | None = None) -> Engine:
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    if name == "duckdb":
        return _start_duckdb(threads=threads, memory_limit=memory_limit)
    return _start_spark(spark_master)


_running_duckdb: list[Engine] = []


def _start_duckdb(*, threads: int | None, memory_limit: str | None) -> Engine:
    """sqlframe's session is one per process and keeps its connection until it is stopped, so a second
    DuckDB engine running beside the first would plan on one database and run on another: refuse it."""
    if _running_duckdb:
        raise RuntimeError("a DuckDB engine is already running in this process: stop it or reuse it")
    import duckdb
    from sqlframe import activate

    # Background threads hand freed memory back to the OS once a query ends: the checks that read the
    # written files after the write then run beside ~100 MB of DuckDB instead of the write's peak.
    config: dict[str, Any] = {"preserve_insertion_order": False, "allocator_background_threads": True}
    if threads:
        config["threads"] = threads
    if memory_limit:
        config["memory_limit"] = memory_limit
    connection = duckdb.connect(config=config)
    activate(engine="duckdb", conn=connection)
    from pyspark.sql import SparkSession

    engine = Engine("duckdb", SparkSession.builder.getOrCreate(), duckdb_connection=connection)
    _running_duckdb.append(engine)
    return engine


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
        # Tokenise every column of a CSV record even when a query reads a few, so FAILFAST sees ragged rows.
        .config("spark.sql.csv.parser.columnPruning.enabled", "false")
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
