"""Dashboard hosting: private bucket, CloudFront with Origin Access Control."""

from __future__ import annotations

from infra_helpers import Synth, as_list, logical_id, of_type


def test_cloudfront_reads_the_bucket_through_oac(any_synth: Synth) -> None:
    resources = any_synth.resources
    assert not of_type(resources, "AWS::CloudFront::CloudFrontOriginAccessIdentity")
    (oac,) = of_type(resources, "AWS::CloudFront::OriginAccessControl").values()
    assert oac["Properties"]["OriginAccessControlConfig"]["SigningBehavior"] == "always"
    (distribution,) = of_type(resources, "AWS::CloudFront::Distribution").values()
    config = distribution["Properties"]["DistributionConfig"]
    (origin,) = config["Origins"]
    assert "OriginAccessControlId" in origin
    assert origin["S3OriginConfig"].get("OriginAccessIdentity", "") == ""
    assert config["DefaultRootObject"] == "index.html"
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"


def test_web_bucket_policy_admits_only_this_distribution(default: Synth) -> None:
    bucket = logical_id(default.stack, default.stack.web.bucket)
    distribution = logical_id(default.stack, default.stack.web.distribution)
    (policy,) = [
        p["Properties"]["PolicyDocument"]
        for p in of_type(default.resources, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": bucket}
    ]
    (allow,) = [s for s in policy["Statement"] if s["Effect"] == "Allow"]
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert as_list(allow["Action"]) == ["s3:GetObject"]
    assert {"Ref": distribution} in allow["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Join"][1]


def test_site_files_are_deployed_without_invalidation_rights(default: Synth, regional: Synth) -> None:
    # Unbuilt dashboard: only config.json. Built: bundles plus entry points.
    assert len(of_type(default.resources, "Custom::CDKBucketDeployment")) == 2  # glue code + config.json
    assert len(of_type(regional.resources, "Custom::CDKBucketDeployment")) == 3
    for synth in (default, regional):
        for statement in (
            s
            for p in of_type(synth.resources, "AWS::IAM::Policy").values()
            for s in p["Properties"]["PolicyDocument"]["Statement"]
        ):
            assert not any(a.startswith("cloudfront:") for a in as_list(statement["Action"]))
