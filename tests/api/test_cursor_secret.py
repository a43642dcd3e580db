"""Cursor signing keys: derived only for a loopback-only local server, required anywhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cursor_secret import CursorSecretMissing, cursor_secret
from api.settings import ApiSettings


def test_a_loopback_server_derives_a_stable_key(tmp_path: Path) -> None:
    settings = ApiSettings(home=tmp_path, bind_host="127.0.0.1", engine="duckdb")
    assert cursor_secret(settings) == cursor_secret(settings.model_copy()) != cursor_secret(
        ApiSettings(home=tmp_path / "other", bind_host="127.0.0.1", engine="duckdb"))


@pytest.mark.parametrize("values", [
    {"bind_host": "0.0.0.0"}, {"bind_host": None}, {"env": "aws", "bind_host": "127.0.0.1"},
])
def test_anywhere_else_the_key_must_be_set(tmp_path: Path, values: dict) -> None:
    with pytest.raises(CursorSecretMissing, match="must be set when the API is reachable beyond loopback"):
        cursor_secret(ApiSettings(home=tmp_path, engine="duckdb", **values))
    assert cursor_secret(ApiSettings(home=tmp_path, engine="duckdb", cursor_secret="s3cret", **values)) == b"s3cret"
