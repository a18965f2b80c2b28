"""Records straight from JSON with msgspec: the fast path of `load`, for files that are valid.

msgspec checks the types, patterns and lengths of the models while it parses (`Rule.meta`), one
record at a time, so a large file mapped into memory can let go of the pages it has read (`release`);
`days_exist` then runs what it cannot (`Rule.after`: that 30 February is no day). A file either
passes both and is the dataset pydantic would have made of it, or `load` validates it again with
pydantic, which lists every problem. References are checked after either (`checks`).

`bundled.check` holds the size and CRC-32 of `data/events.json` as the test suite validated it: when
the bytes match, the bundled dataset is decoded without the day and reference checks. The check
catches an edit, not an attack: whoever can change the package's files can change its code too.
"""

from __future__ import annotations

import mmap
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

import msgspec

from kjtimeline.models import SCHEMA_KEY, Dataset, FieldHint, Record, field_hints

Buffer = bytes | mmap.mmap
"""A file's bytes, or the file mapped into memory."""
CHECK_FILE = Path(__file__).with_name("bundled.check")
"""One line, `fingerprint` of the validated `data/events.json` (shipped in the wheel next to it)."""


def fingerprint(raw: bytes) -> str:
    """Size and CRC-32: a millisecond for the bundled file, where SHA-256 would cost its import first."""
    return f"size {len(raw)} crc32 {zlib.crc32(raw):08x}"


@cache
def _decoder() -> msgspec.json.Decoder[Dataset]:
    return msgspec.json.Decoder(Dataset)


def trusted_dataset(raw: bytes) -> Dataset | None:
    """The dataset if `raw` is the validated bundled file, else None (the caller validates it)."""
    if fingerprint(raw) != CHECK_FILE.read_bytes().decode().strip():  # UTF-8: no codec to import for ASCII
        return None
    return _decoder().decode(raw)


RELEASE_EVERY = 4096
"""Records decoded between two calls of `decode`'s `release`."""


def decode(buffer: Buffer, release: Callable[[], None] | None = None) -> Dataset | None:
    """The dataset if the file is valid against the models, else None: pydantic then says why.

    The top level is decoded first, each record left as its raw JSON, then the records one by one;
    `release` is called every `RELEASE_EVERY` records, when what has been read is no longer needed.
    """
    try:
        layout = _layout_decoder().decode(buffer)
        values = {name: getattr(layout, name) for name in Dataset.__struct_fields__}
        for name, record_type, _ in _plan(Dataset)[1]:
            decoder, items = _record_decoder(record_type), values[name]
            records: list[Record] = []
            for start in range(0, len(items), RELEASE_EVERY):
                records += map(decoder.decode, items[start : start + RELEASE_EVERY])
                if release is not None:
                    release()
            values[name] = tuple(records)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    del layout
    dataset = Dataset(**values)
    return dataset if days_exist(dataset) else None


@cache
def _layout_decoder() -> msgspec.json.Decoder[Any]:
    """A dataset file's top level: the fields of `Dataset`, each list of records as raw JSON items,
    and the editor's `"$schema"` pointer, read past."""
    hints = get_type_hints(Dataset, include_extras=True)
    collections = {name for name, _, _ in _plan(Dataset)[1]}
    fields: list[Any] = [("schema_pointer", str, msgspec.field(name=SCHEMA_KEY, default=""))]
    for field in msgspec.structs.fields(Dataset):
        hint = tuple[msgspec.Raw, ...] if field.name in collections else hints[field.name]
        fields.append((field.name, hint) if field.required else (field.name, hint, field.default))
    layout = msgspec.defstruct("Layout", fields, kw_only=True, forbid_unknown_fields=True)
    return msgspec.json.Decoder(layout)


@cache
def _record_decoder(record_type: type[Record]) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(record_type)


def decode_record(item: Any, record_type: type[Record]) -> Record | None:
    """One record of a parsed file, if valid: `load` keeps the valid records of an invalid file."""
    try:
        record = msgspec.convert(item, record_type)
    except msgspec.ValidationError:
        return None
    return record if days_exist(record) else None


def days_exist(record: Record) -> bool:
    """Every value in the record with an `after` check passes it. Each distinct value is checked
    once: a large file has a few thousand distinct days among millions of dates."""
    for check, values in _checked_values(record).items():
        try:
            for value in values:
                check(value)
        except ValueError:  # what pydantic reports of an `after` check
            return False
    return True


Check = Callable[[str], str]
Plan = tuple[tuple[str, Check, bool], ...]
"""A record type's fields with an `after` check: (field, the check, whether a tuple of values)."""
Children = tuple[tuple[str, type[Record], bool], ...]
"""A record type's fields that hold records: (field, record type, whether a tuple of them)."""


def _checked_values(record: Record) -> dict[Check, set[str]]:
    """The distinct values of each check, gathered with `map` and `chain` (iterated in C: this
    runs over every record of the file)."""
    found: dict[Check, set[str]] = {}

    def visit(records: Iterable[Record], record_type: type[Record]) -> None:
        checked, children = _plan(record_type)
        records = tuple(records)
        for name, check, many in checked:
            values = map(attrgetter(name), records)
            found.setdefault(check, set()).update(chain.from_iterable(values) if many else values)
        for name, child_type, many in children:
            values = map(attrgetter(name), records)
            visit(chain.from_iterable(values) if many else filter(None, values), child_type)

    visit((record,), type(record))
    for values in found.values():
        values.discard(None)  # an optional field left out
    return found


@cache
def _plan(record_type: type[Record]) -> tuple[Plan, Children]:
    checked: list[tuple[str, Check, bool]] = []
    children: list[tuple[str, type[Record], bool]] = []
    for name, hint in field_hints(record_type):
        many = get_origin(hint.bare) is tuple
        item = FieldHint(get_args(hint.bare)[0]) if many else hint
        check = next((rule.after for rule in (*hint.rules, *item.rules) if rule.after), None)
        if check is not None:
            checked.append((name, check, many))
        if isinstance(item.bare, type) and issubclass(item.bare, Record):
            children.append((name, item.bare, many))
    return tuple(checked), tuple(children)
