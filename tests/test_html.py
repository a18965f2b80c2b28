"""The HTML page and the overview chart, as a reader gets them: parsed here, and (slow) laid out
and scrolled in a real headless Chromium at desktop and phone widths, with screenshots."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from browser import print_to_pdf, probe, render
from kjtimeline.codes import SOURCE_KINDS
from kjtimeline.i18n import LABELS
from kjtimeline.load import load_bundled
from kjtimeline.models import source_rank

Run = Callable[..., Any]
DATA = load_bundled()
SVG = "{http://www.w3.org/2000/svg}"


class Page(HTMLParser):
    """What the page holds: its events, the chart's links, the `lang` of each element, what it loads."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.events: list[str] = []
        self.ids: set[str] = set()
        self.marks: list[str] = []
        self.external: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, str] = {}
        self._open: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "li" and values.get("class") == "event":
            self.events.append(values.get("id") or "")
        if tag == "a" and values.get("class") == "mark":
            self.marks.append(values.get("href") or "")
        if tag in ("script", "img", "link", "iframe") or (tag == "style" and values.get("src")):
            self.external.append(tag)
        if tag in ("h1", "title") and tag not in self.texts:  # the page's own title, not the chart's
            self._open.append(tag)
            self.texts[tag] = ""

    def handle_data(self, data: str) -> None:
        for tag in self._open:
            self.texts[tag] = self.texts.get(tag, "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            self._open.remove(tag)

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [values for _, values in self.tags if name in (values.get("class") or "").split()]


def page(run: Run, *args: str) -> tuple[str, Page]:
    result = run("export", "--format", "html", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout, Page(result.stdout)


def test_a_filtered_page_is_titled_and_dated_by_what_it_holds(run: Run) -> None:
    text, parsed = page(run, "--from", "1965", "--to", "1998")
    shown = [DATA.events_by_id[i] for i in parsed.events]
    years = f"{shown[0].start[:4]}–{shown[-1].start[:4]}"
    assert parsed.texts["h1"] == f"kjtimeline: Korea–Japan relations, {years}" == parsed.texts["title"]
    assert "1592" not in parsed.texts["h1"] and "2026" not in parsed.texts["h1"]
    cited = {s for e in shown for s in e.sources} | {q.source for q in DATA.quotes if q.event in parsed.events}
    newest = max(DATA.sources_by_id[s].date or "" for s in cited)
    assert f"Data as of {newest}: the newest source cited" in text
    one_year = Page(run("export", "--format", "html", "--year", "1910").stdout)
    assert one_year.texts["h1"] == "kjtimeline: Korea–Japan relations, 1910"


def test_every_chart_mark_links_to_its_event_on_the_page(run: Run) -> None:
    text, parsed = page(run)
    assert parsed.events == [e.id for e in DATA.events]
    assert parsed.marks == [f"#{e.id}" for e in sorted(DATA.events, key=lambda e: e.start[:4])]
    assert {mark[1:] for mark in parsed.marks} <= parsed.ids
    assert text.index('<svg xmlns="http://www.w3.org/2000/svg" class="overview"') < text.index('class="event"')
    assert "Events per year by topic, 1592–2026" in text
    assert all(f'href="#{e.id}" title="Link to this event">#{e.id}</a>' in text for e in DATA.events), "permalinks"


def test_a_card_holds_the_whole_record_strong_sources_first(run: Run) -> None:
    event = DATA.events_by_id["1965-treaty-on-basic-relations"]
    text, _ = page(run, "--year", "1965")
    card = text[text.index(f'<li class="event" id="{event.id}">') :]
    card = card[: card.index('<li class="event"', 10) if '<li class="event"' in card[10:] else None]
    for key in event.key_dates:
        assert key.label in card and key.date in card
    assert event.facts and all(escape(fact) in card for fact in event.facts)
    quotes = [q for q in DATA.quotes if q.event == event.id]
    assert quotes and all(escape(q.text) in card for q in quotes)
    assert event.people and all(escape(DATA.people_by_id[p].name.en) in card for p in event.people)
    kinds = [k for k in SOURCE_KINDS if f'<span class="kind">{LABELS["source_" + k]["en"]}</span>' in card]
    ranks = [source_rank(s) for s in DATA.cited(event.sources)]
    assert ranks == sorted(ranks) and kinds, "strongest kinds first"


def test_every_string_not_in_the_page_language_says_its_language(run: Run) -> None:
    _, english = page(run)
    tagged = {values.get("href"): values.get("lang") for tag, values in english.tags if tag == "a"}
    for source in DATA.sources:
        if source.language in ("ko", "ja") and source.url in tagged:
            assert tagged[source.url] == source.language, source.id
    others = english.with_class("other-titles")
    assert others and {o.get("lang") for o in others} == {"ko", "ja"}
    text, korean = page(run, "--lang", "ko", "--year", "1965")
    assert '<html lang="ko">' in text and '<h1 lang="en">' in text
    assert all(q.get("lang") in ("en", "ja") for q in korean.with_class("other-titles"))
    assert all(values.get("lang") == "en" for tag, values in korean.tags if tag == "blockquote")
    assert "Outside the named eras" not in text and LABELS["key_dates"]["ko"] in text
    assert "Events per year" not in text and "연도별·주제별 사건 수, 1959–1965" in text


def test_every_source_kind_has_a_label() -> None:
    assert {f"source_{kind}" for kind in SOURCE_KINDS} <= set(LABELS)


def marks(svg: bytes) -> list[ET.Element]:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "mark"]


def test_stats_svg_is_the_svg_export_a_well_formed_chart_of_the_selection(run: Run) -> None:
    args = ("--topic", "territory", "--from", "1945")
    drawn = run("stats", "--format", "svg", *args)
    assert drawn.exit_code == 0, drawn.stderr
    exported = run("export", "--format", "svg", *args).stdout_bytes
    assert drawn.stdout_bytes == exported and exported.startswith(b"<?xml")
    selected = json.loads(run("show", "--json", *args).stdout)["events"]
    found = marks(exported)
    assert len(found) == len(selected) > 0
    tips = {g.findtext(f"{SVG}title") for g in found}
    assert all(any(e["start"] in tip and e["title"]["en"] in tip for tip in tips if tip) for e in selected)
    words = " ".join(t.text or "" for t in ET.fromstring(exported).iter(f"{SVG}text"))
    assert "Territory and maritime boundaries" in words and "First topic:" in words
    assert ET.fromstring(run("stats", "--format", "svg", "--text", "no such thing at all").stdout_bytes) is not None
    assert run("show", "--format", "svg").exit_code == 2, "a chart is offered where there is a selection to draw"


def test_the_chart_breaks_a_long_empty_stretch_and_scales_to_one_year(run: Run) -> None:
    whole = ET.fromstring(run("export", "--format", "svg").stdout_bytes)
    labels = [t.text for t in whole.iter(f"{SVG}text")]
    assert "1600" in labels and "1880" in labels and "1700" not in labels and "1800" not in labels
    year = marks(run("export", "--format", "svg", "--year", "2025").stdout_bytes)
    widths = {float(g.find(f"{SVG}rect").get("width", "0")) for g in year}  # type: ignore[union-attr]
    assert len(year) == len([e for e in DATA.events if e.start.startswith("2025")]) and max(widths) <= 24


def test_a_users_minimal_events_get_a_page_and_a_chart(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "mine.json"
    events = [
        {"id": "mine", "start": "2000-05", "title": {"en": "Mine"}},
        {"id": "b", "start": "2003", "title": {"en": "B"}},
    ]
    data.write_text(json.dumps({"events": events}), "utf-8")
    parsed = Page(run("--data", str(data), "export", "--format", "html").stdout)
    assert parsed.events == ["mine", "b"] and parsed.marks == ["#mine", "#b"]
    assert parsed.texts["h1"] == "kjtimeline: Korea–Japan relations, 2000–2003"
    svg = run("--data", str(data), "stats", "--format", "svg").stdout_bytes
    assert len(marks(svg)) == 2 and "no topic (2)" in svg.decode()


# ---- in Chromium (slow) ------------------------------------------------------------------------


@pytest.mark.slow
def test_the_page_shows_every_event_and_loads_nothing(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "timeline.html"
    assert run("export", "--format", "html", "--output", str(target)).exit_code == 0
    rendered = render(target, tmp_path)
    parsed = Page(rendered.dom)
    assert parsed.events == [e.id for e in DATA.events]
    assert parsed.external == []
    assert "Treaty on Basic Relations signed" in rendered.dom
    assert "Uncaught" not in rendered.log and "Refused to" not in rendered.log
    png = rendered.screenshot.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_era_bar_stays_on_top_and_nothing_overflows(run: Run, tmp_path: Path, width: int, height: int) -> None:
    target = tmp_path / "timeline.html"
    assert run("export", "--format", "html", "--output", str(target)).exit_code == 0
    top = probe(target, tmp_path, width, height, scroll=0)
    scrolled = probe(target, tmp_path, width, height, scroll=4000)
    assert scrolled.facts["scrollY"] == 4000 and scrolled.facts["bar"][0] == 0, "the bar sticks to the top"
    for seen in (top, scrolled):
        assert all(hit and hit.endswith("@nav") for hit in seen.facts["onTop"]), seen.facts["onTop"]
        assert seen.facts["pageWidth"] <= seen.facts["viewWidth"], "no sideways scrolling"
        assert seen.facts["smallestText"] >= 12
        assert set(seen.facts["marks"]) == {f"#{e.id}" for e in DATA.events}
        assert {m[1:] for m in seen.facts["marks"]} <= set(seen.facts["ids"])
        assert 150 < seen.facts["chart"] < height / 2, "the chart is there, and leaves room for the text"
        shot = seen.screenshot.read_bytes()
        assert shot.startswith(b"\x89PNG") and len(shot) > 20_000


@pytest.mark.slow
def test_the_page_prints(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "timeline.html"
    assert run("export", "--format", "html", "--from", "1965", "--to", "1975", "--output", str(target)).exit_code == 0
    pdf = print_to_pdf(target, tmp_path)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 3


@pytest.mark.slow
def test_the_svg_renders_in_chromium(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "overview.svg"
    assert run("stats", "--format", "svg", "--lang", "ja").exit_code == 0
    target.write_bytes(run("stats", "--format", "svg", "--lang", "ja").stdout_bytes)
    rendered = render(target, tmp_path)
    assert "error on line" not in rendered.dom and "<svg" in rendered.dom
    assert "年別・テーマ別の出来事の数" in rendered.dom
    assert len(rendered.screenshot.read_bytes()) > 10_000


@pytest.mark.slow
def test_script_in_the_data_does_not_run(run: Run, tmp_path: Path) -> None:
    from conftest import mini

    document = mini()
    payloads = [
        "<script>document.body.setAttribute('data-pwned','1')</script>",
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">",
        "\"><svg onload=\"document.body.setAttribute('data-pwned','1')\">",
    ]
    document["events"][0]["title"]["en"] = payloads[0]
    document["events"][1]["summary"] = payloads[1]
    document["events"][2]["id"] = "normalization"
    document["sources"][0]["title"] = payloads[2]
    document["sources"][0]["url"] = "https://example.org/\"onmouseover='x'"
    data = tmp_path / "hostile.json"
    data.write_text(json.dumps(document), "utf-8")
    target = tmp_path / "page.html"
    assert run("--data", str(data), "export", "--format", "html", "--output", str(target)).exit_code == 0
    rendered = render(target, tmp_path)
    parsed = Page(rendered.dom)
    assert "data-pwned" not in rendered.dom.replace("setAttribute('data-pwned'", "")
    assert parsed.external == [] and len(parsed.events) == 5
    assert "&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;" in rendered.dom
