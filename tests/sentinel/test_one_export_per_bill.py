"""Every delivery counted once: one export per bill whatever the mix, name, order or content of deliveries."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from billing_fixtures import FOCUS_CSV, LEGACY_CSV
from building import build
from sentinel_etl.errors import InputError

from sentinel.catalog import connect_read_only
from sentinel.deliveries.discover import discover
from sentinel.generate import generate
from sentinel.settings import Settings
from sentinel_assets_tests.exports import legacy_rows

PERIOD = "2026-09"
FOLDERS = {"legacy_cur_csv": "legacy-cur-csv", "legacy_cur_parquet": "legacy-cur-parquet", "cur2": "cur2",
           "focus": "focus"}


@pytest.fixture(scope="module")
def bill(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict]]:
    """One generated bill in all four formats, and each format's own totals."""
    export = tmp_path_factory.mktemp("bill")
    generate(export, formats="all", months=1, rows_per_month=400, start=PERIOD, seed=5, restate=False,
             focus_providers=("AWS",), progress=False)  # FOCUS of the same AWS bill only
    expected = json.loads((export / "expected_totals.json").read_text())["formats"]
    return export, {fmt: periods[PERIOD]["totals"] for fmt, periods in expected.items()}


def silver_totals(settings: Settings) -> tuple[int, Decimal, list[str]]:
    with connect_read_only(settings.catalog_path) as connection:
        rows, unblended = connection.execute(
            "SELECT count(*), sum(unblended_cost) FROM silver.line_items WHERE billing_period = ?", [PERIOD]).fetchone()
        formats = [r[0] for r in connection.execute(
            "SELECT DISTINCT source_format FROM silver.line_items ORDER BY 1").fetchall()]
    return int(rows), Decimal(unblended), formats


def only(export: Path, formats: list[str], target: Path) -> Path:
    for fmt in formats:
        shutil.copytree(export / FOLDERS[fmt], target / FOLDERS[fmt])
    return target


@pytest.mark.parametrize("formats, winner", [
    (["legacy_cur_csv", "cur2"], "cur2"),
    (["cur2", "focus"], "cur2"),
    (["legacy_cur_parquet", "legacy_cur_csv"], "legacy_cur_parquet"),
    (["legacy_cur_csv", "focus"], "legacy_cur_csv"),
    (list(FOLDERS), "cur2"),
])
def test_a_bill_in_several_formats_is_counted_once(bill: tuple[Path, dict], tmp_path: Path, formats: list[str],
                                                   winner: str) -> None:
    export, totals = bill
    settings = Settings(home=tmp_path / "home")
    build(only(export, formats, tmp_path / "source"), settings)
    rows, unblended, used = silver_totals(settings)
    assert used == [winner]
    assert (rows, unblended) == (totals[winner]["rows"], Decimal(totals[winner]["unblended_cost"]))


def test_formats_landed_in_either_order_across_runs_give_the_single_format_totals(
        bill: tuple[Path, dict], tmp_path: Path) -> None:
    export, totals = bill
    for order in (["cur2", "legacy_cur_csv"], ["legacy_cur_csv", "cur2"]):
        settings = Settings(home=tmp_path / "-".join(order))
        for fmt in order:  # one run per export, as a migration delivers them
            build(only(export, [fmt], tmp_path / f"{'-'.join(order)}-{fmt}"), settings)
        rows, unblended, used = silver_totals(settings)
        assert used == ["cur2"] and rows == totals["cur2"]["rows"], order
        assert unblended == Decimal(totals["cur2"]["unblended_cost"])


def test_the_pinned_export_wins_for_its_payer_only(bill: tuple[Path, dict], tmp_path: Path) -> None:
    export, _ = bill
    pinned, other = _payers(export)  # the generated bill has two payers
    settings = Settings(home=tmp_path / "home", export_pins=f"{pinned}=sentinel-focus")
    build(only(export, ["cur2", "focus"], tmp_path / "source"), settings)
    with connect_read_only(settings.catalog_path) as connection:
        formats = dict(connection.execute(
            "SELECT payer_account_id, string_agg(DISTINCT source_format) FROM silver.line_items GROUP BY 1").fetchall())
    assert formats == {pinned: "focus", other: "cur2"}


def _payers(export: Path) -> list[str]:
    import duckdb

    files = [str(p) for p in (export / "cur2").rglob("*.parquet")]
    rows = duckdb.execute("SELECT DISTINCT bill_payer_account_id FROM read_parquet(?) ORDER BY 1", [files]).fetchall()
    return [str(r[0]) for r in rows]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return path


def test_two_payers_are_summed(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    header, *rows = legacy_rows()
    payer = header.index("bill/PayerAccountId")
    write_csv(source / "first.csv", [header, *rows])
    write_csv(source / "second.csv", [header, *[[*r[:payer], "999999999999", *r[payer + 1:]] for r in rows]])
    settings = Settings(home=tmp_path / "home")
    [result] = build(source, settings)
    assert result.rows == 2 * len(rows)


def test_exports_agree_fires_on_a_doctored_copy(bill: tuple[Path, dict], tmp_path: Path) -> None:
    export, _ = bill
    source = only(export, ["legacy_cur_csv", "cur2"], tmp_path / "source")
    # doctor the legacy report: one more dollar on its first line item
    import gzip

    [data] = list((source / "legacy-cur-csv").rglob("*.csv.gz"))
    header, *rows = list(csv.reader(io.StringIO(gzip.decompress(data.read_bytes()).decode())))
    column = header.index("lineItem/UnblendedCost")
    rows[0][column] = str(Decimal(rows[0][column]) + 1)
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([header, *rows])
    data.write_bytes(gzip.compress(text.getvalue().encode()))
    settings = Settings(home=tmp_path / "home")
    from sentinel.job_runner import run_job

    build(source, settings)  # lands and builds (cur2 wins, the check only warns)
    folders = sorted(str(p) for p in (settings.lake_root / "raw" / f"billing_period={PERIOD}").glob("export=*/delivery=*"))
    job = run_job("raw_to_silver", {"BILLING_PERIOD": PERIOD, "LAKE_ROOT": str(settings.lake_root),
                                    "DELIVERIES": ",".join(folders)})
    [check] = [c for c in job.checks if c["check_name"] == "exports_agree"]
    assert not check["passed"] and check["severity"] == "WARN"
    assert "sentinel-cur" in check["metadata"]["problems"][0] and "bills" in check["metadata"]["problems"][0]
    [unique] = [c for c in job.checks if c["check_name"] == "line_items_unique"]
    assert unique["passed"]


def test_the_same_bytes_under_another_name_are_one_delivery(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    first = tmp_path / "a" / "legacy-cur-2023-11.csv"
    first.parent.mkdir()
    shutil.copy(LEGACY_CSV, first)
    [before] = build(first, settings)
    copy = tmp_path / "b" / "legacy-cur-2023-11 (1).csv"
    copy.parent.mkdir()
    shutil.copy(LEGACY_CSV, copy)
    [after] = build(copy.parent, settings)
    assert after.rows == before.rows == 1281
    assert len(list((settings.lake_root / "raw").glob("billing_period=2023-11/export=*/delivery=*"))) == 1


def test_a_restated_bare_file_with_an_older_mtime_is_the_newest(tmp_path: Path) -> None:
    import os

    settings = Settings(home=tmp_path / "home")
    lines = LEGACY_CSV.read_text(encoding="utf-8").splitlines()
    original = tmp_path / "original.csv"
    original.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build(original, settings)
    restated = tmp_path / "restated.csv"
    restated.write_text("\n".join(lines[:101]) + "\n", encoding="utf-8")
    os.utime(restated, (1_000_000_000, 1_000_000_000))  # older than the first file
    [result] = build(restated, settings)
    assert result.rows == 100


def test_a_rejected_delivery_does_not_block_the_period(tmp_path: Path) -> None:
    """Through Dagster, as `sentinel run` does: the bad delivery is recorded as rejected, the good one serves."""
    from dagster import DagsterInstance

    from sentinel_assets.definitions import build_definitions
    from sentinel_assets.execution import refresh_periods

    instance = DagsterInstance.ephemeral()
    home = tmp_path / "home"
    [good] = refresh_periods(build_definitions(Settings(home=home, source=LEGACY_CSV)), instance, ["2023-11"])
    assert good.succeeded and good.rows == 1281
    header, *rows = legacy_rows()
    rows[4][header.index("lineItem/UnblendedCost")] = "12,5 USD"
    bad = write_csv(tmp_path / "bad.csv", [header, *rows])
    [refused] = refresh_periods(build_definitions(Settings(home=home, source=bad)), instance, ["2023-11"])
    assert refused.error is not None and "is not a number" in refused.error and str(bad) in refused.error
    rejected = list((home / "lake" / "raw").rglob("_rejected.json"))
    assert len(rejected) == 1 and "is not a number" in rejected[0].read_text()
    # the bad file still in the store: skipped, and the period builds from the good delivery
    [again] = refresh_periods(build_definitions(Settings(home=home, source=bad)), instance, ["2023-11"])
    assert again.succeeded and again.rows == 1281
    [back] = refresh_periods(build_definitions(Settings(home=home, source=LEGACY_CSV)), instance, ["2023-11"])
    assert back.succeeded and back.rows == 1281


def test_a_manifest_listing_a_key_twice_lands_it_once(tmp_path: Path, bill: tuple[Path, dict]) -> None:
    export, totals = bill
    source = only(export, ["cur2"], tmp_path / "source")
    [manifest] = list(source.rglob("*Manifest.json"))
    document = json.loads(manifest.read_text())
    document["dataFiles"] = document["dataFiles"] * 2
    manifest.write_text(json.dumps(document))
    settings = Settings(home=tmp_path / "home")
    [result] = build(source, settings)
    assert result.rows == totals["cur2"]["rows"]


@pytest.mark.parametrize("rewrite", [
    lambda key, bucket: key.replace(f"s3://{bucket}/", "s3://other-bucket/"),
    lambda key, bucket: key.rsplit("/", 1)[0] + "/../../../../outside/secret.parquet",
    lambda key, bucket: "s3://" + bucket + "/somewhere/else/" + key.rsplit("/", 1)[1],
])
def test_a_manifest_key_outside_the_export_is_refused(tmp_path: Path, bill: tuple[Path, dict], rewrite) -> None:  # type: ignore[no-untyped-def]
    export, _ = bill
    source = only(export, ["cur2"], tmp_path / "source")
    [manifest] = list(source.rglob("*Manifest.json"))
    [data] = list(source.rglob("*.parquet"))
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(data, outside / "secret.parquet")
    (source / "somewhere" / "else").mkdir(parents=True)
    shutil.copy(data, source / "somewhere" / "else" / data.name)
    document = json.loads(manifest.read_text())
    document["dataFiles"] = [rewrite(key, document["bucket"]) for key in document["dataFiles"]]
    manifest.write_text(json.dumps(document))
    with pytest.raises(InputError, match=r"manifest (key|lists a file that is not there)") as error:
        discover(source)
    assert error.value.column == "dataFiles"


def test_a_legacy_key_walking_up_is_refused(tmp_path: Path) -> None:
    from sentinel_assets_tests.exports import gzip_csv, legacy_rows, write_legacy_delivery

    write_legacy_delivery(tmp_path / "source", "asm-1", gzip_csv(legacy_rows(limit=10)), delivered_at=1_700_000_000)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.csv").write_bytes(LEGACY_CSV.read_bytes())
    for manifest in (tmp_path / "source").rglob("*-Manifest.json"):
        document = json.loads(manifest.read_text())
        document["reportKeys"] = [document["reportKeys"][0].rsplit("/", 2)[0] + "/../../../outside/secret.csv"]
        manifest.write_text(json.dumps(document))
    with pytest.raises(InputError, match=r"'\.\.' steps"):
        discover(tmp_path / "source")


@pytest.mark.parametrize("name", ["x.csv', 'extra.csv", "it's.csv", "semi;colon [1].csv"])
def test_hostile_file_names_are_data(tmp_path: Path, name: str) -> None:
    home = tmp_path / "home's"  # a quote in SENTINEL_HOME too
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(LEGACY_CSV, source / name)
    (tmp_path / "extra.csv").write_bytes(LEGACY_CSV.read_bytes())  # what an injected path would read
    [result] = build(source, Settings(home=home))
    assert result.rows == 1281
    with connect_read_only(Settings(home=home).catalog_path) as connection:
        assert connection.execute("SELECT DISTINCT source_file FROM silver.line_items").fetchall() == [(name,)]


@pytest.mark.parametrize("fmt", ["focus_csv", "cur2_parquet"])
def test_hostile_file_names_are_data_in_every_format(tmp_path: Path, bill: tuple[Path, dict], fmt: str) -> None:
    """The injection name of the test above, on FOCUS CSV and on CUR 2.0 Parquet: the extra file is never read."""
    export, totals = bill
    if fmt == "focus_csv":
        delivered, ext, rows = FOCUS_CSV, ".csv", 1000
    else:
        [delivered] = (export / FOLDERS["cur2"]).rglob("*.parquet")
        ext, rows = ".parquet", totals["cur2"]["rows"]
    name = f"x{ext}', 'extra{ext}"
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(delivered, source / name)
    shutil.copy(delivered, tmp_path / f"extra{ext}")  # what an injected path would read
    home = tmp_path / "home's"
    results = build(source, Settings(home=home))
    assert sum(r.rows for r in results) == rows
    with connect_read_only(Settings(home=home).catalog_path) as connection:
        assert connection.execute("SELECT DISTINCT source_file FROM silver.line_items").fetchall() == [(name,)]


def test_a_legacy_manifest_listing_a_key_twice_lands_it_once(tmp_path: Path) -> None:
    from sentinel_assets_tests.exports import gzip_csv, write_legacy_delivery

    write_legacy_delivery(tmp_path / "source", "asm-1", gzip_csv(legacy_rows(limit=10)), delivered_at=1_700_000_000)
    for manifest in (tmp_path / "source").rglob("*-Manifest.json"):
        document = json.loads(manifest.read_text())
        document["reportKeys"] = document["reportKeys"] * 3
        manifest.write_text(json.dumps(document))
    [delivery] = discover(tmp_path / "source")
    assert len(delivery.files) == 1
    [result] = build(tmp_path / "source", Settings(home=tmp_path / "home"))
    assert result.rows == 10
