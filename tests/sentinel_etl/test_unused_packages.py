"""DuckDB job processes run without pandas and hypothesis; what they do use still works."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import sentinel_etl

GLUE_SCRIPTS = str(Path(sentinel_etl.__file__).resolve().parent.parent)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=GLUE_SCRIPTS, check=False, timeout=120)


def test_hidden_packages_fail_to_import_while_pandera_and_pyarrow_datasets_work() -> None:
    result = run_python("""
        import sys
        from sentinel_etl.unused_packages import hide_packages
        assert hide_packages()
        for name, root in (("pandas", "pandas"), ("pandas.core", "pandas"), ("hypothesis", "hypothesis")):
            try:
                __import__(name)
            except ModuleNotFoundError as error:
                assert str(error).startswith(f"No module named '{root}'"), error
                assert "unused_packages" in str(error)
            else:
                raise AssertionError(f"{name} imported")
        import polars as pl
        import pyarrow as pa
        import pyarrow.dataset as ds
        from sentinel_etl.validation import GOLD_SCHEMAS, warm_up
        warm_up()
        assert ds.dataset(pa.table({"a": [1, 2]})).to_table().num_rows == 2
        good = pl.DataFrame({"provider": ["AWS"], "unblended_cost": [1]}, schema={"provider": pl.Utf8,
                            "unblended_cost": pl.Decimal(38, 10)})
        schema = GOLD_SCHEMAS["period_summary"]
        try:
            schema.validate(good, lazy=True)
        except Exception as errors:  # columns are missing: Pandera reports them, it does not crash
            assert "line_item_count" in str(errors), errors
        else:
            raise AssertionError("missing columns passed")
        assert "pandas" not in sys.modules and "hypothesis" not in sys.modules
        print("ok")
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_nothing_is_hidden_once_a_package_is_loaded() -> None:
    result = run_python("""
        import pandas
        from sentinel_etl.unused_packages import hide_packages
        assert not hide_packages()
        import pandas.core.frame
        print("ok")
    """)
    assert result.returncode == 0, result.stderr
