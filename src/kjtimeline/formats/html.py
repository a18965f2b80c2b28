"""`export --format html`: one self-contained page that shows the timeline, offline and in print.

No script, no font, no image and no request leaves the page: a Content-Security-Policy forbids
them, and every string from the dataset is HTML-escaped (the CSP is a second fence, not the first).
"""

from __future__ import annotations

from html import escape
from typing import Any

from kjtimeline import __version__
from kjtimeline.dates import precision
from kjtimeline.formats import Format
from kjtimeline.i18n import FALLBACK, TRANSLATION_NOTE, bracketed, label, text_in, translated
from kjtimeline.models import Dataset, Era, Event

STYLE = """
:root { --ink: #1d2430; --muted: #5b6675; --line: #c9d2de; --accent: #2a6f97; --chip: #e8f1f7; --paper: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR",
  "Noto Sans CJK JP", sans-serif; color: var(--ink); background: #f5f7fa; }
header { background: var(--ink); color: #fff; padding: 2rem 1.5rem 1.5rem; }
header h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
header p { margin: 0; color: #c8d3e0; }
nav { display: flex; flex-wrap: wrap; gap: .5rem; padding: .75rem 1.5rem; background: #e9eef4; position: sticky; top: 0; }
nav a { color: var(--accent); text-decoration: none; font-size: .9rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
section.era > h2 { margin: 2.5rem 0 .25rem; font-size: 1.35rem; color: var(--accent); }
section.era > p.era-dates { margin: 0 0 1rem; color: var(--muted); }
ol.events { list-style: none; margin: 0; padding: 0 0 0 1.25rem; border-left: 3px solid var(--line); }
li.event { position: relative; margin: 0 0 1.25rem; padding: 1rem 1.25rem; background: var(--paper);
  border-radius: .5rem; box-shadow: 0 1px 2px rgba(0,0,0,.08); break-inside: avoid; }
li.event::before { content: ""; position: absolute; left: -1.85rem; top: 1.3rem; width: .85rem; height: .85rem;
  border-radius: 50%; background: var(--accent); border: 2px solid #f5f7fa; }
.date { font-weight: 600; color: var(--accent); font-variant-numeric: tabular-nums; }
.precision { color: var(--muted); font-size: .8rem; }
h3 { margin: .2rem 0 .1rem; font-size: 1.1rem; }
.other-titles { margin: 0 0 .5rem; color: var(--muted); font-size: .9rem; }
.significance { color: var(--muted); }
.chips { display: flex; flex-wrap: wrap; gap: .35rem; margin: .5rem 0; padding: 0; list-style: none; }
.chips li { background: var(--chip); border-radius: 1rem; padding: 0 .6rem; font-size: .8rem; }
.sources { font-size: .85rem; margin: .5rem 0 0; padding-left: 1.1rem; }
.sources a { color: var(--accent); word-break: break-word; }
.fallback { color: var(--muted); }
.permalink { color: var(--muted); text-decoration: none; }
.key-dates, .facts { font-size: .9rem; margin: .4rem 0; padding-left: 1.1rem; }
.sources .kind { font-size: .75rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.note { font-size: .85rem; color: #8a5a00; }
footer { color: var(--muted); font-size: .85rem; text-align: center; padding: 2rem 1rem; }
@media print {
  body { background: #fff; font-size: 11pt; }
  nav { display: none; }
  header { background: none; color: #000; padding: 0 0 1rem; }
  header p { color: #333; }
  li.event { box-shadow: none; border: 1px solid #ccc; }
  .sources a::after { content: " (" attr(href) ")"; }
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'"


def _lang(language: str | None, page: str = "en") -> str:
    """A `lang` attribute for text not in the page's language."""
    return f' lang="{escape(language)}"' if language and language != page else ""


def _text(record: Any, field: str, lang: str) -> str:
    """Escaped text in `lang`; English standing in for a missing translation is marked and tagged."""
    value, fell_back = record.localized(field, lang)
    if fell_back:
        return f'<span class="fallback" lang="en">{escape(FALLBACK)}{escape(value)}</span>'
    return escape(value)


def _event(dataset: Dataset, event: Event, lang: str) -> str:
    when = f"{event.start} – {event.end}" if event.end else event.start
    topics = "".join(
        f"<li>{escape(dataset.topics_by_id[t].name.get(lang) if t in dataset.topics_by_id else t)}</li>"
        for t in event.topics
    )
    sources = "".join(
        (f'<li><span class="kind">{escape(s.kind)}</span> ' if s.kind else "<li>")
        + f'<a href="{escape(s.url)}" rel="noopener noreferrer"{_lang(s.language, lang)}>{escape(s.title)}</a>'
        f" — {escape(s.publisher)}{escape(', ' + s.date) if s.date else ''}</li>"
        for s in dataset.cited(event.sources)
    )
    note = f'<p class="note">{_text(event, "date_note", lang)}</p>' if event.date_note else ""
    others = "".join(
        f'<p class="other-titles"{_lang(code, lang)}>{escape(text)}</p>'
        for code, text in event.title.texts().items()
        if code != lang
    )
    key_dates = "".join(
        f'<li><span class="date">{escape(key.date)}</span> {escape(text)}</li>'
        for key, text in zip(event.key_dates, text_in(event, "key_dates", lang), strict=True)
    )
    facts = "".join(f"<li>{escape(fact)}</li>" for fact in text_in(event, "facts", lang))
    details = (f'<ul class="key-dates">{key_dates}</ul>' if key_dates else "") + (
        f'<ul class="facts">{facts}</ul>' if facts else ""
    )
    return (
        f'<li class="event" id="{escape(event.id)}">'
        f'<a class="permalink" href="#{escape(event.id)}">#</a> '
        f'<span class="date">{escape(when)}</span> '
        f'<span class="precision">{escape(bracketed(label("precision_" + precision(event.start), lang), lang))}</span>'
        f"<h3>{escape(event.title.get(lang))}</h3>{others}"
        + (f"<p>{_text(event, 'summary', lang)}</p>" if event.summary else "")
        + (f'<p class="significance">{_text(event, "significance", lang)}</p>' if event.significance else "")
        + f"{note}{details}"
        f'<ul class="chips">{topics}</ul><ol class="sources">{sources}</ol></li>'
    )


def _era_section(dataset: Dataset, era: Era | None, events: list[Event], lang: str) -> str:
    anchor = era.id if era else "other"
    title = escape(era.name.get(lang)) if era else "Outside the named eras"
    dates = f"{escape(era.start)} – {escape(era.end or 'today')}" if era else ""
    items = "".join(_event(dataset, e, lang) for e in events)
    return (
        f'<section class="era" id="era-{escape(anchor)}"><h2>{title}</h2>'
        f'<p class="era-dates">{dates}</p><ol class="events">{items}</ol></section>'
    )


def export_html(dataset: Dataset, lang: str = "en") -> bytes:
    groups: list[tuple[Era | None, list[Event]]] = []
    for event in dataset.events:
        era = dataset.era_of(event)
        if not groups or groups[-1][0] is not era:
            groups.append((era, []))
        groups[-1][1].append(event)
    nav = "".join(
        f'<a href="#era-{escape(era.id if era else "other")}">{escape(era.name.get(lang) if era else "Other")}</a>'
        for era, _ in groups
    )
    body = "".join(_era_section(dataset, era, events, lang) for era, events in groups)
    note = f'<p class="translation-note">{escape(TRANSLATION_NOTE[lang])}</p>' if translated(lang) else ""
    count = f"{len(dataset.events)} {label('sourced_events', lang)}"
    made = escape(label("made_with", lang, version=__version__))
    page = f"""<!DOCTYPE html>
<html lang="{escape(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kjtimeline {__version__}">
<title>{escape(dataset.title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header><h1>{escape(dataset.title)}</h1><p>{escape(count)} · {escape(label("data_licence", lang))} {escape(dataset.license)}</p>{note}</header>
<nav aria-label="Eras">{nav}</nav>
<main>{body}</main>
<footer>{made}</footer>
</body>
</html>
"""
    return page.encode("utf-8")


FORMAT = Format(
    name="html",
    help="one self-contained, printable page; no script, no network",
    extension=".html",
    export=export_html,
)
