"""Objects of one S3 listing seen through the small part of `pathlib.Path` that discovery uses.

Delivery discovery (discover.py, manifests.py, sniff.py) walks a tree of files: `rglob`, `is_file`,
`stat`, `open("rb")`, `read_text`, plus pure path arithmetic (`parent`, `parents`, `/`). `S3Path`
provides exactly that over a snapshot listing of a bucket prefix, so the export layouts, manifest
parsing, current-manifest choice and key resolution are written once and serve both a local folder
and the landing bucket. Reads are ranged GETs: sniffing a CSV header or a Parquet footer fetches a few
kilobytes, never the whole file.

Paths are object keys (`exports/cur2/metadata/BILLING_PERIOD=2024-09/cur2-Manifest.json`); a snapshot's
paths all share one subclass carrying the snapshot, so paths derived with `parent` or `/` stay bound.
"""

from __future__ import annotations

import fnmatch
import io
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from types import SimpleNamespace
from typing import Any, ClassVar

READ_BUFFER = 1 << 20  # one ranged GET per MiB read


@dataclass(frozen=True)
class S3Object:
    key: str
    size: int
    modified: datetime
    etag: str


@dataclass
class S3Snapshot:
    """One listing of `s3://bucket/prefix`; discovery runs against it, so it sees one consistent tree."""

    client: Any
    bucket: str
    prefix: str
    objects: dict[str, S3Object]
    _cache: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)
    _bound: type[S3Path] | None = field(default=None, repr=False)

    @classmethod
    def list(cls, client: Any, bucket: str, prefix: str = "") -> S3Snapshot:
        objects: dict[str, S3Object] = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                key = item["Key"]
                if not key.endswith("/"):  # console-made "folder" markers are not files
                    objects[key] = S3Object(key, int(item["Size"]), item["LastModified"], item["ETag"].strip('"'))
        return cls(client, bucket, prefix, objects)

    def path(self, key: str = "") -> S3Path:
        if self._bound is None:
            self._bound = type("BoundS3Path", (S3Path,), {"snapshot": self})
        return self._bound(key.strip("/") or ".")

    @property
    def root(self) -> S3Path:
        return self.path(self.prefix)

    def local_dir(self) -> Path:
        if self._cache is None:
            self._cache = tempfile.TemporaryDirectory(prefix="sentinel-s3-")
        return Path(self._cache.name)


class S3Path(PurePosixPath):
    snapshot: ClassVar[S3Snapshot]

    @property
    def key(self) -> str:
        return "" if str(self) == "." else str(self)

    @property
    def uri(self) -> str:
        return f"s3://{self.snapshot.bucket}/{self.key}"

    @property
    def object(self) -> S3Object:
        try:
            return self.snapshot.objects[self.key]
        except KeyError:
            raise FileNotFoundError(self.uri) from None

    def is_file(self) -> bool:
        return self.key in self.snapshot.objects

    def is_dir(self) -> bool:
        prefix = f"{self.key}/" if self.key else ""
        return any(k.startswith(prefix) for k in self.snapshot.objects)

    def exists(self) -> bool:
        return self.is_file() or self.is_dir()

    def resolve(self) -> S3Path:
        return self

    def rglob(self, pattern: str) -> list[S3Path]:
        prefix = f"{self.key}/" if self.key else ""
        return [self.snapshot.path(k) for k in sorted(self.snapshot.objects)
                if k.startswith(prefix) and fnmatch.fnmatch(k.rsplit("/", 1)[-1], pattern)]

    def stat(self) -> SimpleNamespace:
        obj = self.object
        return SimpleNamespace(st_size=obj.size, st_mtime=obj.modified.timestamp())

    def open(self, mode: str = "rb") -> io.BufferedReader:
        if mode != "rb":
            raise ValueError("S3Path opens objects for binary reading only")
        return io.BufferedReader(_RangeReader(self.snapshot, self.object), buffer_size=READ_BUFFER)

    def read_bytes(self) -> bytes:
        body = self.snapshot.client.get_object(Bucket=self.snapshot.bucket, Key=self.key)["Body"]
        return bytes(body.read())

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def local_copy(self) -> Path:
        """The whole object in a temporary file: only for readers that need a real file (DuckDB)."""
        target = self.snapshot.local_dir() / self.key
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            self.snapshot.client.download_file(self.snapshot.bucket, self.key, str(target))
        return target


class _RangeReader(io.RawIOBase):
    """A seekable file over one object: each read is a ranged GET (pyarrow seeks to the footer)."""

    def __init__(self, snapshot: S3Snapshot, obj: S3Object):
        self._snapshot, self._object, self._position = snapshot, obj, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._object.size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        end = min(self._position + len(view), self._object.size)
        if end <= self._position:
            return 0
        response = self._snapshot.client.get_object(
            Bucket=self._snapshot.bucket, Key=self._object.key, Range=f"bytes={self._position}-{end - 1}",
            IfMatch=f'"{self._object.etag}"',  # the object changed since the listing: fail, do not mix
        )
        data = response["Body"].read()
        view[: len(data)] = data
        self._position += len(data)
        return len(data)
