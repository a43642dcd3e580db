"""Errors that name the file, the column or line, and the problem, and the exit codes that carry them."""

from __future__ import annotations

import errno

# How a job script tells its launcher (subprocess, Pipes, Glue) which kind of failure ended it.
EXIT_INPUT_ERROR = 2
EXIT_CHECK_FAILED = 3


class InputError(ValueError):
    """Bad billing input. Raised before anything in silver or gold is replaced."""

    def __init__(self, file: str, problem: str, column: str | None = None, line: int | None = None, *,
                 row_group: int | None = None, row: int | None = None):
        self.file = file
        self.column = column
        self.line = line
        self.row_group = row_group  # with row: where in a Parquet file (both from 0)
        self.row = row
        self.problem = problem
        self.deliveries: list[str] = []  # ids of the deliveries the problem is in (filled in by the job)
        where = file
        if line is not None:
            where += f", line {line}"
        if row_group is not None:
            where += f", row group {row_group}"
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {problem}")


class CheckFailed(RuntimeError):
    """A blocking data check failed: the new partition was not published."""


def storage_error(error: BaseException, where: str) -> OSError | None:
    """A full disk is not bad input: an error that says so and where, or None for any other error."""
    text = str(error).strip()
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or "No space left on device" in text:
        detail = text.splitlines()[0] if text and not isinstance(error, OSError) else where
        return OSError(errno.ENOSPC, f"no space left on device ({detail})")
    return None
