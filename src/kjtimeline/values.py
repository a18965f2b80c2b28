"""Immutable value classes that cost little to define.

`@dataclass(frozen=True)` writes each class's `__init__`, `__setattr__`, `__delattr__`, `__eq__`,
`__hash__` and `__repr__` as source text and compiles it: about a millisecond a class, a quarter
of a cached call's start-up across kjtimeline's classes. A subclass of `Value` becomes a dataclass
with only its `__init__` written; the other methods are these, shared. Type checkers see an
ordinary frozen dataclass (`dataclass_transform`).
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, fields
from typing import Any, ClassVar, dataclass_transform


@dataclass_transform(frozen_default=True)
class Value:
    """Fields are set once, by `__init__`; equal when of the same class with equal fields.

    `class Name(Value, kw_only=True)` makes every field keyword-only.
    """

    __slots__ = ()
    field_names: ClassVar[tuple[str, ...]] = ()
    """The fields in order (`dataclasses.fields` is too slow to call for every record)."""

    def __init_subclass__(cls, *, kw_only: bool = False, **options: Any) -> None:
        super().__init_subclass__(**options)
        dataclass(eq=False, repr=False, kw_only=kw_only)(cls)
        cls.field_names = tuple(field.name for field in fields(cls))  # type: ignore[arg-type]

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self.__dict__ or name not in self.field_names:
            raise FrozenInstanceError(f"cannot assign to {name!r}: a {type(self).__name__} does not change")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.field_names)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in zip(self.field_names, self._values(), strict=True))
        return f"{type(self).__name__}({values})"
