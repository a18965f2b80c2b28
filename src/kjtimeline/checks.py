"""Checks that a schema cannot express: unique ids, references that resolve, dates in order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, pairwise
from operator import attrgetter, contains

from kjtimeline.dates import first_day, last_day
from kjtimeline.models import QUAD_OF_PLOVER, Dataset
from kjtimeline.text import visible
from kjtimeline.values import Value


class Problem(Value):
    path: str
    record: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path} (id '{self.record}')" if self.record else self.path
        return visible(f"{where}: {self.message}")


def find_problems(dataset: Dataset) -> list[Problem]:
    return [
        *_duplicate_ids(dataset),
        *_dangling_references(dataset),
        *_codes_and_dates_out_of_order(dataset),
    ]


_ID = attrgetter("id")


def _duplicate_ids(dataset: Dataset) -> Iterator[Problem]:
    for collection in ("topics", "eras", "people", "events", "quotes", "sources"):
        records = getattr(dataset, collection)
        if len(set(map(_ID, records))) == len(records):
            continue  # the common case; below only to name the duplicates
        seen: set[str] = set()
        for index, record in enumerate(records):
            if record.id in seen:
                yield Problem(f"{collection}[{index}].id", record.id, "duplicate id")
            seen.add(record.id)


def _missing(path: str, record: str, ids: Iterable[str], known: Mapping[str, object], kind: str) -> Iterator[Problem]:
    for index, ref in enumerate(ids):
        if ref not in known:
            yield Problem(f"{path}[{index}]", record, f"no {kind} has id '{ref}'")


def _dangling_references(dataset: Dataset) -> Iterator[Problem]:
    topics, people = dataset.topics_by_id, dataset.people_by_id
    events, sources = dataset.events_by_id, dataset.sources_by_id
    if _all_resolve(dataset):
        return  # the common case, checked with set operations; below only to name the culprits
    for i, event in enumerate(dataset.events):
        at = f"events[{i}]"
        yield from _missing(f"{at}.topics", event.id, event.topics, topics, "topic")
        yield from _missing(f"{at}.people", event.id, event.people, people, "person")
        yield from _missing(f"{at}.related", event.id, event.related, events, "event")
        yield from _missing(f"{at}.sources", event.id, event.sources, sources, "source")
        if event.id in event.related:
            yield Problem(f"{at}.related", event.id, "an event cannot be related to itself")
    for i, person in enumerate(dataset.people):
        yield from _missing(f"people[{i}].sources", person.id, person.sources, sources, "source")
    for i, quote in enumerate(dataset.quotes):
        at = f"quotes[{i}]"
        yield from _missing(f"{at}.speakers", quote.id, quote.speakers, people, "person")
        if quote.event and quote.event not in events:
            yield Problem(f"{at}.event", quote.id, f"no event has id '{quote.event}'")
        if quote.source not in sources:
            yield Problem(f"{at}.source", quote.id, f"no source has id '{quote.source}'")


def _all_resolve(dataset: Dataset) -> bool:
    events, quotes = dataset.events, dataset.quotes
    return (
        _every("topics", events) <= dataset.topics_by_id.keys()
        and _every("people", events) | _every("speakers", quotes) <= dataset.people_by_id.keys()
        and _every("related", events) | {q.event for q in quotes if q.event} <= dataset.events_by_id.keys()
        and _every("sources", events) | _every("sources", dataset.people) | {q.source for q in quotes}
        <= dataset.sources_by_id.keys()
        and not any(map(contains, map(attrgetter("related"), events), map(_ID, events)))
    )


def _every(field: str, records: Iterable[object]) -> set[str]:
    """Every id in the `field` tuples of `records` (iterated in C: this runs on every record)."""
    return set(chain.from_iterable(map(attrgetter(field), records)))


def _codes_and_dates_out_of_order(dataset: Dataset) -> Iterator[Problem]:
    for i, event in enumerate(dataset.events):
        if QUAD_OF_PLOVER[event.plover] != event.tone:
            yield Problem(
                f"events[{i}].tone",
                event.id,
                f"tone '{event.tone}' does not match PLOVER type {event.plover} ({QUAD_OF_PLOVER[event.plover]})",
            )
        if event.end and last_day(event.end) < first_day(event.start):
            yield Problem(f"events[{i}].end", event.id, f"ends ({event.end}) before it starts ({event.start})")
    for i, person in enumerate(dataset.people):
        terms: dict[str, list[tuple[str, str, int]]] = {}
        for j, office in enumerate(person.offices):
            at = f"people[{i}].offices[{j}]"
            begin, finish = first_day(office.start), last_day(office.end or "9999")
            if finish < begin:
                yield Problem(f"{at}.end", person.id, f"term ends ({office.end}) before it starts ({office.start})")
            for other_begin, other_finish, k in terms.get(office.office, []):
                # Terms touching on the hand-over day are not an overlap.
                if begin < other_finish and other_begin < finish:
                    yield Problem(at, person.id, f"term in '{office.office}' overlaps offices[{k}]")
            terms.setdefault(office.office, []).append((begin, finish, j))
    eras = sorted(enumerate(dataset.eras), key=lambda pair: first_day(pair[1].start))
    for (_, before), (j, after) in pairwise(eras):
        if first_day(after.start) <= last_day(before.end or "9999"):
            yield Problem(f"eras[{j}].start", after.id, f"overlaps era '{before.id}'")


_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def normalize_quote_marks(text: str) -> str:
    """Straight and curly quotation marks count as the same; nothing else is forgiven."""
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS))


def quotes_missing_from(dataset: Dataset, source_id: str, source_text: str) -> list[Problem]:
    """Every quote citing `source_id` must appear word for word in `source_text`.

    A quote shortened with "…" must match piece by piece, in order.
    """
    haystack = normalize_quote_marks(source_text)
    problems = []
    for i, quote in enumerate(dataset.quotes):
        if quote.source != source_id:
            continue
        position = 0
        for piece in normalize_quote_marks(quote.text).split("…"):
            piece = piece.strip()
            found = haystack.find(piece, position) if piece else position
            if found < 0:
                problems.append(
                    Problem(f"quotes[{i}].text", quote.id, f"not word for word in source '{source_id}': {piece!r}")
                )
                break
            position = found + len(piece)
    return problems
