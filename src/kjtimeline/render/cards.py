"""Full cards for one event and one person."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from kjtimeline.dates import precision
from kjtimeline.explore import leaders_at, related_events
from kjtimeline.models import Dataset, Event, Person, Quote, Source
from kjtimeline.render.console import THEME_STYLES, date_span, safe_text
from kjtimeline.render.quotes import quote_block


def _fields_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column("field", style="bold", no_wrap=True, max_width=16)
    table.add_column("value", ratio=1)
    return table


def source_line(source: Source) -> Text:
    """[kind] Title — publisher, date, and the URL as a terminal hyperlink."""
    line = safe_text(f"[{source.kind}] ", "bold") if source.kind else Text()
    line.append_text(safe_text(source.title))
    line.append_text(safe_text(f" — {source.publisher}" + (f", {source.date}" if source.date else ""), "dim"))
    line.append("\n")
    line.append_text(safe_text(source.url, ""))
    line.stylize(Style(link=source.url, underline=True), len(line) - len(source.url))
    return line


def _event_lines(events: Sequence[Event], lang: str) -> Text:
    text = Text()
    for index, event in enumerate(events):
        if index:
            text.append("\n")
        text.append(date_span(event.start, event.end), style=THEME_STYLES["date"])
        text.append("  ")
        text.append_text(safe_text(event.title.get(lang)))
        text.append(f"  ({event.id})", style="dim")
    return text


def event_card(dataset: Dataset, event: Event, lang: str) -> RenderableType:
    era = dataset.era_of(event)
    header = Text()
    for code in ("en", "ko", "ja"):
        header.append_text(safe_text(getattr(event.title, code), "bold" if code == lang else ""))
        header.append("\n")
    header.append(date_span(event.start, event.end), style=THEME_STYLES["date"])
    header.append(f"  ({precision(event.start)} precision)", style="dim")
    if era:
        header.append("  ")
        header.append_text(safe_text(era.name.get(lang), THEME_STYLES["era"]))

    table = _fields_table()
    if event.key_dates:
        lines = Text("\n").join(
            Text(key.date, style=THEME_STYLES["date"]) + Text("  ") + safe_text(key.label) for key in event.key_dates
        )
        table.add_row("Key dates", lines)
    if event.date_note:
        table.add_row("Date note", safe_text(event.date_note, "yellow"))
    table.add_row("Summary", safe_text(event.summary))
    table.add_row("Why it matters", safe_text(event.significance))
    if event.facts:
        facts = Text("\n").join(safe_text(f"• {fact}") for fact in event.facts)
        table.add_row("Key facts", facts)
    people = [dataset.people_by_id[p].name.get(lang) for p in event.people if p in dataset.people_by_id]
    if people:
        table.add_row("People", safe_text(", ".join(people)))
    leaders = [safe_text(f"{t.person.name.get(lang)} ({t.office.title})") for t in leaders_at(dataset, event.start)]
    if leaders:
        table.add_row("Leaders", Text("\n").join(leaders))
    if event.places:
        table.add_row("Places", safe_text(", ".join(event.places)))
    table.add_row("Topics", Text("  ".join(f"#{t}" for t in event.topics), style=THEME_STYLES["topic"]))
    if event.tags:
        table.add_row("Tags", safe_text(", ".join(event.tags)))
    table.add_row(
        "Kind · tone", safe_text(f"{event.kind} · {event.tone} ({event.actor} → {event.recipient}, {event.plover})")
    )
    before, after = related_events(dataset, event)
    if before:
        table.add_row("Before", _event_lines(before, lang))
    if after:
        table.add_row("After", _event_lines(after, lang))

    parts: list[RenderableType] = [header, Text(), table]
    quotes = [q for q in dataset.quotes if q.event == event.id]
    if quotes:
        parts += [Text("\nQuotes", style="bold")] + [quote_block(dataset, q, lang) for q in quotes]
    parts.append(Text("\nSources", style="bold"))
    parts += [source_line(source) for source in dataset.cited(event.sources)]
    return Panel(Group(*parts), title=safe_text(event.id), title_align="left", border_style="cyan")


def person_card(
    dataset: Dataset, person: Person, events: Sequence[Event], quotes: Sequence[Quote], lang: str
) -> RenderableType:
    header = Text()
    for code in ("en", "ko", "ja"):
        header.append_text(safe_text(getattr(person.name, code), "bold" if code == lang else ""))
        header.append("   ")
    life = f"{person.born or '?'} – {person.died or ''}".strip()
    header.append(f"\n{life}", style="dim")
    if person.country:
        header.append(f"  {person.country}", style="dim")
    parts: list[RenderableType] = [header]
    if person.offices:
        offices = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
        offices.add_column("Office")
        offices.add_column("From", style=THEME_STYLES["date"], no_wrap=True)
        offices.add_column("To", style=THEME_STYLES["date"], no_wrap=True)
        for office in person.offices:
            title = safe_text(office.title + (" (acting)" if office.acting else ""))
            offices.add_row(title, office.start, office.end or "in office")
        parts += [Text(), offices]
    if person.date_note:
        parts.append(safe_text(person.date_note, "yellow"))
    if events:
        parts += [Text("\nEvents", style="bold"), _event_lines(events, lang)]
    if quotes:
        parts += [Text("\nQuotes", style="bold")] + [quote_block(dataset, q, lang) for q in quotes]
    parts.append(Text("\nSources", style="bold"))
    parts += [source_line(source) for source in dataset.cited(person.sources)]
    return Panel(Group(*parts), title=safe_text(person.id), title_align="left", border_style="cyan")
