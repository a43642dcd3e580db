"""Versioned, atomically published table partitions on S3: the counterpart of `lake.LocalLake`.

    s3://<lake>/_versions/<layer>/<table>/billing_period=P/<version id>/part-*.parquet   immutable versions
    s3://<lake>/_versions/<layer>/<table>/billing_period=P/_current.json                 the table's pointer
    s3://<lake>/_versions/<layer>/<table>/billing_period=P/_staged.json                  checked, not published
    s3://<lake>/_versions/_releases/billing_period=P/current.json                        the period's release:
                                                                                          every table's version
    Glue catalog <database>.<layer>_<table>, partition billing_period=P → the current version prefix

A job writes a version completely; raw_to_silver stages silver (uploaded, not published), and
silver_to_gold publishes the staged silver with every gold table: it writes the period's release object
(one PUT: readers that resolve it, such as the API's DuckDB gold option, see every table at one release),
then moves each table's catalog partition in one `UpdatePartition` (or `CreatePartition`) call, so an
Athena query sees the old or the new version of a table, never a mix of files; two tables read by one
request can straddle the few calls between them. Everything sits under `_versions/`, which the crawlers
exclude. Discarding deletes only the unpublished version; publishing keeps the previous version for
queries still scanning it and deletes older ones.

Two ways to move bytes, chosen by `open_lake` from the engine, never by the transforms:
- direct (Spark on Glue): the engine reads and writes `s3://` paths itself;
- staged (DuckDB/sqlframe, or anything without an S3 filesystem): inputs are downloaded into a
  scratch folder that mirrors the bucket's keys, versions are written there and uploaded on publish.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DEFAULT_DATABASE = "sentinel"
KEEP_VERSIONS = 2  # the published one and its predecessor, for readers still scanning it
POINTER = "_current.json"
STAGED = "_staged.json"
RELEASE = "current.json"
PARQUET_SERDE = {
    "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
    "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
    "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"},
}


@dataclass
class S3Lake:
    root: str  # s3://bucket/ or s3://bucket/prefix/
    staged_io: bool = True  # engine without an S3 filesystem: files go through a local scratch copy
    database: str = DEFAULT_DATABASE
    _scratch: str | None = field(default=None, repr=False)
    _clients: dict[str, Any] = field(default_factory=dict, repr=False)
    _uploaded: set[str] = field(default_factory=set, repr=False)

    # ------------------------------------------------------------------------------------ addressing

    @property
    def bucket(self) -> str:
        return self.root.removeprefix("s3://").split("/", 1)[0]

    @property
    def prefix(self) -> str:
        rest = self.root.removeprefix("s3://").split("/", 1)
        return rest[1].strip("/") + "/" if len(rest) > 1 and rest[1].strip("/") else ""

    def uri(self, key: str) -> str:
        return f"s3://{self.bucket}/{key}"

    def key_of(self, uri: str) -> str:
        return uri.removeprefix(f"s3://{self.bucket}/")

    def versions_key(self, layer: str, table: str, period: str) -> str:
        return f"{self.prefix}_versions/{layer}/{table}/billing_period={period}/"

    def partition_path(self, layer: str, table: str, period: str) -> str:
        """Where a crawler-style layout would put the partition (used in messages only)."""
        return self.uri(f"{self.prefix}{layer}/{table}/billing_period={period}")

    @property
    def scratch(self) -> str:
        if self._scratch is None:
            self._scratch = tempfile.mkdtemp(prefix="sentinel-s3lake-")
        return self._scratch

    def _local(self, key: str) -> str:
        return os.path.join(self.scratch, *key.rstrip("/").split("/"))

    def _client(self, service: str) -> Any:
        if service not in self._clients:
            import boto3  # on Glue and beside Dagster; never needed by the local lake

            self._clients[service] = boto3.client(service)  # type: ignore[call-overload]  # service is a str
        return self._clients[service]

    # ------------------------------------------------------------------------------------ versions

    def new_version(self, layer: str, table: str, period: str) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        key = f"{self.versions_key(layer, table, period)}{stamp}-{uuid.uuid4().hex[:8]}"
        if not self.staged_io:
            return self.uri(key)
        path = self._local(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def _version_key(self, version: str) -> str:
        if version.startswith("s3://"):
            return self.key_of(version).rstrip("/") + "/"
        return os.path.relpath(version, self.scratch).replace(os.sep, "/") + "/"

    def parquet_files(self, version: str) -> list[str]:
        """Local paths of a version's Parquet files (validation reads them with pyarrow/polars)."""
        if version.startswith("s3://"):  # direct mode: the engine wrote to S3; fetch for validation
            version = self._download(self._version_key(version))
        if not os.path.isdir(version):
            return []
        return sorted(
            os.path.join(version, name) for name in os.listdir(version)
            if name.endswith(".parquet") and not name.startswith((".", "_"))
        )

    @property
    def releases_prefix(self) -> str:
        return f"{self.prefix}_versions/_releases/"

    def release_key(self, period: str) -> str:
        return f"{self.releases_prefix}billing_period={period}/{RELEASE}"

    def release(self, period: str) -> dict[str, str]:
        """The period's release: `layer.table` -> version location (empty before the first publish)."""
        s3 = self._client("s3")
        try:
            body = s3.get_object(Bucket=self.bucket, Key=self.release_key(period))["Body"]
        except s3.exceptions.NoSuchKey:
            return {}
        return {str(k): str(v) for k, v in json.loads(body.read())["tables"].items()}

    def stage(self, layer: str, table: str, period: str, version: str) -> None:
        """Upload a checked version and keep it for the next publish of its period (not yet readable)."""
        key, _ = self._upload(version)
        self._client("s3").put_object(Bucket=self.bucket, Key=self.versions_key(layer, table, period) + STAGED,
                                      Body=json.dumps({"location": self.uri(key)}).encode(),
                                      ContentType="application/json")

    def staged(self, layer: str, table: str, period: str) -> str | None:
        """The staged version where the engine can read it (a local copy when staged), or None."""
        s3 = self._client("s3")
        try:
            body = s3.get_object(Bucket=self.bucket, Key=self.versions_key(layer, table, period) + STAGED)["Body"]
        except s3.exceptions.NoSuchKey:
            return None
        location = str(json.loads(body.read())["location"])
        if not self.staged_io:
            return location
        local = self._download(self.key_of(location).rstrip("/") + "/")
        self._uploaded.add(local)  # already in the bucket: publishing it uploads nothing
        return local

    def _upload(self, version: str) -> tuple[str, str]:
        """The version's key, after uploading it when it was written here; and one of its files (for
        the table's schema on a first publish)."""
        key = self._version_key(version)
        files = self.parquet_files(version)
        if not files:
            raise ValueError(f"version {key} has no Parquet files to publish")
        if self.staged_io and not version.startswith("s3://") and version not in self._uploaded:
            for path in files:
                self._client("s3").upload_file(path, self.bucket, key + os.path.basename(path))
            self._uploaded.add(version)
        return key, files[0]

    def publish(self, period: str, versions: dict[tuple[str, str], str]) -> None:
        """These versions, with the period's other tables as they are, become the period's release."""
        published = {table: self._upload(version) for table, version in versions.items()}
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        tables = {**self.release(period),
                  **{f"{layer}.{table}": self.uri(key) for (layer, table), (key, _) in published.items()}}
        s3 = self._client("s3")
        s3.put_object(Bucket=self.bucket, Key=self.release_key(period),
                      Body=json.dumps({"billing_period": period, "published_at": now, "tables": tables},
                                      indent=2).encode(), ContentType="application/json")
        for (layer, table), (key, sample) in published.items():
            location = self.uri(key)
            self._set_partition(layer, table, period, location, sample)
            pointer = {"location": location, "version": key.rstrip("/").rsplit("/", 1)[-1], "published_at": now,
                       "table": f"{self.database}.{layer}_{table}"}
            s3.put_object(Bucket=self.bucket, Key=self.versions_key(layer, table, period) + POINTER,
                          Body=json.dumps(pointer, indent=2).encode(), ContentType="application/json")
            s3.delete_object(Bucket=self.bucket, Key=self.versions_key(layer, table, period) + STAGED)
            self._prune(layer, table, period, key)

    def discard(self, version: str) -> None:
        if not version.startswith("s3://"):
            shutil.rmtree(version, ignore_errors=True)
        self._delete_prefix(self._version_key(version))

    def current_location(self, layer: str, table: str, period: str) -> str | None:
        """The published version's location: the catalog's partition, else the pointer."""
        glue = self._client("glue")
        try:
            partition = glue.get_partition(DatabaseName=self.database, TableName=f"{layer}_{table}",
                                           PartitionValues=[period])["Partition"]
            return str(partition["StorageDescriptor"]["Location"])
        except glue.exceptions.EntityNotFoundException:
            pass
        s3 = self._client("s3")
        try:
            body = s3.get_object(Bucket=self.bucket, Key=self.versions_key(layer, table, period) + POINTER)["Body"]
        except s3.exceptions.NoSuchKey:
            return None
        return str(json.loads(body.read())["location"])

    # ------------------------------------------------------------------------------------ inputs

    def input_folder(self, uri: str) -> str:
        """A delivery folder (or any prefix) where the engine can read it."""
        return self._download(self.key_of(uri).rstrip("/") + "/") if self.staged_io else uri

    def read_text(self, uri: str) -> str:
        if not uri.startswith("s3://"):
            with open(uri, encoding="utf-8") as handle:
                return handle.read()
        s3 = self._client("s3")
        try:
            body = s3.get_object(Bucket=self.bucket, Key=self.key_of(uri))["Body"]
        except s3.exceptions.NoSuchKey:
            raise FileNotFoundError(uri) from None
        return str(body.read().decode("utf-8"))

    def input_partition(self, layer: str, table: str, period: str) -> str | None:
        location = self.current_location(layer, table, period)
        if location is None:
            return None
        return self._download(self.key_of(location).rstrip("/") + "/") if self.staged_io else location

    def public(self, text: str) -> str:
        """Error messages name s3:// URIs, not the staging copy they were read from."""
        return text if self._scratch is None else text.replace(self._scratch + os.sep, f"s3://{self.bucket}/")

    def close(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    # ------------------------------------------------------------------------------------ S3 and catalog

    def _keys(self, prefix: str, delimiter: str | None = None) -> list[str]:
        paginator = self._client("s3").get_paginator("list_objects_v2")
        kwargs = {"Bucket": self.bucket, "Prefix": prefix, **({"Delimiter": delimiter} if delimiter else {})}
        keys: list[str] = []
        for page in paginator.paginate(**kwargs):
            keys += [item["Key"] for item in page.get("Contents", [])]
            keys += [item["Prefix"] for item in page.get("CommonPrefixes", [])]
        return keys

    def _download(self, prefix: str) -> str:
        target = self._local(prefix)
        for key in self._keys(prefix):
            path = self._local(key)
            if not os.path.exists(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
                self._client("s3").download_file(self.bucket, key, path)
        os.makedirs(target, exist_ok=True)
        return target

    def _delete_prefix(self, prefix: str) -> None:
        keys = self._keys(prefix)
        for start in range(0, len(keys), 1000):
            self._client("s3").delete_objects(
                Bucket=self.bucket, Delete={"Objects": [{"Key": k} for k in keys[start:start + 1000]], "Quiet": True})

    def _prune(self, layer: str, table: str, period: str, published: str) -> None:
        versions = sorted(k for k in self._keys(self.versions_key(layer, table, period), "/") if k.endswith("/"))
        for key in versions[:-KEEP_VERSIONS]:
            if key != published:
                self._delete_prefix(key)

    def _set_partition(self, layer: str, table: str, period: str, location: str, sample_file: str) -> None:
        glue, name = self._client("glue"), f"{layer}_{table}"
        try:
            table_def = glue.get_table(DatabaseName=self.database, Name=name)["Table"]
            table_def = self._add_new_columns(table_def, sample_file)
        except glue.exceptions.EntityNotFoundException:
            table_def = self._create_table(name, self.uri(f"{self.prefix}{layer}/{table}/"), sample_file)
        descriptor = {k: v for k, v in table_def["StorageDescriptor"].items() if k != "Location"}
        partition = {"Values": [period], "StorageDescriptor": {**descriptor, "Location": location}}
        try:
            glue.create_partition(DatabaseName=self.database, TableName=name, PartitionInput=partition)
        except glue.exceptions.AlreadyExistsException:  # the usual case: move the location in one call
            glue.update_partition(DatabaseName=self.database, TableName=name, PartitionValueList=[period],
                                  PartitionInput=partition)

    def _add_new_columns(self, table_def: dict[str, Any], sample_file: str) -> dict[str, Any]:
        """A release that adds columns (gold's account names) appends them to the table; Athena reads Parquet
        by name, so older partitions read them as NULL. Columns are never dropped or retyped here."""
        import pyarrow.parquet as pq

        known = {c["Name"] for c in table_def["StorageDescriptor"]["Columns"]}
        added = [{"Name": f.name, "Type": hive_type(f.type)} for f in pq.read_schema(sample_file)
                 if f.name != "billing_period" and f.name not in known]
        if not added:
            return table_def
        columns = [*table_def["StorageDescriptor"]["Columns"], *added]
        descriptor: dict[str, Any] = {**table_def["StorageDescriptor"], "Columns": columns}
        table_input: dict[str, Any] = {k: table_def[k] for k in ("Name", "TableType", "Parameters", "PartitionKeys") if k in table_def}
        glue = self._client("glue")
        glue.update_table(DatabaseName=self.database, TableInput={**table_input, "StorageDescriptor": descriptor})
        return {**table_def, "StorageDescriptor": descriptor}

    def _create_table(self, name: str, location: str, sample_file: str) -> dict[str, Any]:
        """First publish of a table: define it from the Parquet schema (the crawler may refine it later)."""
        import pyarrow.parquet as pq

        schema = pq.read_schema(sample_file)
        columns = [{"Name": f.name, "Type": hive_type(f.type)} for f in schema if f.name != "billing_period"]
        table_input = {
            "Name": name,
            "TableType": "EXTERNAL_TABLE",
            "Parameters": {"classification": "parquet", "EXTERNAL": "TRUE"},
            "PartitionKeys": [{"Name": "billing_period", "Type": "string"}],
            "StorageDescriptor": {"Columns": columns, "Location": location, **PARQUET_SERDE},
        }
        glue = self._client("glue")
        with contextlib.suppress(glue.exceptions.AlreadyExistsException):  # created concurrently: use theirs
            glue.create_table(DatabaseName=self.database, TableInput=table_input)
        return dict(glue.get_table(DatabaseName=self.database, Name=name)["Table"])


def hive_type(arrow_type: Any) -> str:
    """Glue/Hive column type of a pyarrow type (the types silver and gold use, and their containers)."""
    import pyarrow as pa

    t = pa.types
    if t.is_string(arrow_type) or t.is_large_string(arrow_type):
        return "string"
    if t.is_decimal(arrow_type):
        return f"decimal({arrow_type.precision},{arrow_type.scale})"
    if t.is_timestamp(arrow_type):
        return "timestamp"
    if t.is_date(arrow_type):
        return "date"
    if t.is_map(arrow_type):
        return f"map<{hive_type(arrow_type.key_type)},{hive_type(arrow_type.item_type)}>"
    if t.is_list(arrow_type) or t.is_large_list(arrow_type):
        return f"array<{hive_type(arrow_type.value_type)}>"
    if t.is_struct(arrow_type):
        return "struct<" + ",".join(f"{f.name}:{hive_type(f.type)}" for f in arrow_type) + ">"
    simple = {"bool": "boolean", "int8": "tinyint", "int16": "smallint", "int32": "int", "int64": "bigint",
              "uint8": "smallint", "uint16": "int", "uint32": "bigint", "uint64": "bigint", "float": "float",
              "halffloat": "float", "double": "double", "binary": "binary", "large_binary": "binary"}
    return simple.get(str(arrow_type), "string")
