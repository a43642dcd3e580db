"""Buckets and the key: private, SSE-KMS with the one CMK, TLS only, the lake's lifecycle."""

from __future__ import annotations

from typing import Any

from infra_helpers import Synth, as_list, flat, logical_id, of_type, refs


def test_one_customer_managed_key_with_rotation(any_synth: Synth) -> None:
    keys = of_type(any_synth.resources, "AWS::KMS::Key")
    assert len(keys) == 1
    (key,) = keys.values()
    assert key["Properties"]["EnableKeyRotation"] is True


def test_every_bucket_is_private_and_encrypted_with_the_cmk(any_synth: Synth) -> None:
    key_id = logical_id(any_synth.stack, any_synth.stack.storage.key)
    buckets = of_type(any_synth.resources, "AWS::S3::Bucket")
    assert len(buckets) == 5  # landing, lake, artifacts, athena results, web
    for name, bucket in buckets.items():
        props = bucket["Properties"]
        (rule,) = props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        default = rule["ServerSideEncryptionByDefault"]
        assert default["SSEAlgorithm"] == "aws:kms", name
        assert default["KMSMasterKeyID"] == {"Fn::GetAtt": [key_id, "Arn"]}, name
        assert rule["BucketKeyEnabled"] is True, name
        assert props["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }, name
        assert props["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}], name


def test_every_bucket_refuses_plain_http(any_synth: Synth) -> None:
    resources = any_synth.resources
    tls_only: set[str] = set()
    for policy in of_type(resources, "AWS::S3::BucketPolicy").values():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            if statement["Effect"] == "Deny" and statement.get("Condition") == {
                "Bool": {"aws:SecureTransport": "false"}
            }:
                tls_only |= refs(policy["Properties"]["Bucket"])
    assert tls_only == set(of_type(resources, "AWS::S3::Bucket"))


def _bucket(synth: Synth, attr: str) -> dict[str, Any]:
    return synth.resources[logical_id(synth.stack, getattr(synth.stack.storage, attr))]["Properties"]


def test_lake_is_versioned_and_raw_never_expires(default: Synth) -> None:
    lake = _bucket(default, "lake")
    assert lake["VersioningConfiguration"] == {"Status": "Enabled"}
    rules = lake["LifecycleConfiguration"]["Rules"]
    for rule in rules:
        prefix = rule.get("Prefix", "")
        # A rule that reaches raw/ (no prefix, or a raw prefix) may move objects to a cheaper storage
        # class or abort incomplete uploads, never expire anything.
        if not prefix or prefix.startswith("raw"):
            assert set(rule) <= {"Id", "Prefix", "Status", "AbortIncompleteMultipartUpload", "Transitions"}, (
                rule
            )
    (tiering,) = [r for r in rules if r.get("Prefix") == "raw/"]
    assert tiering["Transitions"] == [{"StorageClass": "INTELLIGENT_TIERING", "TransitionInDays": 0}]
    expiring = {r["Prefix"] for r in rules if "NoncurrentVersionExpiration" in r}
    assert expiring == {"silver/", "gold/", "_versions/silver/", "_versions/gold/"}
    assert all(
        r["NoncurrentVersionExpiration"]["NoncurrentDays"] == 30 for r in rules if r.get("Prefix") in expiring
    )


def test_raw_deletes_are_denied_to_everyone(default: Synth) -> None:
    lake_id = logical_id(default.stack, default.stack.storage.lake)
    (policy,) = [
        p["Properties"]["PolicyDocument"]
        for p in of_type(default.resources, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": lake_id}
    ]
    (deny,) = [s for s in policy["Statement"] if s.get("Sid") == "DenyRawDeletes"]
    assert deny["Effect"] == "Deny" and deny["Principal"] == {"AWS": "*"}
    assert set(deny["Action"]) == {"s3:DeleteObject", "s3:DeleteObjectVersion"}
    assert '"/raw/*"' in flat(deny["Resource"])


def test_short_lived_prefixes_expire(default: Synth) -> None:
    results = _bucket(default, "athena_results")["LifecycleConfiguration"]["Rules"]
    assert any(r.get("ExpirationInDays") == 7 for r in results)
    artifacts = _bucket(default, "artifacts")["LifecycleConfiguration"]["Rules"]
    assert {"Prefix": "pipes/", "ExpirationInDays": 3} in [
        {k: r[k] for k in ("Prefix", "ExpirationInDays") if k in r} for r in artifacts
    ]


def _landing_delivery_statement(synth: Synth) -> dict[str, Any]:
    landing_id = logical_id(synth.stack, synth.stack.storage.landing)
    for policy in of_type(synth.resources, "AWS::S3::BucketPolicy").values():
        if policy["Properties"]["Bucket"] == {"Ref": landing_id}:
            for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
                if statement.get("Sid") == "EnableAWSDataExportsToWriteToS3AndCheckPolicy":
                    return statement
    raise AssertionError("no Data Exports statement on the landing bucket")


def test_landing_bucket_lets_only_this_accounts_export_deliver(any_synth: Synth) -> None:
    statement = _landing_delivery_statement(any_synth)
    assert statement["Effect"] == "Allow"
    assert sorted(as_list(statement["Principal"]["Service"])) == [
        "bcm-data-exports.amazonaws.com",
        "billingreports.amazonaws.com",
    ]
    assert sorted(as_list(statement["Action"])) == ["s3:GetBucketPolicy", "s3:PutObject"]
    conditions = statement["Condition"]
    assert conditions["StringEquals"]["aws:SourceAccount"] == {"Ref": "AWS::AccountId"}
    source_arns = flat(conditions["ArnLike"]["aws:SourceArn"])
    name = any_synth.stack.config.effective_export_name
    assert f":export/{name}-*" in source_arns  # this export, not every export in the account
    assert ":definition/*" in source_arns  # legacy CUR definitions
    assert source_arns.count("us-east-1") == 2 and '{"Ref": "AWS::AccountId"}' in source_arns
