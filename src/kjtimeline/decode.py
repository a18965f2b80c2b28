"""Records from the bundled dataset, the exact bytes the test suite validated, without validating again.

`bundled.check` holds the size and CRC-32 of `data/events.json` as validated; a test holds it equal
to the file, so the file cannot change without the test suite seeing it. When the bytes match, the
records are built straight from `json.loads`, their fields set directly: no pydantic, no cache on
disk. Other bytes (an edited checkout) are validated in full by the caller. The check catches an
edit, not an attack: whoever can change the package's files can change its code too.
"""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Callable
from dataclasses import MISSING, fields
from pathlib import Path
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from kjtimeline.models import SCHEMA_KEY, Dataset, Record

CHECK_FILE = Path(__file__).with_name("bundled.check")
"""One line, `fingerprint` of the validated `data/events.json` (shipped in the wheel next to it)."""

Builder = Callable[[Any], Any]


def fingerprint(raw: bytes) -> str:
    """Size and CRC-32: a millisecond for the bundled file, where SHA-256 would cost its import first."""
    return f"size {len(raw)} crc32 {zlib.crc32(raw):08x}"


def trusted_dataset(raw: bytes) -> Dataset | None:
    """The dataset if `raw` is the validated bundled file, else None (the caller validates it)."""
    if fingerprint(raw) != CHECK_FILE.read_text("ascii").strip():
        return None
    return dataset_from_json(raw)


def dataset_from_json(raw: bytes) -> Dataset:
    """Records from JSON known to be valid, built without checking it: only for bytes already validated."""
    document = json.loads(raw)
    if isinstance(document.get(SCHEMA_KEY), str):  # an editor's pointer, not a field
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
    """Sets the fields directly: the generated `__init__` would call `Value.__setattr__` once a field."""
    namespace = vars(sys.modules[cls.__module__])
    declared = fields(cls)
    converters = [
        (field.name, convert) for field in declared if (convert := _converter(_evaluate(field.type, namespace)))
    ]
    defaults = {field.name: field.default for field in declared if field.default is not MISSING}
    new = object.__new__

    def build(document: dict[str, Any]) -> Record:
        for name, convert in converters:
            if name in document:
                document[name] = convert(document[name])
        record: Record = new(cls)
        state = record.__dict__
        state.update(defaults)
        state.update(document)
        return record

    return build


_EVALUATED: dict[tuple[str, str], Any] = {}


def _evaluate(annotation: Any, namespace: dict[str, Any]) -> Any:
    """A field's type from its annotation text, each distinct text evaluated once.

    `typing.get_type_hints` costs several times as much: it evaluates every annotation of every
    class in the hierarchy anew, and the builders run on every call.
    """
    if not isinstance(annotation, str):
        return annotation
    key = (namespace["__name__"], annotation)
    if key not in _EVALUATED:
        _EVALUATED[key] = eval(annotation, namespace)  # the package's own annotations, not data
    return _EVALUATED[key]


def _converter(annotation: Any) -> Builder | None:
    """How a JSON value becomes the field's value; None where it is taken as it is (str, int, bool)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _converter(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _builder(annotation)
    if origin is tuple:
        item = _converter(get_args(annotation)[0])
        if item is None:
            return tuple
        return lambda values: tuple(map(item, values))
    if origin is Union or origin is UnionType:
        (inner,) = (arg for arg in get_args(annotation) if arg is not NoneType)
        convert = _converter(inner)
        if convert is None:
            return None
        return lambda value: None if value is None else convert(value)
    return None
