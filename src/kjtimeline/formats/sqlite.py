"""`export --format sqlite`: a database ready for `sqlite3`, sqlite-utils and Datasette.

The tables follow the record types' fields, so a new field reaches the database without an edit
here: a plain field is a column; a name in each language is a column per language (`title_en`…);
a reference is an `<field>_id` column; a list of ids is a link table (`event_topics`); a list of
records is a child table (`offices`, `key_dates`); a list of texts is a JSON array in a column.
The translations are a child table (`event_translations`) and also a column per text and language
(`summary_ko`, `facts_ja`…), so the full-text index, which reads one table, can hold them.
Every partial date also gets its first and last day (`start_first_day`…), so "1932" sorts and
facets as 1932 (SQLite would read `date('1932')` as a Julian day number).

`events_fts` is declared exactly as sqlite-utils' `enable_fts` declares it (`content="events"`),
which is what both sqlite-utils and Datasette look for. Its tokenizer splits words, which cannot
find a Korean or Japanese word inside a longer run of letters (독도 in 독도의, 竹島 in 竹島編入), so
the index also holds every 2- to MAX_GRAM-character piece of each run of Hangul, kana and kanji.

The database is written straight to its file, in one transaction without a journal: a large
export never has to fit in memory twice, and the CLI's temporary file is all-or-nothing anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, get_args, get_origin

from kjtimeline.codes import LANGUAGES, Translated
from kjtimeline.dates import first_day, last_day, precision
from kjtimeline.formats import Format
from kjtimeline.formats._fields import on_day
from kjtimeline.models import Dataset, Era, Event, FieldHint, Id, Names, Record, field_hints, plain
from kjtimeline.text import pattern, to_json

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

LABELS = {
    "topics": "name_{lang}", "eras": "name_{lang}", "people": "name_{lang}", "events": "title_{lang}",
    "sources": "title", "quotes": "id",
}  # fmt: skip
"""The field Datasette shows for a row where another table refers to it (in the export's language)."""

TRANSLATED: tuple[str, ...] = get_args(Translated)
SEARCHED = ("summary", "significance", "facts")
"""The event's texts the full-text index holds in every language, besides the titles and aliases."""
FTS_COLUMNS = (
    *(f"title_{code}" for code in LANGUAGES),
    *(f"{field}{suffix}" for field in SEARCHED for suffix in ("", *(f"_{code}" for code in TRANSLATED))),
    "aliases",
)
MAX_GRAM = 6
"""The longest piece of a Korean or Japanese run that is indexed: longer words are found only whole."""
_CJK_RUN = "[\u3005\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}"
"""Hangul syllables, hiragana, katakana (not the middle dot, a separator) and kanji, with 々."""
DATE_COLUMNS = {
    "first_day": "The first day the date covers (YYYY-MM-DD), for sorting and faceting.",
    "last_day": "The last day the date covers (YYYY-MM-DD).",
}

Rows = Callable[[Sequence[Any]], Iterable[Any]]
"""The collection's records -> the rows of one table (the records themselves, or pairs)."""


def _pairs(field: str) -> Rows:
    """(owner id, item) for every item of every record's list `field`: a link or child table's rows."""
    return lambda records: ((r.id, item) for r in records for item in getattr(r, field))


def _json(field: str) -> Callable[[Any], str]:
    """A list as a JSON array; `plain` only for a list of records (the JSON encoder takes a tuple of texts)."""

    def get(record: Any) -> str:
        value = getattr(record, field)
        if not value:
            return "[]"
        return to_json(plain(value) if isinstance(value[0], Record) else value)

    return get


def _of_second(get: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A column of a (owner id, item) row, got from the item."""
    return lambda pair: get(pair[1])


def _sql_type(hint: Any) -> str:
    return "INTEGER" if hint in (bool, int) else "TEXT"


def _quoted(name: str) -> str:
    return '"{}"'.format(name.replace('"', '""'))


class _Table:
    """A table being laid out: its column definitions, how to get each column from a row, what each means."""

    def __init__(self, name: str, pairs: bool = False) -> None:
        self.name = name
        self.pairs = pairs
        """Its rows are the (owner id, item) pairs as they come: a link table."""
        self.names: list[str] = []
        self.columns: list[str] = []
        self.getters: list[Callable[[Any], Any]] = []
        self.descriptions: dict[str, str] = {}
        self.sortable: list[str] = []
        """The ids, dates and names: what a reader sorts by."""

    def column(self, name: str, sql: str, get: Callable[[Any], Any], description: str | None = None) -> None:
        self.names.append(name)
        if name == "id" or name.startswith(("title_", "name_")):
            self.sortable.append(name)
        self.columns.append(f"{_quoted(name)} {sql}")
        self.getters.append(get)
        if description:
            self.descriptions[name] = description

    def value(self, name: str, hint: FieldHint, get: Callable[[Any], Any], key: str = "") -> None:
        """A plain field's column; a partial date's first and last day after it."""
        self.column(name, _sql_type(hint.bare) + (key or ("" if hint.nullable else " NOT NULL")), get, hint.description)
        if hint.date:
            self.sortable.append(name)
            for suffix, which in (("first_day", first_day), ("last_day", last_day)):
                self.column(f"{name}_{suffix}", "TEXT", on_day(which, get), DATE_COLUMNS[suffix])
                self.sortable.append(f"{name}_{suffix}")

    def create(self) -> str:
        return f"CREATE TABLE {self.name} ({', '.join(self.columns)});"

    def tuples(self, rows: Iterable[Any]) -> Iterable[Sequence[Any]]:
        """The rows as SQLite takes them, made one at a time as it takes them."""
        if self.pairs:
            return rows
        getters = self.getters
        return (tuple([get(row) for get in getters]) for row in rows)


def _layout(collection: str, record_type: type[Record], dataset: Dataset) -> Iterator[tuple[_Table, Rows]]:
    """The table of a collection, then its link and child tables: every field lands in one."""
    singular = TABLES.get(collection, collection)
    main = _Table(collection)
    owner = f"{singular}_id"
    owner_sql = f"TEXT NOT NULL REFERENCES {collection}(id)"
    children: list[tuple[_Table, Rows]] = []
    for field, hint in field_hints(record_type):
        bare, null = hint.bare, "" if hint.nullable else " NOT NULL"
        target = REFERENCES.get((collection, field))
        if bare is Names:
            for code in LANGUAGES:
                main.column(f"{field}_{code}", "TEXT", attrgetter(f"{field}.{code}"))
        elif get_origin(bare) is tuple:
            item = FieldHint(get_args(bare)[0]).bare
            name = TABLE_NAMES.get((collection, field), f"{singular}_{field}")
            if isinstance(item, type) and issubclass(item, Record):
                children.append(_child_table(name, field, item, owner, owner_sql))
                if "lang" in item.field_names:  # translations: a column per text and language as well
                    _translation_columns(main, field, item)
            elif target or get_args(bare)[0] == Id:
                link = _Table(name, pairs=True)
                link.column(owner, owner_sql, itemgetter(0))
                value_column = f"{TABLES[target]}_id" if target else TABLES.get(field, field.removesuffix("s"))
                if value_column == owner:
                    value_column = f"{field}_id"
                link.column(
                    value_column, f"TEXT NOT NULL{f' REFERENCES {target}(id)' if target else ''}", itemgetter(1)
                )
                children.append((link, _pairs(field)))
            else:
                main.column(field, "TEXT NOT NULL", _json(field), hint.description)
        elif target:
            main.column(f"{field}_id", f"TEXT{null} REFERENCES {target}(id)", attrgetter(field), hint.description)
        else:
            main.value(field, hint, attrgetter(field), " PRIMARY KEY" if field == "id" else "")
    if collection == "events":  # derived, for filtering and faceting in SQL
        era_of = _era_by_day(dataset)
        main.column(
            "precision", "TEXT NOT NULL", lambda e: precision(e.start), "year, month or day: how precise `start` is."
        )
        main.column("era_id", "TEXT REFERENCES eras(id)", _of_era(era_of, "id"), "The era the start falls in.")
        for code in LANGUAGES:
            main.column(f"era_name_{code}", "TEXT", _of_era(era_of, f"name.{code}"))
        for code in LANGUAGES:
            main.column(
                f"topic_names_{code}", "TEXT NOT NULL", _topic_names(dataset, code), "The topics' names, a JSON array."
            )
    yield main, lambda records: records
    yield from children


def _translation_columns(table: _Table, field: str, item: type[Record]) -> None:
    """`summary_ko`, `summary_ja`, `facts_ko`…: each text of the translations in each language."""
    for name, hint in field_hints(item):
        if name != "lang":
            listed = get_origin(hint.bare) is tuple
            for code in TRANSLATED:
                table.column(
                    f"{name}_{code}",
                    "TEXT",
                    _translated(field, code, name, listed),
                    f"`{name}` in the `{code}` translation (null where there is none)"
                    + ("; a JSON array." if listed else "."),
                )


def _translated(field: str, code: str, name: str, listed: bool) -> Callable[[Any], Any]:
    def get(record: Any) -> Any:
        for translation in getattr(record, field):
            if translation.lang == code:
                value = getattr(translation, name)
                return to_json(list(value)) if listed else value
        return None

    return get


def _era_by_day(dataset: Dataset) -> Callable[[Event], Era | None]:
    """`dataset.era_of`, looked up once a start day: many events share one, and each column asks."""
    eras: dict[str, Era | None] = {}

    def era_of(event: Event) -> Era | None:
        day = event.first_day
        if day not in eras:
            eras[day] = dataset.era_of(event)
        return eras[day]

    return era_of


def _of_era(era_of: Callable[[Event], Era | None], name: str) -> Callable[[Any], Any]:
    """A column of an event's era (null for an event before or between the eras)."""
    get = attrgetter(name)
    return lambda event: get(era) if (era := era_of(event)) else None


def _topic_names(dataset: Dataset, code: str) -> Callable[[Any], str]:
    """Written once a combination of topics: there are few, and a JSON dump costs more than a look-up."""
    names = {topic.id: getattr(topic.name, code) for topic in dataset.topics}
    written: dict[tuple[str, ...], str] = {}

    def topic_names(event: Event) -> str:
        if event.topics not in written:
            written[event.topics] = to_json([names.get(topic) for topic in event.topics])
        return written[event.topics]

    return topic_names


def _child_table(table: str, field: str, item: type[Record], owner: str, owner_sql: str) -> tuple[_Table, Rows]:
    """One row an item of a list of records; its own lists are JSON arrays."""
    child = _Table(table)
    child.column(owner, owner_sql, itemgetter(0))
    for name, hint in field_hints(item):
        if get_origin(hint.bare) is tuple:
            child.column(name, "TEXT NOT NULL", _of_second(_json(name)), hint.description)
        else:
            child.value(name, hint, _of_second(attrgetter(name)))
    return child, _pairs(field)


def _tables(dataset: Dataset) -> Iterator[tuple[_Table, Iterable[Any]]]:
    from kjtimeline.load import RECORD_TYPES  # here, as below: `export --help` imports every export format for its help

    for collection, record_type in RECORD_TYPES.items():
        records = getattr(dataset, collection)
        for table, rows in _layout(collection, record_type, dataset):
            yield table, rows(records)


def searchable(text: str) -> str:
    """`text` and, after it, every 2- to MAX_GRAM-character piece of its Korean and Japanese runs
    (shorter than the run: the whole run is a word of `text` already)."""
    if text.isascii():  # most texts: no scan for runs
        return text
    grams = [
        run[start : start + size]
        for run in pattern(_CJK_RUN).findall(text)
        for size in range(2, min(len(run) - 1, MAX_GRAM) + 1)
        for start in range(len(run) - size + 1)
    ]
    return f"{text} {' '.join(grams)}" if grams else text


def _indexed(event: Any) -> tuple[str, ...]:
    """The event's `FTS_COLUMNS` texts, a list's items one a line."""
    texts: dict[str, Any] = {f"title_{code}": getattr(event.title, code) for code in LANGUAGES}
    texts.update((field, getattr(event, field)) for field in (*SEARCHED, "aliases"))
    for translation in event.translations:
        texts.update((f"{field}_{translation.lang}", getattr(translation, field)) for field in SEARCHED)
    return tuple(searchable(_lines(texts.get(column))) for column in FTS_COLUMNS)


def _lines(text: str | tuple[str, ...] | None) -> str:
    return "\n".join(text) if isinstance(text, tuple) else text or ""


FTS_SQL = (
    'CREATE VIRTUAL TABLE "events_fts" USING FTS5 (\n    '
    + ", ".join(_quoted(c) for c in FTS_COLUMNS)
    + ",\n    tokenize='unicode61 remove_diacritics 2',\n    content=\"events\"\n)"
)
"""sqlite-utils' `enable_fts(FTS_COLUMNS, tokenize=...)` statement, character for character."""

FTS_AUTOMERGE = 4
"""FTS5's default `automerge`, set again once the index is built: for whoever adds rows later."""

VIEWS = {
    "events_with_people": (
        "SELECT e.id AS event_id, e.start, {event_titles}, p.id AS person_id, {person_names}, p.country"
        " FROM events e JOIN event_people l ON l.event_id = e.id JOIN people p ON p.id = l.person_id"
    ),
    "events_with_sources": (
        "SELECT e.id AS event_id, e.start, {event_titles}, s.id AS source_id, s.title AS source_title,"
        " s.publisher, s.kind, s.url, s.date AS source_date"
        " FROM events e JOIN event_sources l ON l.event_id = e.id JOIN sources s ON s.id = l.source_id"
    ),
    "events_with_topics": (
        "SELECT e.id AS event_id, e.start, {event_titles}, t.id AS topic_id, {topic_names}"
        " FROM events e JOIN event_topics l ON l.event_id = e.id JOIN topics t ON t.id = l.topic_id"
    ),
    "quotes_with_speakers": (
        "SELECT q.id AS quote_id, q.date, q.text, q.attribution, q.event_id, p.id AS person_id, {person_names}"
        " FROM quotes q JOIN quote_speakers l ON l.quote_id = q.id JOIN people p ON p.id = l.person_id"
    ),
}
"""Each row of a link table with both ends' names, so a browser of the database needs no join."""


def _view_sql(name: str) -> str:
    def names(alias: str, field: str, prefix: str) -> str:
        return ", ".join(f"{alias}.{field}_{code} AS {prefix}_{code}" for code in LANGUAGES)

    select = VIEWS[name].format(
        event_titles=names("e", "title", "title"),
        person_names=names("p", "name", "person_name"),
        topic_names=names("t", "name", "topic_name"),
    )
    return f"CREATE VIEW {name} AS {select}"


def save_sqlite(dataset: Dataset, lang: str, path: Path) -> None:
    """Write the database into the (new, empty) file at `path`."""
    import sqlite3

    from kjtimeline.load import RECORD_TYPES

    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("BEGIN")
        for table, rows in _tables(dataset):
            db.execute(table.create())
            db.executemany(f"INSERT INTO {table.name} VALUES ({', '.join('?' * len(table.names))})", table.tuples(rows))
            if table.name not in RECORD_TYPES:  # a link or child table: looked up by its owner
                owner = table.names[0]
                db.execute(f"CREATE INDEX {table.name}_{owner} ON {table.name}({owner})")
        db.execute(FTS_SQL)
        # No merging of the index's segments while it is built: FTS5 still merges when one level
        # holds too many (`crisismerge`), and a search is as fast; the build takes a sixth to a third less.
        db.execute("INSERT INTO events_fts(events_fts, rank) VALUES('automerge', 0)")
        db.executemany(
            f"INSERT INTO events_fts(rowid, {', '.join(map(_quoted, FTS_COLUMNS))}) VALUES (?{', ?' * len(FTS_COLUMNS)})",
            ((rowid, *_indexed(event)) for rowid, event in enumerate(dataset.events, 1)),  # the events' rowids
        )
        db.execute(f"INSERT INTO events_fts(events_fts, rank) VALUES('automerge', {FTS_AUTOMERGE})")
        for name in VIEWS:
            db.execute(_view_sql(name))
        db.execute("COMMIT")
    finally:
        db.close()


TABLE_DESCRIPTIONS = {
    "events": "One row an event. Dates are partial (YYYY, YYYY-MM or YYYY-MM-DD); sort and facet by start_first_day.",
    "people": "People the events and quotes name.",
    "quotes": "Quotes, word for word as their source gives them.",
    "sources": "The sources the events, people and quotes cite.",
    "topics": "The topics events are filed under.",
    "eras": "Named periods; each event's era_id is the one its start falls in.",
    "events_fts": "The full-text index of the events: titles, aliases, and summary, significance and facts in"
    " every language.",
    **{name: f"{name.replace('_', ' ', 1).capitalize()}: one row a pair, with both ends' names." for name in VIEWS},
}
FACETS = {"events": ("era_id", "kind", "tone", "precision"), "people": ("country",), "sources": ("kind",)}
ARRAY_FACETS = {"events": ("topic_names_{lang}",)}
"""Columns holding a JSON array, faceted by item (Datasette's `_facet_array`)."""


def datasette_metadata(dataset: Dataset, lang: str, path: Path) -> tuple[Path, bytes]:
    """Datasette's metadata for the database at `path`, written beside it as `<name>.metadata.json`."""
    from kjtimeline.load import RECORD_TYPES

    tables: dict[str, dict[str, Any]] = {}
    for collection, record_type in RECORD_TYPES.items():
        for table, _ in _layout(collection, record_type, dataset):
            entry: dict[str, Any] = {"columns": table.descriptions} if table.descriptions else {}
            if collection == table.name:
                entry.update(label_column=LABELS[collection].format(lang=lang), sortable_columns=table.sortable)
            arrays = ({"array": column.format(lang=lang)} for column in ARRAY_FACETS.get(table.name, ()))
            if facets := [*FACETS.get(table.name, ()), *arrays]:
                entry["facets"] = facets
            if entry:
                tables[table.name] = entry
    tables["events"]["sort"] = "start_first_day"
    for name, description in TABLE_DESCRIPTIONS.items():
        tables.setdefault(name, {})["description"] = description
    metadata = {
        "title": dataset.title,
        "description": f"{len(dataset.events)} events, exported by kjtimeline. Every event cites its sources.",
        "license": dataset.license,
        "license_url": f"https://spdx.org/licenses/{dataset.license}.html",
        "source": "the sources table: each event, person and quote cites its own",
        "source_url": f"/{path.stem}/sources",
        "databases": {path.stem: {"tables": tables}},
    }
    return path.with_name(f"{path.stem}.metadata.json"), to_json(metadata, indent=2).encode() + b"\n"


FORMAT = Format(
    name="sqlite",
    help="tables, views and a full-text index, for sqlite3, sqlite-utils and Datasette",
    extension=".db",
    binary=True,
    save=save_sqlite,
    metadata=datasette_metadata,
)
