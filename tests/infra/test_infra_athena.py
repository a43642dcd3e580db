"""The enforced `sentinel` workgroup."""

from __future__ import annotations

from infra_helpers import Synth, logical_id, of_type


def _workgroup(synth: Synth) -> dict:
    (workgroup,) = of_type(synth.resources, "AWS::Athena::WorkGroup").values()
    return workgroup["Properties"]


def test_workgroup_enforces_encrypted_results_and_a_scan_cutoff(default: Synth) -> None:
    workgroup = _workgroup(default)
    assert workgroup["Name"] == "sentinel"
    config = workgroup["WorkGroupConfiguration"]
    assert config["EnforceWorkGroupConfiguration"] is True
    assert config["BytesScannedCutoffPerQuery"] == 10 * 1024**3
    assert config["EngineVersion"] == {"SelectedEngineVersion": "Athena engine version 3"}
    assert config["PublishCloudWatchMetricsEnabled"] is True
    results = config["ResultConfiguration"]
    key = logical_id(default.stack, default.stack.storage.key)
    assert results["EncryptionConfiguration"] == {
        "EncryptionOption": "SSE_KMS",
        "KmsKey": {"Fn::GetAtt": [key, "Arn"]},
    }
    bucket = logical_id(default.stack, default.stack.storage.athena_results)
    assert results["OutputLocation"] == {"Fn::Join": ["", ["s3://", {"Ref": bucket}, "/athena/sentinel/"]]}


def test_cutoff_comes_from_context(regional: Synth) -> None:
    assert _workgroup(regional)["WorkGroupConfiguration"]["BytesScannedCutoffPerQuery"] == 1024**3
