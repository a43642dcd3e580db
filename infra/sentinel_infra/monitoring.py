"""Alarms into one encrypted SNS topic: failed Glue job runs and crawls (EventBridge), API 5xx and Lambda
errors/throttles (CloudWatch metric alarms)."""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from .api import Api
from .config import SentinelConfig
from .storage import Storage

GLUE_FAILED_STATES = ["FAILED", "TIMEOUT", "ERROR"]


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: SentinelConfig,
        storage: Storage,
        job_names: Sequence[str],
        crawler_names: Sequence[str],
        api: Api,
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(
            self,
            "Alarms",
            display_name=f"{config.name_prefix} alarms",
            master_key=storage.key,
            enforce_ssl=True,
        )
        if config.alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(config.alarm_email))

        self.glue_job_failed = events.Rule(
            self,
            "GlueJobFailed",
            description="A Sentinel Glue job run failed or timed out",
            event_pattern=events.EventPattern(
                source=["aws.glue"],
                detail_type=["Glue Job State Change"],
                detail={"jobName": list(job_names), "state": GLUE_FAILED_STATES},
            ),
            targets=[
                targets.SnsTopic(
                    self.topic,
                    message=events.RuleTargetInput.from_text(
                        f"Glue job {events.EventField.from_path('$.detail.jobName')} run "
                        f"{events.EventField.from_path('$.detail.jobRunId')} ended "
                        f"{events.EventField.from_path('$.detail.state')}: "
                        f"{events.EventField.from_path('$.detail.message')}"
                    ),
                )
            ],
        )
        self.glue_crawler_failed = events.Rule(
            self,
            "GlueCrawlerFailed",
            description="A Sentinel Glue crawler failed",
            event_pattern=events.EventPattern(
                source=["aws.glue"],
                detail_type=["Glue Crawler State Change"],
                detail={"crawlerName": list(crawler_names), "state": ["Failed"]},
            ),
            targets=[targets.SnsTopic(self.topic)],
        )

        action = cw_actions.SnsAction(self.topic)
        five_minutes = Duration.minutes(5)
        self.api_5xx = cloudwatch.Alarm(
            self,
            "Api5xx",
            alarm_description="The Sentinel API answered 5xx",
            metric=api.http_api.metric_server_error(period=five_minutes, statistic="Sum"),
            threshold=5,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        self.lambda_errors = cloudwatch.Alarm(
            self,
            "ApiFunctionErrors",
            alarm_description="The Sentinel API function raised errors",
            metric=api.function.metric_errors(period=five_minutes, statistic="Sum"),
            threshold=5,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        self.lambda_throttles = cloudwatch.Alarm(
            self,
            "ApiFunctionThrottles",
            alarm_description="The Sentinel API function was throttled",
            metric=api.function.metric_throttles(period=five_minutes, statistic="Sum"),
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        for alarm in (self.api_5xx, self.lambda_errors, self.lambda_throttles):
            alarm.add_alarm_action(action)
