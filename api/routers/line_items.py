from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Request, Response
from fastapi import Query as Param
from fastapi.responses import StreamingResponse

from api.answers import json_answer
from api.csv_export import encode_batch, header_row, pipelined
from api.deps import CatalogDep, EngineDep, SettingsDep, SnapshotDep
from api.filter_params import FiltersDep
from api.filters import check_range, invalid
from api.pagination import MAX_CURSOR_LENGTH, CursorCodec, CursorError
from api.queries.line_items import Order, SortKey
from api.schemas import LineItemPage
from api.services import line_items as service
from api.settings import HARD_MAX_PAGE_SIZE

router = APIRouter(prefix="/line-items", tags=["line-items"])


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
    page = service.PageRequest(f, sort, order, limit, located=service.locates_rows(catalog.engine))
    keyset = None
    if cursor:
        try:
            keyset = service.decode_cursor(codec, cursor, page)
        except (ValueError, TypeError) as error:  # CursorError is a ValueError with a message for the user
            raise invalid("cursor", str(error) if isinstance(error, CursorError) else "malformed cursor") \
                from None
    return await json_answer(catalog, snapshot, ("line_items", f.key(), sort, order, limit, cursor),
                             lambda: service.page(catalog.engine, snapshot.periods, codec, page, keyset))


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    summary="Every filtered line item as CSV, streamed",
    description="RFC 4180 CSV with a header row (CRLF line ends, strings quoted, quotes doubled), timestamps "
    "as UTC `YYYY-MM-DD HH:MM:SS`, exact decimals (below 1e-6 in E notation), tags as JSON. Rows come in "
    "storage order. The file name names the range, the view and the filters.",
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}},
)
def export(f: FiltersDep, engine: EngineDep, settings: SettingsDep) -> StreamingResponse:
    check_range(f.start, f.end, settings.max_line_item_range_days)
    names = service.export_columns(f.view)
    batches = service.export_batches(engine, f, settings.export_batch_rows)
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

    filename = service.export_filename(f)
    return StreamingResponse(
        pipelined(body()), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
