"""`export --format sqlite`: a database ready for `sqlite3` or Datasette.

One table per record type, link tables for the many-to-many references, and `events_fts`, a
full-text index over titles (three languages), summaries and significance. It uses the trigram
tokenizer, so Korean and Japanese text is found by substring as well as English words.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from kjtimeline.dates import precision
from kjtimeline.formats import Format
from kjtimeline.models import Dataset

SCHEMA = """
CREATE TABLE sources (id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT NULL, url TEXT NOT NULL,
    date TEXT, archived_as TEXT);
CREATE TABLE topics (id TEXT PRIMARY KEY, name_en TEXT, name_ko TEXT, name_ja TEXT, description TEXT);
CREATE TABLE eras (id TEXT PRIMARY KEY, name_en TEXT, name_ko TEXT, name_ja TEXT, start TEXT, "end" TEXT,
    description TEXT);
CREATE TABLE people (id TEXT PRIMARY KEY, name_en TEXT, name_ko TEXT, name_ja TEXT, country TEXT, born TEXT,
    died TEXT, date_note TEXT);
CREATE TABLE offices (person_id TEXT NOT NULL REFERENCES people(id), office TEXT NOT NULL, title TEXT NOT NULL,
    start TEXT NOT NULL, "end" TEXT, acting INTEGER NOT NULL, date_note TEXT);
CREATE TABLE events (id TEXT PRIMARY KEY, start TEXT NOT NULL, "end" TEXT, precision TEXT NOT NULL,
    era_id TEXT REFERENCES eras(id), title_en TEXT NOT NULL, title_ko TEXT NOT NULL, title_ja TEXT NOT NULL,
    summary TEXT NOT NULL, significance TEXT NOT NULL, kind TEXT NOT NULL, tone TEXT NOT NULL,
    actor TEXT NOT NULL, recipient TEXT NOT NULL, plover TEXT NOT NULL, date_note TEXT,
    facts TEXT NOT NULL, places TEXT NOT NULL);
CREATE TABLE key_dates (event_id TEXT NOT NULL REFERENCES events(id), label TEXT NOT NULL, date TEXT NOT NULL);
CREATE TABLE event_topics (event_id TEXT NOT NULL REFERENCES events(id), topic_id TEXT NOT NULL REFERENCES topics(id));
CREATE TABLE event_tags (event_id TEXT NOT NULL REFERENCES events(id), tag TEXT NOT NULL);
CREATE TABLE event_people (event_id TEXT NOT NULL REFERENCES events(id), person_id TEXT NOT NULL REFERENCES people(id));
CREATE TABLE event_sources (event_id TEXT NOT NULL REFERENCES events(id), source_id TEXT NOT NULL REFERENCES sources(id));
CREATE TABLE related_events (event_id TEXT NOT NULL REFERENCES events(id), related_id TEXT NOT NULL REFERENCES events(id));
CREATE TABLE person_sources (person_id TEXT NOT NULL REFERENCES people(id), source_id TEXT NOT NULL REFERENCES sources(id));
CREATE TABLE quotes (id TEXT PRIMARY KEY, text TEXT NOT NULL, attribution TEXT NOT NULL, date TEXT,
    occasion TEXT NOT NULL, event_id TEXT REFERENCES events(id), language TEXT NOT NULL, translation TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id), note TEXT);
CREATE TABLE quote_speakers (quote_id TEXT NOT NULL REFERENCES quotes(id), person_id TEXT NOT NULL REFERENCES people(id));
CREATE VIRTUAL TABLE events_fts USING fts5(title_en, title_ko, title_ja, summary, significance,
    content='events', content_rowid='rowid', tokenize='trigram');
"""


def _insert(db: sqlite3.Connection, table: str, rows: Iterable[Sequence[Any]]) -> None:
    rows = list(rows)
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def export_sqlite(dataset: Dataset) -> bytes:
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    _insert(db, "sources", ((s.id, s.title, s.publisher, s.url, s.date, s.archived_as) for s in dataset.sources))
    _insert(db, "topics", ((t.id, t.name.en, t.name.ko, t.name.ja, t.description) for t in dataset.topics))
    _insert(db, "eras", ((e.id, e.name.en, e.name.ko, e.name.ja, e.start, e.end, e.description) for e in dataset.eras))
    people = dataset.people
    _insert(
        db, "people", ((p.id, p.name.en, p.name.ko, p.name.ja, p.country, p.born, p.died, p.date_note) for p in people)
    )
    _insert(
        db,
        "offices",
        ((p.id, o.office, o.title, o.start, o.end, int(o.acting), o.date_note) for p in people for o in p.offices),
    )
    _insert(db, "person_sources", ((p.id, s) for p in people for s in p.sources))
    events = dataset.events
    _insert(
        db,
        "events",
        (
            (e.id, e.start, e.end, precision(e.start), (era.id if (era := dataset.era_of(e)) else None),
             e.title.en, e.title.ko, e.title.ja, e.summary, e.significance, e.kind, e.tone, e.actor, e.recipient,
             e.plover, e.date_note, json.dumps(e.facts, ensure_ascii=False), json.dumps(e.places, ensure_ascii=False))
            for e in events
        ),
    )  # fmt: skip
    _insert(db, "key_dates", ((e.id, k.label, k.date) for e in events for k in e.key_dates))
    _insert(db, "event_topics", ((e.id, t) for e in events for t in e.topics))
    _insert(db, "event_tags", ((e.id, t) for e in events for t in e.tags))
    _insert(db, "event_people", ((e.id, p) for e in events for p in e.people))
    _insert(db, "event_sources", ((e.id, s) for e in events for s in e.sources))
    _insert(db, "related_events", ((e.id, r) for e in events for r in e.related))
    _insert(
        db,
        "quotes",
        ((q.id, q.text, q.attribution, q.date, q.occasion, q.event, q.language, q.translation, q.source, q.note)
         for q in dataset.quotes),
    )  # fmt: skip
    _insert(db, "quote_speakers", ((q.id, s) for q in dataset.quotes for s in q.speakers))
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
