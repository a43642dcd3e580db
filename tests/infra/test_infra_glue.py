"""Glue 5.1 jobs launched by Dagster Pipes, and one crawler per lake layer."""

from __future__ import annotations

import re

import pytest
from infra_helpers import Synth, flat, logical_id, of_type


def _jobs(synth: Synth) -> dict[str, dict]:
    return {
        j["Properties"]["Name"]: j["Properties"] for j in of_type(synth.resources, "AWS::Glue::Job").values()
    }


def test_three_jobs_on_glue_5_1_without_bookmarks(any_synth: Synth) -> None:
    jobs = _jobs(any_synth)
    assert set(jobs) == {"sentinel-raw-to-silver", "sentinel-silver-to-gold", "sentinel-gold-to-anomalies"}
    for name, job in jobs.items():
        assert job["GlueVersion"] == "5.1", name
        assert job["Command"]["Name"] == "glueetl" and job["Command"]["PythonVersion"] == "3"
        args = job["DefaultArguments"]
        assert args["--job-bookmark-option"] == "job-bookmark-disable", name
        assert args["--additional-python-modules"].split(",")[0].startswith("dagster-pipes==")
        assert {"pandera", "polars"} <= {
            m.split("==")[0] for m in args["--additional-python-modules"].split(",")
        }
        assert args["--ENGINE"] == "spark"  # the scripts default to the local DuckDB engine
        assert args["--LAKE_ROOT"]["Fn::Join"][1][0] == "s3://"
        assert job["MaxRetries"] == 0
        assert job["SecurityConfiguration"] == "sentinel-glue"


def test_scripts_and_libraries_live_under_a_content_hashed_artifacts_key(any_synth: Synth) -> None:
    artifacts = logical_id(any_synth.stack, any_synth.stack.storage.artifacts)
    for name, job in _jobs(any_synth).items():
        script = job["Command"]["ScriptLocation"]["Fn::Join"][1]
        libs = job["DefaultArguments"]["--extra-py-files"]["Fn::Join"][1]
        assert script[1] == {"Ref": artifacts} and libs[1] == {"Ref": artifacts}, name
        assert re.fullmatch(r"/glue/code/[0-9a-f]{16}/(raw_to_silver|silver_to_gold|gold_to_anomalies)\.py", script[2]), script
        assert re.fullmatch(r"/glue/code/[0-9a-f]{16}/sentinel_glue_libs\.zip", libs[2]), libs
        assert script[2].split("/")[3] == libs[2].split("/")[3]  # one code version per deploy


def test_worker_type_and_count_come_from_context(default: Synth, regional: Synth) -> None:
    assert {(j["WorkerType"], j["NumberOfWorkers"]) for j in _jobs(default).values()} == {("G.1X", 2)}
    assert {(j["WorkerType"], j["NumberOfWorkers"]) for j in _jobs(regional).values()} == {("G.2X", 5)}


def test_security_configuration_encrypts_with_the_cmk(default: Synth) -> None:
    key = {"Fn::GetAtt": [logical_id(default.stack, default.stack.storage.key), "Arn"]}
    (config,) = of_type(default.resources, "AWS::Glue::SecurityConfiguration").values()
    encryption = config["Properties"]["EncryptionConfiguration"]
    assert encryption["S3Encryptions"] == [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": key}]
    assert encryption["CloudWatchEncryption"] == {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": key}


def test_one_role_per_job_and_crawler(default: Synth) -> None:
    roles = [
        c["Properties"]["Role"]
        for t in ("AWS::Glue::Job", "AWS::Glue::Crawler")
        for c in of_type(default.resources, t).values()
    ]
    assert len(roles) == 6 and len({flat(r) for r in roles}) == 6


@pytest.mark.parametrize(
    ("layer", "must_exclude"),
    [
        ("raw", {"**/_delivery.json", "**.json"}),
        ("silver", {"**/_versions/**", "**/_delivery.json"}),
        ("gold", {"**/_versions/**", "**/_delivery.json"}),
    ],
)
def test_crawlers_per_layer_with_exclusions(default: Synth, layer: str, must_exclude: set[str]) -> None:
    crawlers = {
        c["Properties"]["Name"]: c["Properties"]
        for c in of_type(default.resources, "AWS::Glue::Crawler").values()
    }
    crawler = crawlers[f"sentinel-{layer}"]
    (target,) = crawler["Targets"]["S3Targets"]
    assert target["Path"]["Fn::Join"][1][-1] == f"/{layer}/"
    assert must_exclude <= set(target["Exclusions"])
    assert crawler["DatabaseName"] == "sentinel" and crawler["TablePrefix"] == f"{layer}_"
    assert crawler["SchemaChangePolicy"]["DeleteBehavior"] == "LOG"  # partitions are moved by the jobs
