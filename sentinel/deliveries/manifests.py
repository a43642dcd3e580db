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
    keys: list[str]  # object keys / URIs of the data files, as AWS wrote them (each once)
    scope: Path  # folder whose data files belong to this export and period (others there are stale)
    root: Path  # the export's own folder (named after it in the bucket): every data file lies inside it
    bucket: str | None  # the bucket the manifest says it delivered to

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
        root=scope.parent,  # <report>/: date-range folders, assemblies, and Athena's <report>/year=/month=
        bucket=_text(document.get("bucket")),
        path=path,
        kind="legacy",
        export_name=str(document.get("reportName") or path.name.removesuffix("-Manifest.json")),
        billing_period=period,
        delivery_id=str(document["assemblyId"]) if document.get("assemblyId") else None,
        keys=_keys(path, document, "reportKeys"),
        scope=scope,
    )


def _data_exports(path: Path, document: dict[str, object]) -> Manifest:
    period_dir = next((p for p in [path.parent, *path.parents] if PERIOD_DIR.match(p.name)), None)
    period = PERIOD_DIR.match(period_dir.name).group(1) if period_dir else _period_from_start(path, document)  # type: ignore[union-attr]
    export_root = period_dir.parent.parent if period_dir else path.parent
    name = document.get("exportName") or export_root.name
    return Manifest(
        root=export_root,
        bucket=_text(document.get("bucket")),
        path=path,
        kind="data_exports",
        export_name=str(name),
        billing_period=period,
        delivery_id=str(document["executionId"]) if document.get("executionId") else None,
        keys=_keys(path, document, "dataFiles"),
        scope=export_root / "data" / f"BILLING_PERIOD={period}",
    )


def _period_from_start(path: Path, document: dict[str, object]) -> str:
    billing = document.get("billingPeriod")
    start = str(billing.get("start", "")) if isinstance(billing, dict) else ""
    digits = re.sub(r"[^0-9]", "", start)
    if len(digits) < 6:
        raise InputError(str(path), "manifest has no billingPeriod.start", column="billingPeriod")
    return f"{digits[:4]}-{digits[4:6]}"


def _text(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def _keys(path: Path, document: dict[str, object], field: str) -> list[str]:
    """The manifest's data file keys, each once: a key listed twice is one file, not two deliveries of it."""
    keys = document.get(field) or []
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise InputError(str(path), "manifest's data file list is not a list of keys", column=field)
    return list(dict.fromkeys(keys))


def resolve_key(manifest: Manifest, key: str) -> Path:
    """The file a manifest key names, inside the export's own folder, or an error naming the key.

    A key is data from the delivery, so it may only name a file of this export and period: in the
    manifest's own bucket, without `.`/`..` steps, inside the export's folder. AWS names that folder after
    the report or export (`<prefix>/<report>/...`, `<prefix>/<export>/data/...`); a local copy mirrors the
    bucket from some prefix down and may rename it, so the key is matched below the first step that names
    the export, never by trying parent folders.
    """
    field = "reportKeys" if manifest.kind == "legacy" else "dataFiles"

    def refuse(problem: str) -> InputError:
        return InputError(str(manifest.path), f"manifest key {key!r} {problem}", column=field)

    bucket, object_key = _split_uri(key)
    if bucket is not None and manifest.bucket is not None and bucket != manifest.bucket:
        raise refuse(f"is in bucket {bucket!r}, not the export's bucket {manifest.bucket!r}")
    # The delivery bucket itself may differ (a replicated copy of the export): keys resolve in its copy.
    parts = object_key.split("/")
    if any(part in ("", ".", "..") for part in parts) or "\\" in object_key:
        raise refuse("is not a plain object key (empty, '.' or '..' steps)")
    anchors = {manifest.export_name, manifest.root.name}
    start = next((index for index, part in enumerate(parts[:-1]) if part in anchors), None)
    if start is not None:
        candidate = manifest.root.joinpath(*parts[start + 1:])
        if candidate.is_file() and _inside(candidate, manifest.root):
            return candidate
    raise InputError(str(manifest.path), f"manifest lists a file that is not there: {key} (looked inside the "
                                         f"export's folder {manifest.root})", column=field)


def _split_uri(key: str) -> tuple[str | None, str]:
    if key.startswith("s3://"):
        bucket, _, rest = key[len("s3://"):].partition("/")
        return bucket, rest
    return None, key


def _inside(path: Path, root: Path) -> bool:
    """True when the file is under the folder also after links are followed (a link may point anywhere)."""
    if not isinstance(path, Path):  # an S3Path: object keys have no links
        return True
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
