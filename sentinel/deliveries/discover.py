"""Find deliveries in an export root, a folder of files, or a single file.

Only the files the current manifest lists are read: older assemblies in the same folder are ignored.
Without a manifest, billing periods come from the data itself.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from sentinel_etl.diagnose import malformed_error
from sentinel_etl.errors import InputError
from sentinel_etl.formats import SourceFormat, other_focus_dataset
from sentinel_etl.names import snake_case_all
from sentinel_etl.null_markers import NULL_MARKERS

from sentinel.deliveries.manifests import Manifest, is_manifest, parse_manifest, resolve_key
from sentinel.deliveries.sniff import columns_of, is_csv, is_data_file, sniff, verify_integrity

# AWS writes a status table beside Athena-integration reports; it is not billing data.
STATUS_DIR = "cost_and_usage_data_status"
ATHENA_MONTH = re.compile(r"^month=(\d{1,2})$")
ATHENA_YEAR = re.compile(r"^year=(\d{4})$")


@dataclass(frozen=True)
class FoundFile:
    path: Path
    columns: list[str]


@dataclass
class FoundDelivery:
    export_name: str
    billing_period: str
    delivery_id: str
    format: SourceFormat
    files: list[FoundFile]
    manifest: Path | None
    period_from_manifest: bool
    delivered_at: str
    source: str
    digests: dict[str, str] = field(default_factory=dict)  # sha256 of files hashed when found, by path


@dataclass(frozen=True)
class SetAside:
    """Files of a FOCUS dataset other than cost and usage: recognised, reported, never landed."""

    path: str
    dataset: str
    billing_period: str | None  # from the manifest; None for a bare file (those datasets have no period)

    @property
    def note(self) -> str:
        return f"set aside {self.path}: a FOCUS {self.dataset} dataset (Sentinel loads cost and usage)"


@dataclass
class Discovery:
    deliveries: list[FoundDelivery]
    set_aside: list[SetAside] = field(default_factory=list)

    def for_period(self, period: str | None) -> Discovery:
        if period is None:
            return self
        return Discovery([d for d in self.deliveries if d.billing_period == period],
                         [s for s in self.set_aside if s.billing_period in (None, period)])


def discover(source: Path) -> list[FoundDelivery]:
    """The deliveries Sentinel loads from a source (see find for the datasets it sets aside too)."""
    return find(source).deliveries


def find(source: Path) -> Discovery:
    source = source.resolve()
    if not source.exists():
        raise InputError(str(source), "no such file or folder")
    if source.is_file():
        dataset = other_focus_dataset(snake_case_all(columns_of(source)))
        if dataset is not None:
            return Discovery([], [SetAside(str(source), dataset, None)])
        return Discovery(_bare_file(source, source))
    manifests = _current_manifests(source)
    owned: set[Path] = set()
    deliveries: list[FoundDelivery] = []
    set_aside: list[SetAside] = []
    for manifest in manifests:
        owned.update(p for p in manifest.scope.rglob("*") if p.is_file())
        paths = _manifest_paths(manifest)
        owned.update(paths)
        dataset = other_focus_dataset(snake_case_all(columns_of(paths[0])))
        if dataset is not None:  # a FOCUS 1.3+ export of another dataset, delivered the same way
            set_aside.append(SetAside(str(manifest.path), dataset, manifest.billing_period))
            continue
        deliveries.append(_from_manifest(manifest, paths, source))
    remaining = sorted(
        p for p in source.rglob("*")
        if p.is_file() and is_data_file(p) and p not in owned and STATUS_DIR not in p.parts
    )
    athena = [p for p in remaining if ATHENA_MONTH.match(p.parent.name) and ATHENA_YEAR.match(p.parent.parent.name)]
    for folder in sorted({p.parent for p in athena}):
        deliveries.append(_athena_folder(folder, [p for p in athena if p.parent == folder], source))
    seen_hashes: set[str] = set()
    for path in remaining:
        if path in athena:
            continue
        dataset = other_focus_dataset(snake_case_all(columns_of(path)))
        if dataset is not None:  # FOCUS 1.3+ folders hold other datasets beside cost and usage
            set_aside.append(SetAside(str(path), dataset, None))
            continue
        digest = file_sha256(path)
        if digest in seen_hashes:  # the same file delivered twice is one delivery
            continue
        seen_hashes.add(digest)
        deliveries.extend(_bare_file(path, source, digest=digest))
    return Discovery(sorted(deliveries, key=lambda d: (d.billing_period, d.export_name)), set_aside)


def _current_manifests(root: Path) -> list[Manifest]:
    parsed = [m for p in sorted(root.rglob("*.json")) if is_manifest(p) and (m := parse_manifest(p)) is not None]
    best: dict[tuple[str, str, str], Manifest] = {}
    for manifest in parsed:
        key = (manifest.kind, manifest.export_name, manifest.billing_period)
        current = best.get(key)
        if current is None or _rank(manifest) > _rank(current):
            best[key] = manifest
    return list(best.values())


def _rank(manifest: Manifest) -> tuple[bool, float]:
    return manifest.is_top_level, manifest.path.stat().st_mtime


def _manifest_paths(manifest: Manifest) -> list[Path]:
    paths = list(dict.fromkeys(resolve_key(manifest, key) for key in manifest.keys))
    if not paths:
        raise InputError(str(manifest.path), "manifest lists no data files")
    return paths


def _from_manifest(manifest: Manifest, paths: list[Path], source: Path) -> FoundDelivery:
    files, fmt = _sniff_all(paths)
    delivery_id = manifest.delivery_id or content_id([f.path for f in files])
    return FoundDelivery(
        export_name=manifest.export_name,
        billing_period=manifest.billing_period,
        delivery_id=_safe(delivery_id),
        format=fmt,
        files=files,
        manifest=manifest.path,
        period_from_manifest=True,
        delivered_at=_mtime(manifest.path),
        source=str(source),
    )


def _athena_folder(folder: Path, paths: list[Path], source: Path) -> FoundDelivery:
    year = ATHENA_YEAR.match(folder.parent.name).group(1)  # type: ignore[union-attr]
    month = int(ATHENA_MONTH.match(folder.name).group(1))  # type: ignore[union-attr]
    files, fmt = _sniff_all(paths)
    return FoundDelivery(
        export_name=folder.parent.parent.name,
        billing_period=f"{year}-{month:02d}",
        delivery_id=content_id(paths),
        format=fmt,
        files=files,
        manifest=None,
        period_from_manifest=True,
        delivered_at=max(_mtime(p) for p in paths),
        source=str(source),
    )


def _bare_file(path: Path, source: Path, digest: str | None = None) -> list[FoundDelivery]:
    """A file without a manifest: one delivery per billing period in it, named by its content, never by the
    file name, so the same bytes under another name are the same delivery. Its export is the format and the
    bills (payer and provider) the period holds: a restated file of the same bills is the next delivery of
    that export, and files of other payers are other exports."""
    if not is_data_file(path):
        raise InputError(str(path), "not a billing data file (expected .csv, .csv.gz or .parquet)")
    fmt, columns = sniff(path)
    verify_integrity(path)  # before scanning it for periods, so a broken file gets the precise error
    digest = digest or file_sha256(path)
    return [
        FoundDelivery(
            export_name=_bare_export_name(fmt, bills),
            billing_period=period,
            delivery_id=digest[:20],
            format=fmt,
            files=[FoundFile(path, columns)],
            manifest=None,
            period_from_manifest=False,
            delivered_at=_mtime(path),
            source=str(source),
            digests={str(path): digest},
        )
        for period, bills in bills_in(path, fmt, columns).items()
    ]


def _bare_export_name(fmt: SourceFormat, bills: list[tuple[str, str]]) -> str:
    if len(bills) == 1:
        provider, payer = bills[0]
        return _safe(f"file-{fmt.value}-{provider}-{payer or 'no-payer'}")
    digest = hashlib.sha256(json.dumps(sorted(bills)).encode()).hexdigest()[:10]
    return f"file-{fmt.value}-{len(bills)}-bills-{digest}"


def _sniff_all(paths: list[Path]) -> tuple[list[FoundFile], SourceFormat]:
    files: list[FoundFile] = []
    formats: set[SourceFormat] = set()
    for path in paths:
        fmt, columns = sniff(path)
        formats.add(fmt)
        files.append(FoundFile(path, columns))
    if len(formats) > 1:
        raise InputError(str(paths[0].parent), f"one delivery mixes formats: {', '.join(sorted(formats))}")
    return files, formats.pop()


def _column(columns: list[str], *wanted: str) -> str | None:
    """The file's own name of the first wanted column (compared as lower-case letters only)."""
    squashed = {re.sub(r"[^a-z]", "", c.lower()): c for c in reversed(columns)}
    return next((squashed[w] for w in wanted if w in squashed), None)


def bills_in(path: Path, fmt: SourceFormat, columns: list[str]) -> dict[str, list[tuple[str, str]]]:
    """The billing periods of a file without a manifest, and each period's bills as (provider, payer):
    one scan of three columns."""
    focus = fmt is SourceFormat.FOCUS
    period = _column(columns, "billingperiodstart" if focus else "billbillingperiodstartdate")
    payer = _column(columns, "billingaccountid" if focus else "billpayeraccountid")
    providers = [c for c in (_column(columns, "serviceprovidername"), _column(columns, "providername")) if c]
    if period is None:
        raise InputError(str(path), "has no billing period column")

    def value(columns: list[str], default: str) -> str:
        """The first of the columns with a value, row by row, as silver reads it (normalize.py)."""
        quoted = ['"' + column.replace('"', '""') + '"' for column in columns]
        return f"coalesce({''.join(f'nullif(CAST({q} AS VARCHAR), {chr(39)}{chr(39)}), ' for q in quoted)}'{default}')"

    quoted_period = '"' + period.replace('"', '""') + '"'
    reader = (
        "read_csv($path, header=true, all_varchar=true, nullstr=$nulls)" if is_csv(path)
        else "read_parquet($path)"
    )
    # DuckDB reads real files only: an object in S3 (s3_path.S3Path) is fetched once for this scan.
    readable = path.local_copy() if hasattr(path, "local_copy") else path
    try:
        rows = duckdb.execute(
            f"SELECT DISTINCT substr(CAST({quoted_period} AS VARCHAR), 1, 7), {value(providers if focus else [], 'unknown' if focus else 'AWS')}, "
            f"{value([payer] if payer else [], '')} FROM {reader} WHERE {quoted_period} IS NOT NULL",
            {"path": str(readable), **({"nulls": list(NULL_MARKERS)} if is_csv(path) else {})},
        ).fetchall()
    except duckdb.Error as error:
        # A ragged row or a stray quote is the usual cause: name its line, not the period column.
        malformed = malformed_error(str(readable), str(path)) if is_csv(path) else None
        if malformed is not None:
            raise malformed from error
        raise InputError(str(path), f"could not be read: {str(error).splitlines()[0]}", column=period) from error
    bills: dict[str, list[tuple[str, str]]] = {}
    for found_period, found_provider, found_payer in sorted(rows):
        if not re.match(r"^\d{4}-\d{2}$", str(found_period)):
            raise InputError(str(path), f"not a date: {found_period!r}", column=period)
        bills.setdefault(str(found_period), []).append((str(found_provider), str(found_payer)))
    if not bills:
        raise InputError(str(path), "the file has a header but no line items")
    return bills


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def content_id(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(file_sha256(path).encode())
    return digest.hexdigest()[:20]


def _safe(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-") or "export"


def _mtime(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
