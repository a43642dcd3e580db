"""`sentinel serve`: loopback by default, refuses an open bind without authentication."""

from __future__ import annotations

from typing import Any

import pytest
from api_support import API_KEY_SHA256
from typer.testing import CliRunner

from sentinel.cli import app


@pytest.fixture
def uvicorn_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **kwargs: calls.append({"target": target, **kwargs}))
    monkeypatch.delenv("SENTINEL_API_KEY_SHA256", raising=False)
    monkeypatch.delenv("SENTINEL_API_API_KEY_SHA256", raising=False)
    monkeypatch.delenv("SENTINEL_API_BIND_HOST", raising=False)
    return calls


def test_serves_on_loopback_without_auth(uvicorn_calls: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    (call,) = uvicorn_calls
    assert call["target"] == "api.main:create_app" and call["factory"] is True
    assert call["host"] == "127.0.0.1" and call["port"] == 8123
    assert "auth off (loopback)" in result.output


def test_refuses_an_open_bind_without_auth(uvicorn_calls: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and not uvicorn_calls


def test_open_bind_with_an_api_key(uvicorn_calls: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENTINEL_API_KEY_SHA256", API_KEY_SHA256)
    refused = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--workers", "2"])
    assert refused.exit_code == 2 and "SENTINEL_API_CURSOR_SECRET" in refused.output and not uvicorn_calls
    monkeypatch.setenv("SENTINEL_API_CURSOR_SECRET", "set-by-the-operator")
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert uvicorn_calls[0]["workers"] == 2 and "api_key" in result.output
