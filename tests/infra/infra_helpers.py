"""Synthesis and template-walking helpers for the infra tests (a uniquely named module, so it never
clashes with another folder's conftest)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
INFRA = REPO_ROOT / "infra"
if str(INFRA) not in sys.path:
    sys.path.insert(0, str(INFRA))

from aws_cdk import App, CfnElement, Environment  # noqa: E402
from aws_cdk.assertions import Template  # noqa: E402
from sentinel_infra.config import SentinelConfig  # noqa: E402
from sentinel_infra.stack import BillingExportStack, SentinelStack, build_app  # noqa: E402

ACCOUNT = "123456789012"
ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example"


@dataclass
class Synth:
    stack: SentinelStack
    template: Template
    export_template: Template | None

    @cached_property
    def resources(self) -> dict[str, Any]:
        return self.template.to_json()["Resources"]


def cdk_context(**overrides: Any) -> dict[str, Any]:
    """The feature flags from infra/cdk.json (what `cdk synth` uses) plus test overrides."""
    context: dict[str, Any] = json.loads((INFRA / "cdk.json").read_text())["context"]
    context.update(overrides)
    return context


def synth(outdir: Path, context: dict[str, Any], env: Environment | None = None) -> Synth:
    app = App(context=context, outdir=str(outdir))
    stack = build_app(app, SentinelConfig.from_node(app.node), env)
    export_stacks = [c for c in app.node.children if isinstance(c, BillingExportStack)]
    return Synth(
        stack=stack,
        template=Template.from_stack(stack),
        export_template=Template.from_stack(export_stacks[0]) if export_stacks else None,
    )


# ---- helpers over the synthesised JSON ---------------------------------------------------------


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def of_type(resources: dict[str, Any], cfn_type: str) -> dict[str, Any]:
    return {k: v for k, v in resources.items() if v["Type"] == cfn_type}


def policy_statements(resources: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every statement of every identity policy, resource policy and key policy in a template."""
    for logical_id, resource in resources.items():
        props = resource.get("Properties", {})
        documents: list[dict[str, Any]] = []
        if resource["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::S3::BucketPolicy"):
            documents.append(props["PolicyDocument"])
        elif resource["Type"] == "AWS::IAM::Role":
            documents.extend(p["PolicyDocument"] for p in props.get("Policies", []))
        elif resource["Type"] == "AWS::KMS::Key":
            documents.append(props["KeyPolicy"])
        elif resource["Type"] == "AWS::SNS::TopicPolicy":
            documents.append(props["PolicyDocument"])
        for document in documents:
            for statement in document["Statement"]:
                yield logical_id, statement


def role_statements(resources: dict[str, Any], role_logical_id: str) -> list[dict[str, Any]]:
    """Statements of the inline and managed policies attached to one role."""
    statements: list[dict[str, Any]] = []
    for resource in resources.values():
        props = resource.get("Properties", {})
        if resource["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy") and {
            "Ref": role_logical_id
        } in props.get("Roles", []):
            statements.extend(props["PolicyDocument"]["Statement"])
    role = resources[role_logical_id]["Properties"]
    for policy in role.get("Policies", []):
        statements.extend(policy["PolicyDocument"]["Statement"])
    return statements


def refs(value: Any) -> set[str]:
    """Logical ids a CloudFormation value refers to (Ref / Fn::GetAtt), at any depth."""
    found: set[str] = set()
    if isinstance(value, dict):
        if "Ref" in value:
            found.add(value["Ref"])
        if "Fn::GetAtt" in value:
            found.add(value["Fn::GetAtt"][0])
        for v in value.values():
            found |= refs(v)
    elif isinstance(value, list):
        for v in value:
            found |= refs(v)
    return found


def flat(value: Any) -> str:
    """A CloudFormation value as one string (joins flattened), for matching key prefixes."""
    return json.dumps(value)


def logical_id(stack: SentinelStack, construct: Any) -> str:
    element = construct if isinstance(construct, CfnElement) else construct.node.default_child
    return str(stack.resolve(stack.get_logical_id(element)))
