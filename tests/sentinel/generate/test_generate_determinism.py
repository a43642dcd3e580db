"""Same seed and options, same bytes; rows do not depend on how they are chunked."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from sentinel.generate import generate

OPTIONS = dict(formats="all", months=2, rows_per_month=700, rows_per_file=300, chunk_rows=250)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", seed=9, **OPTIONS)  # type: ignore[arg-type]
    second = generate(tmp_path / "b", seed=9, **OPTIONS)  # type: ignore[arg-type]
    a, b = tree(first.out), tree(second.out)
    assert len(a) > 30
    assert a == b


def test_another_seed_gives_other_data_and_ids(tmp_path: Path) -> None:
    one = generate(tmp_path / "a", seed=1, formats="cur2", months=1, rows_per_month=300)
    two = generate(tmp_path / "b", seed=2, formats="cur2", months=1, rows_per_month=300)
    assert one.current("cur2", "2024-01").totals.total.unblended != two.current("cur2", "2024-01").totals.total.unblended
    assert one.current("cur2", "2024-01").delivery_id != two.current("cur2", "2024-01").delivery_id


def test_chunk_size_and_file_split_do_not_change_the_rows(tmp_path: Path) -> None:
    small = generate(tmp_path / "a", seed=4, formats="legacy-csv", months=1, rows_per_month=900, chunk_rows=97,
                     rows_per_file=10_000, restate=False)
    large = generate(tmp_path / "b", seed=4, formats="legacy-csv", months=1, rows_per_month=900, chunk_rows=900,
                     rows_per_file=10_000, restate=False)
    assert small.chunks == 10 and large.chunks == 1
    a, = small.current("legacy-csv", "2024-01").files
    b, = large.current("legacy-csv", "2024-01").files
    assert gzip.decompress(a.read_bytes()) == gzip.decompress(b.read_bytes())
    assert json.loads(small.expected_totals.read_text()) == json.loads(large.expected_totals.read_text())


def test_rerunning_into_the_same_folder_replaces_stale_files(tmp_path: Path) -> None:
    generate(tmp_path, seed=3, formats="cur2", months=1, rows_per_month=900, rows_per_file=200, restate=False)
    report = generate(tmp_path, seed=3, formats="cur2", months=1, rows_per_month=900, rows_per_file=600,
                      restate=False)
    folder = tmp_path / "cur2/sentinel-cur2/data/BILLING_PERIOD=2024-01"
    assert sorted(p.name for p in folder.iterdir()) == [f.name for f in report.current("cur2", "2024-01").files]


def test_a_later_run_redelivers_only_the_periods_whose_rows_changed(tmp_path: Path) -> None:
    """Generating into the same folder again simulates AWS's next deliveries: a closed period keeps its
    delivery id, a period that closed or was restated gets a new assembly / execution id."""
    before = generate(tmp_path, seed=6, formats=["legacy-csv", "cur2"], months=2, rows_per_month=400, restate=False)
    after = generate(tmp_path, seed=6, formats=["legacy-csv", "cur2"], months=3, rows_per_month=400, restate=True)
    assert before.current("cur2", "2024-01").delivery_id == after.current("cur2", "2024-01").delivery_id
    assert before.current("cur2", "2024-02").delivery_id != after.current("cur2", "2024-02").delivery_id
    manifest = json.loads((tmp_path / "cur2/sentinel-cur2/metadata/BILLING_PERIOD=2024-02/sentinel-cur2-Manifest.json")
                          .read_text())
    assert manifest["executionId"] == after.current("cur2", "2024-02").delivery_id
    assemblies = sorted(p.name for p in (tmp_path / "legacy-cur-csv/sentinel-cur/20240201-20240301").iterdir()
                        if p.is_dir())
    open_feb = before.current("legacy-csv", "2024-02").delivery_id
    closed_feb, = (d.delivery_id for d in after.superseded("legacy-csv", "2024-02"))
    assert assemblies == sorted([open_feb, closed_feb, after.current("legacy-csv", "2024-02").delivery_id])
