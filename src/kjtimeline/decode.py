"""Records from JSON that is already known to be valid: the bundled dataset, shipped with the package.

The package is trusted and its dataset is validated by the test suite before it is released, so
the common path (no `--data`) builds records straight from `json.loads` without pydantic: no cache
on disk, nothing read back that could run code. Anything unexpected (a checkout whose file was
edited) raises, and the caller validates in full instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from kjtimeline.models import SCHEMA_KEY, Dataset, Record

Builder = Callable[[Any], Any]


def dataset_from_json(raw: bytes) -> Dataset:
    document = json.loads(raw)
    if isinstance(document, dict) and isinstance(document.get(SCHEMA_KEY), str):
        del document[SCHEMA_KEY]
    built = _builder(Dataset)(document)
    if not isinstance(built, Dataset):  # pragma: no cover (the builder makes what it is given)
        raise TypeError("not a dataset")
    return built


_BUILDERS: dict[str, Builder] = {}


def _builder(cls: type[Record]) -> Builder:
    """One builder a class, made the first time it is needed."""
    if cls.__qualname__ not in _BUILDERS:
        _BUILDERS[cls.__qualname__] = _make_builder(cls)
    return _BUILDERS[cls.__qualname__]


def _make_builder(cls: type[Record]) -> Builder:
    hints = get_type_hints(cls)
    converters = [(name, convert) for name in cls.field_names if (convert := _converter(hints[name])) is not None]

    def build(document: Any) -> Record:
        if not isinstance(document, dict):
            raise TypeError(f"{cls.__name__}: expected an object")
        for name, convert in converters:
            if name in document:
                document[name] = convert(document[name])
        return cls(**document)

    return build


def _converter(annotation: Any) -> Builder | None:
    """How a JSON value becomes the field's value; None where it is taken as it is (str, int, bool)."""
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _builder(annotation)
    if origin is tuple:
        item = _converter(get_args(annotation)[0])
        if item is None:
            return _as_tuple
        return lambda values: tuple(map(item, values))
    if origin is Union or origin is UnionType:
        (inner,) = (arg for arg in get_args(annotation) if arg is not NoneType)
        convert = _converter(inner)
        if convert is None:
            return None
        return lambda value: None if value is None else convert(value)
    return None


def _as_tuple(values: Any) -> tuple[Any, ...]:
    return tuple(values)
