"""Cost time series, breakdowns and filter-picker values from the gold tables.

Which table answers (choose_table):
- a tag filter or a tag group-by: gold.cost_by_tag_daily (one tag key; provider, billing period, account,
  service, region). Grouped by a tag with no tag filter, the untagged remainder (total from
  gold.cost_daily minus the tagged sum) is reported as the group '' so that the groups add up.
- whole calendar months, no daily bucket, only monthly dimensions, and periods that hold exactly their
  month's usage: gold.cost_monthly (a few thousand rows).
- a resource filter or group-by: silver.line_items (gold has no resource column); with a tag filter
  too (silver keeps the tags), but not grouped by a tag.
- anything else: gold.cost_daily.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from api.filters import CostFilters, Sql, invalid, where
from api.queries.columns import (
    COST_BY_TAG,
    COST_DAILY,
    COST_MONTHLY,
    LINE_ITEMS,
    MONTHLY_DIMENSIONS,
    SILVER_DIMENSIONS,
    TAG_DIMENSIONS,
    Dimension,
    Table,
    money,
)
from api.queries.periods import PeriodIndex
from sentinel.engines.base import Query

Granularity = Literal["day", "month"]


@dataclass(frozen=True)
class Grouping:
    """What to group by: a dimension column, or the values of one tag key."""

    dimension: Dimension | None = None
    tag_key: str | None = None

    @property
    def is_tag(self) -> bool:
        return self.dimension is Dimension.tag


def grouping(dimension: Dimension | None, tag_key: str | None, field: str) -> Grouping:
    if dimension is Dimension.tag and not tag_key:
        raise invalid("tag_key", f"{field}=tag needs tag_key")
    if dimension is not Dimension.tag and tag_key:
        raise invalid("tag_key", f"tag_key only goes with {field}=tag", tag_key)
    return Grouping(dimension, tag_key if dimension is Dimension.tag else None)


def choose_table(
    f: CostFilters, periods: PeriodIndex, group: Grouping, *, daily: bool, monthly_buckets: bool = False,
    field: str = "group_by",
) -> Table:
    needed = set(f.dimensions)
    if group.dimension is not None and not group.is_tag:
        needed.add(group.dimension)
    tag_keys = set(f.tag_keys) | ({group.tag_key} if group.tag_key else set())
    if needed & SILVER_DIMENSIONS:
        if group.is_tag:
            raise invalid(field, "a tag group-by comes from gold, which has no resource column; "
                          "filter by the tag and group by resource instead")
        return LINE_ITEMS
    if tag_keys:
        if len(tag_keys) > 1:
            raise invalid("tag", "one tag key at a time here (gold.cost_by_tag_daily); /line-items combines keys")
        unsupported = sorted(d.value for d in needed - TAG_DIMENSIONS)
        if unsupported:
            raise invalid(
                field if group.dimension is not None and group.dimension.value in unsupported else "tag",
                f"tags combine only with {', '.join(sorted(d.value for d in TAG_DIMENSIONS))}; "
                f"not with {', '.join(unsupported)}",
            )
        return COST_BY_TAG
    if not daily and needed <= MONTHLY_DIMENSIONS and periods.months_aligned(
        f.start, f.end, each_month=monthly_buckets
    ):
        return COST_MONTHLY
    return COST_DAILY


def bucket_expr(table: Table, granularity: Granularity) -> str:
    if table.grain == "month":
        return "billing_period"
    return "usage_date" if granularity == "day" else "date_trunc('month', usage_date)"


def _group_expr(table: Table, group: Grouping) -> str:
    if group.is_tag:
        return "tag_value"
    assert group.dimension is not None
    return f"coalesce({table.column(group.dimension)}, '')"


def _base_ctes(f: CostFilters, table: Table, group: Grouping, bucket: str | None) -> list[tuple[str, Sql]]:
    """CTEs ending in `base(bucket?, grp, name, cost, items)`: one row per (bucket, group); name is the
    group's display name where the dimension has one (an account's), else ''."""
    m = money(f.view)
    head = f"{bucket} AS bucket, " if bucket else ""
    keys = "1, 2" if bucket else "1"
    if group.is_tag and not f.tags:
        # Grouped by a tag with no tag filter: the tagged groups plus the untagged remainder.
        assert group.tag_key is not None
        tagged_where = Sql.join([where(f, COST_BY_TAG), Sql("tag_key = ?", (group.tag_key,))])
        tagged = Sql(
            f"SELECT {head}tag_value AS grp, '' AS name, sum({m}) AS cost, sum(line_item_count) AS items "
            f"FROM {COST_BY_TAG.name} WHERE {tagged_where.text} GROUP BY {keys}",
            tagged_where.params,
        )
        total_where = where(f, COST_DAILY)
        totals = Sql(
            f"SELECT {head}sum({m}) AS cost, sum(line_item_count) AS items "
            f"FROM {COST_DAILY.name} WHERE {total_where.text}" + (" GROUP BY 1" if bucket else ""),
            total_where.params,
        )
        if bucket:
            untagged = (
                "SELECT t.bucket AS bucket, '' AS grp, '' AS name, t.cost - coalesce(s.cost, 0) AS cost, "
                "t.items - coalesce(s.items, 0) AS items FROM totals AS t LEFT JOIN "
                "(SELECT bucket, sum(cost) AS cost, sum(items) AS items FROM tagged GROUP BY 1) AS s "
                "ON t.bucket = s.bucket"
            )
            columns = "bucket, grp, name, cost, items"
        else:
            untagged = (
                "SELECT '' AS grp, '' AS name, t.cost - coalesce(s.cost, 0) AS cost, "
                "t.items - coalesce(s.items, 0) AS items "
                "FROM totals AS t CROSS JOIN (SELECT sum(cost) AS cost, sum(items) AS items FROM tagged) AS s"
            )
            columns = "grp, name, cost, items"
        base = Sql(
            f"SELECT {columns} FROM tagged UNION ALL SELECT {columns} FROM ({untagged}) AS u "
            "WHERE u.items <> 0 OR u.cost <> 0"
        )
        return [("tagged", tagged), ("totals", totals), ("base", base)]
    w = where(f, table)
    group_sql = _group_expr(table, group) if group.dimension is not None else "''"
    return [("base", Sql(
        f"SELECT {head}{group_sql} AS grp, {table.name_expr(group.dimension)} AS name, sum({m}) AS cost, "
        f"{table.count} AS items FROM {table.name} WHERE {w.text} GROUP BY {keys}",
        w.params,
    ))]


def _with(ctes: Iterable[tuple[str, Sql]], tail: Sql) -> Query:
    items = list(ctes)
    head = Sql.join((Sql(f"{name} AS ({sql.text})", sql.params) for name, sql in items), ", ")
    return Query("WITH " + head.text + " " + tail.text, head.params + tail.params)


def timeseries_query(
    f: CostFilters, table: Table, granularity: Granularity, group: Grouping, top: int
) -> Query:
    """Rows (bucket, grp, name, cost): grp and name are NULL for the sum of the groups outside the top N."""
    bucket = bucket_expr(table, granularity)
    ctes = _base_ctes(f, table, group, bucket)
    tail = Sql(
        ", ranked AS (SELECT grp, max(name) AS name, "
        "row_number() OVER (ORDER BY coalesce(sum(cost), 0) DESC, grp) AS rn FROM base GROUP BY grp) "
        "SELECT b.bucket AS bucket, CASE WHEN r.rn <= ? THEN b.grp END AS grp, "
        "CASE WHEN r.rn <= ? THEN r.name END AS name, sum(b.cost) AS cost "
        "FROM base AS b JOIN ranked AS r ON b.grp = r.grp GROUP BY 1, 2, 3 ORDER BY 1, 2",
        (top, top),
    )
    query = _with(ctes, tail)
    return Query(query.sql, query.params, "timeseries")


def breakdown_query(f: CostFilters, table: Table, group: Grouping, top: int) -> Query:
    """Rows (grp, name, rn, cost, items, groups): the top N groups, then one row (grp NULL) for the rest."""
    ctes = _base_ctes(f, table, group, None)
    tail = Sql(
        ", ranked AS (SELECT grp, name, cost, items, "
        "row_number() OVER (ORDER BY coalesce(cost, 0) DESC, grp) AS rn FROM "
        "(SELECT grp, max(name) AS name, sum(cost) AS cost, sum(items) AS items FROM base GROUP BY grp) AS g) "
        "SELECT CASE WHEN rn <= ? THEN grp END AS grp, max(name) AS name, min(rn) AS rn, sum(cost) AS cost, "
        "sum(items) AS items, count(*) AS groups FROM ranked GROUP BY 1 ORDER BY 3",
        (top,),
    )
    query = _with(ctes, tail)
    return Query(query.sql, query.params, "breakdown")


def values_query(
    f: CostFilters, table: Table, group: Grouping, search: str | None, limit: int, *, tag_keys: bool = False,
    offset: int = 0,
) -> Query:
    """Rows (value, name, cost): distinct values of one dimension (or the tag keys, or one key's tag values),
    by cost; a search matches the value or its name."""
    m = money(f.view)
    name = "''"
    if tag_keys:
        column = "tag_key"
        w = where(f, table, tags=False)
    elif group.is_tag:
        column = "tag_value"
        w = Sql.join([where(f, table, tags=False), Sql("tag_key = ?", (group.tag_key,))])
    else:
        assert group.dimension is not None
        column = f"coalesce({table.column(group.dimension)}, '')"
        name = table.name_expr(group.dimension)
        w = where(f, table)
    search_in = table.names.get(group.dimension) if group.dimension is not None and not tag_keys else None
    match = Sql("")
    if search and search_in:
        # A name matches the whole group (a picker search for "prod" finds the account called "Prod"):
        # filter on the groups, since the name is an aggregate of the id's rows.
        match = Sql(
            f" HAVING strpos(lower({column}), lower(?)) > 0 OR strpos(lower({name}), lower(?)) > 0",
            (search, search),
        )
    elif search:
        w = Sql.join([w, Sql(f"strpos(lower({column}), lower(?)) > 0", (search,))])
    return Query(
        f"SELECT {column} AS value, {name} AS name, sum({m}) AS cost FROM {table.name} WHERE {w.text} "
        # Literal integers: sqlglot writes Trino's OFFSET before LIMIT, which would swap two placeholders.
        f"GROUP BY 1{match.text} ORDER BY coalesce(sum({m}), 0) DESC, 1 LIMIT {int(limit)}"
        + (f" OFFSET {int(offset)}" if offset else ""),
        (*w.params, *match.params),
        "dimension_values",
    )
