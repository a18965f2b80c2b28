"""Options shared by several commands, added by decorators that hand the command one value.

`event_filters` gives a command `query: Query`, `output_options` and `card_options` give it
`out: Output`: the same flags behave the same everywhere (the sqlite-utils `output_options` idea).
Choices come from where they are defined: formats from the format registry, languages from
`models.LANGUAGES`, kinds and tones from their `Literal` types.
"""

from __future__ import annotations

import functools
import inspect
import keyword
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional, TypeVar

import typer

from kjtimeline.cli.completion import (
    complete_eras,
    complete_kinds,
    complete_people,
    complete_places,
    complete_source_kinds,
    complete_tags,
    complete_tones,
    complete_topics,
)
from kjtimeline.codes import LANGUAGES
from kjtimeline.formats import CARD_FORMATS, CHART_FORMATS, LISTING_FORMATS, or_list
from kjtimeline.query import Query, matching, select, validate
from kjtimeline.values import Value

if TYPE_CHECKING:  # the records are not needed to declare the options (`--help`)
    from kjtimeline.models import Dataset, Event

FILTERS = "Filters"
OUTPUT = "Output"
F = TypeVar("F", bound=Callable[..., Any])


def choice(values: tuple[str, ...]) -> Any:
    """The `Literal` of `values`, for Typer to offer as choices (built at run time from the registry)."""
    return Literal.__getitem__(values)


def option(annotation: Any, default: Any, *names: str, **info: Any) -> inspect.Parameter:
    """A keyword parameter carrying a Typer option, named after the first flag (--from -> from_)."""
    name = names[0].lstrip("-").replace("-", "_")
    name = f"{name}_" if keyword.iskeyword(name) else name
    return inspect.Parameter(
        name,
        inspect.Parameter.KEYWORD_ONLY,
        default=default,
        annotation=Annotated[annotation, typer.Option(*names, **info)],
    )


def with_options(func: F, params: list[inspect.Parameter], target: str, build: Callable[[dict[str, Any]], Any]) -> F:
    """Replace parameter `target` of `func` with `params`; the wrapper builds `target` from them."""
    signature = inspect.signature(func, eval_str=True)
    kept = [p for p in signature.parameters.values() if p.name != target]
    names = {p.name for p in params}

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in names}
        kwargs[target] = build(values)
        return func(*args, **kwargs)

    all_params = kept + params
    setattr(wrapper, "__signature__", signature.replace(parameters=all_params))  # noqa: B010 (read by Typer)
    wrapper.__annotations__ = {p.name: p.annotation for p in all_params}
    return wrapper  # type: ignore[return-value]  # the same call, other parameters


def _many(kind: str, help: str, *names: str, complete: Callable[..., list[str]] | None = None) -> inspect.Parameter:
    return option(
        list[str], [], *names, help=help, metavar=kind.upper(), rich_help_panel=FILTERS, autocompletion=complete,
        show_default=False,
    )  # fmt: skip


EVENT_FILTER_PARAMS = [
    option(list[str], [], "--year", "-y", help="Events whose dates overlap this year, month or range: 1965, 1965-06, 1965..1970 (repeat: any of).", metavar="PERIOD", rich_help_panel=FILTERS, show_default=False),
    option(list[str], [], "--starts-in", help="Events that begin in this year, month or range: 1965, 1965-06, 1965..1970 (repeat: any of).", metavar="PERIOD", rich_help_panel=FILTERS, show_default=False),
    option(Optional[str], None, "--from", help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.", metavar="DATE", rich_help_panel=FILTERS),
    option(Optional[str], None, "--to", help="Up to this date (the whole year or month if partial).", metavar="DATE", rich_help_panel=FILTERS),
    _many("topic", "Events with this topic (repeat: any of).", "--topic", "-t", complete=complete_topics),
    _many("tag", "Events with this tag (repeat: any of).", "--tag", complete=complete_tags),
    _many("person", "Events involving this person id (repeat: any of).", "--person", "-p", complete=complete_people),
    _many("kind", "treaty, summit, ruling, … (`kjtimeline kinds` says what each means; repeat: any of).", "--kind", "-k", complete=complete_kinds),
    _many("tone", "verbal-cooperation, material-cooperation, verbal-conflict or material-conflict.", "--tone", complete=complete_tones),
    _many("era", "Events in this era (repeat: any of).", "--era", "-e", complete=complete_eras),
    _many("source_kind", "Events citing a source of this kind: official, primary-text, news, scholarly, archive, … (repeat: any of).", "--source-kind", complete=complete_source_kinds),
    _many("place", "Events at a place whose name contains this: Seoul, busan, dokdo (repeat or commas: any of).", "--place", complete=complete_places),
    option(Optional[str], None, "--text", "-s", help="Events with every one of these words, as `search` finds them (any order, language, case, accents or plural).", metavar="TEXT", rich_help_panel=FILTERS),
    _many("topic", "Leave out events with this topic.", "--exclude-topic", complete=complete_topics),
    _many("tag", "Leave out events with this tag.", "--exclude-tag", complete=complete_tags),
    _many("kind", "Leave out events of this kind.", "--exclude-kind", complete=complete_kinds),
    option(Optional[int], None, "--limit", "-n", min=0, help="At most this many, after ordering (0: all).", metavar="N", rich_help_panel=FILTERS),
    option(bool, False, "--reverse", "-r", help="Newest first (with --limit: the newest N).", rich_help_panel=FILTERS),
]  # fmt: skip


def event_filters(func: F) -> F:
    """Give a command the event filters; it receives `query: Query` (checked by `selected`)."""

    def build(v: dict[str, Any]) -> Query:
        return Query(
            years=tuple(v["year"]), starts_in=tuple(v["starts_in"]), places=tuple(v["place"]), date_from=v["from_"], date_to=v["to"], topics=tuple(v["topic"]),
            tags=tuple(v["tag"]), people=tuple(v["person"]), kinds=tuple(v["kind"]), tones=tuple(v["tone"]),
            eras=tuple(v["era"]), source_kinds=tuple(v["source_kind"]), text=v["text"], exclude_topics=tuple(v["exclude_topic"]),
            exclude_tags=tuple(v["exclude_tag"]), exclude_kinds=tuple(v["exclude_kind"]),
            limit=v["limit"], reverse=v["reverse"],
        )  # fmt: skip

    return with_options(func, EVENT_FILTER_PARAMS, "query", build)


def selected(ctx: typer.Context, query: Query) -> tuple[Dataset, list[Event]]:
    """The dataset and the events the query picks (at most `--limit`), once it is known to be able to match."""
    from kjtimeline.cli.session import dataset  # here: `--help` declares the options and loads nothing

    data = dataset(ctx)
    return data, select(data, validate(data, query))


def matched(ctx: typer.Context, query: Query) -> tuple[Dataset, list[Event]]:
    """As `selected`, but every matching event: the view applies `--limit` and says "20 of 37"."""
    from kjtimeline.cli.session import dataset

    data = dataset(ctx)
    return data, matching(data, validate(data, query))


class Output(Value):
    """The output options of a command, as one value; no format means the terminal's default."""

    format: str | None = None
    fields: str | None = None
    lang: str = "en"
    paginate: bool = True


DEFAULT_FORMAT = "\\[default: table in a terminal, plain when piped]"
LANG_HELP = (
    "Language of the text: titles, names and the whole record (English where a translation is missing, marked [en])."
)
PAGER_HELP = "Never page long terminal output."


def _format_param(formats: tuple[str, ...]) -> inspect.Parameter:
    return option(Optional[choice(formats)], None, "--format", "-f", help=f"{or_list(formats)} {DEFAULT_FORMAT}.", rich_help_panel=OUTPUT, show_default=False)  # fmt: skip


OUTPUT_PARAMS = [
    _format_param(LISTING_FORMATS),
    option(bool, False, "--json", help="Short for --format json.", rich_help_panel=OUTPUT),
    option(Optional[str], None, "--fields", help="Comma-separated fields to output (not for table); an unknown one lists them all.", metavar="FIELDS", rich_help_panel=OUTPUT),
    option(choice(LANGUAGES), "en", "--lang", "-l", help=LANG_HELP, rich_help_panel=OUTPUT),
    option(bool, False, "--no-pager", help=PAGER_HELP, rich_help_panel=OUTPUT),
]  # fmt: skip

CARD_PARAMS = [
    option(Optional[choice(CARD_FORMATS)], None, "--format", "-f", help=f"{or_list(CARD_FORMATS)} {DEFAULT_FORMAT}.", show_default=False),
    option(bool, False, "--json", help="Short for --format json: the record with everything it links to."),
    option(choice(LANGUAGES), "en", "--lang", "-l", help=LANG_HELP),
    option(bool, False, "--no-pager", help=PAGER_HELP),
]  # fmt: skip


def output_option(default_name: str) -> Any:
    """-o/--output, for a command that writes a file (`default_name` in a folder it is given)."""
    return typer.Option(
        "--output",
        "-o",
        help=f"File to write, or a folder to write {default_name} in (default: standard output).",
        metavar="PATH",
    )


Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]


def _output(v: dict[str, Any]) -> Output:
    chosen = "json" if v["json"] else v["format"]
    return Output(format=chosen, fields=v.get("fields"), lang=v["lang"], paginate=not v["no_pager"])


def output_options(func: F) -> F:
    """Give a listing command the output options; it receives `out: Output`."""
    return with_options(func, OUTPUT_PARAMS, "out", _output)


def chart_output_options(func: F) -> F:
    """`output_options`, with the formats that draw the selection as a chart (svg) among the choices."""
    return with_options(func, [_format_param(LISTING_FORMATS + CHART_FORMATS), *OUTPUT_PARAMS[1:]], "out", _output)


def card_options(func: F) -> F:
    """Give a one-record command (event, person) its output options; it receives `out: Output`."""
    return with_options(func, CARD_PARAMS, "out", _output)
