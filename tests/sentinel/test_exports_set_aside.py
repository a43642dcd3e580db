"""What silver did not count is shown where users look: the run's summary, `sentinel status` and `/meta`."""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from dagster import DagsterInstance
from fastapi.testclient import TestClient

from api.main import create_app
from sentinel.deliveries.discover import find
from sentinel.generate import generate
from sentinel.settings import Settings
from sentinel_assets.definitions import build_definitions
from sentinel_assets.execution import PeriodResult, refresh_periods
from sentinel_assets.resources import build_resources
from sentinel_assets.status import period_statuses
from tests.api.api_support import local_settings

PERIOD = "2026-09"
COMMITMENT_COLUMNS = ["BillingCurrency", "ContractCommitmentCategory", "ContractCommitmentCost",
                      "ContractCommitmentId", "ContractCommitmentPeriodEnd", "ContractCommitmentPeriodStart",
                      "ContractCommitmentType", "ContractId", "ContractPeriodEnd", "ContractPeriodStart"]


def _commitments(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COMMITMENT_COLUMNS)
        writer.writerow(["USD", "Spend", "1200.00", "cc-1", "2027-01-01T00:00:00Z", "2026-01-01T00:00:00Z",
                         "Savings Plan", "c-1", "2027-01-01T00:00:00Z", "2026-01-01T00:00:00Z"])
    return path


def _commitments_export(source: Path) -> None:
    """A FOCUS 1.3 Contract Commitment export delivered as Data Exports deliver cost and usage."""
    [manifest] = (source / "focus" / "sentinel-focus").rglob("*-Manifest.json")
    document = json.loads(manifest.read_text())
    bucket = document["bucket"]
    key = f"focus/sentinel-commitments/data/BILLING_PERIOD={PERIOD}/sentinel-commitments-00001.csv"
    _commitments(source / key)
    document.update(exportName="sentinel-commitments", executionId="commitments-1", format="TEXT_OR_CSV",
                    dataFiles=[f"s3://{bucket}/{key}"])
    target = source / "focus" / "sentinel-commitments" / "metadata" / f"BILLING_PERIOD={PERIOD}"
    target.mkdir(parents=True)
    (target / "sentinel-commitments-Manifest.json").write_text(json.dumps(document))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, DagsterInstance, PeriodResult, dict[str, Any]]:
    """CUR 2.0 and FOCUS of one AWS bill (FOCUS also holds a Microsoft bill), and two FOCUS Contract
    Commitment datasets (a bare file and a manifest export), built through Dagster as `sentinel run` does."""
    generated = tmp_path_factory.mktemp("generated")
    generate(generated, formats="all", months=1, rows_per_month=300, start=PERIOD, seed=11, restate=False,
             focus_providers=("AWS", "Microsoft"), progress=False)
    expected = json.loads((generated / "expected_totals.json").read_text())["formats"]
    source = tmp_path_factory.mktemp("source")
    for folder in ("cur2", "focus"):
        shutil.copytree(generated / folder, source / folder)
    _commitments(source / "focus" / "contract-commitment.csv")
    _commitments_export(source)
    settings = Settings(home=tmp_path_factory.mktemp("home"), source=source)
    instance = DagsterInstance.ephemeral()
    [result] = refresh_periods(build_definitions(settings), instance, [PERIOD])
    return settings, instance, result, {fmt: periods[PERIOD]["totals"] for fmt, periods in expected.items()}


def test_other_focus_datasets_are_found_and_set_aside(built: tuple) -> None:
    settings, *_ = built
    found = find(Path(settings.source))
    assert sorted((Path(s.path).name, s.dataset, s.billing_period) for s in found.set_aside) == [
        ("contract-commitment.csv", "Contract Commitment", None),
        ("sentinel-commitments-Manifest.json", "Contract Commitment", PERIOD),
    ]
    assert sorted(d.export_name for d in found.deliveries) == ["sentinel-cur2", "sentinel-focus"]


def test_each_bill_comes_from_one_export_and_other_providers_from_focus(built: tuple) -> None:
    _, _, result, totals = built
    microsoft = totals["focus"]["providers"]["Microsoft"]
    assert result.succeeded, result.error
    assert result.rows == totals["cur2"]["rows"] + microsoft["rows"]
    expected = Decimal(totals["cur2"]["unblended_cost"]) + Decimal(microsoft["unblended_cost"])
    assert Decimal(str(result.unblended)).quantize(Decimal("0.000001")) == expected.quantize(Decimal("0.000001"))


def test_the_run_summary_says_what_was_set_aside(built: tuple) -> None:
    _, _, result, totals = built
    aws = Decimal(totals["cur2"]["unblended_cost"])
    assert f"set aside sentinel-focus (focus): 2 bill(s) counted from sentinel-cur2 (cur2) instead; both bill {aws:.2f}" \
        in result.notes
    assert sum("a FOCUS Contract Commitment dataset (Sentinel loads cost and usage)" in n for n in result.notes) == 2


def test_status_lists_what_was_set_aside(built: tuple) -> None:
    settings, instance, *_ = built
    resources = build_resources(settings)
    [status] = period_statuses(instance, resources["lake"], [], None)
    assert status.period == PERIOD and status.deliveries == 2
    assert any(n.startswith("set aside sentinel-focus (focus)") for n in status.set_aside)
    assert any("contract-commitment.csv" in n for n in status.set_aside)


def test_meta_shows_each_export_counted_or_set_aside(built: tuple) -> None:
    settings, *_ = built
    with TestClient(create_app(local_settings(settings.home, cache_entries=0)), base_url="http://localhost") as client:
        [period] = client.get("/api/v1/meta").json()["periods"]
    exports = {e["export_name"]: (e["status"], e["counted_for"]) for e in period["exports"]}
    assert exports == {"sentinel-cur2": ("counted", ["AWS"]), "sentinel-focus": ("counted", ["Microsoft"])}
