"""The one way a command's view reaches stdout: drawn by Rich, or written by a format."""

from __future__ import annotations

import typer

from kjtimeline.cli.options import Output
from kjtimeline.cli.session import session
from kjtimeline.formats import FORMATS, TABLE
from kjtimeline.views import CardView, ListingView


def _chosen(ctx: typer.Context, out: Output) -> str:
    return out.format or (TABLE if session(ctx).terminal.styled else "plain")


def emit(ctx: typer.Context, out: Output, view: ListingView) -> None:
    """Write a listing view: the table in a terminal, plain when piped, else the chosen format."""
    terminal = session(ctx).terminal
    for note in getattr(view, "notes", ()):
        terminal.say(f"note: {note}")
    listing = view.listing()
    chosen = listing.choose(out.fields.split(",") if out.fields is not None else None)
    name = _chosen(ctx, out)
    if name == TABLE:
        from kjtimeline.render import draw

        terminal.show(draw(view, out.lang), out.paginate)
    else:
        write = FORMATS[name].listing
        assert write is not None, name  # the --format choices are the formats that write listings
        terminal.write(write(chosen, out.lang))
    if not listing.records and terminal.stderr_is_terminal:
        terminal.say("nothing matches")


def emit_card(ctx: typer.Context, out: Output, card: CardView) -> None:
    """Write a one-record view: a panel in a terminal, key-value lines when piped, or JSON."""
    terminal = session(ctx).terminal
    name = _chosen(ctx, out)
    if name == TABLE:
        from kjtimeline.render import draw

        terminal.show(draw(card, out.lang), out.paginate)
    else:
        write = FORMATS[name].card
        assert write is not None, name  # the --format choices are the formats that write cards
        terminal.write(write(card))
