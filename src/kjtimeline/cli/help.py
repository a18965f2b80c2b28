"""`--help` as plain text, drawn with Click's own formatter from each command's declared options.

Typer's Rich help imports Rich's Markdown and markdown-it and lays out a panel per option: about
three times the cost of importing Typer, for a page of text. This keeps what those panels said —
options grouped under their `rich_help_panel`, defaults in brackets, the examples as written — in
Click's plain layout. The main `--help` lists the commands from `SUMMARIES` rather than building
them all (a test holds each summary equal to its command's first docstring line).
"""

from __future__ import annotations

import re
from typing import Any

from typer._click import Context, HelpFormatter
from typer.core import TyperCommand

SUMMARIES = {
    "show": "The timeline: events in date order, grouped by era, filtered as you ask.",
    "event": "One event in full: titles in three languages, dates, people, quotes, related events, sources.",
    "search": "Search events, quotes and people; best matches first, the matching part highlighted.",
    "quotes": "Quotations, word for word, each with who said it, when, where and the source.",
    "people": "Everyone in the dataset: leaders, officials, witnesses, with their offices.",
    "person": "One person: names in three languages, offices and terms, their events and quotes.",
    "leaders": "Who led Korea and Japan on a date: Korea's monarchs, Japan's Residents-General and Governors-General, the US military governors, South Korea's presidents, Japan's prime ministers.",
    "topics": "Topics with the number of events in each (filters narrow the count).",
    "tags": "Tags with the number of events that carry each.",
    "kinds": "The kinds of event (summit, treaty, ruling…), what each means, and how many of each.",
    "eras": "The named eras the timeline is grouped by, with their dates and counts.",
    "stats": "Events by decade, by topic and by tone, drawn as bars: the shape of the relationship over time.",
    "anniversaries": "Events with a round anniversary in YEAR: 10th, 20th, …, 25th, 50th, 75th, 100th…",
    "on": "What happened on this day, in any year (start dates and key dates such as entry into force).",
    "cite": "A ready-to-paste citation of an event or a quote: the dataset entry (title, version, id, the day accessed) and the primary source.",
    "export": "Export the filtered selection (all events by default) as a file for other tools.",
    "serve": "Browse the filtered selection in Datasette: facets, full-text search and SQL in a web browser.",
    "schema": "Print the JSON Schema of the dataset format (the same as schema/kjtimeline.schema.json).",
    "validate": "Check a dataset and list every problem at once: JSON path, record id, message. Exit 1 if any.",
    "new": "Print a dataset file of your own with one event to edit: only id, date and title are needed.",
}  # fmt: skip
"""Each command's first docstring line, for the main `--help` (in `COMMANDS` order there)."""

_MARKUP = r"\[/?(?:bold|dim|italic)\]"
"""Compiled by `re` on first use: `kjtimeline --help` imports no other kjtimeline module (not `text.pattern`)."""


def plain(markup: str) -> str:
    """Rich markup as the text it shows: tags dropped, escaped brackets kept as brackets."""
    return re.sub(_MARKUP, "", markup).replace("\\[", "[")


def examples(*lines: str) -> str:
    """A command's epilog: its example lines under a heading, kept as written by `format_epilog`."""
    return "[bold]Examples[/bold]\n\n" + "\n\n".join(f"  {line}" for line in lines)


class PlainHelp:
    """Mixed into a Click command: help in Click's layout, options in their panels, examples kept as written."""

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        command: Any = self
        command.format_usage(ctx, formatter)
        command.format_help_text(ctx, formatter)
        self.format_options(ctx, formatter)
        self.format_epilog(ctx, formatter)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        command: Any = self
        panels: dict[str, list[tuple[str, str]]] = {"Arguments": []}
        for param in command.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            default = "Arguments" if param.param_type_name == "argument" else "Options"
            panel = getattr(param, "rich_help_panel", None) or default
            panels.setdefault(panel, []).append((record[0], plain(record[1])))
        panels["Options"] = panels.pop("Options", [])  # after the command's own panels: mostly --help
        for title, rows in panels.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def format_epilog(self, ctx: Context, formatter: HelpFormatter) -> None:
        """Headings and indented example lines as written; other paragraphs wrapped."""
        epilog = getattr(self, "epilog", None)
        for paragraph in plain(epilog or "").split("\n\n"):
            formatter.write_paragraph()
            if paragraph.startswith(" "):
                formatter.write(f"{' ' * formatter.current_indent}{paragraph}\n")
            else:
                formatter.write_text(paragraph)


class PlainHelpCommand(PlainHelp, TyperCommand):
    """A Typer command whose `--help` is `PlainHelp`'s."""


def format_commands(formatter: HelpFormatter, names: list[str]) -> None:
    """The main help's list of commands, from `SUMMARIES`: nothing is imported or built for it."""
    with formatter.section("Commands"):
        formatter.write_dl([(name, SUMMARIES[name]) for name in names])
