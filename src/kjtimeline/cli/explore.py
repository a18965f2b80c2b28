"""Commands that answer questions about the timeline: show, event, search, quotes, people…"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from kjtimeline import explore
from kjtimeline.cli.common import (
    FILTERS,
    Output,
    card_options,
    checked,
    complete_events,
    complete_people,
    dataset,
    emit,
    event_filters,
    output_options,
    print_renderable,
    user_errors,
)
from kjtimeline.dates import last_day, precision
from kjtimeline.formats.json import producer
from kjtimeline.listing import Listing, cited_sources, event_listing, facet_listing, person_listing, quote_listing
from kjtimeline.models import Dataset, Event, plain
from kjtimeline.query import Query, check_day_of_year, select
from kjtimeline.text import to_json, visible

if TYPE_CHECKING:
    from rich.console import RenderableType


commands = typer.Typer()
"""This module's commands; `kjtimeline.cli.COMMANDS` says which ones live here."""


def _examples(*lines: str) -> str:
    return "[bold]Examples[/bold]\n\n" + "\n\n".join(f"  {line}" for line in lines)


def _second(get: Callable[[Any], Any]) -> Callable[[tuple[Any, Any]], Any]:
    return lambda pair: get(pair[1])


def _with_field(listing: Listing, name: str, values: Sequence[Any]) -> Listing:
    """The listing with a leading field (the anniversary, the matching date) for each record."""
    pairs = list(zip(values, listing.records, strict=True))
    fields: dict[str, Callable[[Any], Any]] = {name: lambda pair: pair[0]}
    for key, get in listing.fields.items():
        fields[key] = _second(get)
    return Listing(listing.kind, pairs, fields, (name, *listing.plain_fields), None, listing.meta, listing.appendix)


# ---- show -------------------------------------------------------------------------------------


@commands.command(
    epilog=_examples(
        "kjtimeline show --year 1965",
        "kjtimeline show --from 1965 --to 1998 --topic diplomacy",
        "kjtimeline show --topic diplomacy | grep 1998",
        "kjtimeline show --year 1965 --json | jq '.events[].title.en'",
        "kjtimeline show --person lee-jae-myung --reverse --limit 5 --lang ko",
        "kjtimeline show --tag comfort-women --exclude-topic law --format csv > comfort-women.csv",
    )
)
@event_filters
@output_options
def show(ctx: typer.Context, query: Query, out: Output) -> None:
    """The timeline: events in date order, grouped by era, filtered as you ask.

    Filters of one kind given twice mean "any of"; different filters must all hold. A year or
    date filter keeps every event whose dates overlap it (an event spanning 1910–1945 is in 1920).
    """
    with user_errors():
        data = dataset(ctx)
        query = checked(ctx, query)
        events = select(data, query)

        def table() -> RenderableType:
            from kjtimeline.render.timeline import timeline

            return timeline(data, events, out.lang)

        emit(event_listing(data, events, query.as_dict()), out, table)


# ---- one event --------------------------------------------------------------------------------


def _event_document(data: Dataset, event: Event) -> dict[str, Any]:
    before, after = explore.related_events(data, event)
    era = data.era_of(event)
    quotes = [q for q in data.quotes if q.event == event.id]
    cited = [*event.sources, *(q.source for q in quotes)]
    return {
        "kjtimeline": producer(),
        "event": {**plain(event), "era": era.id if era else None, "precision": precision(event.start)},
        "people": [plain(data.people_by_id[p]) for p in event.people],
        "quotes": [plain(q) for q in quotes],
        "related": {"before": [e.id for e in before], "after": [e.id for e in after]},
        "sources": cited_sources(data, cited),
    }


def _write_plain_pairs(pairs: Sequence[tuple[str, str | Sequence[str]]]) -> None:
    """`key<TAB>value[<TAB>value…]` lines: the plain, greppable form of a card."""
    lines = []
    for key, value in pairs:
        values = [value] if isinstance(value, str) else list(value)
        lines.append("\t".join([visible(key), *(visible(v) for v in values)]) + "\n")
    sys.stdout.write("".join(lines))


@commands.command(
    epilog=_examples(
        "kjtimeline event 1965-treaty-on-basic-relations",
        "kjtimeline event 2025-tokyo-summit --lang ja",
        "kjtimeline event 1998-joint-declaration --json | jq '.sources[].url'",
    )
)
@card_options
def event(
    ctx: typer.Context,
    event_id: Annotated[
        str, typer.Argument(metavar="ID", help="An event id (see `show`).", autocompletion=complete_events)
    ],
    out: Output,
) -> None:
    """One event in full: titles in three languages, dates, people, quotes, related events, sources."""
    with user_errors():
        data = dataset(ctx)
        found = explore.find_event(data, event_id)
        document = _event_document(data, found)
        chosen = out.resolved_format()
        if chosen == "json":
            sys.stdout.write(to_json(document, indent=2) + "\n")
        elif chosen == "table":
            from kjtimeline.render.cards import event_card

            print_renderable(event_card(data, found, out.lang), out.paginate)
        else:
            record = document["event"]
            pairs: list[tuple[str, str | Sequence[str]]] = [
                ("id", found.id),
                ("date", found.start + (f"/{found.end}" if found.end else "")),
            ]
            pairs += [(f"title_{code}", record["title"][code]) for code in ("en", "ko", "ja")]
            pairs += [(f"key_date:{k.label}", k.date) for k in found.key_dates]
            pairs += [("summary", found.summary), ("significance", found.significance)]
            pairs += [("fact", fact) for fact in found.facts]
            pairs += [("topics", ",".join(found.topics)), ("tags", ",".join(found.tags)), ("kind", found.kind)]
            pairs += [("tone", found.tone), ("people", ",".join(found.people)), ("places", ",".join(found.places))]
            pairs += [("before", e) for e in document["related"]["before"]]
            pairs += [("after", e) for e in document["related"]["after"]]
            pairs += [("quote", q["text"]) for q in document["quotes"]]
            pairs += [("source", s["url"]) for s in document["sources"].values()]
            _write_plain_pairs(pairs)


# ---- search -----------------------------------------------------------------------------------


@commands.command(
    epilog=_examples(
        "kjtimeline search 'comfort women'",
        "kjtimeline search 독도",
        "kjtimeline search 竹島 --json | jq -r '.results[].id'",
    )
)
@output_options
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to find (all must appear); Korean and Japanese work too.")],
    out: Output,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="At most this many results.")] = 20,
) -> None:
    """Search events, quotes and people; best matches first, the matching part highlighted."""
    with user_errors():
        data = dataset(ctx)
        hits = explore.search(data, text, out.lang, limit)
        fields = {
            name: (lambda hit, n=name: getattr(hit, n)) for name in ("kind", "id", "date", "score", "label", "snippet")
        }
        listing = Listing("results", hits, fields, ("kind", "id", "date", "label"), meta={"query": text})

        def table() -> RenderableType:
            from kjtimeline.render.tables import search_results

            return search_results(hits, text)

        emit(listing, out, table)


# ---- quotes -----------------------------------------------------------------------------------


@commands.command(
    epilog=_examples(
        "kjtimeline quotes --speaker lee-jae-myung",
        "kjtimeline quotes --event 2025-tokyo-summit",
        "kjtimeline quotes --text apology --json | jq -r '.quotes[].text'",
    )
)
@output_options
def quotes(
    ctx: typer.Context,
    out: Output,
    speaker: Annotated[
        list[str],
        typer.Option(
            "--speaker",
            help="Person id (repeat: any of).",
            metavar="PERSON",
            autocompletion=complete_people,
            rich_help_panel=FILTERS,
        ),
    ] = [],  # noqa: B006 (Typer reads defaults, never mutates them)
    event_id: Annotated[
        list[str],
        typer.Option(
            "--event",
            help="Event id (repeat: any of).",
            metavar="EVENT",
            autocompletion=complete_events,
            rich_help_panel=FILTERS,
        ),
    ] = [],  # noqa: B006
    year: Annotated[
        list[int],
        typer.Option("--year", "-y", help="Year spoken (repeat: any of).", metavar="YEAR", rich_help_panel=FILTERS),
    ] = [],  # noqa: B006
    text: Annotated[
        Optional[str],
        typer.Option("--text", "-s", help="Quotes containing this text.", metavar="TEXT", rich_help_panel=FILTERS),
    ] = None,
) -> None:
    """Quotations, word for word, each with who said it, when, where and the source."""
    with user_errors():
        data = dataset(ctx)
        chosen = explore.select_quotes(data, speaker, event_id, year, text)
        filters = {k: v for k, v in {"speakers": speaker, "events": event_id, "years": year, "text": text}.items() if v}

        def table() -> RenderableType:
            from kjtimeline.render.quotes import quote_blocks

            return quote_blocks(data, chosen, out.lang)

        emit(quote_listing(data, chosen, filters), out, table)


# ---- people -----------------------------------------------------------------------------------


@commands.command(
    epilog=_examples(
        "kjtimeline people",
        "kjtimeline people --office jpn-prime-minister --lang ja",
        "kjtimeline people --country KOR --json | jq -r '.people[].id'",
    )
)
@output_options
def people(
    ctx: typer.Context,
    out: Output,
    country: Annotated[
        list[str], typer.Option("--country", help="ISO alpha-3 code: KOR, JPN, USA… (repeatable).", metavar="CODE")
    ] = [],  # noqa: B006
    office: Annotated[
        list[str], typer.Option("--office", help="kor-president, jpn-prime-minister… (repeatable).", metavar="OFFICE")
    ] = [],  # noqa: B006
) -> None:
    """Everyone in the dataset: leaders, officials, witnesses, with their offices."""
    with user_errors():
        data = dataset(ctx)
        chosen = explore.select_people(data, [c.upper() for c in country], office)

        def table() -> RenderableType:
            from kjtimeline.render.tables import people_table

            return people_table(chosen, out.lang)

        emit(person_listing(chosen), out, table)


@commands.command(
    epilog=_examples("kjtimeline person kim-dae-jung", "kjtimeline person shigeru-ishiba --json | jq '.offices'")
)
@card_options
def person(
    ctx: typer.Context,
    person_id: Annotated[
        str, typer.Argument(metavar="ID", help="A person id (see `people`).", autocompletion=complete_people)
    ],
    out: Output,
) -> None:
    """One person: names in three languages, offices and terms, their events and quotes."""
    with user_errors():
        data = dataset(ctx)
        found = explore.find_person(data, person_id)
        events = explore.events_of(data, found.id)
        said = explore.quotes_of(data, found.id)
        chosen = out.resolved_format()
        if chosen == "json":
            document = {
                "kjtimeline": producer(),
                **plain(found),
                "events": [e.id for e in events],
                "quotes": [plain(q) for q in said],
                "sources": cited_sources(data, found.sources),
            }
            sys.stdout.write(to_json(document, indent=2) + "\n")
        elif chosen == "table":
            from kjtimeline.render.cards import person_card

            print_renderable(person_card(data, found, events, said, out.lang), out.paginate)
        else:
            pairs: list[tuple[str, str | Sequence[str]]] = [("id", found.id)]
            pairs += [(f"name_{c}", found.name.get(c)) for c in ("en", "ko", "ja")]
            pairs += [("born", found.born or ""), ("died", found.died or ""), ("country", found.country or "")]
            pairs += [("office", (o.office, o.title, o.start, o.end or "")) for o in found.offices]
            pairs += [("event", (e.start, e.id)) for e in events]
            pairs += [("quote", q.text) for q in said]
            _write_plain_pairs(pairs)


@commands.command(
    epilog=_examples(
        "kjtimeline leaders --at 2015-12-28",
        "kjtimeline leaders --at 1965",
        "kjtimeline leaders --at 2025-08 --json | jq -r '.leaders[].name.en'",
    )
)
@output_options
def leaders(
    ctx: typer.Context,
    out: Output,
    at: Annotated[
        Optional[str],
        typer.Option(
            "--at",
            metavar="DATE",
            help="A date (YYYY, YYYY-MM or YYYY-MM-DD: a year gives everyone in office in it) or an event id \\[default: today].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Who led Korea and Japan on a date: Korea's monarchs, Japan's Residents-General and Governors-General, the US military governors, South Korea's presidents, Japan's prime ministers."""
    with user_errors():
        data = dataset(ctx)
        at = at or date.today().isoformat()
        at = explore.moment(data, at)
        terms = explore.leaders_at(data, at)
        vacant = explore.vacancies(data, at, terms)
        for office in vacant:
            typer.echo(f"kjtimeline: note: no holder of {office} is recorded on {at} (see the term notes)", err=True)
        known_to = explore.records_end(data)
        if last_day(at) > known_to:
            typer.echo(
                f"kjtimeline: note: the dataset's records end on {known_to}; terms shown as open are known only to then",
                err=True,
            )
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
        listing = Listing(
            "leaders", terms, fields, ("office", "id", "name", "start", "end"), meta={"at": at, "vacant": vacant}
        )

        def table() -> RenderableType:
            from kjtimeline.render.tables import leaders_table

            return leaders_table(terms, at, out.lang, known_to)

        emit(listing, out, table)


# ---- facets and counts ------------------------------------------------------------------------


def _facet_command(facet: str, doc: str, example: str) -> None:
    @commands.command(name=facet, help=doc, epilog=_examples(f"kjtimeline {facet}", example))
    @event_filters
    @output_options
    def command(ctx: typer.Context, query: Query, out: Output) -> None:
        with user_errors():
            data = dataset(ctx)
            events = select(data, checked(ctx, query))
            rows = explore.facet_counts(data, events, facet, out.lang)

            def table() -> RenderableType:
                from kjtimeline.render.tables import facet_table

                return facet_table(facet, rows)

            emit(facet_listing(facet, rows), out, table)


_facet_command(
    "topics", "Topics with the number of events in each (filters narrow the count).", "kjtimeline topics --from 2012"
)
_facet_command("tags", "Tags with the number of events that carry each.", "kjtimeline tags --topic territory")
_facet_command(
    "eras", "The named eras the timeline is grouped by, with their dates and counts.", "kjtimeline eras --json"
)


@commands.command(
    epilog=_examples(
        "kjtimeline stats", "kjtimeline stats --topic territory", "kjtimeline stats --json | jq .by_decade"
    )
)
@event_filters
@output_options
def stats(ctx: typer.Context, query: Query, out: Output) -> None:
    """Events by decade, by topic and by tone, drawn as bars: the shape of the relationship over time."""
    with user_errors():
        data = dataset(ctx)
        events = select(data, checked(ctx, query))
        figures = explore.stats(data, events)
        output_format = out.resolved_format()
        if output_format == "table":
            from kjtimeline.render.tables import stats_view

            print_renderable(stats_view(figures, len(events)), out.paginate)
        elif output_format == "json":
            document = {
                "kjtimeline": producer(),
                "filters": query.as_dict(),
                "count": len(events),
                **figures,
            }
            sys.stdout.write(to_json(document, indent=2) + "\n")
        else:
            rows = [{"group": group.removeprefix("by_"), "value": str(next(iter(row.values()))), "count": row["count"]}
                    for group, table_rows in figures.items() for row in table_rows]  # fmt: skip
            emit(facet_listing("stats", rows), out, lambda: "")


# ---- calendar -----------------------------------------------------------------------------------


@commands.command(
    epilog=_examples("kjtimeline anniversaries 2025", "kjtimeline anniversaries 2030 --topic diplomacy --json")
)
@event_filters
@output_options
def anniversaries(
    ctx: typer.Context,
    target_year: Annotated[int, typer.Argument(metavar="YEAR", help="The year to look at.", min=1, max=9999)],
    query: Query,
    out: Output,
) -> None:
    """Events with a round anniversary in YEAR: 10th, 20th, …, 25th, 50th, 75th, 100th…"""
    with user_errors():
        data = dataset(ctx)
        events = select(data, checked(ctx, query))
        found = explore.anniversaries(events, target_year)
        listing = _with_field(
            event_listing(data, [e for _, e in found], query.as_dict()), "anniversary", [n for n, _ in found]
        )

        def table() -> RenderableType:
            from kjtimeline.render.tables import labelled_events

            return labelled_events(data, [(f"{n}th", e) for n, e in found], out.lang, f"Anniversaries in {target_year}")

        emit(listing, out, table)


@commands.command(name="on", epilog=_examples("kjtimeline on 08-15", "kjtimeline on 12-28 --json"))
@event_filters
@output_options
def on_day(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(metavar="MM-DD", help="A day of the year, e.g. 08-15.")],
    query: Query,
    out: Output,
) -> None:
    """What happened on this day, in any year (start dates and key dates such as entry into force)."""
    with user_errors():
        month, day_number = check_day_of_year(day)
        data = dataset(ctx)
        events = select(data, checked(ctx, query))
        found = explore.on_day(events, month, day_number)
        listing = _with_field(event_listing(data, [e for _, e in found], query.as_dict()), "on", [d for d, _ in found])

        def table() -> RenderableType:
            from kjtimeline.render.tables import labelled_events

            return labelled_events(data, found, out.lang, f"On {month:02d}-{day_number:02d}")

        emit(listing, out, table)
