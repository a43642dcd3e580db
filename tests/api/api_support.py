"""Helpers shared by the API tests (importable: tests/api is on sys.path under pytest)."""

from __future__ import annotations

import hashlib
import socket
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.settings import ApiSettings
from sentinel.engines.base import Query, QueryEngine, Result

# Imported before any test module: starlette's TestClient still uses httpx and says so on import.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

API_KEY = "test-key-0123456789"
API_KEY_SHA256 = hashlib.sha256(API_KEY.encode()).hexdigest()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def local_settings(home: Path, **overrides: Any) -> ApiSettings:
    values: dict[str, Any] = {"home": home, "bind_host": "127.0.0.1", "web_dist": None, "env": "local",
                              "cursor_secret": "a-deployment-sets-its-own"}  # required beyond loopback
    values.update(overrides)
    return ApiSettings(**values)


@dataclass
class RecordingEngine(QueryEngine):
    """Delegates to a real engine and records every statement it was given and what it ran."""

    inner: QueryEngine
    executed: list[tuple[Query, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.name = self.inner.name  # type: ignore[misc]
        self.dialect = self.inner.dialect  # type: ignore[misc]

    def _record(self, query: Query) -> None:
        with self._lock:
            self.executed.append((query, self.inner.compile(query.sql)))

    def execute(self, query: Query) -> Result:
        self._record(query)
        return self.inner.execute(query)

    def stream(self, query: Query, batch_rows: int) -> Iterator[Any]:
        self._record(query)
        return self.inner.stream(query, batch_rows)

    def version(self) -> str:
        return self.inner.version()

    def has_table(self, name: str) -> bool:
        return self.inner.has_table(name)
