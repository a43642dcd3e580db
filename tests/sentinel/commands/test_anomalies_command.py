"""`sentinel anomalies`: what the catalog holds, as a table, CSV or JSON; bad options are clear errors."""

from __future__ import annotations

import csv
import io
import json

import duckdb
from anomaly_build import AnomalyHistory
from typer.testing import CliRunner

from sentinel.cli import app


def _run(history: AnomalyHistory, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["anomalies", *args], env={"SENTINEL_HOME": str(history.home), "COLUMNS": "220"})
    return result.exit_code, result.stdout, result.stderr


def test_json_has_every_open_anomaly_of_the_period(anomaly_history: AnomalyHistory) -> None:
    code, out, _ = _run(anomaly_history, "--period", "2024-03", "--format", "json")
    assert code == 0
    listed = json.loads(out)
    connection = duckdb.connect(str(anomaly_history.home / "catalog.duckdb"), read_only=True)
    ((expected,),) = connection.sql("SELECT count(*) FROM gold.cost_anomalies WHERE billing_period = '2024-03' "
                                    "AND status <> 'withdrawn'").fetchall()
    connection.close()
    assert len(listed) == expected > 0
    assert all(a["billing_period"] == "2024-03" and a["drivers"] for a in listed)


def test_csv_has_plain_numbers_and_the_table_a_total(anomaly_history: AnomalyHistory) -> None:
    code, out, _ = _run(anomaly_history, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    assert all(abs(float(r["impact"]) - (float(r["actual_cost"]) - float(r["expected_cost"]))) < 1e-6 for r in rows)
    code, out, err = _run(anomaly_history)
    assert code == 0 and rows[0]["anomaly_id"] in out and f"{len(rows)} anomalies" in err


def test_bad_options_name_the_problem(anomaly_history: AnomalyHistory) -> None:
    code, _, err = _run(anomaly_history, "--period", "2024-3")
    assert code == 2 and "--period '2024-3'" in err
    code, _, err = _run(anomaly_history, "--status", "gone")
    assert code == 2 and "--status 'gone'" in err
