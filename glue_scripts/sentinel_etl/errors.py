"""Errors that name the file, the column or line, and the problem."""

from __future__ import annotations


class InputError(ValueError):
    """Bad billing input. Raised before anything in silver or gold is replaced."""

    def __init__(self, file: str, problem: str, column: str | None = None, line: int | None = None):
        self.file = file
        self.column = column
        self.line = line
        self.problem = problem
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {problem}")


class CheckFailed(RuntimeError):
    """A blocking data check failed: the new partition was not published."""
