"""Resources: one small interface per concern, a local implementation of each, chosen in ONE place.

`SENTINEL_ENV=local` (the default) runs everything on this machine. `SENTINEL_ENV=aws` is the hook for the
AWS implementations (PipesGlueClient, Glue crawler, S3, Athena); `build_resources` is the only code that
picks between them, and assets only ever see the interfaces below.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from abc import abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from dagster import (
    AssetCheckResult,
    AssetExecutionContext,
    ConfigurableResource,
    MaterializeResult,
    PipesSubprocessClient,
    PipesTempFileMessageReader,
)
from dagster._core.errors import DagsterPipesExecutionError
from dagster._core.pipes.context import PipesMessageHandler
from sentinel_etl.delivery_record import DeliveryRecord

from sentinel.catalog import refresh_catalog
from sentinel.deliveries.discover import FoundDelivery, discover
from sentinel.deliveries.landing import (
    Landed,
    delivery_folder,
    land,
    landed_deliveries,
    landed_periods,
    newest_per_export,
)
from sentinel.job_runner import EXIT_CHECK_FAILED, EXIT_INPUT_ERROR, job_command
from sentinel.settings import Settings
from sentinel_assets.totals import Totals, raw_totals, table_totals

# ---------------------------------------------------------------------------------------------- lake


class Lake(ConfigurableResource):  # type: ignore[misc]
    """Where raw deliveries and the silver and gold partitions live."""

    @property
    @abstractmethod
    def uri(self) -> str:
        """The LAKE_ROOT the job scripts are given."""

    @abstractmethod
    def land(self, found: FoundDelivery) -> Landed: ...

    @abstractmethod
    def records(self, period: str) -> list[DeliveryRecord]:
        """Every delivery landed for a period, oldest first."""

    @abstractmethod
    def delivery_uri(self, record: DeliveryRecord) -> str: ...

    @abstractmethod
    def newest(self, period: str) -> list[DeliveryRecord]:
        """The deliveries silver is built from: the newest delivery of each export."""

    @abstractmethod
    def periods(self) -> list[str]:
        """Billing periods with at least one landed delivery."""


class LocalLake(Lake):  # type: ignore[misc]
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
        return sorted(landed_deliveries(self.path, period), key=lambda r: (r.delivered_at, r.landed_at))

    def delivery_uri(self, record: DeliveryRecord) -> str:
        return str(delivery_folder(self.path, record.billing_period, record.export_name, record.delivery_id))

    def newest(self, period: str) -> list[DeliveryRecord]:
        folders = {str(folder) for folder in newest_per_export(self.path, period)}  # the pipeline's own rule
        return [r for r in self.records(period) if self.delivery_uri(r) in folders]

    def periods(self) -> list[str]:
        return landed_periods(self.path)


# -------------------------------------------------------------------------------------- delivery store


@dataclass(frozen=True)
class DeliveryRef:
    """The current delivery of one export for one billing period, as the store shows it."""

    billing_period: str
    export_name: str
    delivery_id: str
    delivered_at: str

    @property
    def slot(self) -> str:
        return f"{self.billing_period}|{self.export_name}"


class DeliveryStore(ConfigurableResource):  # type: ignore[misc]
    """Where billing exports arrive (a local folder here; the export's S3 prefix on AWS)."""

    @abstractmethod
    def describe(self) -> str: ...

    @abstractmethod
    def fingerprint(self) -> str:
        """Cheap: changes whenever anything in the store changes (the sensor skips work otherwise)."""

    @abstractmethod
    def current(self, period: str | None = None) -> list[DeliveryRef]:
        """The current delivery of every export (older assemblies are superseded by the manifest)."""

    @abstractmethod
    def land(self, period: str, lake: Lake) -> list[Landed]:
        """Copy the period's current deliveries into raw, as they came (idempotent)."""


class LocalDeliveryStore(DeliveryStore):  # type: ignore[misc]
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

    def _found(self, period: str | None) -> list[FoundDelivery]:
        if not Path(self.root).exists():
            return []
        return [f for f in discover(Path(self.root)) if period is None or f.billing_period == period]

    def current(self, period: str | None = None) -> list[DeliveryRef]:
        return [DeliveryRef(f.billing_period, f.export_name, f.delivery_id, f.delivered_at) for f in self._found(period)]

    def land(self, period: str, lake: Lake) -> list[Landed]:
        return [lake.land(found) for found in self._found(period)]


# ------------------------------------------------------------------------------------------ job runner


@dataclass(frozen=True)
class JobOutcome:
    """What one run of a job script reported, also when it failed (a failed check is a result too)."""

    job: str
    exit_code: int
    results: Sequence[MaterializeResult | AssetCheckResult]
    error: str | None
    seconds: float

    @property
    def succeeded(self) -> bool:
        return self.exit_code == 0

    @property
    def reason(self) -> str:
        return {EXIT_INPUT_ERROR: "bad input", EXIT_CHECK_FAILED: "a blocking check failed"}.get(
            self.exit_code, f"exit code {self.exit_code}")

    @property
    def materializations(self) -> list[MaterializeResult]:
        return [r for r in self.results if isinstance(r, MaterializeResult)]

    @property
    def checks(self) -> list[AssetCheckResult]:
        return [r for r in self.results if isinstance(r, AssetCheckResult)]


class JobRunner(ConfigurableResource):  # type: ignore[misc]
    """Runs a Glue job script (raw_to_silver, silver_to_gold) and collects its Pipes reports."""

    @abstractmethod
    def run(self, context: AssetExecutionContext, job: str, args: Mapping[str, str]) -> JobOutcome: ...


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


class PipesSubprocessJobRunner(JobRunner):  # type: ignore[misc]
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
        return JobOutcome(job, code, tuple(results), error, time.monotonic() - started)  # type: ignore[arg-type]


def _exit_code(message: str) -> int:
    digits = message.rsplit(" ", 1)[-1]
    return int(digits) if digits.lstrip("-").isdigit() else 1


def _job_error(result_path: Path) -> str | None:
    try:
        return json.loads(result_path.read_text(encoding="utf-8")).get("error")
    except (OSError, ValueError):
        return None


# ----------------------------------------------------------------------------------- crawler and query


class Crawler(ConfigurableResource):  # type: ignore[misc]
    """Brings the catalog up to date after a job (a Glue crawler on AWS)."""

    @abstractmethod
    def crawl(self) -> dict[str, list[str]]: ...


class LocalCatalogCrawler(Crawler):  # type: ignore[misc]
    lake_root: str
    catalog_path: str

    def crawl(self) -> dict[str, list[str]]:
        return refresh_catalog(Path(self.lake_root), Path(self.catalog_path))


class QueryEngine(ConfigurableResource):  # type: ignore[misc]
    """Reads one period of a lake table (DuckDB here, Athena on AWS): checks and metadata use it."""

    @abstractmethod
    def totals(self, layer: str, table: str, period: str) -> Totals | None:
        """Rows and money sums of a published partition; None when there is none."""

    @abstractmethod
    def row_count(self, layer: str, table: str, period: str) -> int: ...

    @abstractmethod
    def distinct(self, layer: str, table: str, period: str, column: str) -> list[str]: ...

    @abstractmethod
    def raw_totals(self, lake: Lake, period: str, delivery_ids: Sequence[str]) -> Totals:
        """Rows and money sums of the raw files of the given deliveries, for one period."""


class DuckDBQueryEngine(QueryEngine):  # type: ignore[misc]
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


# ------------------------------------------------------------------------------- the one place to choose

AWS_LATER = (
    "SENTINEL_ENV=aws: the AWS resources are later work (job runner: dagster-aws PipesGlueClient; "
    "crawler: Glue start_crawler/get_crawler; delivery store and lake: S3; query engine: Athena). "
    "Use SENTINEL_ENV=local (the default) for now."
)


def build_resources(settings: Settings, *, source: Path | None = None, engine: str | None = None) -> dict[str, Any]:
    """Every resource the definitions need, for the environment in `settings.env`."""
    if settings.env == "aws":
        raise NotImplementedError(AWS_LATER)
    lake_root = str(settings.lake_root)
    store_root = source.expanduser().resolve() if source else settings.delivery_root
    return {
        "lake": LocalLake(root=lake_root),
        "delivery_store": LocalDeliveryStore(root=str(store_root)),
        "job_runner": PipesSubprocessJobRunner(engine=engine or settings.engine, spark_master=settings.spark_master),
        "crawler": LocalCatalogCrawler(lake_root=lake_root, catalog_path=str(settings.catalog_path)),
        "query_engine": DuckDBQueryEngine(lake_root=lake_root),
    }
