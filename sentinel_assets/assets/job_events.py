"""Turn what a job script reported through Pipes into the asset's events."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dagster import AssetCheckResult, AssetKey, Failure, MaterializeResult, MetadataValue
from sentinel_etl.errors import EXIT_CHECK_FAILED, EXIT_INPUT_ERROR

from sentinel_assets.interfaces import JobOutcome


def job_events(outcome: JobOutcome, period: str,
               extra: Mapping[AssetKey, Mapping[str, Any]] | None = None) -> Iterator[MaterializeResult | AssetCheckResult]:
    """Materializations (with `extra` metadata merged in) and check results; a failed job raises.

    A failed job still yields the checks it reported, so the UI shows which check blocked the period;
    the job did not publish anything, so the last good partition stays in place.
    """
    if not outcome.succeeded:
        yield from outcome.checks
        raise Failure(
            description=f"{outcome.job} for billing period {period} failed ({outcome.reason}): {outcome.error}",
            metadata={"billing_period": period, "exit_code": outcome.exit_code,
                      "error": MetadataValue.text(outcome.error or "")},
            # bad input and failed checks do not heal on retry
            allow_retries=outcome.exit_code not in (EXIT_INPUT_ERROR, EXIT_CHECK_FAILED),
        )
    for result in outcome.materializations:
        added = (extra or {}).get(result.asset_key, {}) if result.asset_key else {}
        metadata = {**(result.metadata or {}), **added, "job": outcome.job, "job_seconds": round(outcome.seconds, 3)}
        yield MaterializeResult(asset_key=result.asset_key, metadata=metadata, data_version=result.data_version)
    yield from outcome.checks
