"""The local implementations: a folder as the delivery store, the lake on this filesystem, the job
scripts through Dagster Pipes as subprocesses, the DuckDB catalog, DuckDB for queries."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb
from dagster import (
    AssetExecutionContext,
    PipesTempFileContextInjector,
    open_pipes_session,
)
from sentinel_etl.delivery_record import DeliveryRecord, newest_per_export
from sentinel_etl.money import MoneyTotals

from sentinel.catalog import refresh_catalog
from sentinel.deliveries.discover import Discovery, FoundDelivery, find
from sentinel.deliveries.fingerprint import source_fingerprint
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
    LakeTotals,
    reported_outcome,
)
from sentinel_assets.pipes_file_reader import WholeLineFileMessageReader
from sentinel_assets.totals import raw_totals, table_totals


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
        return source_fingerprint(Path(self.root))

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


class PipesSubprocessJobRunner(JobRunner):
    """Runs the job script on this machine through Dagster Pipes: the same file Glue runs."""

    engine: str = "duckdb"
    spark_master: str = "local[2]"
    duckdb_memory_limit: str = ""  # '' = DuckDB's own (80% of RAM); see Settings.job_memory_limit

    def run(self, context: AssetExecutionContext, job: str, args: Mapping[str, str]) -> JobOutcome:
        started = time.monotonic()
        full_args = {**args, "ENGINE": self.engine}
        if self.engine == "spark":
            full_args["SPARK_MASTER"] = self.spark_master
        elif self.duckdb_memory_limit:
            full_args["DUCKDB_MEMORY_LIMIT"] = self.duckdb_memory_limit
        with open_pipes_session(context=context, context_injector=PipesTempFileContextInjector(),
                                message_reader=WholeLineFileMessageReader()) as session:
            process = subprocess.run(job_command(job, full_args), check=False,
                                     env={**os.environ, **session.get_bootstrap_env_vars()})
        outcome = reported_outcome(session.get_custom_messages())
        code = process.returncode
        error = None if code == 0 else (outcome.get("error") or f"the job exited with code {code} without a report")
        return JobOutcome(job, code, tuple(session.get_results(implicit_materializations=False)), error,
                          time.monotonic() - started, tuple(outcome.get("rejected") or ()))


class LocalCatalogCrawler(Crawler):
    lake_root: str
    catalog_path: str

    def crawl(self) -> dict[str, list[str]]:
        return refresh_catalog(Path(self.lake_root), Path(self.catalog_path))


class DuckDBLakeTotals(LakeTotals):
    lake_root: str

    def _partition(self, layer: str, table: str, period: str) -> Path | None:
        folder = Path(self.lake_root) / layer / table / f"billing_period={period}"
        return folder if folder.exists() and any(folder.glob("*.parquet")) else None

    def totals(self, layer: str, table: str, period: str) -> MoneyTotals | None:
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

    def raw_totals(self, lake: Lake, period: str, delivery_ids: Sequence[str]) -> MoneyTotals:
        total = MoneyTotals(amortized=None)
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
