"""What AWS sells: regions, services and their usage types, operations, units and list prices.

Prices are us-east-1 list prices (USD) of the kind that appear in real CUR files; other regions apply
a price factor. Usage types follow AWS's conventions: a region prefix ('USE2-', 'EU-', 'APN1-'),
none in us-east-1 for the oldest EC2/S3 usage types, edge-location prefixes for CloudFront.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

AmountKind = Literal["hours", "prorated", "usage"]
PrefixStyle = Literal["classic", "regional", "global"]


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    prefix: str
    azs: str  # AZ letters
    price_pct: int  # price relative to us-east-1, percent
    weight: float

    def usage_prefix(self, style: PrefixStyle) -> str:
        if style == "global":
            return ""
        if self.code == "us-east-1":
            return "" if style == "classic" else "USE1-"
        if self.code == "eu-west-1":
            return "EU-"
        return f"{self.prefix}-"


REGIONS: tuple[Region, ...] = (
    Region("us-east-1", "US East (N. Virginia)", "USE1", "abcdef", 100, 38.0),
    Region("us-east-2", "US East (Ohio)", "USE2", "abc", 100, 9.0),
    Region("us-west-2", "US West (Oregon)", "USW2", "abcd", 100, 13.0),
    Region("us-west-1", "US West (N. California)", "USW1", "ac", 116, 2.0),
    Region("ca-central-1", "Canada (Central)", "CAN1", "abd", 110, 3.0),
    Region("eu-west-1", "EU (Ireland)", "EUW1", "abc", 106, 10.0),
    Region("eu-central-1", "EU (Frankfurt)", "EUC1", "abc", 118, 7.0),
    Region("eu-west-2", "EU (London)", "EUW2", "abc", 114, 3.0),
    Region("eu-north-1", "EU (Stockholm)", "EUN1", "abc", 98, 1.0),
    Region("ap-northeast-1", "Asia Pacific (Tokyo)", "APN1", "acd", 128, 4.0),
    Region("ap-southeast-1", "Asia Pacific (Singapore)", "APS1", "abc", 124, 3.0),
    Region("ap-southeast-2", "Asia Pacific (Sydney)", "APS2", "abc", 125, 2.0),
    Region("ap-south-1", "Asia Pacific (Mumbai)", "APS3", "abc", 108, 2.0),
    Region("sa-east-1", "South America (Sao Paulo)", "SAE1", "abc", 160, 1.0),
)
GLOBAL_REGION = len(REGIONS)  # index of the pseudo-region of global services (CloudFront, Route 53)
REGION_COUNT = len(REGIONS) + 1


@dataclass(frozen=True)
class Service:
    code: str  # lineItem/ProductCode
    name: str  # product/ProductName
    category: str  # FOCUS ServiceCategory


SERVICES: dict[str, Service] = {
    s.code: s
    for s in (
        Service("AmazonEC2", "Amazon Elastic Compute Cloud", "Compute"),
        Service("AmazonS3", "Amazon Simple Storage Service", "Storage"),
        Service("AmazonRDS", "Amazon Relational Database Service", "Databases"),
        Service("AWSLambda", "AWS Lambda", "Compute"),
        Service("AmazonDynamoDB", "Amazon DynamoDB", "Databases"),
        Service("AmazonCloudFront", "Amazon CloudFront", "Networking"),
        Service("AmazonVPC", "Amazon Virtual Private Cloud", "Networking"),
        Service("AWSDataTransfer", "AWS Data Transfer", "Networking"),
        Service("AWSELB", "Elastic Load Balancing", "Networking"),
        Service("AmazonCloudWatch", "AmazonCloudWatch", "Management and Governance"),
        Service("AmazonEKS", "Amazon Elastic Container Service for Kubernetes", "Compute"),
        Service("AmazonECS", "Amazon Elastic Container Service", "Compute"),
        Service("AmazonECR", "Amazon EC2 Container Registry (ECR)", "Storage"),
        Service("AWSQueueService", "Amazon Simple Queue Service", "Integration"),
        Service("AmazonSNS", "Amazon Simple Notification Service", "Integration"),
        Service("AWSGlue", "AWS Glue", "Analytics"),
        Service("AmazonAthena", "Amazon Athena", "Analytics"),
        Service("AmazonRedshift", "Amazon Redshift", "Analytics"),
        Service("AmazonElastiCache", "Amazon ElastiCache", "Databases"),
        Service("AmazonKinesis", "Amazon Kinesis", "Analytics"),
        Service("awskms", "AWS Key Management Service", "Security"),
        Service("AmazonRoute53", "Amazon Route 53", "Networking"),
        Service("AWSSecretsManager", "AWS Secrets Manager", "Security"),
        Service("AmazonEFS", "Amazon Elastic File System", "Storage"),
        Service("AmazonGuardDuty", "Amazon GuardDuty", "Security"),
        Service("AWSConfig", "AWS Config", "Management and Governance"),
        Service("AWSCloudTrail", "AWS CloudTrail", "Management and Governance"),
        Service("AmazonSageMaker", "Amazon SageMaker", "AI and Machine Learning"),
        Service("AmazonES", "Amazon OpenSearch Service", "Analytics"),
        Service("AWSStepFunctions", "AWS Step Functions", "Integration"),
        Service("AmazonApiGateway", "Amazon API Gateway", "Web"),
        Service("awswaf", "AWS WAF", "Security"),
        Service("AWSBackup", "AWS Backup", "Storage"),
        Service("AWSCostExplorer", "AWS Cost Explorer", "Management and Governance"),
        Service("AWSSupportBusiness", "AWS Support (Business)", "Management and Governance"),
        Service("ComputeSavingsPlans", "Savings Plans for AWS Compute usage", "Compute"),
    )
}


@dataclass(frozen=True)
class Sku:
    """One priced usage type of a service."""

    service: str
    usage: str  # usage type without the region prefix
    operation: str
    unit: str
    price: str  # USD per unit in us-east-1
    family: str  # product/productFamily
    kind: AmountKind  # how usage accrues: instance hours, a monthly quantity, or metered volume
    scale: float  # instances per line / monthly quantity / median volume per hour
    resource: str  # key of RESOURCES ('' for no resource id)
    style: PrefixStyle = "regional"
    az: bool = False
    ri: bool = False  # reservations can cover it (DiscountedUsage)
    sp: bool = False  # Savings Plans can cover it
    spot: bool = False
    weight: float = 1.0
    instance_type: str = ""
    normalization: float = 0.0
    description: str = ""  # '{rate}' is replaced by the rate


def _box(instance: str, price: str, nf: float, weight: float, operation: str = "RunInstances") -> Sku:
    os_name = "Windows" if operation.endswith("0002") else "Linux"
    return Sku(
        "AmazonEC2", f"BoxUsage:{instance}", operation, "Hrs", price, "Compute Instance", "hours", 1.6, "ec2",
        style="classic", az=True, ri=True, sp=True, spot=operation == "RunInstances", weight=weight,
        instance_type=instance, normalization=nf,
        description=f"${{rate}} per On Demand {os_name} {instance} Instance Hour",
    )


SKUS: tuple[Sku, ...] = (
    _box("t3.micro", "0.0104", 0.5, 4.0),
    _box("t3.medium", "0.0416", 2.0, 5.0),
    _box("m5.large", "0.096", 4.0, 9.0),
    _box("m5.xlarge", "0.192", 8.0, 6.0),
    _box("m5.large", "0.188", 4.0, 2.0, "RunInstances:0002"),
    _box("c5.2xlarge", "0.34", 16.0, 4.0),
    _box("r5.large", "0.126", 4.0, 4.0),
    _box("m6g.large", "0.077", 4.0, 4.0),
    _box("g4dn.xlarge", "0.526", 8.0, 1.0),
    Sku("AmazonEC2", "EBS:VolumeUsage.gp3", "CreateVolume-Gp3", "GB-Mo", "0.08", "Storage", "prorated", 120.0,
        "vol", style="classic", weight=7.0, description="${rate} per GB-month of General Purpose (gp3) provisioned storage"),
    Sku("AmazonEC2", "EBS:VolumeUsage.gp2", "CreateVolume-Gp2", "GB-Mo", "0.10", "Storage", "prorated", 80.0,
        "vol", style="classic", weight=4.0, description="${rate} per GB-month of General Purpose SSD (gp2) provisioned storage"),
    Sku("AmazonEC2", "EBS:SnapshotUsage", "CreateSnapshot", "GB-Mo", "0.05", "Storage Snapshot", "prorated", 300.0,
        "snap", style="classic", weight=2.0, description="${rate} per GB-Month of snapshot data stored"),
    Sku("AmazonEC2", "NatGateway-Hours", "NatGateway", "Hrs", "0.045", "NAT Gateway", "hours", 1.0, "nat",
        weight=3.0, description="${rate} per NAT Gateway Hour"),
    Sku("AmazonEC2", "NatGateway-Bytes", "NatGateway", "GB", "0.045", "NAT Gateway", "usage", 2.0, "nat",
        weight=2.0, description="${rate} per GB Data Processed by NAT Gateways"),
    Sku("AmazonEC2", "ElasticIP:IdleAddress", "AssociateAddressVPC", "Hrs", "0.005", "IP Address", "hours", 1.0,
        "eip", style="classic", weight=0.5, description="${rate} per Elastic IP address not attached to a running instance per hour"),
    Sku("AWSELB", "LoadBalancerUsage", "LoadBalancing:Application", "Hrs", "0.0225", "Load Balancer-Application",
        "hours", 1.0, "elb", weight=3.0, description="${rate} per Application LoadBalancer-hour (or partial hour)"),
    Sku("AWSELB", "LCUUsage", "LoadBalancing:Application", "LCU-Hrs", "0.008", "Load Balancer-Application",
        "usage", 3.0, "elb", weight=2.0, description="${rate} per used Application load balancer capacity unit-hour (or partial hour)"),
    Sku("AmazonS3", "TimedStorage-ByteHrs", "StandardStorage", "GB-Mo", "0.023", "Storage", "prorated", 900.0, "s3",
        style="classic", weight=8.0, description="${rate} per GB - first 50 TB / month of storage used"),
    Sku("AmazonS3", "TimedStorage-INT-FA-ByteHrs", "IntelligentTieringFAStorage", "GB-Mo", "0.023", "Storage",
        "prorated", 600.0, "s3", style="classic", weight=2.0, description="${rate} per GB-Month of storage used in Intelligent-Tiering Frequent Access"),
    Sku("AmazonS3", "Requests-Tier1", "PutObject", "Requests", "0.000005", "API Request", "usage", 4000.0, "s3",
        style="classic", weight=4.0, description="${rate} per 1,000 PUT, COPY, POST, or LIST requests"),
    Sku("AmazonS3", "Requests-Tier2", "GetObject", "Requests", "0.0000004", "API Request", "usage", 30000.0, "s3",
        style="classic", weight=3.0, description="${rate} per 10,000 GET and all other requests"),
    Sku("AmazonRDS", "InstanceUsage:db.r5.large", "CreateDBInstance:0002", "Hrs", "0.25", "Database Instance", "hours",
        1.0, "rds", az=True, ri=True, weight=6.0, instance_type="db.r5.large", normalization=4.0,
        description="${rate} per RDS db.r5.large instance hour (or partial hour) running MySQL"),
    Sku("AmazonRDS", "Multi-AZUsage:db.m5.large", "CreateDBInstance:0014", "Hrs", "0.356", "Database Instance",
        "hours", 1.0, "rds", az=True, ri=True, weight=4.0, instance_type="db.m5.large", normalization=8.0,
        description="${rate} per RDS db.m5.large Multi-AZ instance hour (or partial hour) running PostgreSQL"),
    Sku("AmazonRDS", "RDS:GP2-Storage", "CreateDBInstance:0002", "GB-Mo", "0.115", "Database Storage", "prorated",
        200.0, "rds", weight=3.0, description="${rate} per GB-month of provisioned GP2 storage running MySQL"),
    Sku("AmazonRDS", "RDS:ChargedBackupUsage", "CreateDBInstance:0002", "GB-Mo", "0.095", "Storage Snapshot",
        "prorated", 150.0, "rds", weight=1.0, description="${rate} per additional GB-month of backup storage exceeding free allocation"),
    Sku("AWSLambda", "Lambda-GB-Second", "Invoke", "Lambda-GB-Second", "0.0000166667", "Serverless", "usage",
        9000.0, "lambda", sp=True, weight=5.0, description="AWS Lambda - Total Compute - ${rate} per GB-second"),
    Sku("AWSLambda", "Request", "Invoke", "Requests", "0.0000002", "Serverless", "usage", 20000.0, "lambda",
        weight=2.0, description="AWS Lambda - Total Requests - ${rate} per request"),
    Sku("AWSLambda", "Lambda-GB-Second-ARM", "Invoke", "Lambda-GB-Second", "0.0000133334", "Serverless", "usage",
        6000.0, "lambda", sp=True, weight=2.0, description="AWS Lambda - Total Compute (ARM) - ${rate} per GB-second"),
    Sku("AmazonDynamoDB", "ReadRequestUnits", "PayPerRequestThroughput", "ReadRequestUnits", "0.00000025",
        "Amazon DynamoDB PayPerRequest Throughput", "usage", 50000.0, "dynamodb", weight=3.0,
        description="${rate} per read request unit"),
    Sku("AmazonDynamoDB", "WriteRequestUnits", "PayPerRequestThroughput", "WriteRequestUnits", "0.00000125",
        "Amazon DynamoDB PayPerRequest Throughput", "usage", 12000.0, "dynamodb", weight=3.0,
        description="${rate} per write request unit"),
    Sku("AmazonDynamoDB", "TimedStorage-ByteHrs", "StandardStorage", "GB-Mo", "0.25", "Database Storage",
        "prorated", 60.0, "dynamodb", weight=1.5, description="${rate} per GB-Month of storage used beyond first 25 free GB-Months"),
    Sku("AmazonCloudFront", "US-DataTransfer-Out-Bytes", "WebDistribution", "GB", "0.085", "Data Transfer", "usage",
        6.0, "cloudfront", style="global", weight=4.0, description="${rate} per GB - first 10 TB / month data transfer out (United States)"),
    Sku("AmazonCloudFront", "EU-DataTransfer-Out-Bytes", "WebDistribution", "GB", "0.085", "Data Transfer", "usage",
        3.0, "cloudfront", style="global", weight=2.0, description="${rate} per GB - first 10 TB / month data transfer out (Europe)"),
    Sku("AmazonCloudFront", "US-Requests-Tier1", "WebDistribution", "Requests", "0.000001", "Request", "usage",
        60000.0, "cloudfront", style="global", weight=2.0, description="${rate} per 10,000 HTTP Requests (United States)"),
    Sku("AmazonVPC", "VpcEndpoint-Hours", "VpcEndpoint", "Hrs", "0.01", "VpcEndpoint", "hours", 2.0, "vpce",
        weight=1.5, description="${rate} per VPC Endpoint Hour"),
    Sku("AmazonVPC", "PublicIPv4:InUseAddress", "AssociateAddressVPC", "Hrs", "0.005", "VPC Public IPv4 Address",
        "hours", 2.0, "eip", weight=1.5, description="${rate} per In-use public IPv4 address per hour"),
    Sku("AmazonVPC", "TransitGateway-Hours", "TransitGatewayVPC", "Hrs", "0.05", "Transit Gateway", "hours", 1.0,
        "tgw", weight=1.0, description="${rate} per Transit Gateway attachment hour"),
    Sku("AWSDataTransfer", "DataTransfer-Out-Bytes", "RunInstances", "GB", "0.09", "Data Transfer", "usage", 5.0,
        "ec2", weight=5.0, description="${rate} per GB - first 10 TB / month data transfer out beyond the global free tier"),
    Sku("AWSDataTransfer", "DataTransfer-Regional-Bytes", "InterZone-In", "GB", "0.01", "Data Transfer", "usage",
        20.0, "ec2", weight=3.0, description="${rate} per GB - regional data transfer - in/out/between EC2 AZs or using elastic IPs or ELB"),
    Sku("AWSDataTransfer", "AWS-Out-Bytes", "PublicIP-Out", "GB", "0.02", "Data Transfer", "usage", 8.0, "ec2",
        weight=2.0, description="${rate} per GB - data transfer out to another AWS Region"),
    Sku("AmazonCloudWatch", "CW:MetricMonitorUsage", "MetricStorage", "Metrics", "0.30", "Metric", "prorated",
        300.0, "", weight=3.0, description="${rate} per metric-month - first 10,000 metrics"),
    Sku("AmazonCloudWatch", "DataProcessing-Bytes", "PutLogEvents", "GB", "0.50", "Data Payload", "usage", 0.8, "",
        weight=3.0, description="${rate} per GB custom log data ingested"),
    Sku("AmazonCloudWatch", "TimedStorage-ByteHrs", "HourlyStorageMetering", "GB-Mo", "0.03", "Storage Snapshot",
        "prorated", 400.0, "", weight=1.0, description="${rate} per GB-mo of log storage"),
    Sku("AmazonCloudWatch", "CW:GMD-Metrics", "GetMetricData", "Metrics", "0.00001", "API Request", "usage",
        20000.0, "", weight=0.8, description="${rate} per metric requested by GetMetricData"),
    Sku("AmazonEKS", "AmazonEKS-Hours:perCluster", "CreateOperation", "Hours", "0.10", "Compute", "hours", 1.0, "eks",
        weight=2.0, description="Amazon EKS cluster usage - ${rate} per hour"),
    Sku("AmazonECS", "Fargate-vCPU-Hours:perCPU", "FargateTask", "hours", "0.04048", "Compute", "usage", 6.0, "ecs",
        sp=True, weight=3.0, description="AWS Fargate - vCPU - ${rate} per hour"),
    Sku("AmazonECS", "Fargate-GB-Hours", "FargateTask", "hours", "0.004445", "Compute", "usage", 14.0, "ecs",
        sp=True, weight=1.5, description="AWS Fargate - Memory - ${rate} per GB-hour"),
    Sku("AmazonECR", "TimedStorage-ByteHrs", "", "GB-Mo", "0.10", "EC2 Container Registry", "prorated", 90.0, "ecr",
        weight=1.0, description="${rate} per GB-month of data storage"),
    Sku("AWSQueueService", "Requests-Tier1", "SendMessage", "Requests", "0.0000004", "API Request", "usage",
        40000.0, "sqs", weight=1.5, description="${rate} per million Amazon SQS standard requests in Tier1"),
    Sku("AmazonSNS", "Requests-Tier1", "Publish", "Requests", "0.0000005", "API Request", "usage", 20000.0, "sns",
        weight=1.0, description="${rate} per Amazon SNS request"),
    Sku("AmazonSNS", "DeliveryAttempts-HTTP", "Notification", "Notifications", "0.0000006", "Message Delivery",
        "usage", 15000.0, "sns", weight=0.5, description="${rate} per HTTP notification"),
    Sku("AWSGlue", "ETL-DPU-Hour", "Jobrun", "DPU-Hour", "0.44", "AWS Glue", "usage", 1.2, "glue", weight=3.0,
        description="${rate} per DPU-Hour for each Apache Spark or Spark Streaming job"),
    Sku("AWSGlue", "Crawler-DPU-Hour", "CrawlerRun", "DPU-Hour", "0.44", "AWS Glue", "usage", 0.15, "glue",
        weight=1.0, description="${rate} per DPU-Hour for each crawler run"),
    Sku("AWSGlue", "Catalog-Request", "CatalogRequest", "Request", "0.000001", "AWS Glue", "usage", 3000.0, "",
        weight=0.5, description="${rate} per request above 1M requests"),
    Sku("AmazonAthena", "DataScannedInTB", "RunQuery", "Terabytes", "5", "Serverless", "usage", 0.004, "",
        weight=2.0, description="${rate} per Terabytes for DataScannedInTB"),
    Sku("AmazonRedshift", "Node:ra3.xlplus", "RunComputeNode:0001", "Hrs", "1.086", "Compute Instance", "hours", 2.0,
        "redshift", ri=True, weight=3.0, instance_type="ra3.xlplus", normalization=8.0,
        description="${rate} per RA3 XLPlus Node Hour (or partial hour)"),
    Sku("AmazonRedshift", "RMS:ra3", "RunComputeNode:0001", "GB-Mo", "0.024", "Redshift Managed Storage",
        "prorated", 2000.0, "redshift", weight=1.0, description="${rate} per GB-month for Redshift Managed Storage"),
    Sku("AmazonElastiCache", "NodeUsage:cache.r6g.large", "CreateCacheCluster:0002", "NodeHour", "0.206",
        "Cache Instance", "hours", 2.0, "cache", az=True, ri=True, weight=3.0, instance_type="cache.r6g.large",
        normalization=4.0, description="${rate} per Redis cache.r6g.large node hour (or partial hour)"),
    Sku("AmazonElastiCache", "NodeUsage:cache.t3.medium", "CreateCacheCluster:0002", "NodeHour", "0.068",
        "Cache Instance", "hours", 1.0, "cache", az=True, ri=True, weight=1.5, instance_type="cache.t3.medium",
        normalization=2.0, description="${rate} per Redis cache.t3.medium node hour (or partial hour)"),
    Sku("AmazonKinesis", "Storage-ShardHour", "CreateStream", "ShardHour", "0.015", "Kinesis Streams", "hours", 4.0,
        "kinesis", weight=1.5, description="${rate} per shard hour"),
    Sku("AmazonKinesis", "PutRequestPayloadUnits", "PutRecord", "PutRequestPayloadUnits", "0.000000014",
        "Kinesis Streams", "usage", 90000.0, "kinesis", weight=1.0, description="${rate} per PUT payload unit"),
    Sku("awskms", "KMS-Keys", "CreateKey", "Keys", "1", "Encryption Key", "prorated", 6.0, "kms", weight=1.0,
        description="${rate} per customer managed key per month"),
    Sku("awskms", "KMS-Requests", "GenerateDataKey", "Requests", "0.000003", "API Request", "usage", 3000.0, "kms",
        weight=1.0, description="${rate} per request"),
    Sku("AmazonRoute53", "HostedZone", "HostedZone", "HostedZone", "0.50", "DNS Zone", "prorated", 3.0, "route53",
        style="global", weight=0.8, description="${rate} per Hosted Zone for the first 25 Hosted Zones"),
    Sku("AmazonRoute53", "DNS-Queries", "Query", "Queries", "0.0000004", "DNS Query", "usage", 40000.0, "route53",
        style="global", weight=0.8, description="${rate} per query for the first 1 Billion queries / month"),
    Sku("AWSSecretsManager", "AWSSecretsManager-Secrets", "StoreSecret", "Secrets", "0.40", "Secret", "prorated", 12.0,
        "secret", weight=0.8, description="${rate} per secret per month"),
    Sku("AWSSecretsManager", "AWSSecretsManager-APIRequest", "GetSecretValue", "API Requests", "0.000005",
        "API Request", "usage", 800.0, "secret", weight=0.5, description="${rate} per 10,000 API requests"),
    Sku("AmazonEFS", "TimedStorage-ByteHrs", "Storage", "GB-Mo", "0.30", "Storage", "prorated", 150.0, "efs",
        weight=1.5, description="${rate} per GB-Mo for Standard storage"),
    Sku("AmazonGuardDuty", "PaidEventsAnalyzed", "none", "Events", "0.000001", "Security Services", "usage",
        30000.0, "", weight=1.0, description="${rate} per Event for CloudTrail Management Event Analysis"),
    Sku("AWSConfig", "ConfigurationItemRecorded", "", "ConfigurationItemRecorded", "0.003", "Management Tools - AWS Config",
        "usage", 20.0, "", weight=1.0, description="${rate} per Configuration Item recorded"),
    Sku("AWSCloudTrail", "PaidEventsRecorded", "None", "Events", "0.000002", "Management Tools - AWS CloudTrail Data Events Recorded",
        "usage", 20000.0, "", weight=0.8, description="${rate} per data event recorded"),
    Sku("AmazonSageMaker", "Notebk:ml.t3.medium", "RunInstance", "Hrs", "0.05", "ML Instance", "hours", 1.0,
        "sagemaker", weight=1.0, instance_type="ml.t3.medium", description="${rate} per On Demand Notebook ml.t3.medium hour"),
    Sku("AmazonSageMaker", "Train:ml.m5.xlarge", "RunInstance", "Hrs", "0.23", "ML Instance", "hours", 1.0,
        "sagemaker", weight=1.0, instance_type="ml.m5.xlarge", description="${rate} per On Demand Training ml.m5.xlarge hour"),
    Sku("AmazonES", "ESInstance:r6g.large.search", "ESDomain", "Hrs", "0.167", "Amazon OpenSearch Service Instance",
        "hours", 2.0, "es", ri=True, weight=2.0, instance_type="r6g.large.search", normalization=4.0,
        description="${rate} per r6g.large.search instance hour (or partial hour)"),
    Sku("AWSStepFunctions", "StateTransition", "StartExecution", "StateTransitions", "0.000025", "AWS Step Functions",
        "usage", 2000.0, "sfn", weight=0.5, description="${rate} per state transition"),
    Sku("AmazonApiGateway", "ApiGatewayRequest", "ApiGatewayRequest", "Requests", "0.0000035", "API Calls", "usage",
        12000.0, "apigw", weight=1.5, description="${rate} per request for the first 333 million requests/month"),
    Sku("awswaf", "WebACL", "", "WebACL", "5", "Web Application Firewall", "prorated", 1.0, "waf", weight=0.5,
        description="${rate} per web ACL per month (prorated hourly)"),
    Sku("AWSBackup", "WarmStorage-ByteHrs-EBS", "Storage", "GB-Mo", "0.05", "AWS Backup Storage", "prorated", 500.0,
        "", weight=1.0, description="${rate} per GB-Month of backup data stored"),
    Sku("AWSCostExplorer", "APIRequest", "GetCostAndUsage", "Requests", "0.01", "Management Tools - AWS Cost Explorer",
        "usage", 2.0, "", weight=0.3, description="${rate} per API request"),
)

# Monthly charges that are not metered usage: fees for reservations, Savings Plans and support.
# They follow the usage SKUs in ALL_SKUS, so one index addresses both; weight 0 keeps them out of usage.
CHARGE_SKUS: tuple[Sku, ...] = (
    Sku("AWSSupportBusiness", "Dollar", "", "", "0.01", "Support", "usage", 0.0, "", style="global", weight=0.0,
        description="AWS Support (Business)"),
    Sku("AmazonEC2", "HeavyUsage:m5.large", "RunInstances", "Hrs", "0.06", "Compute Instance", "hours", 0.0, "",
        style="classic", ri=True, weight=0.0, instance_type="m5.large", normalization=4.0,
        description="USD {rate} hourly fee per Linux/UNIX (Amazon VPC), m5.large instance"),
    Sku("AmazonEC2", "HeavyUsage:t3.medium", "RunInstances", "Hrs", "0.026", "Compute Instance", "hours", 0.0, "",
        style="classic", ri=True, weight=0.0, instance_type="t3.medium", normalization=2.0,
        description="USD {rate} hourly fee per Linux/UNIX (Amazon VPC), t3.medium instance"),
    Sku("AmazonRDS", "HeavyUsage:db.r5.large", "CreateDBInstance:0002", "Hrs", "0.158", "Database Instance", "hours",
        0.0, "", ri=True, weight=0.0, instance_type="db.r5.large", normalization=4.0,
        description="USD {rate} hourly fee per MySQL, db.r5.large instance"),
    Sku("ComputeSavingsPlans", "ComputeSP:1yrNoUpfront", "", "", "0.01", "Savings Plan", "usage", 0.0, "",
        style="global", weight=0.0, description="1 year No Upfront Compute Savings Plan"),
)
ALL_SKUS: tuple[Sku, ...] = SKUS + CHARGE_SKUS
SUPPORT_SKU = len(SKUS)
RI_FEE_SKUS = (len(SKUS) + 1, len(SKUS) + 2, len(SKUS) + 3)
SP_FEE_SKU = len(SKUS) + 4


@dataclass(frozen=True)
class ResourceTemplate:
    """How resource ids look: 'i-0<hex>' or 'arn:aws:<service>:<region>:<account>:<mid><body>'."""

    head: str  # prefix, or the ARN service
    arn: bool
    mid: str = ""
    body: Literal["hex", "name", "uuid"] = "hex"
    regional: bool = True
    with_account: bool = True


RESOURCES: dict[str, ResourceTemplate] = {
    "ec2": ResourceTemplate("i-0", False),
    "vol": ResourceTemplate("vol-0", False),
    "snap": ResourceTemplate("snap-0", False),
    "nat": ResourceTemplate("nat-0", False),
    "eip": ResourceTemplate("eipalloc-0", False),
    "vpce": ResourceTemplate("vpce-0", False),
    "tgw": ResourceTemplate("tgw-attach-0", False),
    "s3": ResourceTemplate("", False, body="name"),
    "elb": ResourceTemplate("elasticloadbalancing", True, "loadbalancer/app/", "name"),
    "rds": ResourceTemplate("rds", True, "db:", "name"),
    "lambda": ResourceTemplate("lambda", True, "function:", "name"),
    "dynamodb": ResourceTemplate("dynamodb", True, "table/", "name"),
    "eks": ResourceTemplate("eks", True, "cluster/", "name"),
    "ecs": ResourceTemplate("ecs", True, "task/", "uuid"),
    "ecr": ResourceTemplate("ecr", True, "repository/", "name"),
    "sqs": ResourceTemplate("sqs", True, "", "name"),
    "sns": ResourceTemplate("sns", True, "", "name"),
    "glue": ResourceTemplate("glue", True, "job/", "name"),
    "redshift": ResourceTemplate("redshift", True, "cluster:", "name"),
    "cache": ResourceTemplate("elasticache", True, "cluster:", "name"),
    "kinesis": ResourceTemplate("kinesis", True, "stream/", "name"),
    "kms": ResourceTemplate("kms", True, "key/", "uuid"),
    "secret": ResourceTemplate("secretsmanager", True, "secret:", "name"),
    "efs": ResourceTemplate("elasticfilesystem", True, "file-system/fs-0", "hex"),
    "sagemaker": ResourceTemplate("sagemaker", True, "notebook-instance/", "name"),
    "es": ResourceTemplate("es", True, "domain/", "name"),
    "sfn": ResourceTemplate("states", True, "stateMachine:", "name"),
    "apigw": ResourceTemplate("apigateway", True, "/restapis/", "hex", with_account=False),
    "waf": ResourceTemplate("wafv2", True, "regional/webacl/", "name"),
    "cloudfront": ResourceTemplate("cloudfront", True, "distribution/E", "hex", regional=False),
    "route53": ResourceTemplate("route53", True, "hostedzone/Z0", "hex", regional=False, with_account=False),
}

# Words for resource names, tag values and account names.
WORKLOADS = (
    "orders", "payments", "search", "checkout", "catalog", "identity", "ingest", "analytics", "reports",
    "billing", "notifications", "media", "recommendations", "etl", "web", "api", "auth", "events",
)
ENVIRONMENTS = ("prod", "staging", "dev", "sandbox")
TEAMS = ("payments", "search", "data-platform", "identity", "checkout", "mobile", "ml", "observability", "security")

# Resource tags: legacy CUR header name, and the values it takes.
TAG_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("user:CostCenter", tuple(f"CC-{1000 + i}" for i in range(1, 13))),
    ("user:Environment", ("production", "staging", "development", "sandbox")),
    ("user:Application", WORKLOADS[:12]),
    ("aws:createdBy", ("AssumedRole:AROAEXAMPLEDEPLOY:ci-deployer", "IAMUser:AIDAEXAMPLEADMIN:ops-admin",
                       "AssumedRole:AROAEXAMPLETERRA:terraform")),
    ("user:Project", ("phoenix", "atlas", "nimbus", "orion", "helix", "zephyr")),  # activated in month 2
)
NEW_TAG = "user:Project"

# Cost categories: header name and values (Team follows the account, BusinessUnit the cost center).
COST_CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Team", TEAMS),
    ("BusinessUnit", ("Commerce", "Platform", "Data", "Corporate", "Unallocated")),
)

INVOICING_ENTITIES = ("Amazon Web Services, Inc.", "Amazon Web Services EMEA SARL")
