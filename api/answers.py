"""Data responses as JSON bytes cached per catalog version.

An answer is serialised once, when it is computed; a repeat is the stored bytes, with no model validation
or JSON encoding. Only a miss leaves the event loop (its queries block), so a hit costs no thread hop.
The endpoints still declare their response models: the OpenAPI document and the dashboard's generated
client are unchanged, and tests check the bodies against those models.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from anyio import to_thread
from fastapi import Response
from pydantic import BaseModel

from api.snapshot import Catalog, Snapshot


def encode(model: BaseModel) -> bytes:
    return model.model_dump_json(by_alias=True).encode()


async def json_answer(
    catalog: Catalog, snapshot: Snapshot, key: tuple[Hashable, ...], compute: Callable[[], BaseModel]
) -> Response:
    body = catalog.peek(snapshot, key)
    hit = body is not None
    if body is None:
        body, hit = await to_thread.run_sync(
            catalog.cached, snapshot, key, lambda: encode(compute()), limiter=catalog.query_limiter()
        )
    return Response(body, media_type="application/json", headers={"X-Cache": "hit" if hit else "miss"})

