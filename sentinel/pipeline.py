"""The local pipeline without an orchestrator: land → raw_to_silver → silver_to_gold → catalog, per period.

Dagster (sentinel_assets) runs the same steps as assets, through the same pieces: discovery and landing
(sentinel.deliveries), the job scripts (sentinel.job_runner.job_command) and the catalog. `sentinel run`
goes through Dagster; `run_local` stays as the orchestrator-free path (tests, benchmarks' baseline).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sentinel.catalog import refresh_catalog
from sentinel.deliveries.discover import FoundDelivery, discover
from sentinel.deliveries.landing import Landed, land, newest_folders
from sentinel.job_runner import run_job
from sentinel.settings import Settings

Progress = Callable[[str], None]


@dataclass
class PeriodResult:
    period: str
    rows: int = 0
    unblended: float = 0.0
    amortized: float = 0.0
    public: float = 0.0
    checks_passed: int = 0
    checks_total: int = 0
    deliveries: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None  # why the period failed (None: it succeeded)
    failed_checks: list[str] = field(default_factory=list)
    run_id: str | None = None  # the Dagster run, when Dagster built the period
    notes: list[str] = field(default_factory=list)  # exports and datasets set aside, values ignored

    @property
    def succeeded(self) -> bool:
        return self.error is None


def land_source(source: Path, settings: Settings, periods: list[str] | None = None) -> list[Landed]:
    found: list[FoundDelivery] = discover(source)
    if periods:
        found = [f for f in found if f.billing_period in periods]
    return [land(f, settings.lake_root) for f in found]


def job_args(settings: Settings, period: str) -> dict[str, str]:
    args = {"BILLING_PERIOD": period, "LAKE_ROOT": str(settings.lake_root), "ENGINE": settings.engine}
    if settings.engine == "spark":
        args["SPARK_MASTER"] = settings.spark_master
    return args


def build_period(settings: Settings, period: str) -> PeriodResult:
    deliveries = newest_folders(settings.lake_root, period)
    silver = run_job("raw_to_silver", {**job_args(settings, period), "DELIVERIES": ",".join(map(str, deliveries)),
                                       "EXPORT_PREFERENCE": settings.export_preference,
                                       "EXPORT_PINS": settings.export_pins})
    gold = run_job("silver_to_gold", job_args(settings, period))
    totals: dict[str, Any] = silver.result["result"]["silver"]
    checks = silver.checks + gold.checks
    return PeriodResult(
        period=period,
        rows=int(totals["rows"]),
        unblended=float(totals["unblended"]),
        amortized=float(totals["amortized"]),
        public=float(totals["public"]),
        checks_passed=sum(1 for c in checks if c["passed"]),
        checks_total=len(checks),
        deliveries=[str(d) for d in silver.result["materializations"][0]["metadata"]["deliveries"]],
        seconds=silver.seconds + gold.seconds,
    )


def run_local(source: Path, settings: Settings, periods: list[str] | None = None,
              progress: Progress | None = None) -> list[PeriodResult]:
    say = progress or (lambda _: None)
    landed = land_source(source, settings, periods)
    say(f"landed {sum(1 for item in landed if item.created)} new of {len(landed)} deliveries")
    results = []
    for period in sorted({item.record.billing_period for item in landed}):
        say(f"building {period}")
        results.append(build_period(settings, period))
    refresh_catalog(settings.lake_root, settings.catalog_path)
    return results
