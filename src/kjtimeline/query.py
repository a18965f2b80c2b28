"""Pure selection over a loaded dataset: (Dataset, Query) -> events. No I/O, no printing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields, replace
from typing import TYPE_CHECKING, TypeVar

from kjtimeline.codes import KINDS, SOURCE_KINDS, TONES
from kjtimeline.dates import DateError, check_month_day, check_partial_date, check_period, first_day, last_day
from kjtimeline.errors import QueryError
from kjtimeline.text import fold, has_all_words, search_words
from kjtimeline.values import Value

if TYPE_CHECKING:  # `--help` builds a `Query` and needs no records: the models import msgspec
    from kjtimeline.models import Dataset, Era, Event, Person, Topic

T = TypeVar("T")


class Query(Value):
    """A filter as a value. Repeated values of one field mean "any of"; fields combine with "and"."""

    years: tuple[str, ...] = ()
    """Periods the event overlaps: years, months, days or ranges (`dates.check_period`)."""
    starts_in: tuple[str, ...] = ()
    """Periods the event begins in."""
    date_from: str | None = None
    date_to: str | None = None
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tones: tuple[str, ...] = ()
    eras: tuple[str, ...] = ()
    source_kinds: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    text: str | None = None
    exclude_topics: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()
    exclude_kinds: tuple[str, ...] = ()
    limit: int | None = None
    reverse: bool = False

    def as_dict(self) -> dict[str, object]:
        """The filters that are set, for echoing in JSON output."""
        result: dict[str, object] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value not in (None, (), False):
                result[field.name] = list(value) if isinstance(value, tuple) else value
        if self.years:  # a plain year echoes as the number it has always been: "years": [1965]
            result["years"] = [int(y) if y.isascii() and y.isdigit() else y for y in self.years]
        return result


def suggest(word: str, choices: Iterable[str]) -> str:
    """'did you mean' text for an unknown name, or '' if nothing is close."""
    import difflib  # only when a word is not found

    choices = list(choices)
    key = _key(word)
    containing = [c for c in choices if key and (key in c or c in key)]  # substrings first, then look-alikes
    close = (
        containing + [c for c in difflib.get_close_matches(word, choices, n=3, cutoff=0.5) if c not in containing]
    )[:3]
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def _key(text: str) -> str:
    """How a typed name is compared: composed, case-folded, spaces and underscores as hyphens."""
    return "-".join(fold(text).replace("_", " ").replace("-", " ").split())


def resolve(kind: str, typed: str, names: Mapping[str, Sequence[str]], elsewhere: str | None = None) -> str:
    """The id a user means, typed the way people type it: the id in any case, with spaces for hyphens,
    a unique prefix, a name or title in any language, or one word of it (a surname).

    More than one match lists them; none suggests the closest, substrings before look-alikes.
    """
    if typed in names:
        return typed
    key = _key(typed)
    if key in names:
        return key
    steps = (
        [i for i, labels in names.items() if any(_key(label) == key for label in labels)],
        [i for i in names if i.startswith(key)],
        [
            i
            for i, labels in names.items()
            if any(key in _key(label).split("-") for label in labels) or key in i.split("-")
        ],
        [i for i, labels in names.items() if key in i or any(key in _key(label) for label in labels)],
    )
    for found in steps:
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            shown = "; ".join(f"{i} ({names[i][0]})" if names[i] and names[i][0] != i else i for i in found[:8])
            more = f" and {len(found) - 8} more" if len(found) > 8 else ""
            raise QueryError(f"'{typed}' could be more than one {kind}: {shown}{more}; give the id")
    listing = ", ".join(sorted(names)) if len(names) <= 20 else f"{len(names)} of them; see the listing command"
    raise QueryError(f"unknown {kind} '{typed}'{suggest(typed, list(names))} ({elsewhere or 'valid: ' + listing})")


def _resolve_all(kind: str, typed: Iterable[str], names: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """Each value resolved; a comma-separated value counts as several (`--topic diplomacy,law`)."""
    return tuple(resolve(kind, part.strip(), names) for value in typed for part in value.split(",") if part.strip())


def record_names(records: Iterable[Topic | Era | Person]) -> dict[str, list[str]]:
    """Each record's id and its name in every language, for `resolve`."""
    return {record.id: list(record.name.texts().values()) for record in records}


def _same(values: Iterable[str]) -> dict[str, list[str]]:
    return {value: [value] for value in values}


def check_date(text: str, option: str) -> str:
    try:
        return check_partial_date(text)
    except DateError as error:
        raise QueryError(f"{option}: {error}") from None


def check_periods(periods: Iterable[str], option: str) -> list[tuple[str, str]]:
    """Each period's first and last day; a comma-separated value counts as several (`--year 1965,1998`)."""
    try:
        return [check_period(part) for value in periods for part in value.split(",") if part.strip()]
    except DateError as error:
        raise QueryError(f"{option}: {error}") from None


def check_day_of_year(text: str) -> tuple[int, int]:
    try:
        return check_month_day(text)
    except DateError as error:
        raise QueryError(str(error)) from None


def all_tags(dataset: Dataset) -> list[str]:
    return sorted({tag for event in dataset.events for tag in event.tags})


def all_places(dataset: Dataset) -> list[str]:
    return sorted({place for event in dataset.events for place in event.places})


def _place_keys(typed: Iterable[str]) -> list[str]:
    """`--place seoul,busan`: each name folded; it matches any place that contains it ("Hanseong (Seoul)")."""
    return [fold(part.strip()) for value in typed for part in value.split(",") if part.strip()]


def _check_places(dataset: Dataset, typed: Iterable[str]) -> None:
    """A place no event names is a typo, not an empty answer: say the closest."""
    keys = _place_keys(typed)
    if not keys:  # folding every place costs a millisecond of each call that names none
        return
    places = all_places(dataset)
    folded = [fold(place) for place in places]
    for key in keys:
        if not any(key in place for place in folded):
            raise QueryError(f"no event is at a place called '{key}'{suggest(key, places)}")


def validate(dataset: Dataset, query: Query) -> Query:
    """Reject a query that can never match, naming the closest valid value."""
    check_periods(query.years, "--year")
    check_periods(query.starts_in, "--starts-in")
    _check_places(dataset, query.places)
    if query.date_from:
        check_date(query.date_from, "--from")
    if query.date_to:
        check_date(query.date_to, "--to")
    if query.date_from and query.date_to and first_day(query.date_from) > last_day(query.date_to):
        raise QueryError(f"--from {query.date_from} is after --to {query.date_to}: nothing can match")
    if query.limit is not None and query.limit < 0:
        raise QueryError("--limit must be 0 or more")
    # Each table of names only for a query that names some: building them all took a millisecond of every call.
    topics = record_names(dataset.topics) if query.topics or query.exclude_topics else {}
    eras = record_names(dataset.eras) if query.eras else {}
    people = record_names(dataset.people) if query.people else {}
    tags = _same(all_tags(dataset)) if query.tags or query.exclude_tags else {}
    return replace(
        query,
        topics=_resolve_all("topic", query.topics, topics),
        exclude_topics=_resolve_all("topic", query.exclude_topics, topics),
        eras=_resolve_all("era", query.eras, eras),
        people=_resolve_all("person", query.people, people),
        kinds=_resolve_all("kind", query.kinds, _same(KINDS)),
        exclude_kinds=_resolve_all("kind", query.exclude_kinds, _same(KINDS)),
        tones=_resolve_all("tone", query.tones, _same(TONES)),
        source_kinds=_resolve_all("source kind", query.source_kinds, _same(SOURCE_KINDS)),
        tags=_resolve_all("tag", query.tags, tags),
        exclude_tags=_resolve_all("tag", query.exclude_tags, tags),
    )


def chronological(event: Event) -> tuple[str, str, str]:
    return (event.first_day, event.last_day, event.id)


def event_texts(event: Event) -> tuple[str, ...]:
    """Every text a reader sees for the event, in every language: what `search` and `--text` look in."""
    texts = (
        event.id, *event.title.texts().values(), *event.aliases, event.summary, event.significance,
        *event.facts, *event.tags, *event.places, *event.translated_texts,
    )  # fmt: skip
    return tuple(text for text in texts if text)  # a user's event may have no summary or significance


def matches_text(event: Event, text: str) -> bool:
    """Every word of `text` is somewhere in the event (`text.has_all_words`: the meaning `search` has)."""
    return has_all_words(search_words(text), event_texts(event))


def _shares(field: str, values: Iterable[str], wanted: bool) -> Callable[[Event], bool]:
    """A test: does the event's list `field` share a value with `values` (or not, if not `wanted`)?"""
    value_set = frozenset(values)

    def test(event: Event) -> bool:
        return value_set.isdisjoint(getattr(event, field)) is not wanted

    return test


def _predicates(dataset: Dataset, query: Query) -> list[Callable[[Event], bool]]:
    tests: list[Callable[[Event], bool]] = []
    if query.years:
        spans = check_periods(query.years, "--year")
        tests.append(lambda e: any(e.first_day <= last and e.last_day >= first for first, last in spans))
    if query.starts_in:
        starts = check_periods(query.starts_in, "--starts-in")
        tests.append(lambda e: any(first <= e.first_day <= last for first, last in starts))
    if query.date_from:
        lower = first_day(query.date_from)
        tests.append(lambda e: e.last_day >= lower)
    if query.date_to:
        upper = last_day(query.date_to)
        tests.append(lambda e: e.first_day <= upper)
    for field, wanted in (("topics", query.topics), ("tags", query.tags), ("people", query.people)):
        if wanted:
            tests.append(_shares(field, wanted, True))
    for field, unwanted in (("topics", query.exclude_topics), ("tags", query.exclude_tags)):
        if unwanted:
            tests.append(_shares(field, unwanted, False))
    if query.kinds:
        tests.append(lambda e: e.kind in query.kinds)
    if query.exclude_kinds:
        tests.append(lambda e: e.kind not in query.exclude_kinds)
    if query.tones:
        tests.append(lambda e: e.tone in query.tones)
    if query.eras:
        tests.append(lambda e: (era := dataset.era_of(e)) is not None and era.id in query.eras)
    if query.source_kinds:
        kinds_wanted = set(query.source_kinds)
        sources = dataset.sources_by_id
        tests.append(lambda e: any(s in sources and sources[s].kind in kinds_wanted for s in e.sources))
    if query.places:
        place_keys = _place_keys(query.places)
        tests.append(lambda e: any(key in fold(place) for place in e.places for key in place_keys))
    if query.text:
        text = query.text
        tests.append(lambda e: matches_text(e, text))
    return tests


def matching(dataset: Dataset, query: Query) -> list[Event]:
    """Every event the query asks for, oldest first (newest first with `reverse`); `limit` is not applied."""
    found: Iterable[Event] = dataset.events
    for test in _predicates(dataset, query):
        found = filter(test, found)
    chosen = list(found)
    chosen.sort(key=chronological, reverse=query.reverse)
    return chosen


def limited(items: Sequence[T], limit: int | None) -> list[T]:
    """The first `limit` items; None or 0 means all of them ("--limit 0 for all")."""
    return list(items[:limit] if limit else items)


def select(dataset: Dataset, query: Query) -> list[Event]:
    """The events the query asks for, in order, at most `limit`."""
    return limited(matching(dataset, query), query.limit)


def subset(dataset: Dataset, events: Sequence[Event]) -> Dataset:
    """A self-contained dataset of `events` and what they refer to, for exports.

    It keeps every topic and era, the people in the events or their quotes, the quotes about the
    events, the related events that are also selected, and every source any of them cites.
    """
    from kjtimeline.models import changed

    chosen = {event.id for event in events}
    if len(chosen) == len(dataset.events):
        return dataset
    events = [e for e in dataset.events if e.id in chosen]
    quotes = [q for q in dataset.quotes if q.event in chosen]
    people_ids = {p for e in events for p in e.people} | {s for q in quotes for s in q.speakers}
    people = [p for p in dataset.people if p.id in people_ids]
    trimmed = [
        e if set(e.related) <= chosen else changed(e, related=tuple(r for r in e.related if r in chosen))
        for e in events
    ]
    source_ids = (
        {s for e in events for s in e.sources} | {q.source for q in quotes} | {s for p in people for s in p.sources}
    )
    return changed(
        dataset,
        events=tuple(trimmed),
        quotes=tuple(quotes),
        people=tuple(people),
        sources=tuple(s for s in dataset.sources if s.id in source_ids),
    )
