"""The audit log: keyset pages of silver line items with their cursors, and the streamed export."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from api.filters import CostFilters
from api.pagination import CursorCodec, CursorError, CursorPayload
from api.queries.columns import View
from api.queries.line_items import (
    LOCATED_LINE_ITEMS,
    TIEBREAK,
    Keyset,
    Kind,
    Order,
    SortKey,
    columns,
    decode_value,
    encode_value,
    export_query,
    key_kinds,
    located_page_query,
    page_query,
    sort_expr,
)
from api.queries.periods import PeriodIndex
from api.schemas import LineItem, LineItemPage
from api.services.shaping import date_range
from sentinel.engines.base import QueryEngine

KEY_COLUMNS = [f"k{i}" for i in range(len(TIEBREAK) + 1)]
MODEL_COLUMNS = [name for name, _ in columns(View.unblended)]  # the names do not depend on the view


@dataclass(frozen=True)
class PageRequest:
    f: CostFilters
    sort: SortKey
    order: Order
    limit: int
    # Whether the catalog locates rows by file and position (the local catalog; not Athena): the page
    # statement and the cursor's shape follow it.
    located: bool

    @property
    def kinds(self) -> list[Kind]:
        return [sort_expr(self.sort, self.f.view)[1]] if self.located else key_kinds(self.sort, self.f.view)

    def fingerprint(self) -> str:
        # The two page statements have different cursors: one is never valid for the other.
        return (f"{self.f.fingerprint()}:{self.sort.value}:{self.order.value}"
                f"{':located' if self.located else ''}")


def locates_rows(engine: QueryEngine) -> bool:
    return engine.has_table(LOCATED_LINE_ITEMS)


def decode_cursor(codec: CursorCodec, token: str, request: PageRequest) -> Keyset:
    """The cursor's keyset; CursorError when it is forged, malformed or belongs to another request."""
    payload = codec.decode(token)
    if payload.fingerprint != request.fingerprint():
        raise CursorError("the cursor belongs to other filters or another sort")
    kinds = request.kinds
    if len(payload.values) != len(kinds):
        raise CursorError("malformed cursor")
    try:
        values = tuple(decode_value(v, k) for v, k in zip(payload.values, kinds, strict=True))
    except (ValueError, TypeError):
        raise CursorError("malformed cursor") from None
    return Keyset(values, payload.seen)


def _utc(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is None:  # Athena's timestamps are naive UTC
        return value.replace(tzinfo=UTC)
    return value


def _item(row: dict[str, Any]) -> LineItem:
    data = {name: _utc(row[name]) for name in MODEL_COLUMNS}
    tags = row.get("tags")  # JSON text from SQL
    data["tags"] = json.loads(tags) if isinstance(tags, str) and tags else dict(tags or {})
    return LineItem.model_validate(data)


def page(engine: QueryEngine, periods: PeriodIndex, codec: CursorCodec, request: PageRequest,
         keyset: Keyset | None) -> LineItemPage:
    f, limit = request.f, request.limit
    if request.located:  # skips the rows already returned itself
        rows = engine.execute(located_page_query(f, request.sort, request.order, limit, keyset)).dicts()
    else:
        rows = engine.execute(page_query(f, request.sort, request.order, limit, keyset)).dicts()
        rows = rows[keyset.seen if keyset else 0:]
    items, more = rows[:limit], len(rows) > limit
    next_cursor = None
    if more and items:
        kinds = request.kinds
        key_columns = KEY_COLUMNS[:len(kinds)]
        last = [encode_value(items[-1][c], k) for c, k in zip(key_columns, kinds, strict=True)]
        seen = 0
        for row in reversed(items):
            if [encode_value(row[c], k) for c, k in zip(key_columns, kinds, strict=True)] != last:
                break
            seen += 1
        if keyset is not None and seen == len(items):
            previous = [encode_value(v, k) for v, k in zip(keyset.values, kinds, strict=True)]
            if previous == last:  # a run of identical rows longer than a page
                seen += keyset.seen
        next_cursor = codec.encode(CursorPayload(request.fingerprint(), last, seen))
    return LineItemPage(
        items=[_item(r) for r in items], next_cursor=next_cursor, limit=limit, sort=request.sort,
        order=request.order, view=f.view, range=date_range(f, periods),
    )


def export_filename(f: CostFilters) -> str:
    """What the download is called: the range, the view and a short form of the filters, so two exports of
    different views or filters never overwrite each other (`..._service-Amazon-EC2+1.csv`)."""
    parts = ["sentinel-line-items", f.start.isoformat(), f.end.isoformat(), f.view.value]
    for dimension, values in f.values:
        parts.append(f"{dimension.value}-{_slug(values[0])}" + (f"+{len(values) - 1}" if len(values) > 1 else ""))
    for tag in f.tags:
        parts.append(f"tag-{_slug(tag.key)}-{_slug(tag.values[0])}"
                     + (f"+{len(tag.values) - 1}" if len(tag.values) > 1 else ""))
    return "_".join(parts)[:200] + ".csv"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-")[:40] or "blank"


def export_columns(view: View) -> list[str]:
    return [name for name, _ in columns(view)]


def export_batches(engine: QueryEngine, f: CostFilters, batch_rows: int) -> Iterator[pa.RecordBatch]:
    return engine.stream(export_query(f), batch_rows)
