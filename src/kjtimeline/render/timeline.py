"""`kjtimeline show` in a terminal: events grouped under their eras, one short block each."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from kjtimeline.models import Dataset, Era, Event
from kjtimeline.render.console import THEME_STYLES, date_span, safe_text


def _era_heading(era: Era | None, lang: str) -> Rule:
    if era is None:
        return Rule(Text("Outside the named eras", style=THEME_STYLES["era"]), align="left")
    title = safe_text(era.name.get(lang), THEME_STYLES["era"])
    title.append(f"  {date_span(era.start, era.end or 'today')}", style=THEME_STYLES["dim"])
    return Rule(title, align="left")


def _event_cell(event: Event, lang: str) -> Group:
    """Title and topic ids (what --topic takes), then the summary cut to one line."""
    heading = safe_text(event.title.get(lang), "bold")
    for topic_id in event.topics:
        heading.append(f"  #{topic_id}", style=THEME_STYLES["topic"])
    summary = safe_text(event.summary, THEME_STYLES["dim"])
    summary.no_wrap = True
    summary.overflow = "ellipsis"
    return Group(heading, summary)


def _groups(dataset: Dataset, events: Sequence[Event]) -> Iterator[tuple[Era | None, list[Event]]]:
    current: list[Event] = []
    current_era: Era | None = None
    for event in events:
        era = dataset.era_of(event)
        if current and era is not current_era:
            yield current_era, current
            current = []
        current_era = era
        current.append(event)
    if current:
        yield current_era, current


def timeline(dataset: Dataset, events: Sequence[Event], lang: str) -> RenderableType:
    parts: list[RenderableType] = []
    for era, members in _groups(dataset, events):
        parts.append(_era_heading(era, lang))
        table = Table(box=None, show_header=False, padding=(0, 1, 1, 0), expand=True)
        table.add_column("date", style=THEME_STYLES["date"], no_wrap=True)
        table.add_column("event", ratio=1)
        for event in members:
            table.add_row(Text(date_span(event.start, event.end)), _event_cell(event, lang))
        parts.append(table)
    return Group(*parts)
