"""The customer managed key and the S3 buckets: landing, lake, artifacts, Athena results.

Every bucket: Block Public Access, SSE-KMS with the one CMK (S3 Bucket Keys on, which cuts KMS requests
and their cost by orders of magnitude), TLS-only bucket policy, bucket-owner-enforced object ownership.
Buckets holding billing data are retained when the stack is deleted.
"""

from __future__ import annotations

from typing import Any

from aws_cdk import Aws, Duration, RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .config import SentinelConfig

# Lake layout (docs/schema.md). On S3 a period is replaced by writing a new version prefix and moving the
# catalog partition location, so readers of a layer also need the matching `_versions/<layer>/` prefix.
RAW = "raw/"
VERSIONS = "_versions/"
RELEASES = f"{VERSIONS}_releases/"  # each period's release: every table's published version (one object)
PIPES = "pipes/"
GLUE_CODE = "glue/code/"
GLUE_TMP = "glue/tmp/"
GLUE_WHEELS = "glue/wheels/"  # optional: wheels for --additional-python-modules without PyPI
ATHENA_RESULTS = "athena/"

# Service principals that deliver billing exports (AWS Data Exports for CUR 2.0/FOCUS, legacy CUR).
EXPORT_PRINCIPALS = ("bcm-data-exports.amazonaws.com", "billingreports.amazonaws.com")


def layer_prefixes(layer: str) -> tuple[str, str]:
    """The two key prefixes a silver/gold layer occupies: the table folders and their versions."""
    return f"{layer}/", f"{VERSIONS}{layer}/"


def export_source_arns(export_name: str | None) -> list[str]:
    """ARN patterns of the billing exports allowed to deliver: this account's export (or any of its
    Data Exports when the export is created by hand) and its legacy CUR definitions. Data Exports and
    CUR are global services homed in us-east-1, whatever region the bucket is in."""
    export = f"{export_name}-*" if export_name else "*"
    return [
        f"arn:{Aws.PARTITION}:bcm-data-exports:us-east-1:{Aws.ACCOUNT_ID}:export/{export}",
        f"arn:{Aws.PARTITION}:cur:us-east-1:{Aws.ACCOUNT_ID}:definition/*",
    ]


class Storage(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, config: SentinelConfig) -> None:
        super().__init__(scope, construct_id)
        self.config = config
        self.key = kms.Key(
            self,
            "Key",
            alias=f"alias/{config.name_prefix}",
            description="Sentinel: encrypts billing data, Glue output, Athena results, logs and alarms",
            enable_key_rotation=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        self._allow_services_to_use_key()

        self.landing = self._bucket(
            "Landing",
            bucket_name=config.landing_bucket_name or landing_bucket_name(config, Aws.REGION),
            # Exports overwrite the month's files several times a day; versions would only pile up.
            versioned=False,
        )
        self._allow_export_delivery()

        self.lake = self._bucket(
            "Lake",
            versioned=True,
            lifecycle_rules=[
                # raw/ is the audit trail: no rule ever expires it. Every delivery is a full copy of
                # the month so far, so raw grows fast and is rarely read again: Intelligent-Tiering
                # moves untouched objects to cheaper tiers with no retrieval fee (docs/deployment.md).
                s3.LifecycleRule(
                    id="tier-raw",
                    prefix=RAW,
                    transitions=[
                        s3.Transition(
                            storage_class=s3.StorageClass.INTELLIGENT_TIERING,
                            transition_after=Duration.days(0),
                        )
                    ],
                ),
                # Superseded silver/gold versions (and delete markers left by replacing a partition) go
                # after a grace period.
                *[
                    s3.LifecycleRule(
                        id=f"expire-noncurrent-{prefix.strip('/').replace('/', '-')}",
                        prefix=prefix,
                        noncurrent_version_expiration=Duration.days(config.noncurrent_version_days),
                        expired_object_delete_marker=True,
                    )
                    for prefix in (*layer_prefixes("silver"), *layer_prefixes("gold"))
                ],
                s3.LifecycleRule(
                    id="abort-incomplete-uploads",
                    abort_incomplete_multipart_upload_after=Duration.days(7),
                ),
            ],
        )
        # Raw is never modified or deleted (docs/schema.md): refuse deletes for every principal.
        self.lake.add_to_resource_policy(
            iam.PolicyStatement(
                sid="DenyRawDeletes",
                effect=iam.Effect.DENY,
                principals=[iam.AnyPrincipal()],
                actions=["s3:DeleteObject", "s3:DeleteObjectVersion"],
                resources=[self.lake.arn_for_objects(f"{RAW}*")],
            )
        )

        self.artifacts = self._bucket(
            "Artifacts",
            lifecycle_rules=[
                # Pipes context and messages only matter while a run is live.
                s3.LifecycleRule(
                    id="expire-pipes", prefix=PIPES, expiration=Duration.days(config.pipes_expiration_days)
                ),
                s3.LifecycleRule(id="expire-glue-tmp", prefix=GLUE_TMP, expiration=Duration.days(7)),
                s3.LifecycleRule(
                    id="abort-incomplete-uploads", abort_incomplete_multipart_upload_after=Duration.days(1)
                ),
            ],
        )

        self.athena_results = self._bucket(
            "AthenaResults",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="expire-results",
                    expiration=Duration.days(config.athena_results_expiration_days),
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                )
            ],
        )

    def _bucket(self, construct_id: str, **kwargs: Any) -> s3.Bucket:
        return secure_bucket(self, construct_id, self.key, **kwargs)

    def _allow_export_delivery(self) -> None:
        """The bucket policy AWS Data Exports requires (docs: 'Setting up an Amazon S3 bucket for data
        exports'), narrowed from `export/*` to this stack's export name."""
        name = None if self.config.export_type == "none" else self.config.effective_export_name
        self.landing.add_to_resource_policy(
            iam.PolicyStatement(
                sid="EnableAWSDataExportsToWriteToS3AndCheckPolicy",
                principals=[iam.ServicePrincipal(p) for p in EXPORT_PRINCIPALS],
                actions=["s3:PutObject", "s3:GetBucketPolicy"],
                resources=[self.landing.bucket_arn, self.landing.arn_for_objects("*")],
                conditions={
                    "StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID},
                    "ArnLike": {"aws:SourceArn": export_source_arns(name)},
                },
            )
        )

    def _allow_services_to_use_key(self) -> None:
        """Key-policy grants for AWS services that encrypt with the CMK on their own behalf. IAM roles
        in this stack get key permissions through their own policies instead."""
        account = Aws.ACCOUNT_ID
        # Billing exports write SSE-KMS objects into the landing bucket.
        self.key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowBillingExportDelivery",
                principals=[iam.ServicePrincipal(p) for p in EXPORT_PRINCIPALS],
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],  # in a key policy "*" means this key
                conditions={"StringEquals": {"aws:SourceAccount": account}},
            )
        )
        # Encrypted CloudWatch Logs groups (Lambda, API access logs, Glue with a security configuration).
        self.key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowCloudWatchLogs",
                principals=[iam.ServicePrincipal(f"logs.{Aws.REGION}.amazonaws.com")],
                actions=[
                    "kms:Encrypt*",
                    "kms:Decrypt*",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:Describe*",
                ],
                resources=["*"],
                conditions={
                    "ArnLike": {
                        "kms:EncryptionContext:aws:logs:arn": (
                            f"arn:{Aws.PARTITION}:logs:{Aws.REGION}:{account}:log-group:*"
                        )
                    }
                },
            )
        )
        # CloudWatch alarms publishing to the encrypted SNS alarm topic (the EventBridge grant is added
        # by CDK's SnsTopic target).
        self.key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowAlarmPublishers",
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["kms:GenerateDataKey*", "kms:Decrypt"],
                resources=["*"],
                conditions={"StringEquals": {"aws:SourceAccount": account}},
            )
        )


def secure_bucket(scope: Construct, construct_id: str, key: kms.IKey, **kwargs: Any) -> s3.Bucket:
    """A bucket with Sentinel's baseline: private, SSE-KMS with the CMK, TLS only, retained."""
    return s3.Bucket(
        scope,
        construct_id,
        encryption=s3.BucketEncryption.KMS,
        encryption_key=key,
        bucket_key_enabled=True,
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        enforce_ssl=True,
        object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        removal_policy=RemovalPolicy.RETAIN,
        **kwargs,
    )


def landing_bucket_name(config: SentinelConfig, region: str) -> str:
    """A predictable landing bucket name: the billing export, which must live in us-east-1, may be in
    a different stack from the bucket and refers to it by name."""
    return f"{config.name_prefix}-landing-{Aws.ACCOUNT_ID}-{region}"
