"""Column naming: every input is addressed by Athena-style snake_case names.

sqlframe lowercases identifiers and cannot bind names such as `lineItem/UnblendedCost`, so CSV inputs
are read with a positional schema of these names, and Parquet inputs are renamed to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAMEL_BOUNDARY = re.compile(r"([A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def snake_case(header: str) -> str:
    """`lineItem/UnblendedCost` → `line_item_unblended_cost`, `reservation/ReservationARN` →
    `reservation_reservation_a_r_n`, `resourceTags/user:CostCenter` → `resource_tags_user_cost_center`,
    `BilledCost` → `billed_cost` (the convention of AWS's Athena integration)."""
    spaced = _CAMEL_BOUNDARY.sub(r"_\1", header.strip()).lower()
    return _NON_WORD.sub("_", spaced).strip("_")


def snake_case_all(headers: list[str]) -> list[str]:
    """Snake-case a header row; a second `x` becomes `x_2`. That keeps distinct tag keys apart; for any
    other pair, or where a header is itself `x_2`, it is not enough, and first_clash refuses the row."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for header in headers:
        name = snake_case(header) or "unnamed"
        count = seen.get(name, 0) + 1
        seen[name] = count
        out.append(name if count == 1 else f"{name}_{count}")
    return out


# Columns whose name ends in a user-chosen key (legacy CUR tags and cost categories). AWS writes distinct
# keys such as `user:team` and `user:Team` as distinct columns; they read as one snake_case name, and
# snake_case_all keeps both on purpose (`resource_tags_user_team`, `resource_tags_user_team_2`, the Athena
# integration's convention), so each key keeps its values. Any other pair that reads as one name would leave
# the second column unused under a `_2` name nobody reads, so such a pair is refused instead.
KEYED_PREFIXES = ("resource_tags_", "cost_category_")


@dataclass(frozen=True)
class NameClash:
    """Two columns (0-based positions) that cannot both be read by name."""

    first: int
    second: int
    name: str  # the snake_case name both read as
    same_header: bool  # the very same header text twice


def first_clash(headers: list[str]) -> NameClash | None:
    """A pair of columns that cannot both be read by name, or None when every column can.

    Three kinds: the same header twice (even a tag: one copy would be dropped); two headers that snake-case
    to one name, unless both are keyed columns (see KEYED_PREFIXES); and, among keyed columns, a `_2`-style
    name that snake_case_all gives one column landing on another's own name (`user:team`, `user:Team`,
    `user:team_2`). The first two kinds are reported first: the third only follows from an allowed pair."""
    clashes: list[NameClash] = []
    earlier: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        name = snake_case(header) or "unnamed"
        before = earlier.setdefault(name, [])
        same = next((b for b in before if headers[b] == header), None)
        if same is not None:
            clashes.append(NameClash(same, index, name, same_header=True))
        elif before and not name.startswith(KEYED_PREFIXES):
            clashes.append(NameClash(before[0], index, name, same_header=False))
        before.append(index)
    if not clashes:
        final: dict[str, int] = {}
        for index, name in enumerate(snake_case_all(headers)):
            if name in final:
                clashes.append(NameClash(final[name], index, name, same_header=False))
            final.setdefault(name, index)
    return min(clashes, key=lambda c: (c.second, c.first), default=None)
