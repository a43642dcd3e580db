"""What `sentinel generate` accepts, importable without the generator itself (the CLI starts faster)."""

from __future__ import annotations

from typing import Literal

FormatName = Literal["legacy-csv", "legacy-parquet", "cur2", "focus"]
FORMATS: tuple[FormatName, ...] = ("legacy-csv", "legacy-parquet", "cur2", "focus")
SOURCE_FORMATS = {"legacy-csv": "legacy_cur_csv", "legacy-parquet": "legacy_cur_parquet", "cur2": "cur2",
                  "focus": "focus"}
MAX_ROWS_PER_MONTH = 50_000_000
