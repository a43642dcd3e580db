from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from fastapi import Query as Param
from fastapi.responses import StreamingResponse

from api.answers import json_answer
from api.csv_export import encode_batch, header_row, pipelined
from api.deps import CatalogDep, EngineDep, SettingsDep, SnapshotDep
from api.filters import CostFilters, FiltersDep, check_range, invalid
from api.pagination import MAX_CURSOR_LENGTH, CursorCodec, CursorError, CursorPayload
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
from api.routers.costs import date_range
from api.schemas import LineItem, LineItemPage
from api.settings import HARD_MAX_PAGE_SIZE

router = APIRouter(prefix="/line-items", tags=["line-items"])

KEY_COLUMNS = [f"k{i}" for i in range(len(TIEBREAK) + 1)]
MODEL_COLUMNS = [name for name, _ in columns(View.unblended)]  # the names do not depend on the view


def _fingerprint(f: CostFilters, sort: SortKey, order: Order, located: bool) -> str:
    # The two page strategies have different cursors: one is never valid for the other.
    return f"{f.fingerprint()}:{sort.value}:{order.value}{':located' if located else ''}"


def _keyset(codec: CursorCodec, token: str, f: CostFilters, sort: SortKey, order: Order, located: bool,
            kinds: list[Kind]) -> Keyset:
    try:
        payload = codec.decode(token)
        if payload.fingerprint != _fingerprint(f, sort, order, located):
            raise CursorError("the cursor belongs to other filters or another sort")
        if len(payload.values) != len(kinds):
            raise CursorError("malformed cursor")
        values = tuple(decode_value(v, k) for v, k in zip(payload.values, kinds, strict=True))
    except (CursorError, ValueError, TypeError) as error:
        message = str(error) if isinstance(error, CursorError) else "malformed cursor"
        raise invalid("cursor", message) from None
    return Keyset(values, payload.seen)


def _utc(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is None:  # Athena's timestamps are naive UTC
        return value.replace(tzinfo=UTC)
    return value


def _item(row: dict[str, Any]) -> LineItem:
    data = {name: _utc(row[name]) for name in MODEL_COLUMNS}
    tags = row.get("tags")  # JSON text from SQL, a dict from the copies
    data["tags"] = json.loads(tags) if isinstance(tags, str) and tags else dict(tags or {})
    return LineItem.model_validate(data)


@router.get("", name="list", response_model=LineItemPage,
            summary="The line-item audit log: filtered, sorted, keyset-paginated")
async def list_items(
    request: Request,
    f: FiltersDep,
    catalog: CatalogDep,
    snapshot: SnapshotDep,
    settings: SettingsDep,
    sort: Annotated[SortKey, Param(description="Sort column (cost follows view)")] = SortKey.usage_start,
    order: Annotated[Order, Param()] = Order.desc,
    limit: Annotated[int, Param(ge=1, le=HARD_MAX_PAGE_SIZE, description="Page size")] = 100,
    cursor: Annotated[
        str | None,
        Param(max_length=MAX_CURSOR_LENGTH, pattern=r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$",
              description="next_cursor of the previous page"),
    ] = None,
) -> Response:
    check_range(f.start, f.end, settings.max_line_item_range_days)
    if limit > settings.max_page_size:
        raise invalid("limit", f"at most {settings.max_page_size}", limit)
    codec: CursorCodec = request.app.state.cursor_codec
    located = catalog.engine.has_table(LOCATED_LINE_ITEMS)
    kinds = [sort_expr(sort, f.view)[1]] if located else key_kinds(sort, f.view)
    key_columns = KEY_COLUMNS[:len(kinds)]
    keyset = _keyset(codec, cursor, f, sort, order, located, kinds) if cursor else None

    def compute() -> LineItemPage:
        copied = snapshot.line_store.page(f, sort, order, limit, keyset) if located else None
        if copied is not None:  # skips the rows already returned, as the located statement does
            rows = copied
        elif located:
            rows = catalog.engine.execute(located_page_query(f, sort, order, limit, keyset)).dicts()
        else:
            rows = catalog.engine.execute(page_query(f, sort, order, limit, keyset)).dicts()
            rows = rows[keyset.seen if keyset else 0:]
        page, more = rows[:limit], len(rows) > limit
        next_cursor = None
        if more and page:
            last = [encode_value(page[-1][c], k) for c, k in zip(key_columns, kinds, strict=True)]
            seen = 0
            for row in reversed(page):
                if [encode_value(row[c], k) for c, k in zip(key_columns, kinds, strict=True)] != last:
                    break
                seen += 1
            if keyset is not None and seen == len(page):
                previous = [encode_value(v, k) for v, k in zip(keyset.values, kinds, strict=True)]
                if previous == last:  # a run of identical rows longer than a page
                    seen += keyset.seen
            next_cursor = codec.encode(CursorPayload(_fingerprint(f, sort, order, located), last, seen))
        return LineItemPage(
            items=[_item(r) for r in page], next_cursor=next_cursor, limit=limit, sort=sort, order=order,
            view=f.view, range=date_range(f),
        )

    # Pages from the copies are a few milliseconds of numpy work: on the event loop, no thread hop.
    inline = located and snapshot.line_store.covers(f)
    return await json_answer(catalog, snapshot, ("line_items", f.key(), sort, order, limit, cursor), compute,
                             inline=inline)


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    summary="Every filtered line item as CSV, streamed",
    description="RFC 4180 CSV with a header row (CRLF line ends, strings quoted, quotes doubled), timestamps "
    "as UTC `YYYY-MM-DD HH:MM:SS`, exact decimals (below 1e-6 in E notation), tags as JSON. Rows come in "
    "storage order. The file name names the range.",
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}},
)
def export(f: FiltersDep, engine: EngineDep, settings: SettingsDep) -> StreamingResponse:
    check_range(f.start, f.end, settings.max_line_item_range_days)
    names = [name for name, _ in columns(f.view)]
    batches = engine.stream(export_query(f), settings.export_batch_rows)
    # Start the query before the response: a failure is then a proper error status, not a cut stream.
    first = next(batches, None)

    def body() -> Iterator[bytes]:
        if first is None:
            yield header_row(names)
            return
        yield encode_batch(first, header=True)
        for batch in batches:
            if batch.num_rows:
                yield encode_batch(batch, header=False)

    chunks = body()

    filename = f"sentinel-line-items_{f.start.isoformat()}_{f.end.isoformat()}.csv"
    return StreamingResponse(
        pipelined(chunks), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
