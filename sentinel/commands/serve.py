"""`sentinel serve`: the API (and the built dashboard, when web/dist exists) under uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from sentinel.commands.common import console, err


def serve(
    host: Annotated[str, typer.Option(metavar="HOST", help="Interface to bind. Off loopback, authentication is required.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, metavar="PORT", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, metavar="N", help="Worker processes (each opens the catalog read-only).")] = 1,
    access_log: Annotated[bool, typer.Option("--access-log/--no-access-log", help="Log every request.")] = True,
) -> None:
    """Serve the API at /api/v1 and the dashboard at / (one local process is the whole product)."""
    import uvicorn

    from api.cursor_secret import CursorSecretMissing, cursor_secret
    from api.settings import ApiSettings

    # Workers build the app from the environment (api.main:create_app), so the bind host travels there:
    # it decides whether authentication may be off.
    os.environ["SENTINEL_API_BIND_HOST"] = host
    try:
        settings = ApiSettings()
    except ValueError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    if not settings.auth_disabled and not settings.auth_methods:
        err.print(
            f"[red]error:[/red] binding {host} requires authentication: set SENTINEL_API_KEY_SHA256 "
            "(sha256 of a key) or SENTINEL_API_JWT_ISSUER and SENTINEL_API_JWT_AUDIENCE"
        )
        raise typer.Exit(2)
    try:
        cursor_secret(settings)  # the workers would each refuse to start without one
    except CursorSecretMissing as error:
        err.print(f"[red]error:[/red] binding {host}: {error}")
        raise typer.Exit(2) from None
    auth = "off (loopback)" if settings.auth_disabled else ", ".join(sorted(settings.auth_methods))
    shown = f"[{host}]" if ":" in host else host
    console.print(
        f"Sentinel API on http://{shown}:{port}/api/v1 · {settings.resolved_engine} · auth {auth} · "
        f"docs at /api/v1/docs"
    )
    uvicorn.run(
        "api.main:create_app", factory=True, host=host, port=port, workers=workers, access_log=access_log,
        proxy_headers=False, server_header=False,
    )
