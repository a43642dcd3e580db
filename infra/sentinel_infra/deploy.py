"""One role and one log group for every S3 BucketDeployment (Glue code, dashboard files).

CDK runs all BucketDeployments of a stack through one singleton Lambda. Giving it our own role keeps it
off AWSLambdaBasicExecutionRole (logs on "*") and lets the grants CDK adds land on a role we name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aws_cdk import RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct


class Deployer(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, key: kms.IKey, retention: logs.RetentionDays
    ) -> None:
        super().__init__(scope, construct_id)
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Sentinel: copies Glue code and dashboard files into their buckets at deploy time",
        )
        self.log_group = logs.LogGroup(
            self, "Logs", retention=retention, encryption_key=key, removal_policy=RemovalPolicy.DESTROY
        )
        self.role.add_to_policy(
            iam.PolicyStatement(
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[self.log_group.log_group_arn],
            )
        )

    def deploy(
        self,
        scope: Construct,
        construct_id: str,
        *,
        sources: Sequence[s3deploy.ISource],
        bucket: s3.IBucket,
        **kwargs: Any,
    ) -> s3deploy.BucketDeployment:
        return s3deploy.BucketDeployment(
            scope,
            construct_id,
            sources=list(sources),
            destination_bucket=bucket,
            role=self.role,
            log_group=self.log_group,
            # Never delete what an earlier deploy uploaded: running Glue jobs and open browser tabs
            # may still use it.
            prune=False,
            retain_on_delete=True,
            **kwargs,
        )
