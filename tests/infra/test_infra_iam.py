"""Least privilege across every policy in the stack."""

from __future__ import annotations

from typing import Any

from infra_helpers import Synth, as_list, flat, logical_id, of_type, policy_statements, role_statements

WRITE_ACTIONS = (
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:Put*",
    "s3:Delete*",
    "s3:*",
    "*",
)


def test_no_wildcard_s3_action_is_allowed(any_synth: Synth) -> None:
    for owner, statement in policy_statements(any_synth.resources):
        actions = as_list(statement.get("Action", []))
        if statement["Effect"] == "Allow":
            assert "s3:*" not in actions and "*" not in actions, (owner, statement)
        elif "s3:*" in actions:
            # The only wildcard is enforceSSL's deny of plain-HTTP requests.
            assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}, (owner, statement)


def test_no_full_access_or_aws_managed_policies(any_synth: Synth) -> None:
    for name, role in of_type(any_synth.resources, "AWS::IAM::Role").items():
        arns = flat(role["Properties"].get("ManagedPolicyArns", []))
        assert "FullAccess" not in arns, name
        # Not even AWSLambdaBasicExecutionRole (logs on "*"): every role here has scoped policies.
        assert ":iam::aws:policy/" not in arns, name


def test_resource_star_only_for_documented_exceptions(any_synth: Synth) -> None:
    identity_types = ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role")
    identity_ids = {k for k, v in any_synth.resources.items() if v["Type"] in identity_types}
    for owner, statement in policy_statements(any_synth.resources):
        if owner not in identity_ids or statement["Effect"] != "Allow":
            continue
        if "*" in as_list(statement["Resource"]):
            # cloudwatch:PutMetricData has no resource-level permissions; the namespace is pinned.
            assert as_list(statement["Action"]) == ["cloudwatch:PutMetricData"], (owner, statement)
            assert statement["Condition"] == {"StringEquals": {"cloudwatch:namespace": "Glue"}}


def _api_statements(synth: Synth) -> list[dict[str, Any]]:
    return role_statements(synth.resources, logical_id(synth.stack, synth.stack.api.role))


def test_api_role_cannot_write_the_lake(any_synth: Synth) -> None:
    lake = logical_id(any_synth.stack, any_synth.stack.storage.lake)
    for statement in _api_statements(any_synth):
        touches_lake = lake in flat(statement.get("Resource"))
        if touches_lake:
            actions = as_list(statement["Action"])
            assert not any(a in WRITE_ACTIONS or a.startswith(("s3:Put", "s3:Delete")) for a in actions), (
                statement
            )


def test_api_role_reads_only_gold_silver_and_releases(default: Synth) -> None:
    lake = logical_id(default.stack, default.stack.storage.lake)
    reads = [
        s
        for s in _api_statements(default)
        if "s3:GetObject" in as_list(s["Action"]) and lake in flat(s["Resource"])
    ]
    (read,) = reads
    suffixes = sorted(part["Fn::Join"][1][1] for part in as_list(read["Resource"]))
    assert suffixes == ["/_versions/_releases/*", "/_versions/gold/*", "/_versions/silver/*", "/gold/*", "/silver/*"]
    (listing,) = [
        s
        for s in _api_statements(default)
        if "s3:ListBucket" in as_list(s["Action"]) and lake in flat(s["Resource"])
    ]
    assert sorted(listing["Condition"]["StringLike"]["s3:prefix"]) == sorted(
        ["gold/*", "silver/*", "_versions/gold/*", "_versions/silver/*", "_versions/_releases/*"]
    )


def test_api_role_uses_only_the_sentinel_workgroup_and_database(default: Synth) -> None:
    statements = _api_statements(default)
    athena = [s for s in statements if any(a.startswith("athena:") for a in as_list(s["Action"]))]
    assert athena and all(flat(s["Resource"]).endswith(':workgroup/sentinel"]]}') for s in athena)
    glue = [s for s in statements if any(a.startswith("glue:") for a in as_list(s["Action"]))]
    (catalog,) = glue
    assert all(a.startswith(("glue:Get", "glue:BatchGet")) for a in as_list(catalog["Action"]))
    resources = flat(catalog["Resource"])
    assert ":database/sentinel" in resources
    assert ":table/sentinel/gold_*" in resources and ":table/sentinel/silver_*" in resources
    assert ":table/sentinel/raw_*" not in resources and ":table/*" not in resources


def test_glue_job_roles_write_only_their_own_layer(default: Synth) -> None:
    glue = default.stack.glue
    expected = {"raw-to-silver": ("silver", "gold"), "silver-to-gold": ("gold", "silver")}
    for step, (own, other) in expected.items():
        statements = role_statements(default.resources, logical_id(default.stack, glue.job_roles[step]))
        writes = flat([s["Resource"] for s in statements if "s3:PutObject" in as_list(s["Action"])])
        assert f'"/{own}/*"' in writes and f'"/_versions/{own}/*"' in writes
        assert f'"/{other}/*"' not in writes and '"/raw/*"' not in writes
    # silver-to-gold publishes the period's release, staged silver included; raw-to-silver only stages.
    publisher = role_statements(default.resources, logical_id(default.stack, glue.job_roles["silver-to-gold"]))
    writes = flat([s["Resource"] for s in publisher if "s3:PutObject" in as_list(s["Action"])])
    assert '"/_versions/_releases/*"' in writes and '"/_versions/silver/*"' in writes
    stager = role_statements(default.resources, logical_id(default.stack, glue.job_roles["raw-to-silver"]))
    assert '"/_versions/_releases/*"' not in flat([s["Resource"] for s in stager if "s3:PutObject" in as_list(s["Action"])])


def test_orchestrator_may_add_to_raw_but_never_delete_from_the_lake(default: Synth) -> None:
    policy = default.resources[logical_id(default.stack, default.stack.orchestrator.policy)]["Properties"]
    lake = logical_id(default.stack, default.stack.storage.lake)
    for statement in policy["PolicyDocument"]["Statement"]:
        actions = as_list(statement["Action"])
        if lake in flat(statement["Resource"]) and "s3:DeleteObject" in actions:
            raise AssertionError(statement)
        if "s3:PutObject" in actions and lake in flat(statement["Resource"]):
            assert flat(statement["Resource"]).count('"/raw/*"') == 1 and "/silver/" not in flat(
                statement["Resource"]
            )
