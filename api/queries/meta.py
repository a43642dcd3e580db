"""What the catalog holds: deliveries per period (local pipeline only) and the tag keys."""

from __future__ import annotations

from sentinel.engines.base import Query


def deliveries_query() -> Query:
    # raw.deliveries is one row per landed delivery (a handful per period): read whole.
    return Query(
        "SELECT billing_period, export_name, delivery_id, format, delivered_at, landed_at, rejected "
        "FROM raw.deliveries ORDER BY billing_period, export_name, landed_at",
        name="meta_deliveries",
    )


def tag_keys_query(periods: tuple[str, str]) -> Query:
    return Query(
        "SELECT tag_key, sum(line_item_count) AS line_items FROM gold.cost_by_tag_daily "
        "WHERE billing_period BETWEEN ? AND ? GROUP BY 1 ORDER BY 1",
        periods,
        "meta_tag_keys",
    )
