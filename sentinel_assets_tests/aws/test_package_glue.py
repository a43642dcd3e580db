"""`sentinel package-glue` against moto: S3 uploads by content hash, the job definitions updated.

moto implements GetJob but not UpdateJob, so the Glue side records the update on top of moto's GetJob.
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from sentinel.commands.package_glue import LIBS_ZIP, deploy, locked_versions, package
from sentinel.job_runner import GLUE_SCRIPTS
from sentinel_assets_tests.aws.conftest import Stack

pytestmark = pytest.mark.aws
REPO = Path(__file__).resolve().parents[2]


class RecordingGlue:
    def __init__(self, moto_glue: Any):
        self.moto = moto_glue
        self.updates: list[tuple[str, dict[str, Any]]] = []

    def get_job(self, **kwargs: Any) -> Any:
        response = self.moto.get_job(**kwargs)
        for name, update in self.updates:  # what UpdateJob would have stored
            if name == kwargs["JobName"]:
                response["Job"].update(update)
        return response

    def update_job(self, *, JobName: str, JobUpdate: dict[str, Any]) -> None:
        self.updates.append((JobName, JobUpdate))


def test_package_matches_the_cdk_staging_and_uv_lock() -> None:
    packaged = package()
    assert packaged.python_modules == locked_versions() == "dagster-pipes==1.13.27,pandera==0.35.0,polars==2.1.0"
    names = zipfile.ZipFile(BytesIO(packaged.files[LIBS_ZIP])).namelist()
    assert "sentinel_etl/s3_lake.py" in names and not any("__pycache__" in n for n in names)
    assert package().files == packaged.files  # reproducible
    # The stack's staging (infra/, its own dependency group) gives the same content hash.
    spec = importlib.util.spec_from_file_location("infra_assets", REPO / "infra/sentinel_infra/assets.py")
    assert spec and spec.loader
    infra = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = infra  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(infra)
    finally:
        del sys.modules[spec.name]
    assert infra.stage_glue_code(GLUE_SCRIPTS).content_hash == packaged.content_hash


def test_deploy_uploads_once_and_points_the_jobs_at_the_new_prefix(stack: Stack) -> None:
    s = stack.settings
    s3, glue = stack.moto.client("s3"), RecordingGlue(stack.moto.client("glue"))
    jobs = {s.glue_job_raw_to_silver: "raw_to_silver.py", s.glue_job_silver_to_gold: "silver_to_gold.py",
            s.glue_job_gold_to_anomalies: "gold_to_anomalies.py"}
    packaged = package()

    changed = deploy(packaged, s3=s3, glue=glue, bucket=s.artifacts_bucket, jobs=jobs)
    again = deploy(packaged, s3=s3, glue=glue, bucket=s.artifacts_bucket, jobs=jobs)

    assert changed == list(jobs) and again == []
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=s.artifacts_bucket)["Contents"])
    assert keys == sorted(f"glue/code/{packaged.content_hash}/{n}" for n in packaged.files)
    name, update = glue.updates[0]
    assert name == s.glue_job_raw_to_silver
    assert update["Command"]["ScriptLocation"] == f"s3://{s.artifacts_bucket}/{packaged.prefix}raw_to_silver.py"
    assert update["DefaultArguments"]["--extra-py-files"].endswith(f"{packaged.prefix}{LIBS_ZIP}")
    assert update["DefaultArguments"]["--ENGINE"] == "duckdb"  # the job's other arguments are kept
    assert update["Role"] and update["GlueVersion"] == "5.1"
