"""AWS export manifests: legacy CUR `<report>-Manifest.json` and Data Exports (CUR 2.0 / FOCUS) manifests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from sentinel_etl.errors import InputError

DATE_RANGE_DIR = re.compile(r"^\d{8}-\d{8}$")
PERIOD_DIR = re.compile(r"^BILLING_PERIOD=(\d{4}-\d{2})$", re.IGNORECASE)


@dataclass(frozen=True)
class Manifest:
    path: Path
    kind: str  # "legacy" or "data_exports"
    export_name: str
    billing_period: str
    delivery_id: str | None
    keys: list[str]  # object keys / URIs of the data files, as AWS wrote them
    scope: Path  # folder whose data files belong to this export and period (others there are stale)

    @property
    def is_top_level(self) -> bool:
        """A legacy manifest beside the assembly folders (not the copy inside one)."""
        return self.kind != "legacy" or bool(DATE_RANGE_DIR.match(self.path.parent.name))


def is_manifest(path: Path) -> bool:
    return path.name.endswith("-Manifest.json") or path.name.lower() == "manifest.json"


def parse_manifest(path: Path) -> Manifest | None:
    """None for a JSON file that is not an AWS export manifest."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(str(path), f"manifest is not valid JSON: {error}") from error
    if not isinstance(document, dict):
        return None
    if "reportKeys" in document:
        return _legacy(path, document)
    if "dataFiles" in document:
        return _data_exports(path, document)
    return None


def _legacy(path: Path, document: dict[str, object]) -> Manifest:
    period = _period_from_start(path, document)
    scope = path.parent if DATE_RANGE_DIR.match(path.parent.name) else path.parent.parent
    return Manifest(
        path=path,
        kind="legacy",
        export_name=str(document.get("reportName") or path.name.removesuffix("-Manifest.json")),
        billing_period=period,
        delivery_id=str(document["assemblyId"]) if document.get("assemblyId") else None,
        keys=[str(k) for k in document.get("reportKeys") or []],  # type: ignore[attr-defined]
        scope=scope,
    )


def _data_exports(path: Path, document: dict[str, object]) -> Manifest:
    period_dir = next((p for p in [path.parent, *path.parents] if PERIOD_DIR.match(p.name)), None)
    period = PERIOD_DIR.match(period_dir.name).group(1) if period_dir else _period_from_start(path, document)  # type: ignore[union-attr]
    export_root = period_dir.parent.parent if period_dir else path.parent
    name = document.get("exportName") or export_root.name
    return Manifest(
        path=path,
        kind="data_exports",
        export_name=str(name),
        billing_period=period,
        delivery_id=str(document["executionId"]) if document.get("executionId") else None,
        keys=[str(k) for k in document.get("dataFiles") or []],  # type: ignore[attr-defined]
        scope=export_root / "data" / f"BILLING_PERIOD={period}",
    )


def _period_from_start(path: Path, document: dict[str, object]) -> str:
    billing = document.get("billingPeriod")
    start = str(billing.get("start", "")) if isinstance(billing, dict) else ""
    digits = re.sub(r"[^0-9]", "", start)
    if len(digits) < 6:
        raise InputError(str(path), "manifest has no billingPeriod.start", column="billingPeriod")
    return f"{digits[:4]}-{digits[4:6]}"


def resolve_key(manifest: Manifest, key: str) -> Path:
    """Map an S3 key or URI from the manifest onto the local copy of the export."""
    parts = [p for p in re.sub(r"^s3://[^/]+/", "", key).split("/") if p]
    bases = [manifest.path.parent, *list(manifest.path.parents)[:6]]
    for start in range(len(parts)):
        for base in bases:
            candidate = base.joinpath(*parts[start:])
            if candidate.is_file():
                return candidate
    raise InputError(str(manifest.path), f"manifest lists a file that is not there: {key}", column="reportKeys"
                     if manifest.kind == "legacy" else "dataFiles")
