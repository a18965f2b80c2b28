"""`export --format sqlite`: a database ready for `sqlite3` or Datasette.

The tables follow the record types' fields, so a new field reaches the database without an edit
here: a plain field is a column; a name in each language is a column per language (`title_en`…);
a reference is an `<field>_id` column; a list of ids is a link table (`event_topics`); a list of
records is a child table (`offices`, `key_dates`); a list of texts is a JSON array in a column.
`events_fts` is a full-text index over titles, summaries and significance, with the trigram
tokenizer, so Korean and Japanese text is found by substring as well as English words.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator, Sequence
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin, get_type_hints

from kjtimeline.dates import precision
from kjtimeline.formats import Format
from kjtimeline.load import RECORD_TYPES
from kjtimeline.models import LANGUAGES, Dataset, Id, Names, Record, plain
from kjtimeline.text import to_json

if TYPE_CHECKING:
    import sqlite3

TABLES = {
    "sources": "source",
    "topics": "topic",
    "eras": "era",
    "people": "person",
    "events": "event",
    "quotes": "quote",
}
"""Each collection's table and the singular its link-table and id columns are named with."""

REFERENCES = {
    ("events", "topics"): "topics", ("events", "people"): "people", ("events", "related"): "events",
    ("events", "sources"): "sources", ("people", "sources"): "sources", ("quotes", "speakers"): "people",
    ("quotes", "event"): "events", ("quotes", "source"): "sources",
}  # fmt: skip
"""(collection, field) -> the collection its ids refer to."""

TABLE_NAMES = {
    ("events", "related"): "related_events",
    ("people", "offices"): "offices",
    ("events", "key_dates"): "key_dates",
}
"""Link and child tables whose name reads better than `<singular>_<field>`."""


Rows = Callable[[Sequence[Any]], list[Any]]
"""The collection's records -> the rows of one table (the records themselves, or pairs)."""


def _bare(hint: Any) -> tuple[Any, bool]:
    """The type without `Annotated` and `Optional`, and whether it may be null."""
    nullable = False
    while True:
        if get_origin(hint) is Annotated:
            hint = get_args(hint)[0]
        elif get_origin(hint) in (Union, types.UnionType):
            members = [a for a in get_args(hint) if a is not type(None)]
            nullable, hint = True, members[0]
        else:
            return hint, nullable


def _pairs(field: str) -> Rows:
    """(owner id, item) for every item of every record's list `field`: a link or child table's rows."""
    return lambda records: [(r.id, item) for r in records for item in getattr(r, field)]


def _json(field: str) -> Callable[[Any], str]:
    return lambda record: to_json(plain(getattr(record, field)))


def _of_second(name: str, get: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
    """A column of a (owner id, item) row: the item's `name` field, or `get` of the item."""
    getter = get or attrgetter(name)
    return lambda pair: getter(pair[1])


def _sql_type(hint: Any) -> str:
    return "INTEGER" if hint in (bool, int) else "TEXT"


def _quoted(name: str) -> str:
    return f'"{name}"'


class _Table:
    """A table being laid out: its column definitions, and how to get each column from a row."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.columns: list[str] = []
        self.getters: list[Callable[[Any], Any]] = []

    def column(self, name: str, sql: str, get: Callable[[Any], Any]) -> None:
        self.columns.append(f"{_quoted(name)} {sql}")
        self.getters.append(get)

    def create(self) -> str:
        return f"CREATE TABLE {self.name} ({', '.join(self.columns)});"


def _layout(collection: str, record_type: type[Record], dataset: Dataset) -> Iterator[tuple[_Table, Rows]]:
    """The table of a collection, then its link and child tables: every field lands in one."""
    singular = TABLES.get(collection, collection)
    main = _Table(collection)
    owner = f"{singular}_id"
    owner_sql = f"TEXT NOT NULL REFERENCES {collection}(id)"
    children: list[tuple[_Table, Rows]] = []
    for field, hint in get_type_hints(record_type, include_extras=True).items():
        if field not in record_type.field_names:
            continue
        bare, nullable = _bare(hint)
        null = "" if nullable else " NOT NULL"
        target = REFERENCES.get((collection, field))
        if bare is Names:
            for code in LANGUAGES:
                main.column(f"{field}_{code}", "TEXT", attrgetter(f"{field}.{code}"))
        elif get_origin(bare) is tuple:
            item, _ = _bare(get_args(bare)[0])
            if isinstance(item, type) and issubclass(item, Record):
                name = TABLE_NAMES.get((collection, field), f"{singular}_{field}")
                children.append(_child_table(name, field, item, owner, owner_sql))
            elif target or get_args(bare)[0] == Id:
                name = TABLE_NAMES.get((collection, field), f"{singular}_{field}")
                link = _Table(name)
                link.column(owner, owner_sql, itemgetter(0))
                value_column = f"{TABLES[target]}_id" if target else TABLES.get(field, field.removesuffix("s"))
                if value_column == owner:
                    value_column = f"{field}_id"
                link.column(
                    value_column, f"TEXT NOT NULL{f' REFERENCES {target}(id)' if target else ''}", itemgetter(1)
                )
                children.append((link, _pairs(field)))
            else:
                main.column(field, "TEXT NOT NULL", _json(field))
        elif target:
            main.column(f"{field}_id", f"TEXT{null} REFERENCES {target}(id)", attrgetter(field))
        else:
            key = " PRIMARY KEY" if field == "id" else null
            main.column(field, _sql_type(bare) + key, attrgetter(field))
    if collection == "events":  # derived, for filtering in SQL
        main.column("precision", "TEXT NOT NULL", lambda e: precision(e.start))
        main.column("era_id", "TEXT REFERENCES eras(id)", lambda e: era.id if (era := dataset.era_of(e)) else None)
    yield main, list
    yield from children


def _child_table(table: str, field: str, item: type[Record], owner: str, owner_sql: str) -> tuple[_Table, Rows]:
    """One row an item of a list of records; its own lists are JSON arrays."""
    child = _Table(table)
    child.column(owner, owner_sql, itemgetter(0))
    for name, hint in get_type_hints(item, include_extras=True).items():
        if name in item.field_names:
            bare, nullable = _bare(hint)
            if get_origin(bare) is tuple:
                child.column(name, "TEXT NOT NULL", _of_second(name, _json(name)))
            else:
                child.column(name, _sql_type(bare) + ("" if nullable else " NOT NULL"), _of_second(name))
    return child, _pairs(field)


def _insert(db: sqlite3.Connection, table: _Table, rows: Sequence[Any]) -> None:
    if rows:
        marks = ", ".join("?" * len(table.getters))
        values = [tuple(get(row) for get in table.getters) for row in rows]
        db.executemany(f"INSERT INTO {table.name} VALUES ({marks})", values)


def export_sqlite(dataset: Dataset, lang: str = "en") -> bytes:
    import sqlite3

    db = sqlite3.connect(":memory:")
    for collection, record_type in RECORD_TYPES.items():
        records = getattr(dataset, collection)
        for table, rows in _layout(collection, record_type, dataset):
            db.execute(table.create())
            _insert(db, table, rows(records))
    titles = ", ".join(f"title_{code}" for code in LANGUAGES)
    db.execute(
        f"CREATE VIRTUAL TABLE events_fts USING fts5({titles}, summary, significance,"
        " content='events', content_rowid='rowid', tokenize='trigram')"
    )
    db.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
    db.commit()
    data = db.serialize()
    db.close()
    return bytes(data)


FORMAT = Format(
    name="sqlite",
    help="tables, link tables and a full-text index, for sqlite3 and Datasette",
    extension=".db",
    binary=True,
    export=export_sqlite,
)
