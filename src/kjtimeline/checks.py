"""Checks that a schema cannot express: unique ids, references that resolve, dates in order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, pairwise
from operator import attrgetter, contains
from typing import Any

from kjtimeline.codes import LANGUAGES, PLOVER_VERSION, QUAD_OF_PLOVER, SOURCE_KINDS, STRONG_SOURCE_KINDS
from kjtimeline.dates import first_day, last_day
from kjtimeline.models import STANDARD_EVENT_FIELDS, TRANSLATABLE, Dataset, Event, Names
from kjtimeline.text import pattern, visible
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
        *translation_problems(dataset),
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
        if event.plover and event.tone and QUAD_OF_PLOVER[event.plover] != event.tone:
            yield Problem(
                f"events[{i}].tone",
                event.id,
                f"tone '{event.tone}' does not match PLOVER type {event.plover}"
                f" ({QUAD_OF_PLOVER[event.plover]} in the PLOVER manual {PLOVER_VERSION})",
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


# ---- the sourcing standard (`validate`) --------------------------------------------------------

DENIED_HOSTS = frozenset({
    # Copies of Wikipedia and other aggregators: cite the original, or a better page.
    "piglix.com", "wikimili.com", "wiki.av1.space", "encyclopedia.datana.cloud", "the-uncensored-wiki.com",
    "iiab.me", "askwikinow.com", "liquisearch.com", "kids.kiddle.co", "wikiwand.com", "unamwiki.org",
    "docslib.org", "ebooktoon.com", "wholedwhen.com", "onthisday.com", "dbpedia.org", "alchetron.com",
    "everybodywiki.com", "infogalactic.com", "wikizero.com", "db0nus869y26v.cloudfront.net", "wikipedia-on-ipfs.org",
    "sco.wikipedia.org",  # Scots Wikipedia: articles largely written by one non-speaker
    # News aggregators and content farms that repost or rewrite others' reports: cite the report.
    "urdupoint.com", "latestly.com", "alojapan.com", "particle.news", "inkl.com", "devdiscourse.com",
    "allthe.news", "newsdatabank.com", "arrowmindedboutique.com", "theworldnewstoday.com",
})  # fmt: skip
"""Hosts no citation may point at (a host and every subdomain of it). README lists them, and why."""
_STAGING = r"(^|[.-])(staging|stage|stg|dev|test|preview|sandbox)[.-]"
_SESSION_ID = r"(?i);jsessionid\w*="
"""A Java servlet's session in the address: the reader's link would carry a stranger's session."""
_QUOTE_BACKING = set(STRONG_SOURCE_KINDS)
_STRONG = ", ".join(STRONG_SOURCE_KINDS)


def denied_host(url: str) -> str | None:
    """Why a URL's host may not be cited, or None: a bare IP address, a staging host, a denied host."""
    import ipaddress  # only `validate` asks: kept off every command's start-up
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    try:
        ipaddress.ip_address(host)
        return f"a bare IP address ({host})"
    except ValueError:
        pass
    if pattern(_STAGING).search(host):
        return f"a staging host ({host})"
    if any(host == denied or host.endswith("." + denied) for denied in DENIED_HOSTS):
        return f"a copy or aggregator on the deny list ({host})"
    return None


def standard_problems(dataset: Dataset) -> list[Problem]:
    """What keeps a dataset from the standard the bundled one meets (README, "How entries are checked").

    Every source says its kind and points at no denied host; every event cites at least one
    source of a strong kind; no person or quote rests only on wiki or user-generated pages; every
    text field is given in every language.
    """
    problems = _sourcing_problems(dataset) + _uncoded_problems(dataset)
    for path, record in _records(dataset):
        for field in TRANSLATABLE.get(type(record).__name__, ()):
            if not getattr(record, field):
                continue
            for lang in LANGUAGES[1:]:
                if record.localized(field, lang)[1]:
                    problems.append(Problem(f"{path}.translations", _id_of(record), f"no {lang} text for {field}"))
    return problems


def _uncoded_problems(dataset: Dataset) -> list[Problem]:
    """The fields a user's own events may leave to their defaults, and names in English alone."""
    problems = [
        Problem(f"events[{i}].{field}", event.id, "not given (only a user's own events may leave it out)")
        for i, event in enumerate(dataset.events)
        for field in STANDARD_EVENT_FIELDS
        if field != "sources" and not getattr(event, field)  # sources: "no source of a strong kind"
    ]
    for path, record in _records(dataset):
        field = "title" if isinstance(record, Event) else "name"
        names = getattr(record, field, None)
        if isinstance(names, Names):
            missing = [lang for lang in LANGUAGES[1:] if getattr(names, lang) is None]
            problems += [Problem(f"{path}.{field}.{lang}", record.id, f"no {lang} {field}") for lang in missing]
    return problems


def _sourcing_problems(dataset: Dataset) -> list[Problem]:
    problems: list[Problem] = []
    sources = dataset.sources_by_id
    first_of_url: dict[str, str] = {}
    for i, source in enumerate(dataset.sources):
        first = first_of_url.setdefault(source.url, source.id)
        if first != source.id:  # one page, two records: a reader would count it as two sources
            problems.append(Problem(f"sources[{i}].url", source.id, f"the same page as '{first}'; cite one record"))
        if source.kind is None:
            problems.append(Problem(f"sources[{i}].kind", source.id, f"no kind: one of {', '.join(SOURCE_KINDS)}"))
        why = denied_host(source.url)
        if why:
            problems.append(Problem(f"sources[{i}].url", source.id, f"points at {why}; cite the original page"))
        if pattern(_SESSION_ID).search(source.url):
            why = "carries a session id; cite the address without it"
            problems.append(Problem(f"sources[{i}].url", source.id, why))

    def kinds(ids: Iterable[str]) -> set[str | None]:
        return {sources[s].kind for s in ids if s in sources}

    for i, event in enumerate(dataset.events):
        if not kinds(event.sources) & set(STRONG_SOURCE_KINDS):
            problems.append(Problem(f"events[{i}].sources", event.id, f"no source of a strong kind ({_STRONG})"))
    for i, person in enumerate(dataset.people):
        if not kinds(person.sources) - {None, "wiki", "user-generated"}:
            problems.append(Problem(f"people[{i}].sources", person.id, "rests only on wiki or user-generated pages"))
    for i, quote in enumerate(dataset.quotes):
        if not kinds([quote.source]) & _QUOTE_BACKING:
            problems.append(Problem(f"quotes[{i}].source", quote.id, f"not a source of a strong kind ({_STRONG})"))
    return problems


# ---- translations ------------------------------------------------------------------------------


SCRIPTS = {"ko": r"[\uac00-\ud7a3]", "ja": r"[\u3040-\u30ff\u4e00-\u9fff]"}
"""Text in a language must contain its script: Hangul in Korean, kana or kanji in Japanese."""


def _records(dataset: Dataset) -> Iterator[tuple[str, Any]]:
    for collection in ("topics", "eras", "people", "events", "quotes"):
        for i, record in enumerate(getattr(dataset, collection)):
            yield f"{collection}[{i}]", record
            if collection == "people":
                for j, office in enumerate(record.offices):
                    yield f"{collection}[{i}].offices[{j}]", office


def _id_of(record: Any) -> str | None:
    return getattr(record, "id", None)


def translation_problems(dataset: Dataset) -> Iterator[Problem]:
    """A language given twice, a translated list that does not follow the English one, a wrong script."""
    for path, record in _records(dataset):
        seen: set[str] = set()
        for k, translation in enumerate(record.translations):
            at = f"{path}.translations[{k}]"
            if translation.lang in seen:
                yield Problem(at, _id_of(record), f"a second {translation.lang} translation")
            seen.add(translation.lang)
            for field in translation.field_names:
                value = getattr(translation, field)
                if field == "lang" or not value:
                    continue
                english = getattr(record, field) if field != "key_dates" else record.key_dates
                if isinstance(value, tuple) and len(value) != len(english):
                    yield Problem(
                        f"{at}.{field}", _id_of(record), f"{len(value)} items for the {len(english)} in English"
                    )
                texts = value if isinstance(value, tuple) else (value,)
                if not all(pattern(SCRIPTS[translation.lang]).search(text) for text in texts):
                    yield Problem(f"{at}.{field}", _id_of(record), f"not written in {translation.lang} script")
