"""`export --format html`: one self-contained page that shows the timeline, offline and in print.

A picture first (the overview chart of `_chart`, each mark a link to its event), then every event
with its whole record. The heading and the "data as of" line come from what the page holds, so a
filtered page says which years it covers; text not in the page's language carries its `lang`.

No script, no font, no image and no request leaves the page: a Content-Security-Policy forbids
them, and every string from the dataset is HTML-escaped (the CSP is a second fence, not the first).
"""

from __future__ import annotations

from html import escape
from typing import Any

from kjtimeline import __version__
from kjtimeline.dates import precision
from kjtimeline.formats import Format
from kjtimeline.i18n import FALLBACK, TRANSLATION_NOTE, bracketed, colon, joined, label, text_in, translated
from kjtimeline.models import Dataset, Era, Event, Quote, Source
from kjtimeline.text import pattern

STYLE = """
:root { --ink: #1d2430; --muted: #5b6675; --line: #c9d2de; --accent: #2a6f97; --chip: #e8f1f7; --paper: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR",
  "Noto Sans CJK JP", sans-serif; color: var(--ink); background: #f5f7fa; }
header { background: var(--ink); color: #fff; padding: 2rem 1.5rem 1.5rem; }
header h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
header p { margin: 0; color: #c8d3e0; }
header .as-of { font-size: .9rem; }
nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: .6rem 1.5rem; background: #e9eef4;
  position: sticky; top: 0; z-index: 10; border-bottom: 1px solid var(--line); box-shadow: 0 2px 4px rgba(0,0,0,.06); }
nav a { color: var(--accent); text-decoration: none; font-size: .9rem; white-space: nowrap; }
[id] { scroll-margin-top: 4.5rem; }
li.event:target { outline: 3px solid var(--accent); outline-offset: 2px; }
figure.overview { max-width: 68rem; margin: 1.5rem auto 0; padding: 0 1.5rem; }
figure.overview .chart { overflow-x: auto; background: var(--paper); border-radius: .5rem; padding: .5rem;
  box-shadow: 0 1px 2px rgba(0,0,0,.08); }
svg.overview { display: block; width: 100%; height: auto; min-width: 50rem; }
svg.overview a.mark:hover rect, svg.overview a.mark:focus rect { stroke: var(--ink); stroke-width: 1.5; }
figure.overview figcaption { color: var(--muted); font-size: .85rem; margin: .4rem 0 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
section.era > h2 { margin: 2.5rem 0 .25rem; font-size: 1.35rem; color: var(--accent); }
section.era > p.era-dates { margin: 0 0 1rem; color: var(--muted); }
ol.events { list-style: none; margin: 0; padding: 0 0 0 1.25rem; border-left: 3px solid var(--line); }
li.event { position: relative; margin: 0 0 1.25rem; padding: 1rem 1.25rem; background: var(--paper);
  border-radius: .5rem; box-shadow: 0 1px 2px rgba(0,0,0,.08); break-inside: avoid; overflow-wrap: anywhere; }
li.event::before { content: ""; position: absolute; left: -1.85rem; top: 1.3rem; width: .85rem; height: .85rem;
  border-radius: 50%; background: var(--accent); border: 2px solid #f5f7fa; }
.date { font-weight: 600; color: var(--accent); font-variant-numeric: tabular-nums; }
.precision { color: var(--muted); font-size: .8rem; }
h3 { margin: .2rem 0 .1rem; font-size: 1.1rem; }
.other-titles { margin: 0 0 .5rem; color: var(--muted); font-size: .9rem; }
.significance { color: var(--muted); }
.chips { display: flex; flex-wrap: wrap; gap: .35rem; margin: .5rem 0; padding: 0; list-style: none; }
.chips li { background: var(--chip); border-radius: 1rem; padding: 0 .6rem; font-size: .8rem; }
.sources { font-size: .85rem; margin: .2rem 0 0; padding-left: 1.1rem; }
.sources a { color: var(--accent); word-break: break-word; }
.fallback { color: var(--muted); }
.permalink { float: right; color: var(--muted); text-decoration: none; font-size: .75rem; margin-left: .5rem;
  overflow-wrap: anywhere; }
.permalink:hover { color: var(--accent); text-decoration: underline; }
h4 { margin: .6rem 0 .1rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.key_dates, .facts { font-size: .9rem; margin: .2rem 0; padding-left: 1.1rem; }
.people, .places, .related { font-size: .9rem; margin: .3rem 0; }
figure.quote { margin: .4rem 0 .6rem; }
blockquote { margin: 0; padding: .2rem 0 .2rem .8rem; border-left: 3px solid var(--line); font-style: italic; }
figure.quote figcaption { font-size: .85rem; color: var(--muted); margin-top: .2rem; }
.quote-note { margin: .2rem 0 0; font-size: .8rem; }
.sources .kind { font-size: .75rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.note { font-size: .85rem; color: #8a5a00; }
footer { color: var(--muted); font-size: .85rem; text-align: center; padding: 2rem 1rem; }
@media (max-width: 40rem) {
  header { padding: 1.25rem 1rem 1rem; }
  header h1 { font-size: 1.4rem; }
  nav { flex-wrap: nowrap; overflow-x: auto; padding: .5rem 1rem; }
  main { padding: .5rem .75rem 2rem; }
  figure.overview { padding: 0 .75rem; }
  ol.events { padding-left: .9rem; }
  li.event { padding: .8rem .9rem; }
  li.event::before { left: -1.45rem; }
  .permalink { float: none; display: block; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  figure.overview { max-width: none; padding: 0; break-inside: avoid; }
  figure.overview .chart { overflow: visible; box-shadow: none; padding: 0; }
  svg.overview { min-width: 0; }
  svg.overview, li.event::before { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  nav { display: none; }
  header { background: none; color: #000; padding: 0 0 1rem; }
  header p { color: #333; }
  li.event { box-shadow: none; border: 1px solid #ccc; break-inside: auto; }
  h2, h3, h4, .date { break-after: avoid; }
  .sources a::after { content: " (" attr(href) ")"; }
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'"

_TITLE_SPAN = r"[,:]?\s*\d{3,4}\s*[–—-]\s*\d{3,4}\s*$"
"""A year range closing the dataset's title: it is the whole dataset's, not the selection's."""


def _lang(language: str | None, page: str = "en") -> str:
    """A `lang` attribute for text not in the page's language."""
    return f' lang="{escape(language)}"' if language and language != page else ""


def _text(record: Any, field: str, lang: str) -> str:
    """Escaped text in `lang`; English standing in for a missing translation is marked and tagged."""
    value, fell_back = record.localized(field, lang)
    if fell_back:
        return f'<span class="fallback" lang="en">{escape(FALLBACK)}{escape(value)}</span>'
    return escape(value)


def _english(text: str, lang: str) -> str:
    """Text the dataset gives in English only (places, attributions, notes), tagged as English."""
    return f"<span{_lang('en', lang)}>{escape(text)}</span>"


def heading(dataset: Dataset) -> str:
    """The dataset's title with the years of the events exported: a filtered page says what it holds."""
    from kjtimeline.formats._chart import years_shown  # here, as below: `export --help` imports every export format

    return f"{pattern(_TITLE_SPAN).sub('', dataset.title)}, {years_shown(dataset)}" if dataset.events else dataset.title


def data_as_of(dataset: Dataset) -> str | None:
    """The newest publication date among the sources the page cites (the dataset carries no date of its own)."""
    cited = {s for event in dataset.events for s in event.sources} | {quote.source for quote in dataset.quotes}
    dates = (dataset.sources_by_id[s].date for s in cited if s in dataset.sources_by_id)
    return max((date for date in dates if date), default=None)


def _source_link(source: Source, lang: str) -> str:
    return (
        f'<a href="{escape(source.url)}" rel="noopener noreferrer"{_lang(source.language, lang)}>'
        f"{escape(source.title)}</a>"
    )


def _source(source: Source, lang: str) -> str:
    kind = f'<span class="kind">{escape(label("source_" + source.kind, lang))}</span> ' if source.kind else ""
    dated = escape(", " + source.date) if source.date else ""
    return f"<li>{kind}{_source_link(source, lang)} — {escape(source.publisher)}{dated}</li>"


def _quote(dataset: Dataset, quote: Quote, lang: str) -> str:
    source = dataset.sources_by_id.get(quote.source)
    cited = f" · {_source_link(source, lang)}" if source else ""
    when = f" · {escape(quote.date)}" if quote.date else ""
    extra = "".join(
        f'<p class="quote-note">{_english(text, lang)}</p>' for text in (quote.translation, quote.note) if text
    )
    return (
        f'<figure class="quote"><blockquote{_lang(quote.language, lang)}>{escape(quote.text)}</blockquote>'
        f"<figcaption>— {_english(quote.attribution, lang)}{when} · {_text(quote, 'occasion', lang)}{cited}"
        f"{extra}</figcaption></figure>"
    )


def _part(key: str, lang: str, body: str, tag: str = "ul") -> str:
    """A labelled part of a card, or nothing when it is empty."""
    return f'<h4>{escape(label(key, lang))}</h4><{tag} class="{key}">{body}</{tag}>' if body else ""


def _line(key: str, lang: str, body: str) -> str:
    """A labelled line of a card, or nothing when it is empty."""
    return f'<p class="{key}"><b>{escape(colon(label(key, lang), lang))}</b>{body}</p>' if body else ""


def _event(dataset: Dataset, event: Event, quotes: list[Quote], lang: str) -> str:
    when = f"{event.start} – {event.end}" if event.end else event.start
    topics = "".join(
        f"<li>{escape(dataset.topics_by_id[t].name.get(lang) if t in dataset.topics_by_id else t)}</li>"
        for t in event.topics
    )
    people = joined(
        (escape(dataset.people_by_id[p].name.get(lang)) for p in event.people if p in dataset.people_by_id), lang
    )
    places = _english(", ".join(event.places), lang) if event.places else ""  # English names
    summary = f"<p>{_text(event, 'summary', lang)}</p>" if event.summary else ""  # a user's event may have none
    significance = _text(event, "significance", lang) if event.significance else ""
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
    related = joined(
        (
            f'<a href="#{escape(r)}">{escape(dataset.events_by_id[r].title.get(lang))}</a>'
            for r in event.related
            if r in dataset.events_by_id
        ),
        lang,
    )
    return (
        f'<li class="event" id="{escape(event.id)}">'
        f'<span class="date">{escape(when)}</span> '
        f'<span class="precision">{escape(bracketed(label("precision_" + precision(event.start), lang), lang))}</span>'
        f'<a class="permalink" href="#{escape(event.id)}" title="{escape(label("permalink", lang))}">'
        f"#{escape(event.id)}</a>"
        f"<h3>{escape(event.title.get(lang))}</h3>{others}"
        f"{summary}{_line('significance', lang, significance)}"
        f"{note}{_part('key_dates', lang, key_dates)}{_part('facts', lang, facts)}"
        f"{_part('quotes', lang, ''.join(_quote(dataset, q, lang) for q in quotes), 'div')}"
        f"{_line('people', lang, people)}{_line('places', lang, places)}"
        f"{_line('related', lang, related)}"
        f'<ul class="chips">{topics}</ul>'
        f"{_part('sources', lang, ''.join(_source(s, lang) for s in dataset.cited(event.sources)), 'ol')}</li>"
    )


def _era_section(
    dataset: Dataset, era: Era | None, events: list[Event], quotes: dict[str, list[Quote]], lang: str
) -> str:
    anchor = era.id if era else "other"
    title = escape(era.name.get(lang) if era else label("outside_eras", lang))
    dates = f"{escape(era.start)} – {escape(era.end or label('today', lang))}" if era else ""
    items = "".join(_event(dataset, e, quotes.get(e.id, []), lang) for e in events)
    return (
        f'<section class="era" id="era-{escape(anchor)}"><h2>{title}</h2>'
        f'<p class="era-dates">{dates}</p><ol class="events">{items}</ol></section>'
    )


def export_html(dataset: Dataset, lang: str = "en") -> bytes:
    from kjtimeline.formats._chart import caption, chart

    groups: list[tuple[Era | None, list[Event]]] = []
    for event in dataset.events:
        era = dataset.era_of(event)
        if not groups or groups[-1][0] is not era:
            groups.append((era, []))
        groups[-1][1].append(event)
    quotes: dict[str, list[Quote]] = {}
    for quote in dataset.quotes:
        if quote.event:
            quotes.setdefault(quote.event, []).append(quote)
    nav = "".join(
        f'<a href="#era-{escape(era.id if era else "other")}">'
        f"{escape(era.name.get(lang) if era else label('outside_eras', lang))}</a>"
        for era, _ in groups
    )
    body = "".join(_era_section(dataset, era, events, quotes, lang) for era, events in groups)
    note = f'<p class="translation-note">{escape(TRANSLATION_NOTE[lang])}</p>' if translated(lang) else ""
    count = label("sourced_events", lang, count=str(len(dataset.events)))
    as_of = data_as_of(dataset)
    as_of_line = f'<p class="as-of">{escape(label("data_as_of", lang, date=as_of))}</p>' if as_of else ""
    made = escape(label("made_with", lang, version=__version__))
    figure = (
        f'<figure class="overview"><div class="chart">{chart(dataset, lang, link=True)}</div>'
        f"<figcaption>{escape(caption(dataset, lang))}</figcaption></figure>"
        if dataset.events
        else ""
    )
    title = heading(dataset)
    page = f"""<!DOCTYPE html>
<html lang="{escape(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kjtimeline {__version__}">
<title{_lang("en", lang)}>{escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header><h1{_lang("en", lang)}>{escape(title)}</h1><p>{escape(count)} · {escape(label("data_licence", lang))} {escape(dataset.license)}</p>{as_of_line}{note}</header>
<nav aria-label="{escape(label("eras", lang))}">{nav}</nav>
{figure}
<main>{body}</main>
<footer>{made}</footer>
</body>
</html>
"""
    return page.encode("utf-8")


FORMAT = Format(
    name="html",
    help="one self-contained, printable page with an overview chart; no script, no network",
    extension=".html",
    export=export_html,
)
