"""Billing period labels (`YYYY-MM`) and their arithmetic, for the jobs and everything above them."""

from __future__ import annotations

import calendar
from datetime import date


def shift(period: str, months: int) -> str:
    """The period `months` later (earlier when negative)."""
    index = int(period[:4]) * 12 + int(period[5:7]) - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def first_day(period: str) -> date:
    return date(int(period[:4]), int(period[5:7]), 1)


def last_day(period: str) -> date:
    start = first_day(period)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])
