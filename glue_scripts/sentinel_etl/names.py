"""Column naming: every input is addressed by Athena-style snake_case names.

sqlframe lowercases identifiers and cannot bind names such as `lineItem/UnblendedCost`, so CSV inputs
are read with a positional schema of these names, and Parquet inputs are renamed to them.
"""

from __future__ import annotations

import re

_CAMEL_BOUNDARY = re.compile(r"([A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def snake_case(header: str) -> str:
    """`lineItem/UnblendedCost` → `line_item_unblended_cost`, `reservation/ReservationARN` →
    `reservation_reservation_a_r_n`, `resourceTags/user:CostCenter` → `resource_tags_user_cost_center`,
    `BilledCost` → `billed_cost` (the convention of AWS's Athena integration)."""
    spaced = _CAMEL_BOUNDARY.sub(r"_\1", header.strip()).lower()
    return _NON_WORD.sub("_", spaced).strip("_")


def snake_case_all(headers: list[str]) -> list[str]:
    """Snake-case a header row, keeping names unique (a second `x` becomes `x_2`)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for header in headers:
        name = snake_case(header) or "unnamed"
        count = seen.get(name, 0) + 1
        seen[name] = count
        out.append(name if count == 1 else f"{name}_{count}")
    return out
