"""One delivery of one export for one billing period: the files, split past a row limit, and its
manifest. Format modules subclass DeliveryWriter and only say how rows become a table and where
files go."""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

import pyarrow as pa

from sentinel.generate.expected import DeliveryTotals
from sentinel.generate.frame import Frame
from sentinel.generate.ids import stable_uuid
from sentinel.generate.items import LineItems
from sentinel.generate.plan import MonthPlan, RunSpec


class FileWriter(Protocol):
    path: Path
    rows: int

    def write(self, table: pa.Table) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class DeliveryContext:
    spec: RunSpec
    plan: MonthPlan
    out: Path
    bucket: str
    rows_per_file: int
    fingerprint: str  # the run parameters that shape every period's rows (not months or restate)
    current: bool  # False for a delivery a later restatement supersedes

    def key(self, path: Path) -> str:
        """The S3 key of a written file (its path below the output folder)."""
        return path.relative_to(self.out).as_posix()

    def uri(self, path: Path) -> str:
        return f"s3://{self.bucket}/{self.key(path)}"

    def delivery_uuid(self, fmt: str) -> str:
        """Assembly / execution id: the same content always gets the same id, and any change to the
        period's rows (a restatement, the period closing, other parameters) gets a new one."""
        plan = self.plan
        return stable_uuid("delivery", self.fingerprint, fmt, plan.period.label, plan.index, plan.version,
                           plan.is_open, *([plan.grid.count] if plan.grid.hours is not None else []))

    @property
    def export_seed(self) -> str:
        """What names an export (its ARN, report id): the seed, not the data, like a real account."""
        return str(self.spec.seed)


@dataclass(frozen=True)
class Delivery:
    format: str
    period: str
    delivery_id: str
    version: int
    current: bool
    manifest: Path | None
    files: tuple[Path, ...]
    totals: DeliveryTotals

    def to_json(self, out: Path) -> dict[str, Any]:
        return {
            "delivery_id": self.delivery_id,
            "manifest": self.manifest.relative_to(out).as_posix() if self.manifest else None,
            "files": [f.relative_to(out).as_posix() for f in self.files],
            "totals": self.totals.to_json(),
        }


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n")


def clear_stale(folder: Path, pattern: str) -> None:
    """Remove data files a previous run left where this delivery writes (AWS overwrites them too)."""
    if folder.is_dir():
        regex = re.compile(pattern)
        for path in folder.iterdir():
            if path.is_file() and regex.fullmatch(path.name):
                path.unlink()


class DeliveryWriter(ABC):
    format: ClassVar[str]

    def __init__(self, ctx: DeliveryContext, with_net: bool) -> None:
        self.ctx = ctx
        self.totals = DeliveryTotals(with_net=with_net)
        self._file: FileWriter | None = None
        self._files: list[Path] = []

    @property
    def delivery_id(self) -> str:
        return self.ctx.delivery_uuid(self.format)

    def select(self, items: LineItems) -> LineItems:
        """The rows this format carries (all, unless overridden)."""
        return items

    @abstractmethod
    def open_file(self, number: int) -> FileWriter:
        """Open data file `number` (1-based)."""

    @abstractmethod
    def table(self, frame: Frame) -> pa.Table:
        """The chunk as this format's table."""

    @abstractmethod
    def finish(self, files: list[Path]) -> Path | None:
        """Write the manifest(s); return the delivery's manifest path."""

    def write(self, items: LineItems) -> None:
        items = self.select(items)
        position = 0
        while position < len(items):
            if self._file is None or self._file.rows >= self.ctx.rows_per_file:
                self._rotate()
            assert self._file is not None
            count = min(len(items) - position, self.ctx.rows_per_file - self._file.rows)
            piece = items.slice(position, position + count)
            self._file.write(self.table(Frame(piece, self.ctx.plan, self.ctx.spec)))
            self.totals.add(piece)
            position += count

    def write_table(self, table: pa.Table) -> None:
        """Write rows that are already in this format's shape (other providers' FOCUS rows)."""
        position = 0
        while position < table.num_rows:
            if self._file is None or self._file.rows >= self.ctx.rows_per_file:
                self._rotate()
            assert self._file is not None
            count = min(table.num_rows - position, self.ctx.rows_per_file - self._file.rows)
            self._file.write(table.slice(position, count))
            position += count

    def _rotate(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = self.open_file(len(self._files) + 1)
        self._files.append(self._file.path)

    def close(self) -> Delivery:
        if self._file is None:  # an empty delivery still has one (header-only) file
            self._rotate()
        assert self._file is not None
        self._file.close()
        manifest = self.finish(self._files)
        return Delivery(self.format, self.ctx.plan.period.label, self.delivery_id, self.ctx.plan.version,
                        self.ctx.current, manifest, tuple(self._files), self.totals)
