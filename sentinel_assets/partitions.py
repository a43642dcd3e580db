"""Billing periods are the partitions: one per month, keyed `YYYY-MM` like the lake's `billing_period=`."""

from __future__ import annotations

from datetime import date, datetime

from dagster import MonthlyPartitionsDefinition
from sentinel_etl.billing_periods import shift

from sentinel.settings import get_settings
from sentinel_assets.period_bounds import first_billing_period, period_of

__all__ = ["PERIOD_FORMAT", "billing_periods", "billing_periods_def", "period_of", "periods_to_refresh",
           "previous_period"]

PERIOD_FORMAT = "%Y-%m"
RESTATEMENT_DAYS = 15  # AWS may restate the previous month during the first days of a new one


def billing_periods_def(first_billing_period: str) -> MonthlyPartitionsDefinition:
    # end_offset=1: the open (current) month is a partition too; AWS bills it all month long.
    return MonthlyPartitionsDefinition(
        start_date=first_billing_period, fmt=PERIOD_FORMAT, timezone="UTC", end_offset=1
    )


billing_periods = billing_periods_def(first_billing_period(get_settings()))


def previous_period(period: str) -> str:
    return shift(period, -1)


def periods_to_refresh(moment: date | datetime) -> list[str]:
    """The open period, and the previous one while AWS may still restate it."""
    current = period_of(moment)
    return [previous_period(current), current] if moment.day <= RESTATEMENT_DAYS else [current]
