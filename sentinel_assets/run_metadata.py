"""Reading back what the assets recorded in their materializations (for `sentinel run` and `status`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, cast

from dagster import MetadataValue

from sentinel.deliveries.discover import SetAside


def json_list(metadata: Mapping[str, MetadataValue], key: str) -> list[dict[str, Any]]:
    value = metadata.get(key)
    return cast(list[dict[str, Any]], value.value if value is not None else None) or []


def set_aside_notes(metadata: Mapping[str, MetadataValue]) -> list[str]:
    """One line per export silver did not count, from its `bills` metadata: the export counted instead, and
    both billed totals over the bills they share (exports_agree compares them bill by bill)."""
    pairs: dict[tuple[str, str, str, str], list[Decimal]] = {}
    for bill in json_list(metadata, "bills"):
        chosen = bill["chosen"]
        for other in bill["set_aside"]:
            totals = pairs.setdefault((other["export"], other["format"], chosen["export"], chosen["format"]),
                                      [Decimal(0), Decimal(0), Decimal(0)])
            totals[0] += 1
            totals[1] += Decimal(other["unblended_cost"])
            totals[2] += Decimal(chosen["unblended_cost"])
    notes = []
    for (other, other_format, chosen, chosen_format), (count, theirs, ours) in sorted(pairs.items()):
        billed = f"both bill {ours:.2f}" if round(theirs, 2) == round(ours, 2) else \
            f"{other} bills {theirs:.2f}, {chosen} {ours:.2f}"
        notes.append(f"set aside {other} ({other_format}): {int(count)} bill(s) counted from {chosen} "
                     f"({chosen_format}) instead; {billed}")
    return notes


def datasets_set_aside_notes(metadata: Mapping[str, MetadataValue]) -> list[str]:
    return [SetAside(item["file"], item["dataset"], None).note for item in json_list(metadata, "datasets_set_aside")]
