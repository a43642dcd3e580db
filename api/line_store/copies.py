"""Finding the silver files of each billing period, and building their sorted Arrow copies (I/O only)."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

from api.line_store.keys import (
    KEY_PREFIX,
    MONEY_COLUMNS,
    ORDER_PREFIX,
    ORDERED_COLUMNS,
    Unsupported,
    sort_keys,
)
from sentinel.engines.base import Query, QueryEngine

log = logging.getLogger(__name__)

# Bump when the copy's layout changes: older copies are then rebuilt.
FORMAT = "sentinel-line-items-3"
POSITION = "_position"
# silver columns a page returns, filters or sorts on (billing_period comes from the partition).
COLUMNS = (
    "provider", "usage_date", "usage_start", "usage_end", "payer_account_id", "usage_account_id",
    "usage_account_name", "service_name", "service_code", "region", "availability_zone", "operation",
    "usage_type", "line_item_type", "charge_category", "resource_id", "usage_amount", "usage_unit",
    "pricing_term", "currency", "unblended_cost", "net_unblended_cost", "amortized_cost", "public_cost", "tags",
    "line_item_id", "source_file", "delivery_id", "invoice_id",
)
# Nearly unique per row: dictionary-encoding them would only add an index.
PLAIN_TEXT = frozenset({"line_item_id"})
FILES = Query(
    "SELECT filename, billing_period, count(*) AS line_items FROM silver.line_item_rows "
    "GROUP BY filename, billing_period ORDER BY filename",
    name="line_store_files",
)


@dataclass(frozen=True)
class SilverFile:
    filename: str
    billing_period: str


def silver_files(engine: QueryEngine) -> dict[str, list[SilverFile]]:
    """Each billing period's files, in filename order (the order the located SQL pages break ties by)."""
    if not engine.has_table("silver.line_item_rows"):
        return {}
    periods: dict[str, list[SilverFile]] = {}
    for filename, period, _ in engine.execute(FILES).rows:
        periods.setdefault(str(period), []).append(SilverFile(str(filename), str(period)))
    return periods


def identity(files: Iterable[SilverFile]) -> str:
    """Changes when any file of the period does: a published version is never rewritten, but its link is."""
    digest = hashlib.sha256(FORMAT.encode())
    for file in files:
        status = os.stat(file.filename)
        digest.update(f"{file.filename}\0{os.path.realpath(file.filename)}\0{status.st_size}\0"
                      f"{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


def copy_path(directory: Path, period: str, files: Iterable[SilverFile]) -> Path:
    return directory / f"line_items-{period}-{identity(files)}.arrow"


def _read(file: SilverFile, rank: int) -> pa.Table:
    schema = pq.read_schema(file.filename)
    present = [c for c in COLUMNS if c in schema.names]
    text = [c for c in present if pa.types.is_string(schema.field(c).type) and c not in PLAIN_TEXT]
    table = pq.read_table(file.filename, columns=present, read_dictionary=text)
    for column in COLUMNS:  # a file without the column reads as nulls, as union_by_name does
        if column not in table.column_names:
            table = table.append_column(column, pa.nulls(table.num_rows))
    rows = np.arange(table.num_rows, dtype=np.int64) | (rank << 32)
    return table.select(list(COLUMNS)).append_column(POSITION, pa.array(rows))


def build_copy(files: list[SilverFile], target: Path) -> None:
    """The period's rows sorted by (usage_start, file, row), written beside target and renamed into place."""
    parts = [_read(file, rank) for rank, file in enumerate(files)]
    table = pa.concat_tables(parts, promote_options="permissive").unify_dictionaries().combine_chunks()
    start = table["usage_start"]
    if start.null_count or not pa.types.is_timestamp(start.type):
        raise ValueError(f"{files[0].filename}: usage_start must be a non-null timestamp")
    keys = start.cast(pa.timestamp("us", start.type.tz)).cast(pa.int64()).to_numpy()
    order = np.lexsort((table[POSITION].to_numpy(), keys))
    table = table.take(pa.array(order))
    for column in ORDERED_COLUMNS:  # the other sort orders, so that no page has to sort the period
        try:
            keys = sort_keys(column, table[column].combine_chunks())
        except (Unsupported, pa.ArrowException):  # such pages come from the engine
            continue
        if column in MONEY_COLUMNS:  # exact unscaled cents and below, mapped rather than converted per process
            table = table.append_column(KEY_PREFIX + column, pa.array(keys))
        table = table.append_column(ORDER_PREFIX + column, pa.array(np.argsort(keys, kind="stable").astype(np.int32)))
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with pa.OSFile(str(temporary), "wb") as sink, ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table, max_chunksize=max(table.num_rows, 1))
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def sync_copies(files: Mapping[str, list[SilverFile]], directory: Path, order: Iterable[str]) -> Iterable[tuple[str, Path]]:
    """Yield (period, copy) in the given order, building the copies that are missing; then remove copies
    no period uses. One process builds at a time (a lock file in the folder); the others wait and reuse."""
    directory.mkdir(parents=True, exist_ok=True)
    wanted = {period: copy_path(directory, period, files[period]) for period in files}
    with open(directory / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for period in order:
            path = wanted[period]
            if not path.is_file():
                log.info("building the audit-log copy of %s", period)
                build_copy(files[period], path)
            yield period, path
        keep = {p.name for p in wanted.values()}
        for stale in directory.glob("line_items-*.arrow"):
            if stale.name not in keep:
                stale.unlink(missing_ok=True)  # processes still mapping it keep reading it
