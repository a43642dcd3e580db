"""Run billing periods through Dagster in this process, against the persistent instance under
`settings.dagster_home`, so `sentinel run` / `sentinel demo` runs show up later in `sentinel dev`'s UI.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from dagster import (
    DagsterEventType,
    DagsterInstance,
    DagsterRunStatus,
    Definitions,
    ExecuteInProcessResult,
    PartitionKeyRange,
    RunsFilter,
)

from sentinel.period_result import PeriodResult
from sentinel.settings import Settings
from sentinel_assets.definitions import build_definitions
from sentinel_assets.jobs import REFRESH_JOB
from sentinel_assets.keys import RAW_DELIVERIES, SILVER_LINE_ITEMS
from sentinel_assets.partitions import billing_periods
from sentinel_assets.period_bounds import periods_in_store
from sentinel_assets.run_metadata import datasets_set_aside_notes, set_aside_notes

DAGSTER_YAML = """\
# Written by Sentinel on first use (sentinel run / demo / dev); edit freely, it is never overwritten.
telemetry:
  enabled: false
concurrency:
  runs:
    max_concurrent_runs: 2
    tag_concurrency_limits:
      # one run per billing period at a time: runs of a period rewrite the same partitions
      - key: dagster/partition
        value:
          applyLimitPerUniqueValue: true
        limit: 1
"""

PID_TAG = "sentinel/pid"  # the process running an in-process run (sentinel run / demo)
QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}

StepCallback = Callable[[str, str], None]  # (period, step key)


def dagster_home(settings: Settings) -> Path:
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    return home


def open_instance(settings: Settings) -> DagsterInstance:
    return DagsterInstance.from_config(str(dagster_home(settings)))


def build_source(settings: Settings, source: Path, periods: Sequence[str] | None = None, *,
                 engine: str | None = None, on_step: StepCallback | None = None,
                 tags: dict[str, str] | None = None) -> list[PeriodResult]:
    """Raw → silver → gold for these periods of a source (default: every period it holds), one run of the
    refresh job per period against the persistent instance: what `sentinel run` and `sentinel demo` do."""
    chosen = list(periods) if periods else periods_in_store(settings, source)
    defs = build_definitions(settings, source=source, engine=engine)
    instance = open_instance(settings)
    try:
        return refresh_periods(defs, instance, chosen, on_step=on_step, tags=tags)
    finally:
        instance.dispose()


def refresh_periods(defs: Definitions, instance: DagsterInstance, periods: Sequence[str], *,
                    on_step: StepCallback | None = None, tags: dict[str, str] | None = None) -> list[PeriodResult]:
    """One run of the refresh job per period (a backfill, period by period), in order."""
    job = defs.resolve_job_def(REFRESH_JOB)
    fail_orphaned_runs(instance)
    tags = {**(tags or {}), PID_TAG: str(os.getpid())}
    results = []
    for period in periods:
        run_id = str(uuid.uuid4())
        watcher = _StepWatcher(instance, run_id, partial(on_step, period)) if on_step else None
        started = time.monotonic()
        try:
            result = job.execute_in_process(instance=instance, partition_key=period, run_id=run_id,
                                            raise_on_error=False, run_config=QUIET, tags=tags)
        finally:
            if watcher:
                watcher.stop()
        results.append(summarize(period, result, time.monotonic() - started))
    return results


def fail_orphaned_runs(instance: DagsterInstance) -> None:
    """Runs this machine started in-process whose process is gone (killed) would show as STARTED forever."""
    for record in instance.get_run_records(RunsFilter(statuses=[DagsterRunStatus.STARTED])):
        pid = record.dagster_run.tags.get(PID_TAG)
        if pid and pid.isdigit() and not _alive(int(pid)):
            instance.report_run_failed(record.dagster_run)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def summarize(period: str, result: ExecuteInProcessResult, seconds: float) -> PeriodResult:
    summary = PeriodResult(period=period, seconds=seconds, run_id=result.run_id)
    for event in result.get_asset_materialization_events():
        if event.asset_key == RAW_DELIVERIES:
            summary.notes.extend(datasets_set_aside_notes(event.materialization.metadata))
        if event.asset_key == SILVER_LINE_ITEMS:
            meta: dict[str, Any] = {k: v.value for k, v in event.materialization.metadata.items()}
            summary.rows = int(meta.get("rows", 0))
            summary.unblended = float(meta.get("unblended_cost", 0.0))
            summary.amortized = float(meta.get("amortized_cost", 0.0))
            summary.public = float(meta.get("public_cost", 0.0))
            summary.deliveries = [str(d) for d in meta.get("deliveries") or []]
            summary.notes.extend(set_aside_notes(event.materialization.metadata))
            summary.notes.extend(str(w) for w in meta.get("warnings") or [])
    checks = result.get_asset_check_evaluations()
    summary.checks_total = len(checks)
    summary.checks_passed = sum(1 for check in checks if check.passed)
    summary.failed_checks = [f"{c.asset_key.to_user_string()}:{c.check_name}" for c in checks if not c.passed]
    if not result.success:
        summary.error, summary.exit_code = _first_failure(result)
    elif not any(e.asset_key == RAW_DELIVERIES for e in result.get_asset_materialization_events()):
        summary.no_delivery = True
    return summary


def _first_failure(result: ExecuteInProcessResult) -> tuple[str, int | None]:
    for event in result.all_events:
        if event.event_type == DagsterEventType.STEP_FAILURE and event.step_failure_data:
            user = event.step_failure_data.user_failure_data
            if user and user.description:
                code = user.metadata.get("exit_code")
                value = code.value if code is not None else None
                return user.description, value if isinstance(value, int) else None
            error = event.step_failure_data.error
            return (error.message.strip() if error else f"step {event.step_key} failed"), None
    return "the run failed", None


class _StepWatcher:
    """Reports each step as it starts, by polling the run's events (execute_in_process blocks)."""

    def __init__(self, instance: DagsterInstance, run_id: str, callback: Callable[[str], None]):
        self._instance, self._run_id, self._callback = instance, run_id, callback
        self._stop = threading.Event()
        self._seen: set[str] = set()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.wait(0.5):  # a step takes seconds; each poll reads the run's event log
            try:
                entries = self._instance.all_logs(self._run_id, of_type=DagsterEventType.STEP_START)
            except Exception:  # storage busy: try again on the next tick
                continue
            for entry in entries:
                if entry.step_key and entry.step_key not in self._seen:
                    self._seen.add(entry.step_key)
                    self._callback(entry.step_key)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


def expand_periods(requested: Sequence[str]) -> list[str]:
    """`2024-09`, or a range `2024-01..2024-06`; every period must be a partition."""
    known = billing_periods.get_partition_keys()
    periods: list[str] = []
    for item in requested:
        start, _, end = item.partition("..")
        for key in (start, end or start):
            if key not in known:
                raise ValueError(
                    f"billing period {key!r} is not a partition (expected YYYY-MM between {known[0]} and "
                    f"{known[-1]}; see SENTINEL_FIRST_BILLING_PERIOD)")
        if end and end < start:
            raise ValueError(f"billing period range {item!r} ends before it starts (write {end}..{start})")
        periods += billing_periods.get_partition_keys_in_range(PartitionKeyRange(start, end or start))
    return sorted(set(periods))
