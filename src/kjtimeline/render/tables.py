"""Tables and charts: search results, people, leaders, facets, stats, dated event lists."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kjtimeline.dates import last_day
from kjtimeline.explore import LEADER_OFFICES
from kjtimeline.i18n import bracketed, label, place, text_in
from kjtimeline.render.console import THEME_STYLES, date_span, life_span, safe_text
from kjtimeline.text import search_words
from kjtimeline.views import DatedEvents, FacetCounts, Leaders, People, SearchResults, Stats

HIGHLIGHT = "bold black on yellow"


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", header_style="bold", box=None, padding=(0, 1))
    for column in columns:
        table.add_column(column)
    return table


def search_results(view: SearchResults, lang: str) -> RenderableType:
    hits, words = view.hits, [form for forms in search_words(view.query) for form in forms]
    shown = f"{len(hits)} of {view.total}" if view.total > len(hits) else str(len(hits))
    table = _table("", "Date", "Match", title=f"{shown} results for “{view.query}”")
    table.columns[1].style = THEME_STYLES["date"]
    table.columns[1].no_wrap = True
    for hit in hits:
        text = safe_text(hit.label, "bold")
        text.append(f"  {hit.id}", style="dim")
        if hit.snippet and hit.snippet != hit.label:
            snippet = safe_text(hit.snippet, "dim")
            snippet.truncate(200, overflow="ellipsis")
            text.append("\n")
            text.append_text(snippet)
        text.highlight_words(words, HIGHLIGHT, case_sensitive=False)
        table.add_row(Text(hit.kind, style="magenta"), hit.date or "", text)
    return table


def people_table(view: People, lang: str) -> RenderableType:
    people = view.people
    table = _table("Id", "Name", "Country", "Life", "Offices", title=f"{len(people)} people")
    for person in people:
        offices = Text("\n").join(
            safe_text(f"{o.title}{' (acting)' if o.acting else ''} {o.start}–{o.end or ''}") for o in person.offices
        )
        life = life_span(person.born, person.died, "–")
        table.add_row(
            Text(person.id, style="dim"), safe_text(person.name.get(lang), "bold"), person.country or "", life, offices
        )
    return table


def leaders_table(view: Leaders, lang: str) -> RenderableType:
    """A term still open is "in office" only up to the records' last day; past it, it says so."""
    headings = (label(key, lang) for key in ("country", "leader", "office", "from", "to"))
    table = _table(*headings, title=f"{label('in_office_at', lang)} {view.at}")
    past = last_day(view.at) > view.known_to
    open_end = label("records_end", lang, date=view.known_to) if past else label("in_office", lang)
    for term in view.terms:
        country = place(LEADER_OFFICES[term.office.office], lang)
        acting = " " + bracketed(label("acting", lang), lang) if term.office.acting else ""
        title = text_in(term.office, "title", lang) + acting
        start = Text(term.office.start, style=THEME_STYLES["date"])
        end = Text(term.office.end or open_end, style=THEME_STYLES["date"])
        table.add_row(country, safe_text(term.person.name.get(lang), "bold"), safe_text(title), start, end)
    return table


def bar(count: int, largest: int, width: int = 40) -> Text:
    """A bar in eighths of a block, so small differences still show."""
    if largest <= 0 or count <= 0:
        return Text("")
    eighths = round(count / largest * width * 8)
    return Text("█" * (eighths // 8) + (" ▏▎▍▌▋▊▉"[eighths % 8] if eighths % 8 else ""), style="cyan")


def facet_table(view: FacetCounts, lang: str) -> RenderableType:
    facet, rows = view.facet, view.rows
    largest = max((int(row["count"]) for row in rows), default=0)
    first = rows[0] if rows else {}
    if "name" in first:
        columns = ["Id", "Name", "Events", ""]
    elif "meaning" in first:
        columns = ["Kind", "Events", "", "Meaning"]
    else:
        columns = ["Tag", "Events", ""]
    table = _table(*columns, title=facet.capitalize())
    bars = table.columns[2 if "meaning" in first else -1]
    bars.no_wrap, bars.min_width = True, 31
    for row in rows:
        cells: list[Any] = [safe_text(str(row["id"]), THEME_STYLES["topic"])]
        if "name" in row:
            name = safe_text(str(row["name"]))
            if "start" in row:
                name.append(f"\n{row['start']} – {row['end'] or 'today'}", style="dim")
            cells.append(name)
        cells += [str(row["count"]), bar(int(row["count"]), largest, 30)]
        if "meaning" in row:
            cells.append(safe_text(str(row["meaning"])))
        table.add_row(*cells)
    return table


def stats_view(view: Stats, lang: str) -> RenderableType:
    parts: list[RenderableType] = [Text(f"{view.total} events", style="bold")]
    for group, rows in view.figures.items():
        largest = max((int(row["count"]) for row in rows), default=0)
        label = group.removeprefix("by_")
        table = _table(label.capitalize(), "Events", "", title=f"\nBy {label}")
        for row in rows:
            table.add_row(str(next(iter(row.values()))), str(row["count"]), bar(int(row["count"]), largest))
        parts.append(table)
    return Group(*parts)


def dated_events(view: DatedEvents, lang: str) -> RenderableType:
    table = _table("", "Date", "Event", title=f"{view.title}: {len(view.rows)} events")
    table.columns[0].style = "bold magenta"
    table.columns[1].style = THEME_STYLES["date"]
    for mark, event in view.rows:
        text = safe_text(event.title.get(lang), "bold")
        text.append("  " + "  ".join(f"#{t}" for t in event.topics), style=THEME_STYLES["topic"])
        table.add_row(mark, date_span(event.start, event.end), text)
    return table
