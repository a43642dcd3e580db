"""Alarms: failed Glue runs via EventBridge, API 5xx via CloudWatch, all into one SNS topic."""

from __future__ import annotations

from infra_helpers import Synth, logical_id, of_type


def test_failed_glue_job_runs_notify_the_alarm_topic(default: Synth) -> None:
    topic = logical_id(default.stack, default.stack.monitoring.topic)
    rules = [r["Properties"] for r in of_type(default.resources, "AWS::Events::Rule").values()]
    (jobs,) = [r for r in rules if r["EventPattern"]["detail-type"] == ["Glue Job State Change"]]
    assert jobs["EventPattern"]["source"] == ["aws.glue"]
    assert {"FAILED", "TIMEOUT"} <= set(jobs["EventPattern"]["detail"]["state"])
    assert sorted(jobs["EventPattern"]["detail"]["jobName"]) == [
        "sentinel-gold-to-anomalies",
        "sentinel-raw-to-silver",
        "sentinel-silver-to-gold",
    ]
    assert [t["Arn"] for t in jobs["Targets"]] == [{"Ref": topic}]
    (crawlers,) = [r for r in rules if r["EventPattern"]["detail-type"] == ["Glue Crawler State Change"]]
    assert crawlers["EventPattern"]["detail"]["state"] == ["Failed"]


def test_api_5xx_alarm(default: Synth) -> None:
    topic = logical_id(default.stack, default.stack.monitoring.topic)
    api = logical_id(default.stack, default.stack.api.http_api)
    alarms = [a["Properties"] for a in of_type(default.resources, "AWS::CloudWatch::Alarm").values()]
    (five_xx,) = [a for a in alarms if a["MetricName"] == "5xx"]
    assert five_xx["Namespace"] == "AWS/ApiGateway"
    assert five_xx["Dimensions"] == [{"Name": "ApiId", "Value": {"Ref": api}}]
    assert all(a["AlarmActions"] == [{"Ref": topic}] for a in alarms)


def test_alarm_topic_is_encrypted_with_the_cmk(default: Synth) -> None:
    (topic,) = of_type(default.resources, "AWS::SNS::Topic").values()
    key = logical_id(default.stack, default.stack.storage.key)
    assert topic["Properties"]["KmsMasterKeyId"] == {"Fn::GetAtt": [key, "Arn"]}
