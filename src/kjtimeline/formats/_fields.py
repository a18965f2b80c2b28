"""What the table formats (sqlite, datapackage) read off a record's field types: one reading for both."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from kjtimeline.models import PartialDate, Record, Rule


class FieldHint:
    """A field's type without `Annotated` and `Optional`: its `Rule`s, whether it may be null, a partial date?"""

    def __init__(self, hint: Any) -> None:
        self.nullable = self.date = False
        self.rules: list[Rule] = []
        while True:
            if hint == PartialDate:
                self.date = True
            if get_origin(hint) is Annotated:
                self.rules += [rule for rule in hint.__metadata__ if isinstance(rule, Rule)]
                hint = get_args(hint)[0]
            elif get_origin(hint) in (Union, types.UnionType):
                self.nullable, hint = True, next(a for a in get_args(hint) if a is not type(None))
            else:
                self.bare = hint
                return

    @property
    def description(self) -> str | None:
        return next((rule.description for rule in self.rules if rule.description), None)


def field_hints(record_type: type[Record]) -> Iterator[tuple[str, FieldHint]]:
    """Each field of `record_type`, in order, with its hint."""
    hints = get_type_hints(record_type, include_extras=True)
    return ((name, FieldHint(hints[name])) for name in record_type.field_names)


def on_day(which: Callable[[str], str], get: Callable[[Any], Any]) -> Callable[[Any], str | None]:
    """A partial date's first or last day (`dates.first_day`, `last_day`), or None where there is no date."""
    return lambda row: which(value) if (value := get(row)) else None
