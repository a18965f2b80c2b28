"""A partial date's first or last day as a column: what the table formats (sqlite, datapackage) share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def on_day(which: Callable[[str], str], get: Callable[[Any], Any]) -> Callable[[Any], str | None]:
    """A partial date's first or last day (`dates.first_day`, `last_day`), or None where there is no date."""
    return lambda row: which(value) if (value := get(row)) else None
