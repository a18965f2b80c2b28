"""`cite`: a citation of an event or a quote, in a style or as data.

Its own module, so the other commands neither import `citation` nor declare its styles.

No `from __future__ import annotations`: Typer evaluates annotations written as strings (an `eval`
each) when a command is declared and again when the one that runs is built, on every call.
"""

from typing import Annotated, Optional

import typer

from kjtimeline import citation
from kjtimeline.cli.completion import complete_events
from kjtimeline.cli.help import examples
from kjtimeline.codes import Language

commands = typer.Typer()
"""This module's command; `kjtimeline.cli.COMMANDS` says it lives here."""


@commands.command(
    epilog=examples(
        "kjtimeline cite 1965-treaty-on-basic-relations",
        "kjtimeline cite 2015-comfort-women-agreement --style chicago --accessed 2026-03-01",
        "kjtimeline cite 1995-murayama-statement-apology --style mla",
        "kjtimeline cite 1998-joint-declaration --style bibtex >> references.bib",
        "kjtimeline cite 2025-tokyo-summit --style csl-json --lang ko | jq '.[0].title'",
    )
)
def cite(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="An event id (see `show`) or a quote id (see `quotes`).", autocompletion=complete_events
        ),
    ],
    style: Annotated[
        citation.Style,
        typer.Option(
            "--style",
            help="apa (APA 7th), chicago (Chicago 18th, author-date), mla (MLA 9th), or the data: bibtex (biblatex) or csl-json.",
        ),
    ] = citation.DEFAULT_STYLE,
    accessed: Annotated[
        Optional[str],
        typer.Option(
            "--accessed", metavar="DATE", help="The day you read it, YYYY-MM-DD \\[default: today].", show_default=False
        ),
    ] = None,
    lang: Annotated[
        Language, typer.Option("--lang", "-l", help="Language of the event's title and the speakers' names.")
    ] = "en",
) -> None:
    """A ready-to-paste citation of an event or a quote: the dataset entry (title, version, id, the day accessed) and the primary source.

    An event's primary source is its first strong source (official, primary text, news, scholarly, archive); a quote's is its own source, with the speaker and the date. apa, chicago and mla are rendered by citeproc-py with the official CSL styles: pip install 'kjtimeline\\[cite]'.
    """
    from kjtimeline.cli.session import dataset, session
    from kjtimeline.text import to_json

    items = citation.cite(dataset(ctx), record_id, lang, accessed)
    if style == "csl-json":
        text = to_json(items, indent=2) + "\n"
    elif style == "bibtex":
        text = citation.bibtex(items)
    else:
        text = citation.render(items, style)
    session(ctx).terminal.write(text)
