"""Request ids and error responses.

Every response carries X-Request-ID (the caller's, when it is a sane token, else API Gateway's request
id on Lambda, else a new one). Errors are JSON with that id and never a stack trace: validation 422,
engine failures 502 (Athena) / 504 (timeout) / 503 (no catalog), anything unexpected a generic 500
whose details go to the log under the same id.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sentinel.engines.base import EngineError

log = logging.getLogger("sentinel.api")

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

# Documented on every data operation, so the OpenAPI document lists what a client can get.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or invalid credentials"},
    500: {"description": "Internal error (see X-Request-ID in the logs)"},
    502: {"description": "The query engine (Athena) failed"},
    503: {"description": "No catalog yet (run `sentinel run`)"},
    504: {"description": "The query engine timed out"},
}


def request_id(request: Request) -> str | None:
    value = request.scope.get("state", {}).get("request_id")
    return str(value) if value else None


def _incoming_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text = bytes(value).decode("latin-1")
            if _SAFE_ID.match(text):
                return text
    event = scope.get("aws.event")
    if isinstance(event, dict):
        gateway_id = (event.get("requestContext") or {}).get("requestId")
        if isinstance(gateway_id, str) and _SAFE_ID.match(gateway_id):
            return gateway_id
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Pure ASGI (no BaseHTTPMiddleware) so streaming responses pass through untouched, and the
    outermost catch-all: an exception that escapes a handler becomes a generic 500 with the id."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope)
        scope.setdefault("state", {})["request_id"] = rid
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", rid.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error in %s %s [request %s]", scope.get("method"), scope.get("path"), rid)
            if started:
                raise  # mid-stream: the server aborts the connection, which the client sees as an error
            response = JSONResponse({"detail": "Internal Server Error", "request_id": rid}, status_code=500)
            await response(scope, receive, send_with_id)


def _summary(errors: list[Any]) -> str:
    parts = []
    for error in errors[:5]:
        location = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{location}: {error.get('msg')}" if location else str(error.get("msg")))
    return "; ".join(parts)


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            {k: v for k, v in e.items() if k in ("type", "loc", "msg", "input", "ctx")} for e in error.errors()
        ]
        for e in errors:  # ctx may hold exception objects; keep it printable
            if "ctx" in e:
                e["ctx"] = {k: str(v) for k, v in e["ctx"].items()}
            if "input" in e and not isinstance(e["input"], str | int | float | bool | type(None) | list | dict):
                e["input"] = str(e["input"])
        return JSONResponse(
            {"detail": errors, "message": _summary(errors), "request_id": request_id(request)}, status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error.detail), "request_id": request_id(request)},
            status_code=error.status_code,
            headers=dict(error.headers or {}),
        )

    @app.exception_handler(EngineError)
    async def engine_error(request: Request, error: EngineError) -> JSONResponse:
        rid = request_id(request)
        if error.status_code >= 500:
            log.error("engine error [request %s]: %s", rid, error, exc_info=error.__cause__ is not None)
        detail = str(error) if error.status_code != 500 else "Internal Server Error"
        return JSONResponse({"detail": detail, "request_id": rid}, status_code=error.status_code)
