"""A local DuckDB catalog of the gold tables the lake on S3 has published, for answering gold in-process.

Each period's release object (`_versions/_releases/billing_period=P/current.json`, written in one PUT by
the gold job: sentinel_etl.s3_lake) names every table's version. `refresh()` lists those objects (one
LIST), and when any changed, downloads the gold versions it does not hold yet (versions are immutable, so
a folder once fetched is never fetched again), updates a copy of its catalog file with the same gold
storage as the local catalog (sentinel.catalog_gold) and swaps it in with one rename. A DuckDBEngine on
that file then reopens it on its next statement: a new release is picked up by the next request, and a
warm process reuses everything it has.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import duckdb
from sentinel_etl.s3_lake import RELEASE, S3Lake

from sentinel.catalog_gold import GOLD_TABLES, sync_gold
from sentinel.published import Releases, versions_of


class PublishedGold:
    def __init__(self, lake_root: str, directory: Path, s3: Any, *, check_seconds: float = 1.0):
        self.lake = S3Lake(lake_root)  # its addressing only: this class brings its own S3 client
        self.bucket = self.lake.bucket
        self.directory = directory
        self.catalog_path = directory / "catalog.duckdb"  # not gold.duckdb: DuckDB names the database after the file
        self.s3 = s3
        self.check_seconds = check_seconds
        self._lock = threading.Lock()
        self._signature: str | None = None
        self._checked = float("-inf")

    def refresh(self) -> None:
        """Bring the local gold up to the published releases (at most one check per check_seconds)."""
        if time.monotonic() - self._checked < self.check_seconds and self.catalog_path.is_file():
            return
        with self._lock:
            if time.monotonic() - self._checked < self.check_seconds and self.catalog_path.is_file():
                return
            objects = self._release_objects()
            signature = hashlib.sha256(json.dumps(sorted(objects.items())).encode()).hexdigest()
            if signature != self._signature or not self.catalog_path.is_file():
                self._build(objects)
                self._signature = signature
            self._checked = time.monotonic()

    def _release_objects(self) -> dict[str, str]:
        """Release object key -> ETag, for every period."""
        found: dict[str, str] = {}
        for page in self.s3.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=self.lake.releases_prefix):
            for item in page.get("Contents", []):
                if item["Key"].endswith("/" + RELEASE):
                    found[item["Key"]] = item["ETag"]
        return found

    def _local(self, location: str) -> Path:
        return self.directory / "versions" / self.lake.key_of(location).strip("/")

    def _fetch(self, location: str) -> Path:
        """The version folder's Parquet files, downloaded once (a partial download is never used)."""
        target = self._local(location)
        if target.is_dir():
            return target
        partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
        partial.mkdir(parents=True)
        prefix = self.lake.key_of(location).strip("/") + "/"
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                name = item["Key"][len(prefix):]
                if name.endswith(".parquet") and "/" not in name:
                    self.s3.download_file(self.bucket, item["Key"], str(partial / name))
        os.replace(partial, target)
        return target

    def _releases(self, objects: dict[str, str]) -> Releases:
        releases: Releases = {}
        for key in sorted(objects):
            body = json.loads(self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read())
            period = str(body["billing_period"])
            releases[period] = {name: str(self._fetch(location)) for name, location in body["tables"].items()
                                if name.startswith("gold.")}
        return releases

    def _build(self, objects: dict[str, str]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        releases = self._releases(objects)
        temporary = self.directory / f".catalog.{uuid.uuid4().hex[:8]}.duckdb"
        try:
            if self.catalog_path.is_file():
                shutil.copyfile(self.catalog_path, temporary)  # only changed periods are rewritten
            with duckdb.connect(str(temporary)) as connection:
                connection.execute("CREATE SCHEMA IF NOT EXISTS gold")
                for table, order in GOLD_TABLES.items():
                    sync_gold(connection, versions_of(releases, "gold", table), table, order)
                connection.execute("CHECKPOINT")
            os.replace(temporary, self.catalog_path)
        finally:
            temporary.unlink(missing_ok=True)
            Path(f"{temporary}.wal").unlink(missing_ok=True)
        held = {Path(p) for tables in releases.values() for p in tables.values()}
        versions = self.directory / "versions"
        for folder in [p for p in versions.rglob("*") if p.is_dir() and any(p.glob("*.parquet"))]:
            if folder not in held:
                shutil.rmtree(folder, ignore_errors=True)  # gold is copied into the catalog file
