"""Small, explicit IAM statements shared by the roles. CDK's `grant_read_write` helpers give whole buckets
and wildcard actions such as `s3:DeleteObject*`; Sentinel's roles each need a few prefixes instead."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from aws_cdk import Aws
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3

S3_READ = ("s3:GetObject",)
S3_WRITE = ("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts")
# Spark replaces a version folder it failed to finish, so the writers of a layer may delete in it.
S3_DELETE = ("s3:DeleteObject",)

GLUE_CATALOG_READ = (
    "glue:GetDatabase",
    "glue:GetTable",
    "glue:GetTables",
    "glue:GetPartition",
    "glue:GetPartitions",
    "glue:BatchGetPartition",
)
GLUE_CATALOG_WRITE = (
    "glue:CreateTable",
    "glue:UpdateTable",
    "glue:CreatePartition",
    "glue:BatchCreatePartition",
    "glue:UpdatePartition",
    "glue:BatchUpdatePartition",
    "glue:CreatePartitionIndex",
)


def objects(bucket: s3.IBucket, prefixes: Iterable[str], actions: Sequence[str]) -> iam.PolicyStatement:
    return iam.PolicyStatement(
        actions=list(actions), resources=[bucket.arn_for_objects(f"{p}*") for p in prefixes]
    )


def list_bucket(bucket: s3.IBucket, prefixes: Iterable[str] | None = None) -> iam.PolicyStatement:
    """ListBucket, limited to key prefixes when given. Spark's S3 committers probe parent "directories"
    without a prefix condition, so the Glue job roles list the lake unconditioned (object *reads* stay
    prefix-scoped); the API role, which only goes through Athena, keeps the prefix condition."""
    conditions = {"StringLike": {"s3:prefix": [f"{p}*" for p in prefixes]}} if prefixes is not None else None
    return iam.PolicyStatement(
        actions=["s3:ListBucket", "s3:GetBucketLocation"],
        resources=[bucket.bucket_arn],
        conditions=conditions,
    )


def use_key(key: kms.IKey, *, encrypt: bool) -> iam.PolicyStatement:
    actions = ["kms:Decrypt", "kms:DescribeKey"]
    if encrypt:
        actions += ["kms:Encrypt", "kms:GenerateDataKey"]
    return iam.PolicyStatement(actions=actions, resources=[key.key_arn])


def catalog_arns(database: str, table_patterns: Iterable[str]) -> list[str]:
    base = f"arn:{Aws.PARTITION}:glue:{Aws.REGION}:{Aws.ACCOUNT_ID}"
    return [
        f"{base}:catalog",
        f"{base}:database/{database}",
        *(f"{base}:table/{database}/{t}" for t in table_patterns),
    ]


def catalog(database: str, table_patterns: Iterable[str], actions: Sequence[str]) -> iam.PolicyStatement:
    return iam.PolicyStatement(actions=list(actions), resources=catalog_arns(database, table_patterns))


def log_groups(name_pattern: str, actions: Sequence[str]) -> iam.PolicyStatement:
    arn = f"arn:{Aws.PARTITION}:logs:{Aws.REGION}:{Aws.ACCOUNT_ID}:log-group:{name_pattern}"
    return iam.PolicyStatement(actions=list(actions), resources=[arn, f"{arn}:*"])


def glue_metrics() -> iam.PolicyStatement:
    """Documented exception to "no Resource: *": cloudwatch:PutMetricData has no resource-level
    permissions. The namespace condition keeps it to Glue's own job metrics."""
    return iam.PolicyStatement(
        actions=["cloudwatch:PutMetricData"],
        resources=["*"],
        conditions={"StringEquals": {"cloudwatch:namespace": "Glue"}},
    )
