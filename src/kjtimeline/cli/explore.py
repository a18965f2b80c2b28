"""Commands that answer questions about the timeline: show, event, search, quotes, people…

Each is parse -> core (a view from `kjtimeline.views`) -> `emit`. The core is imported inside each
command: `CMD --help` builds the command from this module, and needs only what declares the options.

No `from __future__ import annotations`: Typer evaluates annotations written as strings (an `eval`
each) when a command is declared and again when the one that runs is built, on every call.
"""

from typing import Annotated, Optional

import typer

from kjtimeline.cli.completion import complete_events, complete_people
from kjtimeline.cli.help import examples
from kjtimeline.cli.options import (
    FILTERS,
    Output,
    card_options,
    chart_output_options,
    event_filters,
    matched,
    output_options,
)
from kjtimeline.formats import CHART_FORMATS
from kjtimeline.query import Query

commands = typer.Typer()
"""This module's commands; `kjtimeline.cli.COMMANDS` says which ones live here."""


# ---- show -------------------------------------------------------------------------------------


@commands.command(
    epilog=examples(
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
    from kjtimeline import views
    from kjtimeline.cli.output import emit

    data, events = matched(ctx, query)
    emit(ctx, out, views.timeline(data, events, query.as_dict(), query.limit))


# ---- one event --------------------------------------------------------------------------------


@commands.command(
    epilog=examples(
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
    from kjtimeline import views
    from kjtimeline.cli.output import emit_card
    from kjtimeline.cli.session import dataset

    emit_card(ctx, out, views.event_card(dataset(ctx), event_id))


# ---- search -----------------------------------------------------------------------------------


@commands.command(
    help="Search events, quotes and people; best matches first, the matching part highlighted.\n\n"
    "Every word must appear somewhere in the record, in any order, field or language; case, accents "
    "(Sato finds Satō), full- and half-width forms and English singular and plural (woman, women; "
    'treaty, treaties) are folded. `show --text` means the same (README, "Search").',
    epilog=examples(
        "kjtimeline search 'comfort women'",
        "kjtimeline search 독도",
        "kjtimeline search 竹島 --json | jq -r '.results[].id'",
    ),
)
@output_options
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to find: every one, in any order (Korean and Japanese too).")],
    out: Output,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "-n", min=0, help="At most this many results (0: all).")
    ] = 20,
) -> None:
    from kjtimeline import views
    from kjtimeline.cli.output import emit
    from kjtimeline.cli.session import dataset

    emit(ctx, out, views.search(dataset(ctx), text, out.lang, limit))


# ---- quotes -----------------------------------------------------------------------------------


@commands.command(
    epilog=examples(
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
    limit: Annotated[
        Optional[int], typer.Option("--limit", "-n", min=0, help="At most this many quotes (0: all).")
    ] = None,
) -> None:
    """Quotations, word for word, each with who said it, when, where and the source."""
    from kjtimeline import explore, views
    from kjtimeline.cli.output import emit
    from kjtimeline.cli.session import dataset

    data = dataset(ctx)
    chosen = explore.select_quotes(data, speaker, event_id, year, text)
    filters = {k: v for k, v in {"speakers": speaker, "events": event_id, "years": year, "text": text}.items() if v}
    emit(ctx, out, views.quotations(data, chosen, filters, limit))


# ---- people -----------------------------------------------------------------------------------


@commands.command(
    epilog=examples(
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
    from kjtimeline import explore, views
    from kjtimeline.cli.output import emit
    from kjtimeline.cli.session import dataset

    chosen = explore.select_people(dataset(ctx), [c.upper() for c in country], office)
    emit(ctx, out, views.People(people=tuple(chosen)))


@commands.command(
    epilog=examples("kjtimeline person kim-dae-jung", "kjtimeline person shigeru-ishiba --json | jq '.offices'")
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
    from kjtimeline import views
    from kjtimeline.cli.output import emit_card
    from kjtimeline.cli.session import dataset

    emit_card(ctx, out, views.person_card(dataset(ctx), person_id))


@commands.command(
    epilog=examples(
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
    from datetime import date

    from kjtimeline import views
    from kjtimeline.cli.output import emit
    from kjtimeline.cli.session import dataset

    emit(ctx, out, views.leaders(dataset(ctx), at or date.today().isoformat()))


# ---- facets and counts ------------------------------------------------------------------------


def _facet_command(facet: str, doc: str, example: str) -> None:
    @commands.command(name=facet, help=doc, epilog=examples(f"kjtimeline {facet}", example))
    @event_filters
    @output_options
    def command(ctx: typer.Context, query: Query, out: Output) -> None:
        from kjtimeline import views
        from kjtimeline.cli.output import emit

        data, events = matched(ctx, query)
        emit(ctx, out, views.facet_counts(data, events, facet, out.lang, query.limit))


_facet_command(
    "topics", "Topics with the number of events in each (filters narrow the count).", "kjtimeline topics --from 2012"
)
_facet_command("tags", "Tags with the number of events that carry each.", "kjtimeline tags --topic territory")
_facet_command(
    "kinds",
    "The kinds of event (summit, treaty, ruling…), what each means, and how many of each.",
    "kjtimeline kinds --from 2000 --lang ko",
)
_facet_command(
    "eras", "The named eras the timeline is grouped by, with their dates and counts.", "kjtimeline eras --json"
)


@commands.command(
    epilog=examples(
        "kjtimeline stats",
        "kjtimeline stats --topic territory",
        "kjtimeline stats --json | jq .by_decade",
        "kjtimeline stats --format svg --from 1945 > overview.svg",
    )
)
@event_filters
@chart_output_options
def stats(ctx: typer.Context, query: Query, out: Output) -> None:
    """Events by decade, by topic and by tone, drawn as bars: the shape of the relationship over time.

    The counts are over every matching event (--limit does not apply here). --format svg draws the
    selection as a chart instead: events per year by topic over the eras.
    """
    from kjtimeline import views
    from kjtimeline.cli.output import emit, emit_chart
    from kjtimeline.query import subset

    data, events = matched(ctx, query)
    if out.format in CHART_FORMATS:
        emit_chart(ctx, out, subset(data, events))
    else:
        emit(ctx, out, views.stats(data, events, query.as_dict()))


# ---- calendar -----------------------------------------------------------------------------------


@commands.command(
    epilog=examples("kjtimeline anniversaries 2025", "kjtimeline anniversaries 2030 --topic diplomacy --json")
)
@event_filters
@output_options
def anniversaries(
    ctx: typer.Context,
    query: Query,
    out: Output,
    target_year: Annotated[
        Optional[int],
        typer.Argument(metavar="[YEAR]", help="The year to look at \\[default: this year].", min=1, max=9999),
    ] = None,
) -> None:
    """Events with a round anniversary in YEAR: 10th, 20th, …, 25th, 50th, 75th, 100th…"""
    from datetime import date

    from kjtimeline import views
    from kjtimeline.cli.output import emit

    target_year = target_year or date.today().year
    data, events = matched(ctx, query)
    emit(ctx, out, views.anniversaries(data, events, target_year, query.as_dict(), query.limit))


@commands.command(name="on", epilog=examples("kjtimeline on 08-15", "kjtimeline on 12-28 --json"))
@event_filters
@output_options
def on_day(
    ctx: typer.Context,
    query: Query,
    out: Output,
    day: Annotated[
        Optional[str], typer.Argument(metavar="[MM-DD]", help="A day of the year, e.g. 08-15 \\[default: today].")
    ] = None,
) -> None:
    """What happened on this day, in any year (start dates and key dates such as entry into force)."""
    from datetime import date

    from kjtimeline import views
    from kjtimeline.cli.output import emit
    from kjtimeline.query import check_day_of_year

    month, day_number = check_day_of_year(day) if day else (date.today().month, date.today().day)
    data, events = matched(ctx, query)
    emit(ctx, out, views.on_day(data, events, month, day_number, query.as_dict(), query.limit))
