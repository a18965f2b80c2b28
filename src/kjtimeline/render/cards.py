"""Full cards for one event and one person."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from kjtimeline.dates import precision
from kjtimeline.models import Event, Source
from kjtimeline.render.console import THEME_STYLES, date_span, safe_text
from kjtimeline.render.quotes import quote_block
from kjtimeline.views import EventCard, PersonCard


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


def event_card(card: EventCard, lang: str) -> RenderableType:
    event, era = card.event, card.era
    header = Text()
    for code, title in event.title.texts().items():
        header.append_text(safe_text(title, "bold" if code == lang else ""))
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
    people = [p.name.get(lang) for p in card.people]
    if people:
        table.add_row("People", safe_text(", ".join(people)))
    leaders = [safe_text(f"{t.person.name.get(lang)} ({t.office.title})") for t in card.leaders]
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
    if card.before:
        table.add_row("Before", _event_lines(card.before, lang))
    if card.after:
        table.add_row("After", _event_lines(card.after, lang))

    parts: list[RenderableType] = [header, Text(), table]
    if card.quotes:
        parts += [Text("\nQuotes", style="bold")] + [quote_block(q, card.sources_by_id) for q in card.quotes]
    parts.append(Text("\nSources", style="bold"))
    parts += [source_line(source) for source in card.sources]
    return Panel(Group(*parts), title=safe_text(event.id), title_align="left", border_style="cyan")


def person_card(card: PersonCard, lang: str) -> RenderableType:
    person = card.person
    header = Text()
    for code, name in person.name.texts().items():
        header.append_text(safe_text(name, "bold" if code == lang else ""))
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
    if card.events:
        parts += [Text("\nEvents", style="bold"), _event_lines(card.events, lang)]
    if card.quotes:
        parts += [Text("\nQuotes", style="bold")] + [quote_block(q, card.sources_by_id) for q in card.quotes]
    parts.append(Text("\nSources", style="bold"))
    parts += [source_line(source) for source in card.sources]
    return Panel(Group(*parts), title=safe_text(person.id), title_align="left", border_style="cyan")
