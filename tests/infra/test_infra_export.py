"""The AWS Data Exports definition and where it is placed."""

from __future__ import annotations

from infra_helpers import Synth, logical_id, of_type


def _export(resources: dict) -> dict:
    (export,) = of_type(resources, "AWS::BCMDataExports::Export").values()
    return export


def test_cur2_export_delivers_parquet_to_the_landing_bucket(default: Synth) -> None:
    export = _export(default.resources)
    landing = logical_id(default.stack, default.stack.storage.landing)
    props = export["Properties"]["Export"]
    assert props["Name"] == "sentinel-cur2"
    destination = props["DestinationConfigurations"]["S3Destination"]
    assert destination["S3Bucket"] == {"Ref": landing}
    assert destination["S3Prefix"] == "exports"
    assert destination["S3OutputConfigurations"] == {
        "Format": "PARQUET",
        "Compression": "PARQUET",
        "OutputType": "CUSTOM",
        "Overwrite": "OVERWRITE_REPORT",
    }
    query = props["DataQuery"]
    assert query["QueryStatement"].startswith("SELECT bill_bill_type, ")
    assert query["QueryStatement"].endswith(" FROM COST_AND_USAGE_REPORT")
    assert query["TableConfigurations"]["COST_AND_USAGE_REPORT"]["TIME_GRANULARITY"] == "HOURLY"
    assert props["RefreshCadence"] == {"Frequency": "SYNCHRONOUS"}


def test_export_waits_for_the_bucket_policy_and_only_exists_in_us_east_1(default: Synth) -> None:
    export = _export(default.resources)
    policy = logical_id(default.stack, default.stack.storage.landing.policy)
    assert policy in export["DependsOn"]
    condition = default.template.to_json()["Conditions"][export["Condition"]]
    assert condition == {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}


def test_outside_us_east_1_the_export_gets_its_own_stack(regional: Synth) -> None:
    assert not of_type(regional.resources, "AWS::BCMDataExports::Export")
    assert regional.export_template is not None
    export = _export(regional.export_template.to_json()["Resources"])
    props = export["Properties"]["Export"]
    assert props["Name"] == "sentinel-focus"
    assert props["DataQuery"]["QueryStatement"].endswith(" FROM FOCUS_1_0_AWS")
    destination = props["DestinationConfigurations"]["S3Destination"]
    assert destination["S3Region"] == "eu-west-1"
    # The same predictable name the landing bucket is created with in eu-west-1.
    landing = regional.resources[logical_id(regional.stack, regional.stack.storage.landing)]["Properties"]
    assert landing["BucketName"] == {
        "Fn::Join": ["", ["sentinel-landing-", {"Ref": "AWS::AccountId"}, "-", {"Ref": "AWS::Region"}]]
    }
    assert destination["S3Bucket"] == {
        "Fn::Join": ["", ["sentinel-landing-", {"Ref": "AWS::AccountId"}, "-eu-west-1"]]
    }
