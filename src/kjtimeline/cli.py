"""The Typer layer: parse options, call the core, print, and map errors to exit codes.

Exit codes: 0 success (also when nothing matches), 1 a check found problems, 2 bad usage or
unusable input, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from kjtimeline import __version__
from kjtimeline.errors import KjtimelineError
from kjtimeline.formats import FORMAT_NAMES, LISTING_FORMATS
from kjtimeline.listing import Listing, event_listing
from kjtimeline.load import load
from kjtimeline.models import Dataset
from kjtimeline.query import Query, select, validate

if TYPE_CHECKING:
    from rich.console import RenderableType

EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="kjtimeline",
    help="A sourced timeline of Korea–Japan relations, 1876 to today: dates, people, quotes and sources.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

OutputFormat = Enum("OutputFormat", {name: name for name in FORMAT_NAMES}, type=str)  # type: ignore[misc]
Lang = Enum("Lang", {code: code for code in ("en", "ko", "ja")}, type=str)  # type: ignore[misc]


# ---- shared state and output ------------------------------------------------------------------


class State:
    """What the top-level options set for every command: which datasets to read."""

    def __init__(self) -> None:
        self.data_paths: list[Path] = []
        self.override = False
        self._dataset: Dataset | None = None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = load(self.data_paths, self.override)
        return self._dataset


def _state(ctx: typer.Context) -> State:
    if not isinstance(ctx.obj, State):
        ctx.obj = State()
    return ctx.obj


@contextmanager
def user_errors() -> Iterator[None]:
    """One line on stderr and exit code 2 for anything the user can fix; never a traceback."""
    try:
        yield
    except KjtimelineError as error:
        typer.echo(f"kjtimeline: error: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


def stdout_is_terminal() -> bool:
    """FORCE_COLOR wins (for `less -R`); NO_COLOR or a pipe gives plain text."""
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _terminal_size() -> tuple[int | None, int]:
    try:
        size = os.get_terminal_size(sys.stdout.fileno())
        return size.columns, size.lines
    except (OSError, ValueError):
        return None, 0


def print_renderable(renderable: RenderableType, paginate: bool) -> None:
    """Print once; through a pager (as `git log` does) when it is longer than the screen."""
    from kjtimeline.pager import page
    from kjtimeline.render.console import make_console

    width, height = _terminal_size()
    if os.environ.get("COLUMNS", "").isdigit():
        width = int(os.environ["COLUMNS"])
    console = make_console(sys.stdout, width=width or 100, color=True)
    with console.capture() as capture:
        console.print(renderable)
    text = capture.get()
    if paginate and sys.stdout.isatty() and height and text.count("\n") > height:
        page(text)
    else:
        sys.stdout.write(text)


def emit(
    listing: Listing,
    output_format: str | None,
    as_json: bool,
    lang: str,
    table: Callable[[], RenderableType],
    paginate: bool,
    fields: str | None = None,
) -> None:
    """Write a listing in the chosen format: table in a terminal, plain when piped."""
    if as_json:
        output_format = "json"
    chosen = listing.choose(fields.split(",") if fields is not None else None)
    if output_format is None:
        output_format = "table" if stdout_is_terminal() else "plain"
    if output_format == "table":
        print_renderable(table(), paginate)
    else:
        sys.stdout.write(LISTING_FORMATS[output_format](chosen, lang))
    if not listing.records and sys.stderr.isatty():
        typer.echo("kjtimeline: nothing matches", err=True)


# ---- options shared by listing commands -------------------------------------------------------

FILTERS = "Filters"
OUTPUT = "Output"

YearOpt = Annotated[
    list[int],
    typer.Option("--year", "-y", help="Events in this year (repeat for any of several).", rich_help_panel=FILTERS),
]
FromOpt = Annotated[
    Optional[str],
    typer.Option("--from", help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.", rich_help_panel=FILTERS),
]
ToOpt = Annotated[
    Optional[str],
    typer.Option("--to", help="Up to this date (the whole year or month if partial).", rich_help_panel=FILTERS),
]
TopicOpt = Annotated[
    list[str],
    typer.Option("--topic", "-t", help="Events with this topic (repeatable: any of).", rich_help_panel=FILTERS),
]
TagOpt = Annotated[
    list[str], typer.Option("--tag", help="Events with this tag (repeatable: any of).", rich_help_panel=FILTERS)
]
PersonOpt = Annotated[
    list[str],
    typer.Option("--person", "-p", help="Events involving this person id (repeatable).", rich_help_panel=FILTERS),
]
KindOpt = Annotated[
    list[str], typer.Option("--kind", "-k", help="treaty, summit, ruling… (repeatable).", rich_help_panel=FILTERS)
]
ToneOpt = Annotated[
    list[str],
    typer.Option(
        "--tone",
        help="verbal-cooperation, material-cooperation, verbal-conflict, material-conflict.",
        rich_help_panel=FILTERS,
    ),
]
EraOpt = Annotated[
    list[str], typer.Option("--era", "-e", help="Events in this era (repeatable).", rich_help_panel=FILTERS)
]
TextOpt = Annotated[
    Optional[str],
    typer.Option(
        "--text",
        "-s",
        help="Events whose text contains this (any language, case-insensitive).",
        rich_help_panel=FILTERS,
    ),
]
ExcludeTopicOpt = Annotated[
    list[str], typer.Option("--exclude-topic", help="Leave out events with this topic.", rich_help_panel=FILTERS)
]
ExcludeTagOpt = Annotated[
    list[str], typer.Option("--exclude-tag", help="Leave out events with this tag.", rich_help_panel=FILTERS)
]
ExcludeKindOpt = Annotated[
    list[str], typer.Option("--exclude-kind", help="Leave out events of this kind.", rich_help_panel=FILTERS)
]
LimitOpt = Annotated[
    Optional[int],
    typer.Option("--limit", "-n", min=0, help="At most this many (after ordering).", rich_help_panel=FILTERS),
]
ReverseOpt = Annotated[
    bool, typer.Option("--reverse", "-r", help="Newest first (with --limit: the newest N).", rich_help_panel=FILTERS)
]
FormatOpt = Annotated[
    Optional[OutputFormat],
    typer.Option(
        "--format",
        "-f",
        help="Output format [default: table in a terminal, plain when piped].",
        rich_help_panel=OUTPUT,
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.", rich_help_panel=OUTPUT)]
FieldsOpt = Annotated[
    Optional[str],
    typer.Option(
        "--fields", help="Comma-separated fields to output (plain, json, jsonl, csv, markdown).", rich_help_panel=OUTPUT
    ),
]
LangOpt = Annotated[
    Lang,
    typer.Option("--lang", "-l", help="Language of titles and names (falls back to English).", rich_help_panel=OUTPUT),
]
NoPagerOpt = Annotated[
    bool, typer.Option("--no-pager", help="Never page a long terminal listing.", rich_help_panel=OUTPUT)
]


# ---- commands ---------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kjtimeline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        Optional[list[Path]],
        typer.Option(
            "--data",
            "-d",
            help="Read this dataset instead of the bundled one; repeat to layer your own events over it. "
            "Default: $KJTIMELINE_DATA (paths separated by the OS path separator), else the bundled dataset.",
            show_default=False,
        ),
    ] = None,
    override: Annotated[
        bool, typer.Option("--override", help="Let a later --data file replace records with the same id.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    state = _state(ctx)
    if data:
        state.data_paths = list(data)
    elif os.environ.get("KJTIMELINE_DATA"):
        state.data_paths = [Path(p) for p in os.environ["KJTIMELINE_DATA"].split(os.pathsep) if p]
    state.override = override


@app.command(
    epilog="""[bold]Examples[/bold]

  kjtimeline show --year 1965

  kjtimeline show --from 1965 --to 1998 --topic diplomacy

  kjtimeline show --topic diplomacy | grep 1998

  kjtimeline show --year 1965 --json | jq '.events[].title.en'

  kjtimeline show --person lee-jae-myung --reverse --limit 5 --lang ko
"""
)
def show(
    ctx: typer.Context,
    year: YearOpt = [],  # noqa: B006 (Typer reads defaults, never mutates them)
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    topic: TopicOpt = [],  # noqa: B006
    tag: TagOpt = [],  # noqa: B006
    person: PersonOpt = [],  # noqa: B006
    kind: KindOpt = [],  # noqa: B006
    tone: ToneOpt = [],  # noqa: B006
    era: EraOpt = [],  # noqa: B006
    text: TextOpt = None,
    exclude_topic: ExcludeTopicOpt = [],  # noqa: B006
    exclude_tag: ExcludeTagOpt = [],  # noqa: B006
    exclude_kind: ExcludeKindOpt = [],  # noqa: B006
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    output_format: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    lang: LangOpt = Lang.en,  # type: ignore[attr-defined]
    no_pager: NoPagerOpt = False,
) -> None:
    """The timeline: events in date order, grouped by era, filtered as you ask.

    Filters of one kind given twice mean "any of"; different filters must all hold. A filter by
    year or date keeps every event whose dates overlap it (an event spanning 1910–1945 is in 1920).
    """
    with user_errors():
        dataset = _state(ctx).dataset()
        query = validate(
            dataset,
            Query(
                years=tuple(year), date_from=date_from, date_to=date_to, topics=tuple(topic),
                tags=tuple(tag), people=tuple(person), kinds=tuple(kind), tones=tuple(tone),
                eras=tuple(era), text=text, exclude_topics=tuple(exclude_topic),
                exclude_tags=tuple(exclude_tag), exclude_kinds=tuple(exclude_kind),
                limit=limit, reverse=reverse,
            ),
        )  # fmt: skip
        events = select(dataset, query)
        listing = event_listing(dataset, events, query.as_dict())

        def table() -> RenderableType:
            from kjtimeline.render.timeline import timeline

            return timeline(dataset, events, lang.value)

        emit(listing, _value(output_format), as_json, lang.value, table, not no_pager, fields)


def _value(option: Any) -> str | None:
    return option.value if option is not None else None


def main() -> None:
    """The console script: run the app, turning pipes closed early and Ctrl-C into quiet exits."""
    try:
        app(prog_name="kjtimeline")
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader (head, less) went away: stop quietly, and keep Python from complaining
        # about the unflushed stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
