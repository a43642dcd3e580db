"""The CLI refuses bad options before anything is landed, and its help says what each option means."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from billing_fixtures import SAMPLES
from typer.testing import CliRunner

from sentinel.cli import app

COMMANDS = ["run", "query", "serve", "demo", "status", "dev", "generate", "package-glue"]


def _invoke(args: list[str], home: Path, columns: int = 200) -> tuple[int, str]:
    result = CliRunner().invoke(app, args, env={"SENTINEL_HOME": str(home), "COLUMNS": str(columns)})
    return result.exit_code, result.output


@pytest.mark.parametrize(("options", "message"), [
    (["--engine", "postgres"], "'postgres' is not one of 'duckdb', 'spark'"),
    (["--period", "2024-10..2024-09"], "ends before it starts (write 2024-09..2024-10)"),
    (["--period", "2024-13"], "is not a partition"),
])
def test_run_refuses_bad_options_before_landing_anything(tmp_path: Path, options: list[str], message: str) -> None:
    code, output = _invoke(["run", "--source", str(SAMPLES), *options], tmp_path)
    assert code == 2, output
    assert message in " ".join(output.split())
    assert not (tmp_path / "lake").exists() and not (tmp_path / "catalog.duckdb").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_help_describes_every_option_without_type_placeholders(command: str, tmp_path: Path) -> None:
    code, output = _invoke([command, "--help"], tmp_path, columns=120)
    assert code == 0, output
    options = output.split("Options:", 1)[1]
    assert "<bool>" not in output and "<int" not in options and "<str>" not in options, output
    for line in options.splitlines():
        if line.startswith("  -"):  # an option's first line: the name, then its description
            assert len(line.split("  ")) > 2 or "[" in line, f"{command}: undescribed option {line.strip()!r}"


@pytest.fixture
def catalog_home(tmp_path: Path) -> Path:
    with duckdb.connect(str(tmp_path / "catalog.duckdb")) as connection:
        connection.execute("CREATE SCHEMA gold")
        connection.execute(
            "CREATE TABLE gold.t AS SELECT '2024-09' AS billing_period, 0::DECIMAL(38,10) AS zero, "
            "12.5::DECIMAL(38,10) AS cost, repeat('x', 60) AS wide_a, repeat('y', 60) AS wide_b")
    return tmp_path


def test_query_prints_decimals_as_plain_numbers(catalog_home: Path) -> None:
    code, output = _invoke(["query", "SELECT billing_period, zero, cost FROM gold.t"], catalog_home, columns=80)
    assert code == 0, output
    assert "0.0000000000" in output and "12.5000000000" in output and "E-10" not in output
    code, output = _invoke(["query", "SELECT zero FROM gold.t", "--format", "csv"], catalog_home)
    assert output.splitlines() == ["zero", "0.0000000000"]


def test_query_switches_to_one_block_per_row_when_the_table_would_not_fit(catalog_home: Path) -> None:
    code, output = _invoke(["query", "SELECT * FROM gold.t"], catalog_home, columns=80)
    assert code == 0, output
    assert "-[ row 1 ]" in output and "(1 row)" in output
    assert f"wide_a         | {'x' * 60}" in output  # nothing truncated
    code, output = _invoke(["query", "SELECT * FROM gold.t"], catalog_home, columns=250)
    assert "-[ row 1 ]" not in output and "x" * 60 in output  # wide enough: a table
