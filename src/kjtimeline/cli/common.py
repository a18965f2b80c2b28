"""What every command shares: the dataset state, error mapping, output choice and shared options.

Shared options come from two decorators, `event_filters` and `output_options`, which add the
options to a command's signature and hand the command one value (`Query`, `Output`) instead: the
same flags behave the same everywhere (the sqlite-utils `output_options` idea).
"""

from __future__ import annotations

import functools
import gc
import inspect
import keyword
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer

from kjtimeline.errors import KjtimelineError
from kjtimeline.formats import FORMAT_NAMES, LISTING_FORMATS
from kjtimeline.listing import Listing
from kjtimeline.load import load
from kjtimeline.models import KINDS, SOURCE_KINDS, TONES, Dataset
from kjtimeline.query import Query, validate
from kjtimeline.text import visible
from kjtimeline.values import Value

if TYPE_CHECKING:
    from rich.console import RenderableType

EXIT_INVALID = 1
EXIT_USAGE = 2
MIN_WIDTH, MAX_WIDTH = 20, 1000
"""The terminal widths drawn for; COLUMNS outside them is taken as the nearest."""

OutputFormat = Enum("OutputFormat", {name: name for name in FORMAT_NAMES}, type=str)  # type: ignore[misc]
Lang = Enum("Lang", {code: code for code in ("en", "ko", "ja")}, type=str)  # type: ignore[misc]


# ---- state and errors -------------------------------------------------------------------------


def data_paths(given: Sequence[str | Path] | None) -> list[Path]:
    """--data if given, else $KJTIMELINE_DATA (paths separated by ':'); empty means the bundled dataset."""
    if given:
        return [Path(p) for p in given]
    return [Path(p) for p in os.environ.get("KJTIMELINE_DATA", "").split(os.pathsep) if p]


class State:
    """What the top-level options set for every command: which datasets to read."""

    def __init__(self) -> None:
        self.data_paths: list[Path] = []
        self.override = False
        self._dataset: Dataset | None = None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = load(self.data_paths, self.override)
            # The records live as long as this command: spare them every later collection's scan
            # (half a second at 100,000 events).
            gc.freeze()
        return self._dataset


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def dataset(ctx: typer.Context) -> Dataset:
    return state(ctx).dataset()


@contextmanager
def user_errors() -> Iterator[None]:
    """One line on stderr and exit code 2 for anything the user can fix; never a traceback."""
    try:
        yield
    except KjtimelineError as error:
        typer.echo(f"kjtimeline: error: {visible(str(error))}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


# ---- where output goes ------------------------------------------------------------------------


def stdout_is_terminal() -> bool:
    """FORCE_COLOR wins (for `less -R`); NO_COLOR, TERM=dumb or a pipe give plain text."""
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
    """Print once; through a pager (as `git log` does) when longer than the screen."""
    from kjtimeline.pager import page
    from kjtimeline.render.console import make_console

    width, height = _terminal_size()
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit():  # bounded: COLUMNS=99999999999 must not hang Rich
        width = min(max(int(columns), MIN_WIDTH), MAX_WIDTH)
    color = not os.environ.get("NO_COLOR") or bool(os.environ.get("FORCE_COLOR"))
    console = make_console(sys.stdout, width=width or 100, color=color)
    with console.capture() as capture:
        console.print(renderable)
    text = capture.get()
    if paginate and height and sys.stdout.isatty() and text.count("\n") > height:
        page(text)
    else:
        sys.stdout.write(text)


class Output(Value):
    """The output options of a command, as one value."""

    format: str | None = None
    fields: str | None = None
    lang: str = "en"
    paginate: bool = True

    def resolved_format(self) -> str:
        return self.format or ("table" if stdout_is_terminal() else "plain")


def emit(listing: Listing, out: Output, table: Callable[[], RenderableType]) -> None:
    """Write a listing in the chosen format: table in a terminal, plain when piped."""
    chosen = listing.choose(out.fields.split(",") if out.fields is not None else None)
    output_format = out.resolved_format()
    if output_format == "table":
        print_renderable(table(), out.paginate)
    else:
        sys.stdout.write(LISTING_FORMATS[output_format](chosen, out.lang))
    if not listing.records and sys.stderr.isatty():
        typer.echo("kjtimeline: nothing matches", err=True)


# ---- shell completion (reads the datasets the command line names) -----------------------------


def _completer(names: Callable[[Dataset], list[str]]) -> Callable[[typer.Context, str], list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        options = ctx.find_root().params  # parsed, though the top-level callback has not run
        try:
            found = load(data_paths(options.get("data")), bool(options.get("override")))
        except Exception:  # a completion must never print a traceback into the user's shell
            return []
        return [name for name in names(found) if name.startswith(incomplete)]

    return complete


complete_topics = _completer(lambda d: [t.id for t in d.topics])
complete_eras = _completer(lambda d: [e.id for e in d.eras])
complete_people = _completer(lambda d: [p.id for p in d.people])
complete_events = _completer(lambda d: [e.id for e in d.events])
complete_tags = _completer(lambda d: sorted({t for e in d.events for t in e.tags}))


def complete_kinds(incomplete: str) -> list[str]:
    return [k for k in KINDS if k.startswith(incomplete)]


def complete_source_kinds(incomplete: str) -> list[str]:
    return [k for k in SOURCE_KINDS if k.startswith(incomplete)]


def complete_tones(incomplete: str) -> list[str]:
    return [t for t in TONES if t.startswith(incomplete)]


# ---- decorators that add shared options -------------------------------------------------------

FILTERS = "Filters"
OUTPUT = "Output"
F = TypeVar("F", bound=Callable[..., Any])


def _option(annotation: Any, default: Any, *names: str, **info: Any) -> inspect.Parameter:
    name = names[0].lstrip("-").replace("-", "_")
    name = f"{name}_" if keyword.iskeyword(name) else name  # --from -> from_
    return inspect.Parameter(
        name,
        inspect.Parameter.KEYWORD_ONLY,
        default=default,
        annotation=Annotated[annotation, typer.Option(*names, **info)],
    )


def _extend(func: F, params: list[inspect.Parameter], target: str, build: Callable[[dict[str, Any]], Any]) -> F:
    """Replace parameter `target` of `func` with `params`; the wrapper builds `target` from them."""
    signature = inspect.signature(func, eval_str=True)
    kept = [p for p in signature.parameters.values() if p.name != target]
    names = {p.name for p in params}

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in names}
        with user_errors():
            kwargs[target] = build(values)
        return func(*args, **kwargs)

    all_params = kept + params
    wrapper.__signature__ = signature.replace(parameters=all_params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in all_params}
    return wrapper  # type: ignore[return-value]


def _many(kind: str, help: str, *names: str, complete: Callable[..., list[str]] | None = None) -> inspect.Parameter:
    return _option(
        list[str], [], *names, help=help, metavar=kind.upper(), rich_help_panel=FILTERS, autocompletion=complete,
        show_default=False,
    )  # fmt: skip


EVENT_FILTER_PARAMS = [
    _option(list[int], [], "--year", "-y", help="Events in this year (repeat: any of).", metavar="YEAR", rich_help_panel=FILTERS, show_default=False),
    _option(Optional[str], None, "--from", help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.", metavar="DATE", rich_help_panel=FILTERS),
    _option(Optional[str], None, "--to", help="Up to this date (the whole year or month if partial).", metavar="DATE", rich_help_panel=FILTERS),
    _many("topic", "Events with this topic (repeat: any of).", "--topic", "-t", complete=complete_topics),
    _many("tag", "Events with this tag (repeat: any of).", "--tag", complete=complete_tags),
    _many("person", "Events involving this person id (repeat: any of).", "--person", "-p", complete=complete_people),
    _many("kind", "treaty, summit, ruling, … (repeat: any of).", "--kind", "-k", complete=complete_kinds),
    _many("tone", "verbal-cooperation, material-cooperation, verbal-conflict or material-conflict.", "--tone", complete=complete_tones),
    _many("era", "Events in this era (repeat: any of).", "--era", "-e", complete=complete_eras),
    _many("source_kind", "Events citing a source of this kind: official, primary-text, news, scholarly, archive, … (repeat: any of).", "--source-kind", complete=complete_source_kinds),
    _option(Optional[str], None, "--text", "-s", help="Events whose text contains this (any language, any case).", metavar="TEXT", rich_help_panel=FILTERS),
    _many("topic", "Leave out events with this topic.", "--exclude-topic", complete=complete_topics),
    _many("tag", "Leave out events with this tag.", "--exclude-tag", complete=complete_tags),
    _many("kind", "Leave out events of this kind.", "--exclude-kind", complete=complete_kinds),
    _option(Optional[int], None, "--limit", "-n", min=0, help="At most this many, after ordering.", metavar="N", rich_help_panel=FILTERS),
    _option(bool, False, "--reverse", "-r", help="Newest first (with --limit: the newest N).", rich_help_panel=FILTERS),
]  # fmt: skip


def event_filters(func: F) -> F:
    """Give a command the event filters; it receives `query: Query`, already validated."""

    def build(v: dict[str, Any]) -> Query:
        return Query(
            years=tuple(v["year"]), date_from=v["from_"], date_to=v["to"], topics=tuple(v["topic"]),
            tags=tuple(v["tag"]), people=tuple(v["person"]), kinds=tuple(v["kind"]), tones=tuple(v["tone"]),
            eras=tuple(v["era"]), source_kinds=tuple(v["source_kind"]), text=v["text"], exclude_topics=tuple(v["exclude_topic"]),
            exclude_tags=tuple(v["exclude_tag"]), exclude_kinds=tuple(v["exclude_kind"]),
            limit=v["limit"], reverse=v["reverse"],
        )  # fmt: skip

    return _extend(func, EVENT_FILTER_PARAMS, "query", build)


def checked(ctx: typer.Context, query: Query) -> Query:
    with user_errors():
        return validate(dataset(ctx), query)


OUTPUT_PARAMS = [
    _option(Optional[OutputFormat], None, "--format", "-f", help="table, plain, json, jsonl, csv or markdown \\[default: table in a terminal, plain when piped].", rich_help_panel=OUTPUT, show_default=False),
    _option(bool, False, "--json", help="Short for --format json.", rich_help_panel=OUTPUT),
    _option(Optional[str], None, "--fields", help="Comma-separated fields to output (not for table); an unknown one lists them all.", metavar="FIELDS", rich_help_panel=OUTPUT),
    _option(Lang, Lang.en, "--lang", "-l", help="Language of titles and names (English where missing).", rich_help_panel=OUTPUT),  # type: ignore[attr-defined]
    _option(bool, False, "--no-pager", help="Never page long terminal output.", rich_help_panel=OUTPUT),
]  # fmt: skip


CardFormat = Enum("CardFormat", {name: name for name in ("table", "plain", "json")}, type=str)  # type: ignore[misc]

CARD_PARAMS = [
    _option(Optional[CardFormat], None, "--format", "-f", help="table, plain or json \\[default: table in a terminal, plain when piped].", show_default=False),
    _option(bool, False, "--json", help="Short for --format json: the record with everything it links to."),
    _option(Lang, Lang.en, "--lang", "-l", help="Language of titles and names (English where missing)."),  # type: ignore[attr-defined]
    _option(bool, False, "--no-pager", help="Never page long terminal output."),
]  # fmt: skip


def card_options(func: F) -> F:
    """Give a one-record command (event, person) its output options; it receives `out: Output`."""

    def build(v: dict[str, Any]) -> Output:
        chosen = "json" if v["json"] else (v["format"].value if v["format"] is not None else None)
        return Output(format=chosen, lang=v["lang"].value, paginate=not v["no_pager"])

    return _extend(func, CARD_PARAMS, "out", build)


def output_options(func: F) -> F:
    """Give a command the output options; it receives `out: Output`."""

    def build(v: dict[str, Any]) -> Output:
        chosen = "json" if v["json"] else (v["format"].value if v["format"] is not None else None)
        return Output(format=chosen, fields=v["fields"], lang=v["lang"].value, paginate=not v["no_pager"])

    return _extend(func, OUTPUT_PARAMS, "out", build)
