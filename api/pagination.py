"""Opaque, signed keyset cursors.

A cursor is base64url(JSON) + "." + base64url(HMAC-SHA256): the last row's sort key and tiebreak values,
how many rows with exactly that key were already returned, and a fingerprint of the filters and sort it
belongs to. A cursor that was altered, truncated, or used with other filters is a 422, never a query.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

MAX_CURSOR_LENGTH = 4096
VERSION = 1


class CursorError(ValueError):
    pass


@dataclass(frozen=True)
class CursorPayload:
    fingerprint: str
    values: list[Any]
    seen: int  # rows already returned whose sort key and tiebreak equal `values`


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise CursorError("malformed cursor") from None


class CursorCodec:
    def __init__(self, secret: bytes):
        self._secret = secret

    def _sign(self, body: bytes) -> bytes:
        return hmac.new(self._secret, body, hashlib.sha256).digest()[:16]

    def encode(self, payload: CursorPayload) -> str:
        body = json.dumps(
            {"v": VERSION, "f": payload.fingerprint, "k": payload.values, "n": payload.seen},
            separators=(",", ":"),
        ).encode()
        return f"{_b64(body)}.{_b64(self._sign(body))}"

    def decode(self, token: str) -> CursorPayload:
        if len(token) > MAX_CURSOR_LENGTH or token.count(".") != 1:
            raise CursorError("malformed cursor")
        body_text, signature_text = token.split(".")
        body, signature = _unb64(body_text), _unb64(signature_text)
        if not hmac.compare_digest(signature, self._sign(body)):
            raise CursorError("cursor signature does not match")
        try:
            document = json.loads(body)
        except ValueError:
            raise CursorError("malformed cursor") from None
        if (
            not isinstance(document, dict)
            or document.get("v") != VERSION
            or not isinstance(document.get("f"), str)
            or not isinstance(document.get("k"), list)
            or not isinstance(document.get("n"), int)
            or document["n"] < 1
        ):
            raise CursorError("malformed cursor")
        return CursorPayload(document["f"], document["k"], document["n"])
