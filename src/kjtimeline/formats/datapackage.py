"""`export --format datapackage`: a Frictionless Data Package, zipped: `datapackage.json` and linked CSVs.

`frictionless validate kj.zip` reads it as it is. The tables follow the record types' fields,
as the SQLite export's do (and with its table names), so a new field reaches the package
without an edit here:
- a plain field is a typed column (string, boolean; a `Literal` is a string with an `enum`), with
  the constraints and the description of its `Rule`;
- a partial date (`1910`, `1910-08`) is a string with the pattern, plus `<field>_first_day`
  and `<field>_last_day` columns typed `date`, for sorting and filtering by day;
- a name in each language is a column per language (`title_en`…);
- a reference is an `<field>_id` column with a foreign key;
- a list is a link or child table, one row an item with its `position` (from 1): ids of another
  collection with a foreign key (`event_topics`), other ids and texts as values (`event_tags`,
  `event_facts`), records as their fields (`key_dates`, `offices`, `event_translations`), whose
  own lists are `array` columns (JSON arrays).
Text cells are written as in the CSV export (controls as escapes, formula-like text with a
leading apostrophe), so the files are as safe to open in a spreadsheet; `--format json` is the
exact text. Every table is written a row at a time into the zip: memory stays flat.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from kjtimeline import __version__
from kjtimeline.dates import first_day, last_day, precision
from kjtimeline.formats import Format
from kjtimeline.formats._fields import on_day
from kjtimeline.formats.csv import spreadsheet_safe
from kjtimeline.formats.sqlite import REFERENCES, TABLE_NAMES, TABLES
from kjtimeline.models import Dataset, FieldHint, Id, Names, Record, field_hints, plain
from kjtimeline.text import to_json

LICENSES = {"CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/")}
"""Licence names the dataset may give, and their titles and texts."""
DAYS = {
    "first_day": ("the first day", first_day),
    "last_day": ("the last day", last_day),
}
"""The date columns beside each partial date."""
LANGUAGE_NAMES = {"en": "English", "ko": "Korean", "ja": "Japanese"}

Getter = Callable[[Any], Any]


def _constraints(hint: FieldHint) -> dict[str, Any]:
    found: dict[str, Any] = {} if hint.nullable else {"required": True}
    if get_origin(hint.bare) is Literal:
        found["enum"] = list(get_args(hint.bare))
    # No maxLength: a text's escapes and a formula guard's apostrophe may lengthen its cell.
    for rule in hint.rules:
        for key, name in (("pattern", "pattern"), ("min_length", "minLength")):
            if getattr(rule, key) is not None:
                found.setdefault(name, getattr(rule, key))
    return found


class _Table:
    """One resource being laid out: its Table Schema, and how to get each cell from a row."""

    def __init__(self, name: str, rows: Callable[[Dataset], Iterable[Any]], description: str | None = None) -> None:
        self.name, self.rows, self.description = name, rows, description
        self.fields: list[dict[str, Any]] = []
        self.getters: list[Getter] = []
        self.primary_key: list[str] = ["id"]
        self.foreign_keys: list[dict[str, Any]] = []

    def column(self, name: str, kind: str, get: Getter, description: str | None, **constraints: Any) -> None:
        field: dict[str, Any] = {"name": name, "type": kind}
        if description:
            field["description"] = description
        if constraints:
            field["constraints"] = constraints
        self.fields.append(field)
        self.getters.append(get)

    def refer(self, column: str, target: str) -> None:
        self.foreign_keys.append({"fields": [column], "reference": {"resource": target, "fields": ["id"]}})

    def scalar(self, name: str, hint: FieldHint, get: Getter, description: str | None = None) -> None:
        """A plain field: typed, and a partial date also as its first and last day."""
        kind = {bool: "boolean", int: "integer"}.get(hint.bare, "string")
        if get_origin(hint.bare) is tuple:
            kind = "array"
        self.column(name, kind, get, description or hint.description, **_constraints(hint))
        if hint.date:
            for suffix, (words, day) in DAYS.items():
                self.column(
                    f"{name}_{suffix}", "date", on_day(day, get), f"{words.capitalize()} `{name}` covers (YYYY-MM-DD)."
                )

    def resource(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"fields": self.fields, "primaryKey": self.primary_key}
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        described = {"description": self.description} if self.description else {}
        return {
            "name": self.name, "path": f"data/{self.name}.csv", "profile": "tabular-data-resource", **described,
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema,
        }  # fmt: skip

    def lines(self, dataset: Dataset) -> Iterator[list[Any]]:
        yield [field["name"] for field in self.fields]
        for row in self.rows(dataset):
            yield [_cell(get(row)) for get in self.getters]


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return to_json(plain(value), compact=True)
    return spreadsheet_safe(value) if isinstance(value, str) else value


def _attribute(name: str) -> Getter:
    return lambda record: getattr(record, name)


def _item(name: str | None) -> Getter:
    """A cell of a (owner id, position, item) row: the item's field `name`, or the item itself."""
    return (lambda row: getattr(row[2], name)) if name else (lambda row: row[2])


def _items(collection: str, field: str) -> Callable[[Dataset], Iterator[tuple[str, int, Any]]]:
    def rows(dataset: Dataset) -> Iterator[tuple[str, int, Any]]:
        for record in getattr(dataset, collection):
            for position, item in enumerate(getattr(record, field), start=1):
                yield record.id, position, item

    return rows


def _collection(name: str) -> Callable[[Dataset], Iterable[Any]]:
    return lambda dataset: getattr(dataset, name)


def _layout(collection: str, record_type: type[Record], dataset: Dataset) -> Iterator[_Table]:
    """The table of a collection, then its link and child tables: every field lands in one."""
    singular = TABLES[collection]
    article = "an" if singular[0] in "aeiou" else "a"
    main = _Table(collection, _collection(collection), _described(record_type, f"One row {article} {singular}."))
    owner = f"{singular}_id"
    children: list[_Table] = []
    for field, hint in field_hints(record_type):
        target = REFERENCES.get((collection, field))
        if hint.bare is Names:
            for code, language in field_hints(Names):  # the fields of `Names` are the languages
                described = f"The {field} in {LANGUAGE_NAMES.get(code, code)}."
                main.column(f"{field}_{code}", "string", _names(field, code), described, **_constraints(language))
        elif get_origin(hint.bare) is tuple:
            children.append(_list_table(collection, field, hint, owner, target))
        elif target:
            main.scalar(f"{field}_id", hint, _attribute(field))
            main.refer(f"{field}_id", target)
        else:
            main.scalar(field, hint, _attribute(field))
    if collection == "events":  # derived, for filtering
        main.column("precision", "string", lambda e: precision(e.start), "How precise `start` is.", required=True,
                    enum=["year", "month", "day"])  # fmt: skip
        main.column("era_id", "string", lambda e: era.id if (era := dataset.era_of(e)) else None,
                    "The era `start` falls in.")  # fmt: skip
        main.refer("era_id", "eras")
    yield main
    yield from children


def _names(field: str, code: str) -> Getter:
    return lambda record: getattr(getattr(record, field), code)


def _described(record_type: type[Record], otherwise: str) -> str:
    """The record's own docstring's first line (a dataclass without one has its signature there)."""
    doc = record_type.__doc__ or ""
    return otherwise if doc.startswith(f"{record_type.__name__}(") or not doc else doc.split("\n")[0]


def _list_table(collection: str, field: str, hint: FieldHint, owner: str, target: str | None) -> _Table:
    singular = TABLES[collection]
    about = f"`{field}` of each {singular}, one row an item" + (f": {hint.description}" if hint.description else ".")
    table = _Table(TABLE_NAMES.get((collection, field), f"{singular}_{field}"), _items(collection, field), about)
    table.primary_key = [owner, "position"]
    table.column(owner, "string", lambda row: row[0], f"The {singular} this row belongs to.", required=True)
    table.refer(owner, collection)
    table.column("position", "integer", lambda row: row[1], "Its place in the list, from 1.", required=True)
    item = FieldHint(get_args(hint.bare)[0])
    if isinstance(item.bare, type) and issubclass(item.bare, Record):
        for name, inner in field_hints(item.bare):
            table.scalar(name, inner, _item(name))
    elif target:
        column = f"{TABLES[target]}_id" if f"{TABLES[target]}_id" != owner else f"{field}_id"
        table.scalar(column, item, _item(None), f"One of the {target} it refers to.")
        table.refer(column, target)
    else:  # ids of no collection (tags) by their singular; texts (facts, places) as "text"
        table.scalar(field.removesuffix("s") if get_args(hint.bare)[0] == Id else "text", item, _item(None))
    return table


def _tables(dataset: Dataset) -> list[_Table]:
    from kjtimeline.load import RECORD_TYPES  # here, as zipfile and csv below: `export --help` imports every format

    return [table for name, record_type in RECORD_TYPES.items() for table in _layout(name, record_type, dataset)]


def descriptor(dataset: Dataset, tables: Iterable[_Table]) -> dict[str, Any]:
    """`datapackage.json`: the package's title, version and licences, and every table's schema."""
    title, path = LICENSES.get(dataset.license, (dataset.license, None))
    licence = {"name": dataset.license, "title": title, **({"path": path} if path else {})}
    return {
        "profile": "tabular-data-package",
        "name": "kjtimeline",
        "title": dataset.title,
        "version": __version__,
        "description": "Events, people, quotes and sources of Korea–Japan relations, every one sourced; English,"
        " Korean and Japanese. Quotations stay with their authors and publishers and are not relicensed.",
        "licenses": [licence],
        "resources": [table.resource() for table in tables],
    }


def save_datapackage(dataset: Dataset, lang: str, path: Path) -> None:
    """The zip: `datapackage.json`, then each table's CSV written into it a row at a time."""
    import csv
    import zipfile

    tables = _tables(dataset)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entry = zipfile.ZipInfo("datapackage.json")  # dated 1980 as the tables are: the same data, the same bytes
        archive.writestr(entry, to_json(descriptor(dataset, tables), indent=2) + "\n", zipfile.ZIP_DEFLATED)
        for table in tables:
            with archive.open(f"data/{table.name}.csv", "w", force_zip64=True) as raw:
                stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                csv.writer(stream, lineterminator="\r\n").writerows(table.lines(dataset))
                stream.flush()
                stream.detach()


FORMAT = Format(
    name="datapackage",
    help="a Frictionless Data Package: datapackage.json and linked, typed CSV tables, zipped",
    extension=".zip",
    binary=True,
    save=save_datapackage,
)
