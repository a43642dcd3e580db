"""Landing: a file that changes while it is read is refused, and a full disk says so and where."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import duckdb
import pytest
from billing_fixtures import LEGACY_CSV
from sentinel_etl.errors import InputError, storage_error

from sentinel.deliveries import landing
from sentinel.deliveries.discover import Discovery, discover
from sentinel.deliveries.landing import FileChanged, land, land_each


def _bare(tmp_path: Path) -> Path:
    path = tmp_path / "source" / "cur.csv"
    path.parent.mkdir()
    shutil.copy(LEGACY_CSV, path)
    return path


def test_a_file_rewritten_after_it_was_found_is_refused_and_the_stable_file_lands(tmp_path: Path) -> None:
    path = _bare(tmp_path)
    [found] = discover(path.parent)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Usage", "Usagf", 1), encoding="utf-8")  # same size, other bytes
    lake = tmp_path / "lake"
    with pytest.raises(InputError, match="the file changed while Sentinel was reading it") as error:
        land(found, lake)
    assert error.value.file == str(path)
    assert not list((lake / "raw").rglob("_delivery.json")) and not list((lake / "raw").glob(".landing-*"))
    rejected: list[str] = []
    with pytest.raises(FileChanged):  # the run fails, and nothing is recorded against the delivery
        land_each(Discovery([found]), lambda f: land(f, lake), lambda f, reason: rejected.append(reason))
    assert rejected == [] and not list(lake.rglob("_rejected.json"))
    [stable] = discover(path.parent)  # found again: its hash is the one it now has
    landed = land(stable, lake)
    assert landed.created and landed.record.files[0].sha256 == stable.digests[str(path)] != found.digests[str(path)]
    assert (landed.folder / landed.record.files[0].path).read_bytes() == path.read_bytes()


def test_a_full_disk_is_named_as_such_with_the_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored copy is written to /dev/full, which refuses every write with ENOSPC, as a full disk does."""
    path = _bare(tmp_path)
    [found] = discover(path.parent)
    monkeypatch.setattr(landing, "stored_name", lambda index, delivered: "/dev/full")
    with pytest.raises(OSError) as error:
        land(found, tmp_path / "lake")
    assert not isinstance(error.value, InputError)  # not bad input: the delivery is not rejected for it
    assert error.value.errno == errno.ENOSPC
    assert f"no space left on device (landing into {tmp_path / 'lake' / 'raw'})" in str(error.value)
    assert not list((tmp_path / "lake" / "raw").glob(".landing-*"))


def test_an_engine_that_runs_out_of_disk_is_not_bad_input() -> None:
    with pytest.raises(duckdb.IOException) as raised:
        duckdb.sql("COPY (SELECT range AS x FROM range(100000)) TO '/dev/full' (FORMAT parquet)")
    full = storage_error(raised.value, "writing silver")
    assert full is not None and full.errno == errno.ENOSPC
    assert 'no space left on device (IO Error: Could not write file "/dev/full"' in str(full)
    assert storage_error(ValueError("could not parse"), "writing silver") is None


def test_a_killed_landing_is_cleaned_up_even_when_the_delivery_is_already_in_raw(tmp_path: Path) -> None:
    """The kill may come after the delivery was stored: the next landing still removes the leftover."""
    import os

    path = _bare(tmp_path)
    [found] = discover(path.parent)
    lake = tmp_path / "lake"
    assert land(found, lake).created
    stale = lake / "raw" / ".landing-killed"
    stale.mkdir()
    os.utime(stale, (0, 0))
    assert not land(found, lake).created
    assert not stale.exists()
