"""Serve the built dashboard (web/dist) at / so that one local process is the whole product.

Files that exist are served as they are (hashed assets cached for a year); any other path outside /api
gets index.html, so client-side routes survive a reload.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

IMMUTABLE = "public, max-age=31536000, immutable"


class WebGZip:
    """Gzip the dashboard's files (its scripts shrink to about a third) but not the API's answers: those
    are small or streamed, and compressing them would cost CPU on every request under load."""

    def __init__(self, app: ASGIApp, minimum_size: int = 1024) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else "/api"
        await (self.app if path == "/api" or path.startswith("/api/") else self.gzip)(scope, receive, send)


def mount_web(app: FastAPI, dist: Path | None) -> bool:
    if dist is None or not (dist / "index.html").is_file():
        return False
    root = dist.resolve()
    index = root / "index.html"

    @app.get("/{path:path}", include_in_schema=False)
    def web(path: str) -> FileResponse:
        if path == "api" or path.startswith("api/"):
            raise HTTPException(404, "Not Found")
        if "\x00" in path:  # no file has a NUL in its name, and the OS refuses to look one up
            raise HTTPException(404, "Not Found")
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            cache = IMMUTABLE if candidate.parent.name == "assets" else "no-cache"
            return FileResponse(candidate, headers={"Cache-Control": cache})
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    return True
