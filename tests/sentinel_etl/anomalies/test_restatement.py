"""Statuses across re-deliveries: a re-run changes nothing, changed figures are revised, gone ones withdrawn."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal

from sentinel_etl.anomalies.restatement import AnomalyRow, merge

EARLIER = datetime(2024, 3, 10, 6, 0)
NOW = datetime(2024, 3, 11, 6, 0)


def row(day: int, actual: str = "300", expected: str = "100", start: int | None = None,
        seen: datetime = NOW) -> AnomalyRow:
    return AnomalyRow(
        anomaly_id=f"a{day}", episode_id=f"e{start or day}", usage_date=date(2024, 3, day),
        usage_account_id="111111111111", service_code="AmazonEC2", service="EC2",
        actual_cost=Decimal(actual), expected_cost=Decimal(expected), impact=Decimal(actual) - Decimal(expected),
        score=9.0, status="new", first_seen_at=seen, drivers="[]", episode_start=date(2024, 3, start or day))


def test_first_day_of_an_episode_is_new_later_days_ongoing() -> None:
    rows = merge([row(5), row(6, start=5)], [])
    assert [r.status for r in rows] == ["new", "ongoing"]


def test_a_rerun_of_the_same_delivery_keeps_status_and_first_seen() -> None:
    published = merge([row(5, seen=EARLIER)], [])
    assert merge([row(5)], published) == published


def test_changed_figures_are_revised_and_keep_when_first_seen() -> None:
    published = merge([row(5, seen=EARLIER)], [])
    (revised,) = merge([row(5, actual="350.00")], published)
    assert revised.status == "revised" and revised.first_seen_at == EARLIER
    assert revised.actual_cost == Decimal("350.00")
    (same,) = merge([row(5, actual="300.004")], published)  # under a cent: the same anomaly
    assert same.status == "new"


def test_an_anomaly_that_disappears_is_withdrawn_not_deleted() -> None:
    published = merge([row(5, seen=EARLIER), row(9, seen=EARLIER)], [])
    rows = merge([row(9)], published)
    assert [(r.usage_date.day, r.status) for r in rows] == [(5, "withdrawn"), (9, "new")]
    assert rows[0].actual_cost == Decimal("300")
    assert merge([row(9)], rows) == rows  # stays withdrawn
    back = merge([row(5), row(9)], rows)
    assert back[0].status == "revised"


def test_rows_come_in_day_order() -> None:
    rows = merge([row(9), row(2)], [dataclasses.replace(row(4), status="new")])
    assert [r.usage_date.day for r in rows] == [2, 4, 9]
