"""What every listing command hands to a format: records, their fields, and the document around them.

One shape for events, quotes, people and facets, so `--format` and `--fields` behave the same on
every command (the sqlite-utils `output_options` idea).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import field, replace
from typing import Any

from kjtimeline.dates import precision
from kjtimeline.errors import QueryError
from kjtimeline.i18n import text_in
from kjtimeline.models import TRANSLATABLE, Dataset, Event, Person, Quote, Record, plain
from kjtimeline.query import suggest
from kjtimeline.values import Value

Getter = Callable[[Any], Any]


class Listing(Value):
    kind: str
    """The JSON key the records go under: "events", "quotes"…"""
    records: Sequence[Any]
    fields: Mapping[str, Getter]
    """Every field a user may pick with --fields, in JSON order."""
    plain_fields: tuple[str, ...]
    """The columns of the plain (tab-separated) view."""
    selected: tuple[str, ...] | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Top-level JSON members before the records (filters…)."""
    appendix: Mapping[str, Callable[[], Any]] = field(default_factory=dict)
    """Top-level JSON members after the records (the sources they cite…), each made when a document is
    written: the terminal and the flat formats have no use for them (all of `show`'s sources: 6 ms)."""
    whole: Mapping[str, Any] | None = None
    """The JSON document's members when the records flatten something richer (stats by group)."""
    total: int | None = None
    """How many matched before `--limit` cut the records: JSON's `total`, the "20 of 37" note."""

    def choose(self, names: Sequence[str] | None) -> Listing:
        """Keep only `names` (as `gh --json FIELDS`); an empty or unknown name lists the valid ones."""
        if names is None:
            return self
        valid = ", ".join(self.fields)
        if not names or any(not name for name in names):
            raise QueryError(f"--fields needs field names; valid fields: {valid}")
        for name in names:
            if name not in self.fields:
                raise QueryError(f"unknown field '{name}'{suggest(name, self.fields)} (valid fields: {valid})")
        return replace(self, plain_fields=tuple(names), selected=tuple(names))

    @property
    def columns(self) -> tuple[str, ...]:
        return self.selected or tuple(self.fields)

    def document(self) -> dict[str, Any]:
        """The JSON document's members, after the `kjtimeline` header."""
        if self.whole is not None:
            return dict(self.whole)
        counts = {"count": len(self.records)} | ({} if self.total is None else {"total": self.total})
        return {**self.meta, **counts, self.kind: self.rows(), **{key: make() for key, make in self.appendix.items()}}

    def cut_note(self) -> str | None:
        """ "20 of 37 — --limit 0 for all" when `--limit` left some of what matched out, else None."""
        if self.total is None or self.total <= len(self.records):
            return None
        return f"{len(self.records)} of {self.total} — --limit 0 for all"

    def localized(self, lang: str) -> Listing:
        """For the flat formats: each record's text fields in `lang` (`[en]` where untranslated).

        The `translations` themselves are left out: a flat cell cannot hold them readably (JSON keeps them).
        """
        if not self.records or not hasattr(self.records[0], "localized"):
            return self
        # Key dates stay whole (date and label): their labels alone would lose the dates.
        translatable = set(TRANSLATABLE.get(type(self.records[0]).__name__, ())) - {"key_dates"}
        fields = {
            name: (_in_language(name, lang) if name in translatable and lang != "en" else get)
            for name, get in self.fields.items()
            if name != "translations"
        }
        selected = tuple(name for name in self.selected if name != "translations") if self.selected else None
        return replace(self, fields=fields, selected=selected)

    def rows(self) -> list[dict[str, Any]]:
        """Records as JSON-ready dicts, restricted to the chosen fields."""
        return list(self.each_row())

    def each_row(self) -> Iterator[dict[str, Any]]:
        """`rows` one at a time, for exports that write as they go (memory flat in the records)."""
        getters = [(name, self.fields[name]) for name in self.columns]
        for record in self.records:
            yield {name: get(record) for name, get in getters}


def _dump(attribute: str) -> Getter:
    def get(record: Record) -> Any:
        return plain(getattr(record, attribute))

    return get


def _in_language(field: str, lang: str) -> Getter:
    def get(record: Record) -> Any:
        value = text_in(record, field, lang)
        return list(value) if isinstance(value, tuple) else value

    return get


def _model_fields(model: type[Record]) -> dict[str, Getter]:
    return {name: _dump(name) for name in model.field_names}


def cited_sources(dataset: Dataset, ids: Iterable[str]) -> dict[str, Any]:
    """The source records behind `ids`, by id, sorted: the appendix of every JSON document."""
    sources = dataset.sources_by_id
    return {sid: plain(sources[sid]) for sid in sorted(set(ids)) if sid in sources}


def event_fields(dataset: Dataset) -> dict[str, Getter]:
    """An event's fields, then the ones derived from them (date, precision, era)."""
    fields: dict[str, Getter] = _model_fields(Event)

    def era(event: Event) -> str | None:
        found = dataset.era_of(event)
        return found.id if found else None

    fields["date"] = lambda event: f"{event.start}/{event.end}" if event.end else event.start
    fields["precision"] = lambda event: precision(event.start)
    fields["era"] = era
    return fields


def event_listing(
    dataset: Dataset, events: Sequence[Event], filters: Mapping[str, Any], total: int | None = None
) -> Listing:
    return Listing(
        kind="events",
        records=events,
        fields=event_fields(dataset),
        plain_fields=("date", "id", "title", "topics"),
        meta={"filters": dict(filters)},
        appendix={"sources": lambda: cited_sources(dataset, (s for event in events for s in event.sources))},
        total=total,
    )


def quote_listing(
    dataset: Dataset, quotes: Sequence[Quote], filters: Mapping[str, Any], total: int | None = None
) -> Listing:
    return Listing(
        kind="quotes",
        records=quotes,
        fields=_model_fields(Quote),
        plain_fields=("date", "id", "attribution", "text"),
        meta={"filters": dict(filters)},
        appendix={"sources": lambda: cited_sources(dataset, (quote.source for quote in quotes))},
        total=total,
    )


def person_listing(people: Sequence[Person]) -> Listing:
    return Listing(
        kind="people",
        records=people,
        fields=_model_fields(Person),
        plain_fields=("id", "name", "country", "born", "died"),
    )


def _item(key: str) -> Getter:
    def get(row: Mapping[str, Any]) -> Any:
        return row[key]

    return get


def facet_listing(
    kind: str, rows: Sequence[Mapping[str, Any]], whole: Mapping[str, Any] | None = None, total: int | None = None
) -> Listing:
    """Topics, tags, eras, stats: plain mappings with the same keys."""
    keys = tuple(rows[0]) if rows else ("id", "count")
    fields = {key: _item(key) for key in keys}
    return Listing(kind=kind, records=rows, fields=fields, plain_fields=keys, whole=whole, total=total)


def _second(get: Getter) -> Getter:
    return lambda pair: get(pair[1])


def with_leading_field(listing: Listing, name: str, values: Sequence[Any]) -> Listing:
    """The listing with a leading field (the anniversary, the matching date) for each record."""
    pairs = list(zip(values, listing.records, strict=True))
    fields: dict[str, Getter] = {name: lambda pair: pair[0]}
    for key, get in listing.fields.items():
        fields[key] = _second(get)
    return replace(listing, records=pairs, fields=fields, plain_fields=(name, *listing.plain_fields), selected=None)
