"""What the catalog holds: deliveries per period (local pipeline only) and the tag keys."""

from __future__ import annotations

from api.engines.base import Query


def deliveries_query() -> Query:
    # raw.deliveries is one row per landed delivery (a handful per period): read whole.
    return Query(
        "SELECT billing_period, count(*) AS deliveries, max(delivered_at) AS delivered_at, "
        "max(landed_at) AS landed_at FROM raw.deliveries GROUP BY 1 ORDER BY 1",
        name="meta_deliveries",
    )


def tag_keys_query(periods: tuple[str, str]) -> Query:
    return Query(
        "SELECT tag_key, sum(line_item_count) AS line_items FROM gold.cost_by_tag_daily "
        "WHERE billing_period BETWEEN ? AND ? GROUP BY 1 ORDER BY 1",
        periods,
        "meta_tag_keys",
    )
