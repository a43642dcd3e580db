"""`sentinel package-glue`: ship the job scripts to S3 and point the Glue jobs at them, without a CDK deploy.

The artifacts are exactly what the CDK stack stages (infra/sentinel_infra/assets.py): the two entry
scripts and `sentinel_glue_libs.zip` (every package folder of glue_scripts/, byte-for-byte
reproducible) under `s3://<artifacts>/glue/code/<content hash>/`, so the same code gets the same prefix
from either tool, and a run that started on older code keeps its own prefix. `--additional-python-modules`
pins the scripts' pure-Python dependencies to the versions in uv.lock.

The stack owns the job definitions: the next `cdk deploy` sets them back to the code it staged, which
is the same code if the repository is the same.
"""

from __future__ import annotations

import hashlib
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from sentinel.job_runner import GLUE_SCRIPTS

ENTRY_SCRIPTS = ("raw_to_silver.py", "silver_to_gold.py", "gold_to_anomalies.py")
LIBS_ZIP = "sentinel_glue_libs.zip"
CODE_PREFIX = "glue/code/"
PYTHON_MODULES = ("dagster-pipes", "pandera", "polars")  # what Glue 5.1 lacks; pyspark and boto3 it has
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_SKIP_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache", "tests"}
LOCK = Path(__file__).resolve().parents[2] / "uv.lock"
# UpdateJob replaces the whole definition: carry over every settable field of GetJob's answer.
_JOB_UPDATE_FIELDS = (
    "Description", "LogUri", "Role", "ExecutionProperty", "Command", "DefaultArguments", "NonOverridableArguments",
    "Connections", "MaxRetries", "Timeout", "WorkerType", "NumberOfWorkers", "SecurityConfiguration",
    "NotificationProperty", "GlueVersion", "ExecutionClass", "JobMode", "JobRunQueuingEnabled",
    "MaintenanceWindow", "SourceControlDetails", "CodeGenConfigurationNodes",
)


@dataclass(frozen=True)
class Packaged:
    content_hash: str
    files: dict[str, bytes]  # name → bytes, as uploaded under glue/code/<hash>/
    python_modules: str

    @property
    def prefix(self) -> str:
        return f"{CODE_PREFIX}{self.content_hash}/"


def locked_versions(names: tuple[str, ...] = PYTHON_MODULES, lock: Path = LOCK) -> str:
    packages = {p["name"]: p["version"] for p in tomllib.loads(lock.read_text(encoding="utf-8"))["package"]}
    missing = [n for n in names if n not in packages]
    if missing:
        raise ValueError(f"{', '.join(missing)} not in {lock}")
    return ",".join(f"{name}=={packages[name]}" for name in names)


def package(source: Path = GLUE_SCRIPTS, lock: Path = LOCK) -> Packaged:
    files = {name: (source / name).read_bytes() for name in ENTRY_SCRIPTS}
    files[LIBS_ZIP] = _reproducible_zip(source)
    digest = hashlib.sha256()  # infra/sentinel_infra/assets.py hash_directory, over the same files
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(files[name])
    return Packaged(digest.hexdigest()[:16], files, locked_versions(lock=lock))


def _reproducible_zip(source: Path) -> bytes:
    packages = sorted(p for p in source.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
    files = sorted(
        f for package in packages for f in package.rglob("*")
        if f.is_file() and f.suffix != ".pyc" and not _SKIP_PARTS.intersection(f.relative_to(source).parts)
    )
    with tempfile.TemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for f in files:
                info = zipfile.ZipInfo(f.relative_to(source).as_posix(), date_time=_ZIP_EPOCH)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, f.read_bytes())
        buffer.seek(0)
        return buffer.read()


def deploy(packaged: Packaged, *, s3: Any, glue: Any, bucket: str, jobs: dict[str, str]) -> list[str]:
    """Upload (skipped when the prefix already holds this hash) and point each job at it.

    `jobs` maps a Glue job name to its entry script. Returns the jobs whose definition changed.
    """
    for name, body in packaged.files.items():
        key = packaged.prefix + name
        if not _exists(s3, bucket, key):
            s3.put_object(Bucket=bucket, Key=key, Body=body)
    changed = []
    for job_name, script in jobs.items():
        job = glue.get_job(JobName=job_name)["Job"]
        update = {k: job[k] for k in _JOB_UPDATE_FIELDS if k in job}
        update["Command"] = {**job["Command"], "ScriptLocation": f"s3://{bucket}/{packaged.prefix}{script}"}
        update["DefaultArguments"] = {**job.get("DefaultArguments", {}),
                                      "--extra-py-files": f"s3://{bucket}/{packaged.prefix}{LIBS_ZIP}",
                                      "--additional-python-modules": packaged.python_modules}
        if "WorkerType" in update:
            update.pop("MaxCapacity", None)  # Glue rejects both
        if update["Command"] != job["Command"] or update["DefaultArguments"] != job.get("DefaultArguments"):
            glue.update_job(JobName=job_name, JobUpdate=update)
            changed.append(job_name)
    return changed


def _exists(s3: Any, bucket: str, key: str) -> bool:
    try:
        s3.head_object(Bucket=bucket, Key=key)
    except s3.exceptions.ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return False
        raise
    return True


def package_glue(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only print the content hash and modules.")] = False,
) -> None:
    """Upload the Glue job scripts and their package zip (by content hash) and update the Glue jobs."""
    from sentinel.commands.common import console, settings_for
    from sentinel_assets.aws.clients import aws_client

    settings = settings_for()
    packaged = package()
    console.print(f"glue code {packaged.content_hash}: {', '.join(sorted(packaged.files))}; "
                  f"--additional-python-modules {packaged.python_modules}")
    if dry_run:
        return
    if not settings.artifacts_bucket:
        raise typer.BadParameter("set SENTINEL_ARTIFACTS_BUCKET (the stack output ArtifactsBucket)")
    region, endpoint = settings.aws_region, settings.aws_endpoint_url
    changed = deploy(packaged, s3=aws_client("s3", region, endpoint), glue=aws_client("glue", region, endpoint),
                     bucket=settings.artifacts_bucket,
                     jobs={settings.glue_job_raw_to_silver: "raw_to_silver.py",
                           settings.glue_job_silver_to_gold: "silver_to_gold.py",
                           settings.glue_job_gold_to_anomalies: "gold_to_anomalies.py"})
    console.print(f"s3://{settings.artifacts_bucket}/{packaged.prefix}; updated jobs: {', '.join(changed) or 'none'}")
