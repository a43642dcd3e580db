"""Lambda + HTTP API: handler, authorizer, CORS, throttling."""

from __future__ import annotations

from infra_helpers import ISSUER, Synth, logical_id, of_type


def _function(synth: Synth) -> dict:
    return synth.resources[logical_id(synth.stack, synth.stack.api.function)]["Properties"]


def test_function_runs_the_mangum_handler_on_python_3_11(default: Synth) -> None:
    function = _function(default)
    assert function["Runtime"] == "python3.12"
    assert function["Handler"] == "api.lambda_handler.handler"
    assert function["Timeout"] <= 30  # HTTP APIs give up after 30 s
    env = function["Environment"]["Variables"]
    assert env["SENTINEL_ENV"] == "aws"
    assert env["SENTINEL_ATHENA_WORKGROUP"] == "sentinel" and env["SENTINEL_GLUE_DATABASE"] == "sentinel"
    assert env["SENTINEL_ATHENA_RESULT_REUSE_MINUTES"] == "60"


def test_gold_is_answered_by_athena_unless_the_context_asks_for_duckdb(default: Synth, regional: Synth) -> None:
    function = _function(default)
    assert "SENTINEL_API_GOLD_ENGINE" not in function["Environment"]["Variables"]
    assert function["EphemeralStorage"] == {"Size": 512}
    function = _function(regional)
    env = function["Environment"]["Variables"]
    assert env["SENTINEL_API_GOLD_ENGINE"] == "duckdb"
    assert env["SENTINEL_API_GOLD_CACHE_DIR"].startswith("/tmp/")  # the only writable place in Lambda
    assert env["SENTINEL_LAKE_BUCKET"]  # where the published gold is read from
    assert function["EphemeralStorage"] == {"Size": 2048}


def test_default_auth_is_iam(default: Synth) -> None:
    routes = of_type(default.resources, "AWS::ApiGatewayV2::Route")
    assert routes and all(r["Properties"]["AuthorizationType"] == "AWS_IAM" for r in routes.values())
    assert not of_type(default.resources, "AWS::ApiGatewayV2::Authorizer")


def test_jwt_authorizer_from_context(regional: Synth) -> None:
    (authorizer,) = of_type(regional.resources, "AWS::ApiGatewayV2::Authorizer").values()
    props = authorizer["Properties"]
    assert props["AuthorizerType"] == "JWT"
    assert props["JwtConfiguration"] == {"Issuer": ISSUER, "Audience": ["client-a", "client-b"]}
    assert props["IdentitySource"] == ["$request.header.Authorization"]
    routes = of_type(regional.resources, "AWS::ApiGatewayV2::Route")
    assert all(r["Properties"]["AuthorizationType"] == "JWT" for r in routes.values())


def test_cors_defaults_to_the_dashboard_and_follows_context(default: Synth, regional: Synth) -> None:
    (api,) = of_type(default.resources, "AWS::ApiGatewayV2::Api").values()
    distribution = logical_id(default.stack, default.stack.web.distribution)
    origins = api["Properties"]["CorsConfiguration"]["AllowOrigins"]
    assert origins == [{"Fn::Join": ["", ["https://", {"Fn::GetAtt": [distribution, "DomainName"]}]]}]
    (api,) = of_type(regional.resources, "AWS::ApiGatewayV2::Api").values()
    assert api["Properties"]["CorsConfiguration"]["AllowOrigins"] == ["https://costs.example.com"]


def test_default_stage_is_throttled_and_logged(default: Synth) -> None:
    (stage,) = of_type(default.resources, "AWS::ApiGatewayV2::Stage").values()
    props = stage["Properties"]
    assert props["StageName"] == "$default" and props["AutoDeploy"] is True
    assert props["DefaultRouteSettings"] == {"ThrottlingBurstLimit": 100, "ThrottlingRateLimit": 50}
    assert "DestinationArn" in props["AccessLogSettings"]


def test_the_cursor_secret_is_generated_and_readable_by_the_function_only(default: Synth) -> None:
    secrets = of_type(default.resources, "AWS::SecretsManager::Secret")
    [(secret_id, secret)] = secrets.items()
    assert secret["Properties"]["GenerateSecretString"]["PasswordLength"] >= 32
    env = _function(default)["Environment"]["Variables"]
    assert env["SENTINEL_API_CURSOR_SECRET_ARN"] == {"Ref": secret_id}
    readers = [
        statement for policy in of_type(default.resources, "AWS::IAM::Policy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if "secretsmanager:GetSecretValue" in (statement["Action"] if isinstance(statement["Action"], list)
                                               else [statement["Action"]])
    ]
    assert readers and all(statement["Resource"] == {"Ref": secret_id} for statement in readers)
