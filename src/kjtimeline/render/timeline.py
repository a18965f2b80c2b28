"""`kjtimeline show` in a terminal: events grouped under their eras, one short block each."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.segment import Segment
from rich.text import Text

from kjtimeline.i18n import text_in
from kjtimeline.models import Era, Event
from kjtimeline.render.console import THEME_STYLES, date_span, safe_text
from kjtimeline.text import visible
from kjtimeline.views import Timeline


def _era_heading(era: Era | None, lang: str) -> Rule:
    if era is None:
        return Rule(Text("Outside the named eras", style=THEME_STYLES["era"]), align="left")
    title = safe_text(era.name.get(lang), THEME_STYLES["era"])
    title.append(f"  {date_span(era.start, era.end or 'today')}", style=THEME_STYLES["dim"])
    return Rule(title, align="left")


NARROWEST = 20
"""Columns below which the date no longer gets a column of its own beside the title."""


class _EventRows:
    """One era's events: the date in a column, the title, topic ids (what --topic takes) and the event
    id (what `event` takes) wrapped beside it, the summary cut to one line, a blank line.

    Drawn as segments, line by line: a Rich Table measures every cell before it draws one, and
    took longer than everything else `kjtimeline show` does.
    """

    def __init__(self, events: Sequence[Event], lang: str) -> None:
        self.rows = [
            (
                date_span(e.start, e.end),
                visible(e.title.get(lang)),
                e.topics,
                visible(text_in(e, "summary", lang)),
                e.id,
            )
            for e in events
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = max(cell_len(date) for date, _, _, _, _ in self.rows) + 1
        stacked = options.max_width - indent < NARROWEST
        if stacked:  # no room for a date column: each date on a line of its own
            indent = 2
        width = max(options.max_width - indent, 2)
        style = {name: console.get_style(THEME_STYLES.get(name, name)) for name in ("date", "bold", "topic", "dim")}
        blank, new_line = Segment(" " * indent), Segment.line()
        for date, title, topics, summary, event_id in self.rows:
            tags = "".join(f"  #{topic}" for topic in topics) + f"  ({event_id})"
            if stacked:
                yield from (Segment(date, style["date"]), new_line, blank)
            else:
                yield Segment(f"{date:<{indent}}", style["date"])
            if cell_len(title) + len(tags) <= width:
                yield Segment(title, style["bold"])
                yield Segment(tags, style["bold"] + style["topic"])
                yield new_line
            else:
                heading = Text(title, style["bold"]).append(tags, style["topic"])
                for number, line in enumerate(heading.wrap(console, width)):
                    if number:
                        yield blank
                    yield from Segment.apply_style(line.render(console), console.get_style(line.style))
                    yield new_line
            if cell_len(summary) > width:
                summary = set_cell_size(summary, width - 1) + "…"
            yield from (blank, Segment(summary, style["dim"]), new_line, new_line)


def timeline(view: Timeline, lang: str) -> RenderableType:
    parts: list[RenderableType] = []
    for era, members in view.groups:
        parts.append(_era_heading(era, lang))
        parts.append(_EventRows(members, lang))
    return Group(*parts)
