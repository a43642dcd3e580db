"""The local implementations: a folder as the delivery store, the lake on this filesystem, the job
scripts through Dagster Pipes as subprocesses, the DuckDB catalog, DuckDB for queries."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from dagster import (
    AssetExecutionContext,
    PipesMessageHandler,
    PipesSubprocessClient,
    PipesTempFileMessageReader,
)
from dagster._core.errors import DagsterPipesExecutionError
from sentinel_etl.delivery_record import DeliveryRecord, newest_per_export

from sentinel.catalog import refresh_catalog
from sentinel.deliveries.discover import Discovery, FoundDelivery, find
from sentinel.deliveries.landing import (
    Landed,
    Outcome,
    delivery_folder,
    land,
    land_each,
    landed_deliveries,
    landed_periods,
    reject,
    rejection,
)
from sentinel.job_runner import job_command
from sentinel_assets.interfaces import (
    Crawler,
    DeliveryRef,
    DeliveryStore,
    JobOutcome,
    JobRunner,
    Lake,
    QueryEngine,
)
from sentinel_assets.totals import Totals, raw_totals, table_totals


class LocalLake(Lake):
    root: str

    @property
    def path(self) -> Path:
        return Path(self.root)

    @property
    def uri(self) -> str:
        return self.root

    def land(self, found: FoundDelivery) -> Landed:
        return land(found, self.path)

    def records(self, period: str) -> list[DeliveryRecord]:
        return sorted(landed_deliveries(self.path, period), key=lambda r: r.arrival)

    def delivery_uri(self, record: DeliveryRecord) -> str:
        return str(delivery_folder(self.path, record.billing_period, record.export_name, record.delivery_id))

    def newest(self, period: str) -> list[DeliveryRecord]:
        return newest_per_export(self.records(period))

    def reject(self, period: str, export_name: str, delivery_id: str, reason: str) -> None:
        reject(self.path, period, export_name, delivery_id, reason)

    def rejected(self, period: str, export_name: str, delivery_id: str) -> str | None:
        return rejection(delivery_folder(self.path, period, export_name, delivery_id))

    def periods(self) -> list[str]:
        return landed_periods(self.path)

    def published_version(self, layer: str, table: str, period: str) -> str | None:
        link = self.path / layer / table / f"billing_period={period}"  # a symlink to the version folder
        return os.path.basename(os.path.realpath(link)) if link.is_symlink() else None


class LocalDeliveryStore(DeliveryStore):
    root: str

    def describe(self) -> str:
        return self.root

    def fingerprint(self) -> str:
        root = Path(self.root)
        digest = hashlib.sha256()
        if root.is_file():
            stat = root.stat()
            digest.update(f"{root}|{stat.st_size}|{stat.st_mtime_ns}".encode())
        elif root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                stat = path.stat()
                digest.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
        return digest.hexdigest()

    def _found(self, period: str | None) -> Discovery:
        if not Path(self.root).exists():
            return Discovery([])
        return find(Path(self.root)).for_period(period)

    def current(self, period: str | None = None) -> list[DeliveryRef]:
        return [DeliveryRef(f.billing_period, f.export_name, f.delivery_id, f.delivered_at)
                for f in self._found(period).deliveries]

    def land(self, period: str, lake: Lake) -> list[Outcome]:
        return land_each(self._found(period), lake.land, lambda found, reason: lake.reject(
            found.billing_period, found.export_name, found.delivery_id, reason))


class _KeepingMessageReader(PipesTempFileMessageReader):
    """Keeps what the job reported (and the exception it closed Pipes with) past a non-zero exit."""

    handler: PipesMessageHandler | None = None
    crash: str | None = None

    @property
    def expected_writer_count(self) -> int:  # one writer, as in the base (which warns it is a preview API)
        return 1

    @contextmanager
    def read_messages(self, handler: PipesMessageHandler) -> Iterator[Any]:
        self.handler = handler
        handle = handler.handle_message

        def keep_crash(message: Any) -> None:
            params = message.get("params") or {}
            if message.get("method") == "closed" and params.get("exception"):
                error = params["exception"]
                self.crash = f"{error.get('name')}: {error.get('message')}".strip()
            handle(message)

        handler.handle_message = keep_crash  # type: ignore[method-assign]
        with super().read_messages(handler) as params:
            yield params


class PipesSubprocessJobRunner(JobRunner):
    """Runs the job script on this machine through Dagster Pipes: the same file Glue runs."""

    engine: str = "duckdb"
    spark_master: str = "local[2]"

    def run(self, context: AssetExecutionContext, job: str, args: Mapping[str, str]) -> JobOutcome:
        started = time.monotonic()
        reader = _KeepingMessageReader()
        with tempfile.TemporaryDirectory(prefix="sentinel-job-") as scratch:
            result_path = Path(scratch) / "result.json"
            full_args = {**args, "ENGINE": self.engine, "RESULT_PATH": str(result_path)}
            if self.engine == "spark":
                full_args["SPARK_MASTER"] = self.spark_master
            client = PipesSubprocessClient(message_reader=reader)
            try:
                invocation = client.run(context=context, command=job_command(job, full_args))
                results, code, error = invocation.get_results(implicit_materializations=False), 0, None
            except DagsterPipesExecutionError as failure:
                results = reader.handler.get_reported_results() if reader.handler else ()
                code = _exit_code(str(failure))
                error = _job_error(result_path) or reader.crash or str(failure)
                rejected = _job_result(result_path).get("rejected") or []
            else:
                rejected = []
        return JobOutcome(job, code, tuple(results), error, time.monotonic() - started, tuple(rejected))


def _exit_code(message: str) -> int:
    digits = message.rsplit(" ", 1)[-1]
    return int(digits) if digits.lstrip("-").isdigit() else 1


def _job_result(result_path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(result_path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def _job_error(result_path: Path) -> str | None:
    return _job_result(result_path).get("error")


class LocalCatalogCrawler(Crawler):
    lake_root: str
    catalog_path: str

    def crawl(self) -> dict[str, list[str]]:
        return refresh_catalog(Path(self.lake_root), Path(self.catalog_path))


class DuckDBQueryEngine(QueryEngine):
    lake_root: str

    def _partition(self, layer: str, table: str, period: str) -> Path | None:
        folder = Path(self.lake_root) / layer / table / f"billing_period={period}"
        return folder if folder.exists() and any(folder.glob("*.parquet")) else None

    def totals(self, layer: str, table: str, period: str) -> Totals | None:
        partition = self._partition(layer, table, period)
        if partition is None:
            return None
        with _connect() as connection:
            return table_totals(connection, partition, None if layer == "silver" else "line_item_count")

    def row_count(self, layer: str, table: str, period: str) -> int:
        partition = self._partition(layer, table, period)
        if partition is None:
            return 0
        with _connect() as connection:  # from the Parquet footers: no data is read
            row = connection.execute("SELECT count(*) FROM read_parquet(?)", [str(partition / "*.parquet")]).fetchone()
        return int(row[0]) if row else 0

    def distinct(self, layer: str, table: str, period: str, column: str) -> list[str]:
        partition = self._partition(layer, table, period)
        if partition is None:
            return []
        quoted = '"' + column.replace('"', '""') + '"'
        with _connect() as connection:
            rows = connection.execute(
                f"SELECT DISTINCT {quoted} FROM read_parquet(?) ORDER BY 1", [str(partition / "*.parquet")]
            ).fetchall()
        return [str(r[0]) for r in rows if r[0] is not None]

    def raw_totals(self, lake: Lake, period: str, delivery_ids: Sequence[str]) -> Totals:
        total = Totals()
        wanted = set(delivery_ids)
        with _connect() as connection:
            for record in lake.records(period):
                if record.delivery_id in wanted:
                    total += raw_totals(connection, record, Path(lake.delivery_uri(record)), period)
        return total


def _connect() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")  # it would draw into the run's logs
    return connection
