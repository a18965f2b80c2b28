"""The overview chart, as SVG text: events per year by topic over the eras, for html and svg.

Pure string building, no plotting library: one mark a event, stacked in its year and coloured by
its first topic (a legend names the colours, and every mark's tooltip names its topic, so colour is
never the only key). Eras are bands with their names. Long stretches without an event (the sparse
prelude before 1876) are cut out of the axis and drawn as a break, so the decades that hold the
events keep their width. Every string from the dataset is escaped and its control characters are
written out, so the SVG is well-formed XML whatever the data holds.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from html import escape

from kjtimeline.i18n import label
from kjtimeline.models import Dataset, Era, Event
from kjtimeline.text import visible

WIDTH = 1000
MARGIN = 12
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Noto Sans, Noto Sans CJK KR, Noto Sans CJK JP, sans-serif"'
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#5f6b78",
)  # fmt: skip
"""Tableau 10, told apart by most readers (the darkest grey instead of the lightest, to stay visible on paper)."""
UNLISTED = "#c3cad4"
"""Marks of no topic, or of a topic the dataset does not list: light grey, apart from the palette."""
BANDS = ("#eef2f7", "#e2e8f0")
BREAK_GAP = 25
"""Empty years in a row beyond which the axis is broken instead of drawn."""
BREAK_WIDTH = 28
LABEL_ROW = 17
LABEL_ROWS = 3
"""Era names take turns in three rows, so short eras next to each other still have room."""
LABEL_SIZE = 12
MAX_MARK_WIDTH = 24
PLOT_HEIGHT = 170
MAX_MARK_HEIGHT = 12


def _xml(text: str) -> str:
    """Text and attribute values: escaped, control characters shown, as XML 1.0 requires."""
    return escape(visible(text))


def _text_width(text: str, size: float) -> float:
    """A rough rendered width: wide (CJK) characters an em, the others about half of one."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.58 for c in text)


def _fit(text: str, room: float, size: float) -> str:
    """`text`, cut with "…" to fit `room`; empty when not even two characters would."""
    if _text_width(text, size) <= room:
        return text
    for end in range(len(text) - 1, 1, -1):
        if _text_width(text[:end] + "…", size) <= room:
            return text[:end] + "…"
    return ""


def year_of(date: str) -> int:
    return int(date[:4])


def first_topic(event: Event) -> str:
    """The topic a mark is coloured by; "" for a user's event that has none."""
    return event.topics[0] if event.topics else ""


def _topic_names(dataset: Dataset, lang: str) -> dict[str, str]:
    return {"": label("no_topic", lang)} | {topic.id: topic.name.get(lang) for topic in dataset.topics}


def years_shown(dataset: Dataset) -> str:
    """The span of the events' start years: "1965–1998", or "1965" for one year."""
    first, last = year_of(dataset.events[0].start), year_of(dataset.events[-1].start)
    return f"{first}–{last}" if last > first else str(first)


def caption(dataset: Dataset, lang: str) -> str:
    """How to read the chart; the axis break is explained only where there is one."""
    broken = len(segments(year_of(e.start) for e in dataset.events)) > 1
    return label("chart_caption", lang) + (" " + label("chart_break", lang) if broken else "")


def segments(years: Iterable[int]) -> list[tuple[int, int]]:
    """Runs of years to draw, split where more than `BREAK_GAP` years in a row have no event."""
    found: list[tuple[int, int]] = []
    for year in sorted(set(years)):
        if found and year - found[-1][1] - 1 <= BREAK_GAP:
            found[-1] = (found[-1][0], year)
        else:
            found.append((year, year))
    return found


class Axis:
    """Years to x positions across the segments, with a fixed gap for each break."""

    def __init__(self, runs: list[tuple[int, int]], left: float, right: float) -> None:
        self.runs = runs
        years = sum(last - first + 1 for first, last in runs)
        room = right - left - BREAK_WIDTH * (len(runs) - 1)
        self.per_year = room / years
        self.starts: list[float] = []
        x = left
        for first, last in runs:
            self.starts.append(x)
            x += (last - first + 1) * self.per_year + BREAK_WIDTH

    def x(self, year: int) -> float:
        """The left edge of `year`'s column (a year in a break sits at the edge of the run before it)."""
        for (first, last), start in zip(self.runs, self.starts, strict=True):
            if year <= last:
                return start + max(0, year - first) * self.per_year
        first, last = self.runs[-1]
        return self.starts[-1] + (last - first + 1) * self.per_year

    def pieces(self, first: int, last: int) -> list[tuple[float, float]]:
        """The x spans (left, right) that the years first..last cover, one a run they overlap."""
        spans = []
        for (run_first, run_last), start in zip(self.runs, self.starts, strict=True):
            low, high = max(first, run_first), min(last, run_last)
            if low <= high:
                spans.append(
                    (start + (low - run_first) * self.per_year, start + (high - run_first + 1) * self.per_year)
                )
        return spans

    def ticks(self) -> list[int]:
        """Round years far enough apart to label; a run with none gets its first year."""
        step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200) if s * self.per_year >= 48), 500)
        found = []
        for first, last in self.runs:
            inside = [y for y in range(first, last + 1) if y % step == 0]
            found += inside or [first]
        return found


def _era_years(era: Era, last_year: int) -> tuple[int, int]:
    return year_of(era.start), year_of(era.end) if era.end else last_year


def chart(dataset: Dataset, lang: str, link: bool) -> str:
    """The `<svg>` element of the events' overview; `link`: each mark links to `#<event id>` in the page."""
    events = dataset.events
    if not events:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="overview" viewBox="0 0 {WIDTH} 40" width="{WIDTH}"'
            f' height="40" xml:lang="{_xml(lang)}" {FONT}>'
            f'<text x="{MARGIN}" y="24">{_xml(label("sourced_events", lang, count="0"))}</text></svg>'
        )
    runs = segments(year_of(e.start) for e in events)
    last_year = runs[-1][1]
    # A few years are not stretched across the width: each gets three mark widths, centred.
    room = min(WIDTH - 2 * MARGIN, sum(last - first + 1 for first, last in runs) * MAX_MARK_WIDTH * 3.0)
    left, right = (WIDTH - room) / 2, (WIDTH + room) / 2
    axis = Axis(runs, left, right)
    by_year: dict[int, list[Event]] = {}
    for event in events:
        by_year.setdefault(year_of(event.start), []).append(event)
    tallest = max(len(column) for column in by_year.values())
    mark_height = min(MAX_MARK_HEIGHT, PLOT_HEIGHT / tallest)
    plot_top = MARGIN + LABEL_ROWS * LABEL_ROW + 6
    baseline = plot_top + max(mark_height * tallest, 3 * MAX_MARK_HEIGHT)
    colour = {topic.id: PALETTE[i % len(PALETTE)] for i, topic in enumerate(dataset.topics)}
    topic_name = _topic_names(dataset, lang)

    parts = [_bands(dataset, lang, axis, last_year, plot_top, baseline)]
    mark_width = max(1.5, min(MAX_MARK_WIDTH, axis.per_year - 1))
    for year, column in by_year.items():
        x = axis.x(year) + (axis.per_year - mark_width) / 2
        for k, event in enumerate(column):
            topic = first_topic(event)
            tip = f"{event.start} · {event.title.get(lang)} · {topic_name.get(topic, topic)}"
            rect = (
                f'<rect x="{x:.1f}" y="{baseline - (k + 1) * mark_height:.1f}" width="{mark_width:.1f}"'
                f' height="{max(1.0, mark_height - 1):.1f}" fill="{colour.get(topic, UNLISTED)}"/>'
            )
            opening = f'<a href="#{_xml(event.id)}" class="mark">' if link else '<g class="mark">'
            parts.append(f"{opening}<title>{_xml(tip)}</title>{rect}{'</a>' if link else '</g>'}")
    parts.append(_axis(axis, baseline))
    legend, height = _legend(dataset, lang, colour, baseline + 34)
    parts.append(legend)
    title = label("chart_title", lang, years=years_shown(dataset))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="overview" viewBox="0 0 {WIDTH} {height:.0f}"'
        f' width="{WIDTH}" height="{height:.0f}" xml:lang="{_xml(lang)}" {FONT} font-size="13" fill="#1d2430">'
        f"<title>{_xml(title)}</title><desc>{_xml(caption(dataset, lang))}</desc>" + "".join(parts) + "</svg>"
    )


def _bands(dataset: Dataset, lang: str, axis: Axis, last_year: int, top: float, baseline: float) -> str:
    """The eras as alternating bands behind the marks, their names in `LABEL_ROWS` rows above them."""
    parts = []
    row_ends = [0.0] * LABEL_ROWS
    shown = [(era, pieces) for era in dataset.eras if (pieces := axis.pieces(*_era_years(era, last_year)))]
    for i, (era, pieces) in enumerate(shown):
        name = era.name.get(lang)
        for low, high in pieces:
            parts.append(
                f'<rect x="{low:.1f}" y="{top - 4:.1f}" width="{high - low:.1f}" height="{baseline - top + 4:.1f}"'
                f' fill="{BANDS[i % 2]}"><title>{_xml(name)}</title></rect>'
            )
        row, low = i % LABEL_ROWS, pieces[0][0]
        earliest = row_ends[row] + 10  # after the last label in this row
        x = max(earliest, min(low + 2, WIDTH - MARGIN - _text_width(name, LABEL_SIZE)))  # moved left to fit
        text = _fit(name, WIDTH - MARGIN - x, LABEL_SIZE)
        if not text:
            continue
        y = MARGIN + LABEL_ROW * (row + 1) - 4
        parts.append(
            f'<line x1="{low + 0.5:.1f}" y1="{y + 3:.1f}" x2="{low + 0.5:.1f}" y2="{top - 4:.1f}" stroke="#9aa6b5"/>'
        )
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{LABEL_SIZE}" fill="#3d4856">{_xml(text)}</text>')
        row_ends[row] = x + _text_width(text, LABEL_SIZE)
    return "".join(parts)


def _axis(axis: Axis, baseline: float) -> str:
    """The baseline, year labels, and a break mark (//) where empty years are left out."""
    parts = []
    for (first, last), start in zip(axis.runs, axis.starts, strict=True):
        end = start + (last - first + 1) * axis.per_year
        parts.append(
            f'<line x1="{start:.1f}" y1="{baseline:.1f}" x2="{end:.1f}" y2="{baseline:.1f}" stroke="#5b6675"/>'
        )
        if start > axis.starts[0]:
            gap = start - BREAK_WIDTH / 2
            for dx in (-3, 3):
                parts.append(
                    f'<line x1="{gap + dx - 3:.1f}" y1="{baseline + 5:.1f}" x2="{gap + dx + 3:.1f}"'
                    f' y2="{baseline - 5:.1f}" stroke="#5b6675"/>'
                )
    for year in axis.ticks():
        x = axis.x(year) + axis.per_year / 2
        parts.append(f'<line x1="{x:.1f}" y1="{baseline:.1f}" x2="{x:.1f}" y2="{baseline + 4:.1f}" stroke="#5b6675"/>')
        parts.append(f'<text x="{x:.1f}" y="{baseline + 17:.1f}" text-anchor="middle">{year}</text>')
    return "".join(parts)


def _legend(dataset: Dataset, lang: str, colour: dict[str, str], top: float) -> tuple[str, float]:
    """A swatch, name and count for each topic the marks use, in rows; and the chart's full height."""
    counts: dict[str, int] = {}
    for event in dataset.events:
        counts[first_topic(event)] = counts.get(first_topic(event), 0) + 1
    names = _topic_names(dataset, lang)
    order = [t.id for t in dataset.topics if t.id in counts] + sorted(set(counts) - {t.id for t in dataset.topics})
    parts = [f'<text x="{MARGIN}" y="{top + 10:.1f}" font-weight="600">{_xml(label("chart_legend", lang))}</text>']
    x, y = MARGIN + _text_width(label("chart_legend", lang), 13) + 14, top
    for topic in order:
        text = f"{names.get(topic, topic)} ({counts[topic]})"
        width = 18 + _text_width(text, 13) + 16
        if x + width > WIDTH - MARGIN and x > MARGIN:
            x, y = MARGIN, y + 20
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="12" height="12" fill="{colour.get(topic, UNLISTED)}"/>'
            f'<text x="{x + 17:.1f}" y="{y + 10:.1f}">{_xml(text)}</text>'
        )
        x += width
    return "".join(parts), y + 12 + MARGIN
