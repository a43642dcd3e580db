"""Staging of code assets: the Glue job scripts plus a zip of their pure-Python packages.

The zip is byte-for-byte reproducible (sorted entries, fixed timestamps), so its content hash - and the
S3 key the jobs point at - changes only when the code does.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

GLUE_ENTRY_SCRIPTS: tuple[str, ...] = ("raw_to_silver.py", "silver_to_gold.py", "gold_to_anomalies.py")
GLUE_LIBS_ZIP = "sentinel_glue_libs.zip"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_SKIP_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache", "tests"}


@dataclass(frozen=True)
class StagedGlueCode:
    directory: Path  # what gets uploaded: the entry scripts and GLUE_LIBS_ZIP
    content_hash: str  # short sha256 over the staged files


def stage_glue_code(source: Path) -> StagedGlueCode:
    """Copy the entry scripts of `source` (by default the repo's glue_scripts/) and zip every package
    directory in it (a folder with an __init__.py, e.g. sentinel_etl/) for `--extra-py-files`."""
    missing = [name for name in GLUE_ENTRY_SCRIPTS if not (source / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Glue entry scripts {missing} not found in {source}. Point the context key glueAssetPath "
            "at the folder holding raw_to_silver.py and silver_to_gold.py (default: glue_scripts)."
        )
    staging = Path(tempfile.mkdtemp(prefix="sentinel-glue-"))
    for name in GLUE_ENTRY_SCRIPTS:
        shutil.copyfile(source / name, staging / name)
    _write_reproducible_zip(source, staging / GLUE_LIBS_ZIP)
    content_hash = hash_directory(staging)
    # One folder per code version (content-addressed, so an existing one is identical): repeated or
    # parallel synths neither pile up temporary copies nor race on one folder.
    final = staging.parent / f"sentinel-glue-{content_hash}"
    try:
        staging.rename(final)
    except OSError:
        if not final.is_dir():
            raise
        shutil.rmtree(staging)
    return StagedGlueCode(directory=final, content_hash=content_hash)


def _write_reproducible_zip(source: Path, target: Path) -> None:
    packages = sorted(p for p in source.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
    files = sorted(
        f
        for package in packages
        for f in package.rglob("*")
        if f.is_file() and f.suffix != ".pyc" and not _SKIP_PARTS.intersection(f.relative_to(source).parts)
    )
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for f in files:
            info = zipfile.ZipInfo(f.relative_to(source).as_posix(), date_time=_ZIP_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, f.read_bytes())


def hash_directory(directory: Path) -> str:
    digest = hashlib.sha256()
    for f in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(f.relative_to(directory).as_posix().encode())
        digest.update(b"\0")
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def require_directory(path: Path, context_key: str, hint: str) -> Path:
    if not path.is_dir():
        raise FileNotFoundError(f"{path} does not exist. {hint} (or set the context key {context_key}).")
    return path
