"""Pure answers to the questions people bring: search, anniversaries, this day, who led, counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TypeVar

from kjtimeline.codes import KINDS, TONES
from kjtimeline.dates import first_day, last_day
from kjtimeline.errors import QueryError
from kjtimeline.i18n import KIND_MEANINGS
from kjtimeline.models import Dataset, Event, Office, Person, Quote
from kjtimeline.query import check_date, chronological, event_texts, record_names, resolve, suggest
from kjtimeline.text import find_word, fold, has_all_words, search_words
from kjtimeline.values import Value

LEADER_OFFICES: dict[str, str] = {
    "korean-monarch": "Korea",
    "resident-general-of-korea": "Korea (protectorate)",
    "governor-general-of-korea": "Korea (colonial rule)",
    "usamgik-military-governor": "Korea (south)",
    "kor-president": "South Korea",
    "jpn-prime-minister": "Japan",
}
"""The offices `leaders` answers, in the order it lists them, and where each governed: Korea's
monarchs, Japan's Residents-General and Governors-General, the US Army Military Government's
governors, the Republic of Korea's presidents, Japan's prime ministers."""
_LEADER_ORDER = {office: rank for rank, office in enumerate(LEADER_OFFICES)}
T = TypeVar("T")


# ---- lookups with suggestions -----------------------------------------------------------------


def event_names(dataset: Dataset) -> dict[str, list[str]]:
    """Each event id and what people call the event: its titles in every language and its aliases."""
    return {e.id: list(e.title.texts().values()) + list(e.aliases) for e in dataset.events}


def find_event(dataset: Dataset, event_id: str) -> Event:
    """By id, a unique prefix (`2015-comfort-women`), or a title in any language."""
    if event_id in dataset.events_by_id:  # as `resolve` would answer, without a table of every event's titles
        return dataset.events_by_id[event_id]
    return dataset.events_by_id[
        resolve("event", event_id, event_names(dataset), "find ids with `kjtimeline search WORDS`")
    ]


def find_person(dataset: Dataset, person_id: str) -> Person:
    """By id, or a name in any language, or a surname (`ishiba`, `이재명`)."""
    return dataset.people_by_id[resolve("person", person_id, record_names(dataset.people), "see `kjtimeline people`")]


# ---- people, offices, leaders -----------------------------------------------------------------


class Term(Value):
    person: Person
    office: Office


def leaders_at(dataset: Dataset, when: str) -> list[Term]:
    """Heads of state or government (`LEADER_OFFICES`) in office at any time within `when` (a year, month or day)."""
    lower, upper = first_day(when), last_day(when)
    terms = [
        Term(person, office)
        for person in dataset.people
        for office in person.offices
        if office.office in LEADER_OFFICES
        and first_day(office.start) <= upper
        and (office.end is None or last_day(office.end) >= lower)
    ]
    terms.sort(key=lambda t: (_LEADER_ORDER[t.office.office], first_day(t.office.start)))
    return terms


def vacancies(dataset: Dataset, when: str, terms: Sequence[Term]) -> list[str]:
    """Leader offices whose records span `when` but name no holder then (a gap the data's notes explain)."""
    lower, upper = first_day(when), last_day(when)
    held = {term.office.office for term in terms}
    spans: dict[str, tuple[str, str]] = {}
    for person in dataset.people:
        for office in person.offices:
            if office.office in LEADER_OFFICES:
                start, end = first_day(office.start), last_day(office.end) if office.end else "9999-12-31"
                first, last = spans.get(office.office, (start, end))
                spans[office.office] = (min(first, start), max(last, end))
    return [
        office for office, (first, last) in spans.items() if office not in held and first <= upper and last >= lower
    ]


def moment(dataset: Dataset, text: str) -> str:
    """A date as typed, or the start of the event whose id it is (`leaders --at 2015-comfort-women-agreement`)."""
    if text in dataset.events_by_id:
        return dataset.events_by_id[text].start
    return check_date(text, "--at")


def records_end(dataset: Dataset) -> str:
    """The last day the dataset's events reach: an open-ended term is known only up to here."""
    return max((e.last_day for e in dataset.events), default="0001-01-01")


def events_of(dataset: Dataset, person_id: str) -> list[Event]:
    return sorted((e for e in dataset.events if person_id in e.people), key=chronological)


def quotes_of(dataset: Dataset, person_id: str) -> list[Quote]:
    return [q for q in dataset.quotes if person_id in q.speakers]


def related_events(dataset: Dataset, event: Event) -> tuple[list[Event], list[Event]]:
    """Events linked either way, split into those before and those after this one."""
    linked = {rid for rid in event.related} | {e.id for e in dataset.events if event.id in e.related}
    events = sorted((dataset.events_by_id[rid] for rid in linked if rid in dataset.events_by_id), key=chronological)
    here = chronological(event)
    return [e for e in events if chronological(e) < here], [e for e in events if chronological(e) > here]


def select_people(dataset: Dataset, countries: Sequence[str] = (), offices: Sequence[str] = ()) -> list[Person]:
    known_offices = sorted({o.office for p in dataset.people for o in p.offices})
    for office in offices:
        if office not in known_offices:
            raise QueryError(f"unknown office '{office}'{suggest(office, known_offices)}")
    chosen = [
        p
        for p in dataset.people
        if (not countries or p.country in countries) and (not offices or any(o.office in offices for o in p.offices))
    ]
    return sorted(chosen, key=lambda p: p.id)


# ---- quotes -----------------------------------------------------------------------------------


def select_quotes(
    dataset: Dataset,
    speakers: Sequence[str] = (),
    events: Sequence[str] = (),
    years: Sequence[int] = (),
    text: str | None = None,
) -> list[Quote]:
    speakers = [find_person(dataset, speaker).id for speaker in speakers]
    events = [find_event(dataset, event_id).id for event_id in events]
    words = search_words(text) if text else ()
    chosen = [
        q
        for q in dataset.quotes
        if (not speakers or not set(speakers).isdisjoint(q.speakers))
        and (not events or q.event in events)
        and (not years or (q.date is not None and int(q.date[:4]) in years))
        and (not words or has_all_words(words, (q.text, q.attribution)))
    ]
    return sorted(chosen, key=lambda q: (q.date or "9999", q.id))


# ---- calendar questions -----------------------------------------------------------------------


def is_round(years: int) -> bool:
    """10th, 20th, … and 25th, 50th, 75th, …"""
    return years > 0 and (years % 10 == 0 or years % 25 == 0)


def anniversaries(events: Iterable[Event], year: int) -> list[tuple[int, Event]]:
    """(how many years, event) for events whose start has a round anniversary in `year`."""
    found = [(year - int(e.start[:4]), e) for e in events if is_round(year - int(e.start[:4]))]
    return sorted(found, key=lambda pair: (pair[1].start[4:] or "", -pair[0], pair[1].id))


def on_day(events: Iterable[Event], month: int, day: int) -> list[tuple[str, Event]]:
    """(the matching date, event) for events that started, or had a key date, on that day."""
    suffix = f"-{month:02d}-{day:02d}"
    found: list[tuple[str, Event]] = []
    for event in events:
        dates = [event.start, *(key.date for key in event.key_dates)]
        found.extend((d, event) for d in dates if len(d) == 10 and d.endswith(suffix))
    return sorted(found, key=lambda pair: (pair[0], pair[1].id))


# ---- search -----------------------------------------------------------------------------------


class Hit(Value):
    kind: str
    """"event", "quote" or "person"."""
    id: str
    label: str
    """What the result is called: a title, a name, the quote itself."""
    snippet: str
    """The text that matched (the label itself if that is where it matched)."""
    date: str | None
    score: float


_WEIGHTS = {"id": 3.0, "label": 5.0, "other_label": 4.0, "body": 1.0}


def _score(forms: tuple[str, ...], fields: Sequence[tuple[str, str, str]]) -> tuple[float, str]:
    score, snippet = 0.0, ""
    for weight_name, text, folded in fields:
        position = find_word(forms, folded)
        if position >= 0:
            score += _WEIGHTS[weight_name] * (1.5 if position == 0 else 1.0)
            snippet = snippet or (text if weight_name != "id" else "")  # the id is shown anyway
    return score, snippet


def _event_fields(event: Event, lang: str, texts: tuple[str, ...]) -> list[tuple[str, str]]:
    """The event's `query.event_texts` (the texts `--text` looks in), each weighed: titles and names count most."""
    label = event.title.get(lang)
    titles = {*event.title.texts().values(), *event.aliases}

    def weight(text: str) -> str:
        if text == event.id:
            return "id"
        if text == label:
            return "label"
        return "other_label" if text in titles else "body"

    return [(weight(text), text) for text in texts]


def search(dataset: Dataset, text: str, lang: str = "en") -> list[Hit]:
    """Events, quotes and people that have every word of `text`, best first (`text.has_all_words`:
    any order, any field and language, case, accents, width and English plurals folded).

    Matches in titles and names weigh most.
    """
    words = search_words(text)
    if not words:
        raise QueryError("search needs some text")
    hits: list[Hit] = []

    def consider(kind: str, record_id: str, label: str, date: str | None, fields: list[tuple[str, str]]) -> None:
        folded = [(weight, text, fold(text)) for weight, text in fields]
        total, snippet = 0.0, ""
        for forms in words:
            score, found = _score(forms, folded)
            if score == 0:
                return
            total += score
            snippet = snippet or found
        hits.append(Hit(kind, record_id, label, snippet, date, total))

    for e in dataset.events:
        texts = event_texts(e)
        if has_all_words(words, texts):  # most do not match: one fold of all their texts, and no weighing
            consider("event", e.id, e.title.get(lang), e.start, _event_fields(e, lang, texts))
    for q in dataset.quotes:
        consider("quote", q.id, q.text, q.date, [("id", q.id), ("label", q.text), ("body", q.attribution)])
    for p in dataset.people:
        names = [("label", name) for name in p.name.texts().values()]
        consider("person", p.id, p.name.get(lang), p.born, [("id", p.id), *names])
    hits.sort(key=lambda h: (-h.score, h.date or "9999", h.id))
    return hits


# ---- counts -----------------------------------------------------------------------------------


def facet_counts(dataset: Dataset, events: Sequence[Event], facet: str, lang: str = "en") -> list[dict[str, object]]:
    """Counts of topics, tags, eras or kinds over `events`, with every defined topic, era and kind listed."""
    if facet == "topics":
        counts = Counter(t for e in events for t in e.topics)
        return [
            {"id": t.id, "name": t.name.get(lang), "count": counts.get(t.id, 0), "description": t.description}
            for t in dataset.topics
        ]
    if facet == "eras":
        counts = Counter(era.id for e in events if (era := dataset.era_of(e)))
        return [
            {
                "id": era.id,
                "name": era.name.get(lang),
                "start": era.start,
                "end": era.end,
                "count": counts.get(era.id, 0),
            }
            for era in dataset.eras
        ]
    if facet == "kinds":
        counts = Counter(e.kind for e in events if e.kind)  # a user's event may have no kind yet
        return [{"id": kind, "count": counts.get(kind, 0), "meaning": KIND_MEANINGS[kind][lang]} for kind in KINDS]
    counts = Counter(t for e in events for t in e.tags)
    return [{"id": tag, "count": n} for tag, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def stats(dataset: Dataset, events: Sequence[Event]) -> dict[str, list[dict[str, object]]]:
    """Events by decade (every decade in the range, empty ones too), by topic and by tone."""
    decades = Counter(int(e.start[:3]) * 10 for e in events)
    span = range(min(decades), max(decades) + 10, 10) if decades else range(0)
    return {
        "by_decade": [{"decade": f"{d}s", "count": decades.get(d, 0)} for d in span],
        "by_topic": [{"topic": row["id"], "count": row["count"]} for row in facet_counts(dataset, events, "topics")],
        "by_tone": [{"tone": tone, "count": sum(1 for e in events if e.tone == tone)} for tone in TONES],
    }
