"""Immutable value classes that cost little to define.

`@dataclass(frozen=True)` writes each class's `__init__`, `__setattr__`, `__delattr__`, `__eq__`,
`__hash__` and `__repr__` as source text and compiles it: about a millisecond a class, a quarter
of a call's start-up across kjtimeline's classes. A subclass of `Value` becomes a dataclass with
none of them written; the methods are these, shared, `__init__` reading the fields' defaults from
tables made once a class. Type checkers see an ordinary frozen dataclass (`dataclass_transform`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from typing import Any, ClassVar, dataclass_transform


@dataclass_transform(frozen_default=True)
class Value:
    """Fields are set once, by `__init__`; equal when of the same class with equal fields.

    `class Name(Value, kw_only=True)` makes every field keyword-only.
    """

    __slots__ = ()
    field_names: ClassVar[tuple[str, ...]] = ()
    """The fields in order (`dataclasses.fields` is too slow to call for every record)."""
    _positional: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _factories: ClassVar[dict[str, Callable[[], Any]]] = {}
    _required: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, *, kw_only: bool = False, **options: Any) -> None:
        super().__init_subclass__(**options)
        dataclass(init=False, eq=False, repr=False, kw_only=kw_only)(cls)
        declared = fields(cls)  # type: ignore[arg-type]
        cls.field_names = tuple(field.name for field in declared)
        cls._positional = tuple(field.name for field in declared if not field.kw_only)
        cls._defaults = {field.name: field.default for field in declared if field.default is not MISSING}
        cls._factories = {f.name: f.default_factory for f in declared if f.default_factory is not MISSING}
        cls._required = frozenset(cls.field_names) - cls._defaults.keys() - cls._factories.keys()

    def __init__(self, *args: Any, **values: Any) -> None:
        cls = type(self)
        if len(args) > len(cls._positional):
            raise TypeError(f"{cls.__name__}() takes {len(cls._positional)} positional arguments, {len(args)} given")
        for name, value in zip(cls._positional, args, strict=False):
            if name in values:
                raise TypeError(f"{cls.__name__}() got multiple values for {name!r}")
            values[name] = value
        keys = values.keys()
        if not keys <= set(cls.field_names) or not cls._required <= keys:
            unknown = sorted(keys - set(cls.field_names))
            missing = sorted(cls._required - keys)
            raise TypeError(f"{cls.__name__}(): unknown fields {unknown}, missing fields {missing}")
        state = self.__dict__
        state.update(cls._defaults)
        for name, factory in cls._factories.items():
            if name not in values:
                state[name] = factory()
        state.update(values)

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
