"""Markdown: a table of a listing, and as an export a readable chronology with a heading per era.

Every character Markdown or HTML would act on in the data is escaped."""

from __future__ import annotations

import re

from kjtimeline.formats import Format
from kjtimeline.formats._cells import cell
from kjtimeline.i18n import TRANSLATION_NOTE, label, text_in, translated
from kjtimeline.listing import Listing
from kjtimeline.models import Dataset, Event
from kjtimeline.text import pattern, visible

_INLINE = r"([\\`*_\[\]|~#!])"
_LINE_START = r"^(\s*)([-+=]|\d+[.)])"
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    """Text that renders as itself in CommonMark and GFM tables.

    Inline markup characters are backslashed, HTML specials become entities, and a line that
    would start a list or heading is defused; ordinary punctuation stays readable.
    """
    text = pattern(_INLINE).sub(r"\\\1", visible(text))
    text = re.sub(r"[&<>]", lambda m: _HTML[m.group()], text)
    return pattern(_LINE_START).sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def format_listing(listing: Listing, lang: str) -> str:
    listing = listing.localized(lang)
    columns = listing.selected or listing.plain_fields
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in listing.rows():
        lines.append("| " + " | ".join(escape(cell(row[name], lang, ", ")) for name in columns) + " |")
    return "\n".join(lines) + "\n"


def _link(title: str, url: str) -> str:
    return f"[{escape(title)}](<{url.replace('>', '%3E').replace('<', '%3C')}>)"


def _event(dataset: Dataset, event: Event, lang: str) -> list[str]:
    when = f"{event.start} – {event.end}" if event.end else event.start
    lines = [f"### {escape(when)} · {escape(event.title.get(lang))}", ""]
    others = [escape(text) for code, text in event.title.texts().items() if code != lang]
    if others:
        lines.append(f"*{' · '.join(others)}*")
    summary, significance = text_in(event, "summary", lang), text_in(event, "significance", lang)
    lines += ["", escape(summary), ""] if summary else [""]
    lines += [f"**{escape(label('significance', lang))}:** {escape(significance)}", ""] if significance else []
    for key, text in zip(event.key_dates, text_in(event, "key_dates", lang), strict=True):
        lines.append(f"- {escape(text)}: {escape(key.date)}")
    for fact in text_in(event, "facts", lang):
        lines.append(f"- {escape(fact)}")
    if event.date_note:
        lines.append(f"- *{escape(label('date_note', lang))}:* {escape(text_in(event, 'date_note', lang))}")
    if event.key_dates or event.facts or event.date_note:
        lines.append("")
    cited = dataset.cited(event.sources)
    if cited:
        links = [(f"*{s.kind}* " if s.kind else "") + _link(f"{s.title} ({s.publisher})", s.url) for s in cited]
        lines.append(f"{escape(label('sources', lang))}: " + "; ".join(links))
    return [*lines, ""]


def export_markdown(dataset: Dataset, lang: str = "en") -> bytes:
    lines = [
        f"# {escape(dataset.title)}",
        "",
        f"{escape(label('sourced_events', lang, count=str(len(dataset.events))))}"
        f" · {escape(label('data_licence', lang))}"
        f" {escape(dataset.license)}.",
        "",
    ]
    if translated(lang):
        lines += [f"*{escape(TRANSLATION_NOTE[lang])}*", ""]
    current = None
    for event in dataset.events:
        era = dataset.era_of(event)
        if era is not current:
            current = era
            heading = (
                f"{era.name.get(lang)} ({era.start} – {era.end or label('today', lang)})"
                if era
                else label("outside_eras", lang)
            )
            lines += [f"## {escape(heading)}", ""]
        lines += _event(dataset, event, lang)
    return "\n".join(lines).encode("utf-8")


FORMAT = Format(
    name="markdown",
    help="a chronology with a heading per era and linked sources",
    extension=".md",
    listing=format_listing,
    export=export_markdown,
)
