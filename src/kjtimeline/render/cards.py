"""Full cards for one event and one person."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from kjtimeline.dates import precision
from kjtimeline.i18n import TRANSLATION_NOTE, bracketed, label, text_in, translated
from kjtimeline.models import Event, Source
from kjtimeline.render.console import THEME_STYLES, date_span, life_span, safe_text
from kjtimeline.render.quotes import quote_block
from kjtimeline.views import EventCard, PersonCard


def _fields_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column("field", style="bold", no_wrap=True, max_width=16)
    table.add_column("value", ratio=1, overflow="fold")  # Korean and Japanese text has few spaces to break at
    return table


def source_line(source: Source) -> Group:
    """[kind] Title — publisher, date; then the URL, a terminal hyperlink, on a line of its own that is
    never wrapped or cut: a long one runs past the edge, and copies whole."""
    line = safe_text(f"[{source.kind}] ", "bold") if source.kind else Text()
    line.append_text(safe_text(source.title))
    line.append_text(safe_text(f" — {source.publisher}" + (f", {source.date}" if source.date else ""), "dim"))
    url = safe_text(source.url, "")
    url.stylize(Style(link=source.url, underline=True))
    url.no_wrap, url.overflow = True, "ignore"
    return Group(line, url)


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
    header.append("  " + bracketed(label(f"precision_{precision(event.start)}", lang), lang), style="dim")
    if era:
        header.append("  ")
        header.append_text(safe_text(era.name.get(lang), THEME_STYLES["era"]))

    table = _fields_table()
    if event.key_dates:
        labels = text_in(event, "key_dates", lang)
        lines = Text("\n").join(
            Text(key.date, style=THEME_STYLES["date"]) + Text("  ") + safe_text(text)
            for key, text in zip(event.key_dates, labels, strict=True)
        )
        table.add_row(label("key_dates", lang), lines)
    if event.date_note:
        table.add_row(label("date_note", lang), safe_text(text_in(event, "date_note", lang), "yellow"))
    for field in ("summary", "significance"):
        if getattr(event, field):
            table.add_row(label(field, lang), safe_text(text_in(event, field, lang)))
    if event.facts:
        facts = Table.grid(padding=(0, 1))
        facts.add_column(no_wrap=True)
        facts.add_column(ratio=1, overflow="fold")  # a bullet column: long unspaced text cannot push it apart
        for fact in text_in(event, "facts", lang):
            facts.add_row("•", safe_text(fact))
        table.add_row(label("facts", lang), facts)
    people = [p.name.get(lang) for p in card.people]
    if people:
        table.add_row(label("people", lang), safe_text(", ".join(people)))
    leaders = [
        safe_text(f"{t.person.name.get(lang)} {bracketed(text_in(t.office, 'title', lang), lang)}")
        for t in card.leaders
    ]
    if leaders:
        table.add_row(label("leaders", lang), Text("\n").join(leaders))
    if event.places:
        table.add_row(label("places", lang), safe_text(", ".join(event.places)))
    topics = [f"#{t.id}" if lang == "en" else f"#{t.name.get(lang)}" for t in card.topics]
    if topics:
        table.add_row(label("topics", lang), safe_text("  ".join(topics), THEME_STYLES["topic"]))
    if event.tags:
        table.add_row(label("tags", lang), safe_text(", ".join(event.tags)))
    if event.kind or event.tone:
        codes = f" ({event.actor} → {event.recipient}, {event.plover})" if event.plover else ""
        kind_tone = " · ".join(code for code in (event.kind, event.tone) if code)
        table.add_row(label("kind_tone", lang), safe_text(kind_tone + codes))
    if card.before:
        table.add_row(label("before", lang), _event_lines(card.before, lang))
    if card.after:
        table.add_row(label("after", lang), _event_lines(card.after, lang))

    parts: list[RenderableType] = [header, Text(), table]
    return _panel(event.id, parts, card, lang)


def _panel(record_id: str, parts: list[RenderableType], card: EventCard | PersonCard, lang: str) -> Group:
    """A card's common end: its quotes and the note that a translation is one, boxed; then, outside the
    box so that they copy whole, its sources and those of its quotes."""
    if card.quotes:
        parts += [Text("\n" + label("quotes", lang), style="bold")]
        parts += [quote_block(q, card.sources_by_id, lang, with_url=False) for q in card.quotes]
    if translated(lang):
        parts.append(Text("\n" + TRANSLATION_NOTE[lang], style="dim"))
    box = Panel(Group(*parts), title=safe_text(record_id), title_align="left", border_style="cyan")
    sources = list(card.sources)
    quoted = (card.sources_by_id.get(q.source) for q in card.quotes)
    sources += [s for s in dict.fromkeys(quoted) if s is not None and s not in sources]
    if not sources:  # a user's own event may cite nothing
        return Group(box)
    return Group(box, Text(label("sources", lang), style="bold"), *(source_line(s) for s in sources))


def person_card(card: PersonCard, lang: str) -> RenderableType:
    person = card.person
    header = Text()
    for code, name in person.name.texts().items():
        header.append_text(safe_text(name, "bold" if code == lang else ""))
        header.append("   ")
    life = life_span(person.born, person.died)
    header.append(f"\n{life}", style="dim")
    if person.country:
        header.append(f"  {person.country}", style="dim")
    parts: list[RenderableType] = [header]
    if person.offices:
        offices = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
        offices.add_column(label("office", lang))
        offices.add_column(label("from", lang), style=THEME_STYLES["date"], no_wrap=True)
        offices.add_column(label("to", lang), style=THEME_STYLES["date"], no_wrap=True)
        for office in person.offices:
            acting = " " + bracketed(label("acting", lang), lang) if office.acting else ""
            offices.add_row(
                safe_text(text_in(office, "title", lang) + acting), office.start, office.end or label("in_office", lang)
            )
        parts += [Text(), offices]
    if person.date_note:
        parts.append(safe_text(text_in(person, "date_note", lang), "yellow"))
    if card.events:
        parts += [Text("\n" + label("events", lang), style="bold"), _event_lines(card.events, lang)]
    return _panel(person.id, parts, card, lang)
