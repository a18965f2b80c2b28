"""What each command shows, as values: the core's answer, which every renderer draws the same way.

A view is built once from the dataset (no I/O, no Rich). The terminal draws it with
`kjtimeline.render.draw`; the flat formats write its `listing()`; the card formats (plain, JSON)
write its `pairs()` and `document()`. So an event's quotes and related events are found once, here,
whether they end up in a panel, in tab-separated lines or in JSON. The views that ask `explore` a
question import it when built: `show`, the commonest call, has no use for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from kjtimeline.dates import last_day, precision
from kjtimeline.listing import (
    Listing,
    cited_sources,
    event_listing,
    facet_listing,
    person_listing,
    quote_listing,
    with_leading_field,
)
from kjtimeline.models import SCHEMA_FILE, SCHEMA_KEY, Dataset, Era, Event, Person, Quote, Source, Topic, plain
from kjtimeline.query import limited
from kjtimeline.values import Value

if TYPE_CHECKING:
    from kjtimeline import explore

Pairs = list[tuple[str, str | Sequence[str]]]
"""A card's plain form: (key, value or values) a line."""


# ---- listings -----------------------------------------------------------------------------------


class Timeline(Value, kw_only=True):
    """`show`: events grouped under the era their start falls in."""

    groups: tuple[tuple[Era | None, tuple[Event, ...]], ...]
    listed: Listing

    def listing(self) -> Listing:
        return self.listed


def timeline(
    dataset: Dataset, events: Sequence[Event], filters: Mapping[str, Any], limit: int | None = None
) -> Timeline:
    """`events` are all that matched; `limit` cuts them here, so the listing knows how many there were."""
    total, events = len(events), limited(events, limit)
    groups: list[tuple[Era | None, list[Event]]] = []
    for event in events:
        era = dataset.era_of(event)
        if not groups or groups[-1][0] is not era:
            groups.append((era, []))
        groups[-1][1].append(event)
    return Timeline(
        groups=tuple((era, tuple(members)) for era, members in groups),
        listed=event_listing(dataset, events, filters, total),
    )


class DatedEvents(Value, kw_only=True):
    """`anniversaries` and `on`: events each with a label (80th, 1945-08-15) under a title."""

    title: str
    rows: tuple[tuple[str, Event], ...]
    listed: Listing

    def listing(self) -> Listing:
        return self.listed


def anniversaries(
    dataset: Dataset, events: Sequence[Event], year: int, filters: Mapping[str, Any], limit: int | None = None
) -> DatedEvents:
    from kjtimeline import explore

    every = explore.anniversaries(events, year)
    found = limited(every, limit)
    listed = event_listing(dataset, [e for _, e in found], filters, len(every))
    return DatedEvents(
        title=f"Anniversaries in {year}",
        rows=tuple((f"{n}th", e) for n, e in found),
        listed=with_leading_field(listed, "anniversary", [n for n, _ in found]),
    )


def on_day(
    dataset: Dataset,
    events: Sequence[Event],
    month: int,
    day: int,
    filters: Mapping[str, Any],
    limit: int | None = None,
) -> DatedEvents:
    from kjtimeline import explore

    every = explore.on_day(events, month, day)
    found = limited(every, limit)
    listed = event_listing(dataset, [e for _, e in found], filters, len(every))
    return DatedEvents(
        title=f"On {month:02d}-{day:02d}",
        rows=tuple(found),
        listed=with_leading_field(listed, "on", [d for d, _ in found]),
    )


class SearchResults(Value, kw_only=True):
    query: str
    hits: tuple[explore.Hit, ...]
    total: int
    """How many records matched, before the limit."""

    def listing(self) -> Listing:
        fields = {name: _attribute(name) for name in ("kind", "id", "date", "score", "label", "snippet")}
        meta = {"query": self.query}
        return Listing("results", self.hits, fields, ("kind", "id", "date", "label"), meta=meta, total=self.total)


def _attribute(name: str) -> Any:
    return lambda record: getattr(record, name)


def search(dataset: Dataset, text: str, lang: str, limit: int | None) -> SearchResults:
    from kjtimeline import explore

    hits = explore.search(dataset, text, lang)
    return SearchResults(query=text, hits=tuple(limited(hits, limit)), total=len(hits))


class Quotations(Value, kw_only=True):
    quotes: tuple[Quote, ...]
    sources_by_id: Mapping[str, Source]
    listed: Listing

    def listing(self) -> Listing:
        return self.listed


def quotations(
    dataset: Dataset, quotes: Sequence[Quote], filters: Mapping[str, Any], limit: int | None = None
) -> Quotations:
    kept = limited(quotes, limit)
    total = len(quotes) if len(kept) < len(quotes) else None
    listed = quote_listing(dataset, kept, filters, total)
    return Quotations(quotes=tuple(kept), sources_by_id=dataset.sources_by_id, listed=listed)


class People(Value, kw_only=True):
    people: tuple[Person, ...]

    def listing(self) -> Listing:
        return person_listing(self.people)


class Leaders(Value, kw_only=True):
    """`leaders`: the terms in office at a date, and a note when the date is past the records."""

    at: str
    terms: tuple[explore.Term, ...]
    vacant: tuple[str, ...]
    """Leader offices whose records span the date but name no holder then."""
    known_to: str
    """The records' last day: a term open past it is known only to then."""
    notes: tuple[str, ...] = ()

    def listing(self) -> Listing:
        from kjtimeline import explore

        fields = {
            "office": lambda t: t.office.office,
            "id": lambda t: t.person.id,
            "name": lambda t: plain(t.person.name),
            "title": lambda t: t.office.title,
            "start": lambda t: t.office.start,
            "end": lambda t: t.office.end,
            "where": lambda t: explore.LEADER_OFFICES[t.office.office],
            "acting": lambda t: t.office.acting,
        }
        meta = {"at": self.at, "vacant": list(self.vacant)}
        return Listing("leaders", self.terms, fields, ("office", "id", "name", "start", "end"), meta=meta)


def leaders(dataset: Dataset, when: str) -> Leaders:
    """`when` is a date or an event id (its start)."""
    from kjtimeline import explore

    at = explore.moment(dataset, when)
    terms = explore.leaders_at(dataset, at)
    vacant = explore.vacancies(dataset, at, terms)
    known_to = explore.records_end(dataset)
    notes = [f"no holder of {office} is recorded on {at} (see the term notes)" for office in vacant]
    if last_day(at) > known_to:
        notes.append(f"the dataset's records end on {known_to}; terms shown as open are known only to then")
    return Leaders(at=at, terms=tuple(terms), vacant=tuple(vacant), known_to=known_to, notes=tuple(notes))


class FacetCounts(Value, kw_only=True):
    """`topics`, `tags`, `kinds`, `eras`: each value with the number of events that have it."""

    facet: str
    rows: tuple[Mapping[str, Any], ...]
    total: int | None = None

    def listing(self) -> Listing:
        return facet_listing(self.facet, self.rows, total=self.total)


def facet_counts(
    dataset: Dataset, events: Sequence[Event], facet: str, lang: str, limit: int | None = None
) -> FacetCounts:
    """Counts over every matching event; `--limit` keeps the first rows (`tags --limit 5`: the five most
    used), not the first events."""
    from kjtimeline import explore

    rows = explore.facet_counts(dataset, events, facet, lang)
    kept = limited(rows, limit)
    return FacetCounts(facet=facet, rows=tuple(kept), total=len(rows) if len(kept) < len(rows) else None)


class Stats(Value, kw_only=True):
    """`stats`: counts by decade, topic and tone; flat formats get one row a (group, value)."""

    figures: Mapping[str, list[dict[str, Any]]]
    total: int
    filters: Mapping[str, Any]

    def listing(self) -> Listing:
        rows = [
            {"group": group.removeprefix("by_"), "value": str(next(iter(row.values()))), "count": row["count"]}
            for group, table_rows in self.figures.items()
            for row in table_rows
        ]
        whole = {"filters": dict(self.filters), "count": self.total, **self.figures}
        return facet_listing("stats", rows, whole)


def stats(dataset: Dataset, events: Sequence[Event], filters: Mapping[str, Any]) -> Stats:
    from kjtimeline import explore

    return Stats(figures=explore.stats(dataset, events), total=len(events), filters=filters)


# ---- cards --------------------------------------------------------------------------------------


class EventCard(Value, kw_only=True):
    """`event`: one event with everything it links to, found once for every renderer."""

    event: Event
    era: Era | None
    people: tuple[Person, ...]
    quotes: tuple[Quote, ...]
    before: tuple[Event, ...]
    after: tuple[Event, ...]
    leaders: tuple[explore.Term, ...]
    """Who led each country when it began."""
    topics: tuple[Topic, ...]
    sources: tuple[Source, ...]
    """The event's own sources, strong kinds first."""
    cited: Mapping[str, Any]
    """Every source the event and its quotes cite, by id (the JSON appendix)."""
    sources_by_id: Mapping[str, Source]

    def document(self) -> dict[str, Any]:
        return {
            "event": {
                **plain(self.event),
                "era": self.era.id if self.era else None,
                "precision": precision(self.event.start),
            },
            "people": [plain(p) for p in self.people],
            "quotes": [plain(q) for q in self.quotes],
            "related": {"before": [e.id for e in self.before], "after": [e.id for e in self.after]},
            "leaders": [
                {"office": t.office.office, "id": t.person.id, "name": plain(t.person.name), "title": t.office.title}
                for t in self.leaders
            ],
            "sources": dict(self.cited),
        }

    def pairs(self) -> Pairs:
        e = self.event
        pairs: Pairs = [("id", e.id), ("date", e.start + (f"/{e.end}" if e.end else ""))]
        pairs += [(f"title_{code}", title) for code, title in e.title.texts().items()]
        pairs += [(f"key_date:{k.label}", k.date) for k in e.key_dates]
        pairs += [(field, text) for field, text in (("summary", e.summary), ("significance", e.significance)) if text]
        pairs += [("fact", fact) for fact in e.facts]
        pairs += [("topics", ",".join(e.topics)), ("tags", ",".join(e.tags)), ("kind", e.kind or "")]
        pairs += [("tone", e.tone or ""), ("people", ",".join(e.people)), ("places", ",".join(e.places))]
        pairs += [("before", b.id) for b in self.before]
        pairs += [("after", a.id) for a in self.after]
        pairs += [("quote", q.text) for q in self.quotes]
        pairs += [("source", s["url"]) for s in self.cited.values()]
        return pairs


def event_card(dataset: Dataset, event_id: str) -> EventCard:
    from kjtimeline import explore

    event = explore.find_event(dataset, event_id)
    before, after = explore.related_events(dataset, event)
    quotes = tuple(q for q in dataset.quotes if q.event == event.id)
    return EventCard(
        event=event,
        era=dataset.era_of(event),
        people=tuple(dataset.people_by_id[p] for p in event.people if p in dataset.people_by_id),
        quotes=quotes,
        before=tuple(before),
        after=tuple(after),
        leaders=tuple(explore.leaders_at(dataset, event.start)),
        topics=tuple(dataset.topics_by_id[t] for t in event.topics if t in dataset.topics_by_id),
        sources=tuple(dataset.cited(event.sources)),
        cited=cited_sources(dataset, [*event.sources, *(q.source for q in quotes)]),
        sources_by_id=dataset.sources_by_id,
    )


class PersonCard(Value, kw_only=True):
    """`person`: one person with their offices, events and quotes."""

    person: Person
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    sources: tuple[Source, ...]
    cited: Mapping[str, Any]
    sources_by_id: Mapping[str, Source]

    def document(self) -> dict[str, Any]:
        return {
            **plain(self.person),
            "events": [e.id for e in self.events],
            "quotes": [plain(q) for q in self.quotes],
            "sources": dict(self.cited),
        }

    def pairs(self) -> Pairs:
        p = self.person
        pairs: Pairs = [("id", p.id)]
        pairs += [(f"name_{code}", name) for code, name in p.name.texts().items()]
        pairs += [("born", p.born or ""), ("died", p.died or ""), ("country", p.country or "")]
        pairs += [("office", (o.office, o.title, o.start, o.end or "")) for o in p.offices]
        pairs += [("event", (e.start, e.id)) for e in self.events]
        pairs += [("quote", q.text) for q in self.quotes]
        return pairs


def person_card(dataset: Dataset, person_id: str) -> PersonCard:
    from kjtimeline import explore

    person = explore.find_person(dataset, person_id)
    return PersonCard(
        person=person,
        events=tuple(explore.events_of(dataset, person.id)),
        quotes=tuple(explore.quotes_of(dataset, person.id)),
        sources=tuple(dataset.cited(person.sources)),
        cited=cited_sources(dataset, person.sources),
        sources_by_id=dataset.sources_by_id,
    )


class ListingView(Protocol):
    """A view the flat formats write as records (every view above but the cards)."""

    def listing(self) -> Listing: ...


class CardView(Protocol):
    """A one-record view: plain writes its pairs, JSON its document."""

    def pairs(self) -> Pairs: ...

    def document(self) -> dict[str, Any]: ...


# ---- a new file ---------------------------------------------------------------------------------


def new_file(event_id: str, start: str, title: str) -> dict[str, Any]:
    """`new`: a user's dataset file with one event of the fields it needs; the rest take defaults.

    `"$schema"` names the schema file `kjtimeline schema > kjtimeline.schema.json` writes beside it.
    """
    return {SCHEMA_KEY: SCHEMA_FILE, "events": [{"id": event_id, "start": start, "title": {"en": title}}]}
