"""The whole record in Korean and Japanese: every view and export with `--lang`, a visible mark where a
translation is missing, search in all three languages."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import mini
from kjtimeline.codes import LANGUAGES
from kjtimeline.explore import LEADER_OFFICES
from kjtimeline.i18n import FALLBACK, LABELS, PLACES, TRANSLATION_NOTE
from kjtimeline.load import load_bundled

Run = Callable[..., Any]
DATA = load_bundled()
HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
TERMINAL = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "120"}


def translation(event_id: str, lang: str) -> Any:
    return next(t for t in DATA.events_by_id[event_id].translations if t.lang == lang)


def test_every_label_place_and_note_is_in_every_language() -> None:
    for table in (LABELS, PLACES):
        for key, texts in table.items():
            assert set(texts) == set(LANGUAGES), key
    assert set(TRANSLATION_NOTE) == set(LANGUAGES) - {"en"}
    assert set(LEADER_OFFICES.values()) <= set(PLACES)


def test_an_event_card_reads_entirely_in_japanese(run: Run) -> None:
    result = run("event", "1965-treaty-on-basic-relations", "--lang", "ja", "--format", "table", env=TERMINAL)
    ja = translation("1965-treaty-on-basic-relations", "ja")
    text = re.sub(r"\x1b\[[0-9;]*m|[│\s]", "", result.stdout)  # the card's text, without colours, borders or wrapping
    assert result.exit_code == 0 and FALLBACK.strip() not in result.stdout
    for label in ("主な日付", "概要", "意義", "主な事実", "当時の指導者", "出典", "日付の精度：日"):
        assert label in result.stdout
    assert re.sub(r"\s+", "", ja.summary) in text and re.sub(r"\s+", "", ja.facts[0]) in text
    assert "Summary" not in result.stdout and "Why it matters" not in result.stdout
    assert TRANSLATION_NOTE["ja"] in result.stdout


def test_the_1998_timeline_reads_in_korean(run: Run) -> None:
    result = run("show", "--year", "1998", "--lang", "ko", "--format", "table", env=TERMINAL)
    assert result.exit_code == 0 and FALLBACK.strip() not in result.stdout
    events = [e for e in DATA.events if e.start.startswith("1998")]
    for event in events:
        assert event.title.ko in result.stdout
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()]
    ids = re.compile(r"^\s*\([a-z0-9-]+\)$")  # an event id wrapped onto a line of its own
    summaries = [line for line in lines if line.startswith(" " * 11) and line.strip() and "#" not in line]
    summaries = [line for line in summaries if not ids.match(line)]
    assert summaries and all(HANGUL.search(line) for line in summaries)


def test_a_missing_translation_shows_the_english_marked(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(mini()), "utf-8")
    card = run("--data", str(path), "event", "annexation", "--lang", "ko", "--format", "table", env=TERMINAL)
    assert "[en] Summary of annexation." in card.stdout and "요약" in card.stdout
    rows = list(csv.DictReader(io.StringIO(run("--data", str(path), "show", "--format", "csv", "--lang", "ja").stdout)))
    assert rows[0]["summary"] == "[en] Summary of annexation."
    page = run("--data", str(path), "export", "--format", "html", "--lang", "ja").stdout
    assert '<span class="fallback" lang="en">[en] Summary of annexation.</span>' in page


@pytest.mark.parametrize("lang", ["ko", "ja"])
def test_every_export_speaks_the_language(run: Run, lang: str) -> None:
    event = DATA.events_by_id["1965-treaty-on-basic-relations"]
    summary = translation(event.id, lang).summary
    args = ("--year", "1965", "--lang", lang)
    page = run("export", "--format", "html", *args).stdout
    assert f'<html lang="{lang}">' in page and summary in page and TRANSLATION_NOTE[lang] in page
    assert f"<h3>{event.title.get(lang)}</h3>" in page
    assert summary in run("export", "--format", "markdown", *args).stdout
    slides = json.loads(run("export", "--format", "timelinejs", *args).stdout)["events"]
    slide = next(s for s in slides if s["unique_id"] == event.id)
    assert slide["text"]["headline"] == event.title.get(lang) and summary in slide["text"]["text"]
    from icalendar import Calendar

    calendar = Calendar.from_ical(run("export", "--format", "ics", *args).stdout)
    entry = next(c for c in calendar.walk("VEVENT") if str(c["uid"]).startswith(event.id + "@"))
    assert str(entry["summary"]) == event.title.get(lang) and summary in str(entry["description"])
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", *args).stdout)))
    assert next(r for r in rows if r["id"] == event.id)["summary"] == summary


def test_leaders_in_korean_and_japanese(run: Run) -> None:
    ko = run("leaders", "--at", "1930-06-01", "--lang", "ko", "--format", "table", env=TERMINAL).stdout
    assert "조선(총독부)" in ko and "조선총독" in ko and "내각총리대신" in ko
    ja = run("leaders", "--at", "2015-12-28", "--lang", "ja", "--format", "table", env=TERMINAL).stdout
    assert "内閣総理大臣" in ja and "大韓民国大統領" in ja and "在任基準日" in ja


def events_found(run: Run, query: str) -> set[str]:
    results = json.loads(run("search", query, "--limit", "1000", "--json").stdout)["results"]
    return {r["id"] for r in results if r["kind"] == "event"}


@pytest.mark.parametrize(
    ("english", "others"),
    [("Dokdo", ["독도", "竹島", "Takeshima"]), ("comfort women", ["위안부", "慰安婦"])],
)
def test_search_finds_as_much_in_every_language(run: Run, english: str, others: list[str]) -> None:
    found = events_found(run, english)
    assert len(found) >= 10
    for query in others:
        assert len(events_found(run, query)) >= len(found) - 1, query


def test_aliases_are_searched(run: Run) -> None:
    assert "1965-treaty-on-basic-relations" in events_found(run, "日韓基本条約")
    assert "1965-treaty-on-basic-relations" in events_found(run, "한일기본조약")
