"""The interfaces the assets, checks and sensors see: one small resource per concern.

Each has a local implementation (sentinel_assets.local) and an AWS one (sentinel_assets.aws); sentinel_assets.resources
picks between them in one place.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dagster import AssetCheckResult, AssetExecutionContext, ConfigurableResource, MaterializeResult
from sentinel_etl.delivery_record import DeliveryRecord
from sentinel_etl.errors import EXIT_CHECK_FAILED, EXIT_INPUT_ERROR
from sentinel_etl.money import MoneyTotals

from sentinel.deliveries.discover import FoundDelivery
from sentinel.deliveries.landing import Landed, Outcome


class BillingPolicy(ConfigurableResource):
    """The rules that are settings, not code: which export serves a bill, how fresh the open month must be.
    The same on every environment (sentinel.settings.Settings holds their defaults and documentation)."""

    export_preference: str
    export_pins: str = ""
    expected_delivery_hours: int


class AnomalyPolicy(ConfigurableResource):
    """How anomalies are scored (the settings SENTINEL_ANOMALY_*; sentinel_etl.anomalies.rules documents them)."""

    view: str
    threshold: float
    min_impact: float
    min_relative_impact: float

    def job_args(self) -> dict[str, str]:
        return {"ANOMALY_VIEW": self.view, "ANOMALY_THRESHOLD": str(self.threshold),
                "ANOMALY_MIN_IMPACT": str(self.min_impact), "ANOMALY_MIN_RELATIVE": str(self.min_relative_impact)}


class Lake(ConfigurableResource):
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
        """The deliveries silver chooses from: per export, the last to arrive that was not rejected."""

    @abstractmethod
    def reject(self, period: str, export_name: str, delivery_id: str, reason: str) -> None:
        """Record that validation refused a delivery: it is never a period's newest again."""

    @abstractmethod
    def rejected(self, period: str, export_name: str, delivery_id: str) -> str | None:
        """Why a delivery was refused, if it was."""

    @abstractmethod
    def periods(self) -> list[str]:
        """Billing periods with at least one landed delivery."""

    @abstractmethod
    def published_version(self, layer: str, table: str, period: str) -> str | None:
        """The version id of a table's published partition (None: not published)."""


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


class DeliveryStore(ConfigurableResource):
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
    def land(self, period: str, lake: Lake) -> list[Outcome]:
        """Copy the period's current deliveries into raw, as they came (idempotent); a delivery that fails
        validation is recorded as rejected instead, and the others still land."""


def reported_outcome(messages: Sequence[Any]) -> dict[str, Any]:
    """How the job says it ended (the entrypoint's `outcome` custom message: code, error, rejected)."""
    return next((m["outcome"] for m in reversed(messages) if isinstance(m, dict) and "outcome" in m), {})


@dataclass(frozen=True)
class JobOutcome:
    """What one run of a job script reported, also when it failed (a failed check is a result too)."""

    job: str
    exit_code: int
    results: Sequence[MaterializeResult | AssetCheckResult]
    error: str | None
    seconds: float
    rejected: Sequence[str] = ()  # delivery ids the job refused as bad input

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


class JobRunner(ConfigurableResource):
    """Runs a Glue job script (raw_to_silver, silver_to_gold) and collects its Pipes reports."""

    @abstractmethod
    def run(self, context: AssetExecutionContext, job: str, args: Mapping[str, str]) -> JobOutcome: ...


class Crawler(ConfigurableResource):
    """Brings the catalog up to date after a job (a Glue crawler on AWS)."""

    @abstractmethod
    def crawl(self) -> dict[str, list[str]]: ...


class LakeTotals(ConfigurableResource):
    """Reads one period of a lake table (DuckDB here, Athena on AWS): checks and metadata use it."""

    @abstractmethod
    def totals(self, layer: str, table: str, period: str) -> MoneyTotals | None:
        """Rows and money sums of a published partition; None when there is none."""

    @abstractmethod
    def row_count(self, layer: str, table: str, period: str) -> int: ...

    @abstractmethod
    def distinct(self, layer: str, table: str, period: str, column: str) -> list[str]: ...

    @abstractmethod
    def raw_totals(self, lake: Lake, period: str, delivery_ids: Sequence[str]) -> MoneyTotals:
        """Rows and money sums of the raw files of the given deliveries, for one period."""
