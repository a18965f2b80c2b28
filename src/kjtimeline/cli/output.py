"""The one way a command's view reaches stdout: drawn by Rich, or written by a format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer

from kjtimeline.cli.options import Output
from kjtimeline.cli.session import session
from kjtimeline.cli.terminal import Terminal
from kjtimeline.formats import FORMATS, TABLE, Format
from kjtimeline.models import Dataset
from kjtimeline.views import CardView, ListingView


def format_name(out: Output, terminal: Terminal) -> str:
    """The format asked for; else the table in a terminal (or with FORCE_COLOR), plain text in a pipe."""
    return out.format or (TABLE if terminal.table else "plain")


def _emit(ctx: typer.Context, out: Output, view: object, write: Callable[[Format], str]) -> None:
    """The view drawn by Rich in a terminal (or with --format table), else written by the format."""
    terminal = session(ctx).terminal
    if format_name(out, terminal) == TABLE:
        from kjtimeline.render import draw

        terminal.show(draw(view, out.lang), out.paginate)
    else:
        terminal.write(write(FORMATS[format_name(out, terminal)]))


def emit(ctx: typer.Context, out: Output, view: ListingView) -> None:
    """Write a listing view: the table in a terminal, plain when piped, else the chosen format."""
    terminal = session(ctx).terminal
    for note in getattr(view, "notes", ()):
        terminal.say(f"note: {note}")
    listing = view.listing()
    chosen = listing.choose(out.fields.split(",") if out.fields is not None else None)

    def write(listed: Format) -> str:
        assert listed.listing is not None  # the --format choices are the formats that write listings
        return listed.listing(chosen, out.lang)

    _emit(ctx, out, view, write)
    if not listing.records and terminal.stderr_is_terminal:
        terminal.say("nothing matches")
    note = listing.cut_note()
    if note and format_name(out, terminal) != TABLE and terminal.stderr_is_terminal:
        terminal.say(f"note: {note}")  # the table says it under the records; a pipe's reader sees it here


def emit_card(ctx: typer.Context, out: Output, card: CardView) -> None:
    """Write a one-record view: a panel in a terminal, key-value lines when piped, or JSON."""

    def write(carded: Format) -> str:
        assert carded.card is not None  # the --format choices are the formats that write cards
        return carded.card(card)

    _emit(ctx, out, card, write)


def emit_chart(ctx: typer.Context, out: Output, selection: Dataset) -> None:
    """Write the selection drawn by a chart format (`stats --format svg`): the same file as its export."""
    export = FORMATS[str(out.format)].export
    assert export is not None  # the chart formats are formats that export
    session(ctx).terminal.write_bytes(export(selection, out.lang))


def write_output(terminal: Terminal, output: str | None, default_name: str, content: bytes, force: bool) -> Path | None:
    """To standard output without -o (or with `-o -`), else to the file, atomically; the file's path."""
    if output is None or output == "-":
        terminal.write_bytes(content)
        return None
    from kjtimeline.files import output_path, write_atomically

    target = output_path(output, default_name)
    write_atomically(target, content, force)
    return target
