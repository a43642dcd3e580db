"""The dashboard: a private S3 bucket served by CloudFront through Origin Access Control (not OAI).

`config.json` at the site root tells the single-page app where the API is and how it authenticates; it
is written at deploy time because the API URL only exists then.
"""

from __future__ import annotations

from aws_cdk import Annotations, Duration
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct

from .config import SentinelConfig
from .deploy import Deployer
from .storage import Storage, secure_bucket

ENTRY_POINTS = ("index.html", "config.json")


class WebHosting(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, config: SentinelConfig, storage: Storage
    ) -> None:
        super().__init__(scope, construct_id)
        self.config = config
        self.bucket = secure_bucket(self, "Bucket", storage.key)
        # With an SSE-KMS bucket CDK also adds the key-policy grant CloudFront needs to decrypt.
        origin = origins.S3BucketOrigin.with_origin_access_control(self.bucket)
        # The key, the bucket and the distribution would form a cycle if that grant named this
        # distribution, so it names the account's distributions (distribution/*); see docs/deployment.md.
        Annotations.of(storage).acknowledge_warning(
            "@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac",
            "CloudFront may decrypt with the CMK only for distributions of this account (cycle otherwise)",
        )
        # A client-side router owns every path: unknown keys (S3 answers 403 through OAC) serve the app.
        spa_fallback = [
            cloudfront.ErrorResponse(
                http_status=status,
                response_http_status=200,
                response_page_path="/index.html",
                ttl=Duration.seconds(10),
            )
            for status in (403, 404)
        ]
        self.distribution = cloudfront.Distribution(
            self,
            "Distribution",
            comment=f"{config.name_prefix} dashboard",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=origin,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
                compress=True,
            ),
            error_responses=spa_fallback,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
        )

    @property
    def url(self) -> str:
        return f"https://{self.distribution.distribution_domain_name}"

    def deploy_site(self, *, api_url: str, deployer: Deployer) -> list[s3deploy.BucketDeployment]:
        """Upload web/dist (when it has been built) and config.json.

        Instead of CloudFront invalidations (whose permission cannot be scoped to one distribution in
        CDK's deployment handler) the entry points are served `no-cache`, so CloudFront and browsers
        revalidate them, while the content-hashed bundles may be cached for a day."""
        config_json = s3deploy.Source.json_data(
            "config.json",
            {
                "apiBaseUrl": api_url,
                "auth": self.config.api_auth,
                "jwtIssuer": self.config.jwt_issuer,
                "jwtAudience": list(self.config.jwt_audience),
            },
        )
        dist = self.config.resolve_path(self.config.web_asset_path)
        built = (dist / "index.html").is_file()
        deployments: list[s3deploy.BucketDeployment] = []
        if built:
            deployments.append(
                deployer.deploy(
                    self,
                    "Bundles",
                    sources=[s3deploy.Source.asset(str(dist))],
                    bucket=self.bucket,
                    exclude=list(ENTRY_POINTS),
                    cache_control=[s3deploy.CacheControl.from_string("public, max-age=86400")],
                )
            )
        entry = deployer.deploy(
            self,
            "EntryPoints",
            sources=[s3deploy.Source.asset(str(dist)), config_json] if built else [config_json],
            bucket=self.bucket,
            exclude=["*"],
            include=list(ENTRY_POINTS),
            cache_control=[s3deploy.CacheControl.no_cache()],
        )
        # index.html last, so it never names bundles that are not uploaded yet.
        for earlier in deployments:
            entry.node.add_dependency(earlier)
        return [*deployments, entry]
