"""boto3 clients shared by the AWS resources (resources are pydantic models: they hold settings, not clients)."""

from __future__ import annotations

import threading
from typing import Any

import boto3

_lock = threading.Lock()
_clients: dict[tuple[str, str | None, str | None], Any] = {}


def aws_client(service: str, region: str | None = None, endpoint_url: str | None = None) -> Any:
    """One client per service, region and endpoint (clients are thread-safe; sessions are not)."""
    key = (service, region, endpoint_url)
    with _lock:
        if key not in _clients:
            session = boto3.session.Session()
            _clients[key] = session.client(service, region_name=region, endpoint_url=endpoint_url)  # type: ignore[call-overload]
        return _clients[key]
