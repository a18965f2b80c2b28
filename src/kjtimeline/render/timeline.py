"""`kjtimeline show` in a terminal: events grouped under their eras, one short block each."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, chop_cells, set_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.segment import Segment
from rich.text import Text

from kjtimeline.i18n import text_in
from kjtimeline.models import Era, Event
from kjtimeline.render.console import THEME_STYLES, date_span, safe_text
from kjtimeline.text import pattern, visible
from kjtimeline.views import Timeline


def _era_heading(era: Era | None, lang: str) -> Rule:
    if era is None:
        return Rule(Text("Outside the named eras", style=THEME_STYLES["era"]), align="left")
    title = safe_text(era.name.get(lang), THEME_STYLES["era"])
    title.append(f"  {date_span(era.start, era.end or 'today')}", style=THEME_STYLES["dim"])
    return Rule(title, align="left")


NARROWEST = 20
"""Columns below which the date no longer gets a column of its own beside the title."""

_WORD = r"\s*\S+\s*"
"""A word with the spaces around it, as Rich's wrapping reads a line (`rich._wrap.words`)."""


def wrapped(text: str, width: int) -> list[tuple[int, str]]:
    """One line of text in lines of at most `width` cells, each with where it starts in `text`, as Rich's
    `Text.wrap` breaks and trims them: words kept whole, a word longer than a line folded, spaces past
    the width dropped.

    Each event's heading is wrapped: as a `Text` that took a third of drawing `show` (a `Text` and its
    spans for every line, each measured again). A test holds this equal to `Text.wrap`."""
    breaks: list[int] = []
    used = 0
    for word in pattern(_WORD).finditer(text):
        start, length = word.start(), cell_len(word.group().rstrip())
        if width - used >= length:
            used += cell_len(word.group())
        elif length > width:  # on no line whole: folded over as many as it takes
            *full, last = chop_cells(word.group(), width)
            for piece in full:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            used = cell_len(last)
        elif used and start:
            breaks.append(start)
            used = cell_len(word.group())
    lines = []
    for first, end in zip([0, *breaks], [*breaks, len(text)], strict=True):
        line = text[first:end]
        if len(line) > width:
            line = line[: len(line) - min(len(line) - len(line.rstrip()), len(line) - width)]
        lines.append((first, _fit(line, width) if cell_len(line) > width else line))
    return lines


def _fit(text: str, width: int) -> str:
    """Rich's `set_cell_size`; where Rich 15 cannot cut the text (it raises on a line that starts with
    two zero-width joiners), the text is cut a character at a time instead."""
    try:
        return set_cell_size(text, width)
    except (IndexError, ZeroDivisionError):
        kept, used = [], 0
        for char in text:
            if used + cell_len(char) > width:
                break
            kept.append(char)
            used += cell_len(char)
        return "".join(kept) + " " * (width - used)


def shortened(text: str, width: int) -> str:
    """`text` cut to `width` cells, its last one an ellipsis, if it is wider. A summary is hundreds of
    characters and a line a few dozen: only as many are measured as can fit, unless a character takes none."""
    head = text[: width + 1]
    if cell_len(head) > width:  # then so is the whole, and its first cells are the head's
        return _fit(head, width - 1) + "…"
    if len(head) == len(text):
        return text
    return _fit(text, width - 1) + "…" if cell_len(text) > width else text


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
            heading = title + tags
            lines = wrapped(heading, width) if cell_len(title) + len(tags) > width else [(0, heading)]
            for number, (start, line) in enumerate(lines):
                if number:
                    yield blank
                in_title = max(min(len(title) - start, len(line)), 0)  # the line's part of the title, then of the tags
                if in_title:
                    yield Segment(line[:in_title], style["bold"])
                if in_title < len(line):
                    yield Segment(line[in_title:], style["bold"] + style["topic"])
                yield new_line
            yield from (blank, Segment(shortened(summary, width), style["dim"]), new_line, new_line)


def timeline(view: Timeline, lang: str) -> RenderableType:
    parts: list[RenderableType] = []
    for era, members in view.groups:
        parts.append(_era_heading(era, lang))
        parts.append(_EventRows(members, lang))
    return Group(*parts)
