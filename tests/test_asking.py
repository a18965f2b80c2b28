"""Asking the way people ask: usage errors in one line, formats told by file names, sensible defaults."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kjtimeline import views
from kjtimeline.cli.terminal import Terminal
from kjtimeline.codes import KINDS, LANGUAGES
from kjtimeline.explore import search
from kjtimeline.i18n import KIND_MEANINGS
from kjtimeline.load import load_bundled
from kjtimeline.query import Query, event_texts, select
from kjtimeline.render import draw

Run = Callable[..., Any]
BUNDLED_DATA = load_bundled()
DATASET_WORDS = sorted(
    {word for event in BUNDLED_DATA.events[::7] for text in event_texts(event)[:4] for word in text.split()}
)
"""Words people could type: from the ids, titles and aliases of some events, in every language."""


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["show", "--date", "1965"],
            "No such option: --date (Possible options: --place, --text, --tone) (see 'kjtimeline show --help')",
        ),
        (["shoe"], "No such command 'shoe'. Did you mean 'show', 'schema'? (see 'kjtimeline --help')"),
        (["show", "--year", "abc"], "--year: 'abc' is not a period: write e.g. 1965, 1965-06 or 1965..1970"),
        (["show", "--limit", "x"], "Invalid value for '--limit' / '-n': 'x' is not a valid int"),
        (["export", "--format", "pdf"], "Invalid value for '--format' / '-f': 'pdf' is not one of"),
    ],
)
def test_usage_errors_are_one_line_with_where_to_look(run: Run, args: list[str], says: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kjtimeline: error: ")
    assert says in result.stderr and "╭" not in result.stderr


def test_export_takes_the_format_from_the_file_name(run: Run, tmp_path: Path) -> None:
    for name, start in (("x.csv", "id,"), ("x.md", "# "), ("x.html", "<!DOCTYPE html>"), ("x.ics", "BEGIN:VCALENDAR")):
        assert run("export", "--year", "1965", "-o", str(tmp_path / name)).exit_code == 0
        assert (tmp_path / name).read_text("utf-8").startswith(start), name
    assert run("export", "-o", str(tmp_path / "x.json")).exit_code == 0  # .json: the dataset, not TimelineJS
    assert json.loads((tmp_path / "x.json").read_text("utf-8"))["events"]
    for args, says in ((["export", "-o", str(tmp_path / "x.txt")], "give --format: "), (["export"], "give --format (")):
        result = run(*args)
        assert result.exit_code == 2 and says in result.stderr and result.stderr.count("\n") == 1


def test_on_and_anniversaries_default_to_today(run: Run) -> None:
    today = dt.date.today()
    assert run("on", "--json").stdout == run("on", f"{today.month:02d}-{today.day:02d}", "--json").stdout
    assert run("anniversaries", "--json").stdout == run("anniversaries", str(today.year), "--json").stdout


def test_the_terminal_timeline_shows_event_ids(run: Run) -> None:
    result = run("show", "--year", "1965", "--format", "table", env={"FORCE_COLOR": "1", "COLUMNS": "140"})
    assert "(1965-treaty-on-basic-relations)" in result.stdout


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (["quotes", "--speaker", "ishiba"], "2025-ishiba"),
        (["quotes", "--speaker", "Shigeru Ishiba"], "2025-ishiba"),
        (["quotes", "--speaker", "이재명"], "2025-lee"),
        (["show", "--topic", "history"], "1592-japanese-invasion-of-korea"),
        (["show", "--topic", "History-Memory"], "1592-japanese-invasion-of-korea"),
        (["show", "--tag", "dokdo", "--limit", "1"], "1900-imperial-edict-no-41"),
        (["show", "--person", "moon", "--limit", "1"], "2017-moon-jae-in-elected"),
        (["event", "2015-comfort-women"], "2015-comfort-women-agreement"),
        (["event", "한일기본조약"], "1965-treaty-on-basic-relations"),
    ],
)
def test_names_as_people_type_them(run: Run, args: list[str], first: str) -> None:
    result = run(*args)
    assert result.exit_code == 0 and first in result.stdout, result.stderr


def test_ambiguous_names_list_the_candidates_and_comma_lists_work(run: Run) -> None:
    result = run("show", "--person", "kim")
    assert result.exit_code == 2 and "could be more than one person: kim-dae-jung (Kim Dae-jung)" in result.stderr
    both = json.loads(run("show", "--topic", "diplomacy,law", "--json").stdout)["events"]
    alone = json.loads(run("show", "--topic", "diplomacy", "--topic", "law", "--json").stdout)["events"]
    assert both == alone and any("diplomacy" not in e["topics"] for e in both)


def test_program_options_may_follow_the_command(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"events": []}), "utf-8")
    after = run("show", "--data", str(path), "--json")
    before = run("--data", str(path), "show", "--json")
    assert after.exit_code == 0 and after.stdout == before.stdout and json.loads(after.stdout)["count"] == 0


# ---- one search meaning, honest counts ------------------------------------------------------------


def _ids(run: Run, *args: str) -> list[str]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    if "results" in document:  # search: the events among the hits
        return [hit["id"] for hit in document["results"] if hit["kind"] == "event"]
    return [event["id"] for event in document["events"]]


def test_search_says_how_many_there_are_when_it_shows_fewer(run: Run) -> None:
    document = json.loads(run("search", "comfort women", "--json").stdout)
    assert document["count"] == 20 and document["total"] > 30
    every = json.loads(run("search", "comfort women", "--limit", "0", "--json").stdout)
    assert every["count"] == every["total"] == document["total"]
    table = run("search", "comfort women", "--format", "table", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert f"20 of {document['total']} results for “comfort women”" in table
    assert table.rstrip().endswith(f"20 of {document['total']} — --limit 0 for all")


def test_every_cut_listing_says_n_of_m(run: Run) -> None:
    document = json.loads(run("show", "--topic", "diplomacy", "--limit", "3", "--json").stdout)
    assert document["count"] == 3 and document["total"] > 3
    table = run("show", "--topic", "diplomacy", "--limit", "3", "--format", "table").stdout
    assert f"3 of {document['total']} — --limit 0 for all" in table
    assert len(_ids(run, "show", "--topic", "diplomacy", "--limit", "0")) == document["total"]
    assert "of" not in run("show", "--year", "1965", "--format", "table").stdout.splitlines()[-1]
    on_day = json.loads(run("on", "08-15", "--limit", "1", "--json").stdout)
    assert on_day["count"] == 1 and on_day["total"] > 1  # the limit applies to the answer, not before it


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("women comfort", "comfort women"),  # any order
        ("comfort woman", "comfort women"),  # singular and plural alike
        ("TREATIES basic", "treaty basic"),  # -ies, any case
        ("Sato", "Satō"),  # accents folded
        ("ｔａｋｅｓｈｉｍａ", "takeshima"),  # full-width folded
    ],
)
def test_search_and_text_filter_mean_the_same(run: Run, typed: str, same_as: str) -> None:
    found = sorted(_ids(run, "search", typed, "--limit", "0"))
    assert found and found == sorted(_ids(run, "search", same_as, "--limit", "0"))
    assert sorted(_ids(run, "show", "--text", typed)) == found


@settings(max_examples=20, deadline=None)
@given(words=st.lists(st.sampled_from(DATASET_WORDS), min_size=1, max_size=3))
def test_text_filter_and_search_find_the_same_events(words: list[str]) -> None:
    query = " ".join(words)
    filtered = {e.id for e in select(BUNDLED_DATA, Query(text=query))}
    assert filtered == {hit.id for hit in search(BUNDLED_DATA, query) if hit.kind == "event"}


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(DATASET_WORDS), min_size=1, max_size=2))
def test_show_text_and_search_commands_find_the_same_events(run: Run, words: list[str]) -> None:
    query = " ".join(words)
    assert sorted(_ids(run, "show", "--text", query)) == sorted(_ids(run, "search", query, "--limit", "0"))


# ---- dates as people write them, periods, places, kinds ----------------------------------------


@pytest.mark.parametrize("day", ["8-15", "15 August", "August 15", "2025-08-15", "8/15", "8월 15일", "8月15日"])
def test_on_takes_a_day_as_people_write_it(run: Run, day: str) -> None:
    assert run("on", day, "--json").stdout == run("on", "08-15", "--json").stdout


def test_year_takes_a_month_or_a_range(run: Run) -> None:
    june = _ids(run, "show", "--year", "1965-06")
    assert "1965-treaty-on-basic-relations" in june and "1965-shiina-seoul-visit-treaty-initialled" not in june
    assert set(_ids(run, "show", "--year", "1965..1966")) >= set(_ids(run, "show", "--year", "1966"))
    assert json.loads(run("show", "--year", "1965", "--json").stdout)["filters"] == {"years": [1965]}


def test_starts_in_asks_for_events_that_begin_in_a_period(run: Run) -> None:
    assert _ids(run, "show", "--year", "1965", "--limit", "1") == ["1959-repatriation-to-north-korea"]  # overlap
    first = _ids(run, "show", "--starts-in", "1965", "--limit", "1")
    assert first and first[0].startswith("1965-")
    june = json.loads(run("show", "--starts-in", "1965-06", "--json").stdout)["events"]
    assert june and all(event["start"].startswith("1965-06") for event in june)
    assert set(_ids(run, "show", "--starts-in", "1965..1966")) == set(
        _ids(run, "show", "--starts-in", "1965") + _ids(run, "show", "--starts-in", "1966")
    )


def test_place_filters_by_a_part_of_the_name(run: Run) -> None:
    assert _ids(run, "show", "--place", "busan,gyeongju", "--from", "2025-09") == [
        "2025-busan-summit",
        "2025-gyeongju-apec-summit",
    ]
    assert "2012-lee-myung-bak-dokdo-visit" in _ids(run, "show", "--place", "takeshima")
    result = run("show", "--place", "busn")
    assert result.exit_code == 2 and "did you mean 'Busan'" in result.stderr


def test_every_summit_is_a_summit(run: Run) -> None:
    summits = _ids(run, "show", "--kind", "summit")
    assert "2025-busan-summit" in summits
    for reclassified in ("1983-nakasone-seoul-visit", "2001-koizumi-seoul-visit", "2003-roh-moo-hyun-japan-visit"):
        assert reclassified in summits


def test_kinds_lists_each_kind_with_its_count_and_meaning(run: Run) -> None:
    rows = json.loads(run("kinds", "--json").stdout)["kinds"]
    assert [row["id"] for row in rows] == list(KINDS)
    summit = next(row for row in rows if row["id"] == "summit")
    assert summit["count"] == len(_ids(run, "show", "--kind", "summit"))
    assert summit["meaning"] == "talks between heads of state or government"
    assert "정상 간의 회담" in run("kinds", "--lang", "ko").stdout
    assert set(KIND_MEANINGS) == set(KINDS) and all(set(m) == set(LANGUAGES) for m in KIND_MEANINGS.values())


# ---- colour by the conventions ----------------------------------------------------------------


COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7])[0-9;]*m")


def test_no_color_keeps_the_layout_and_drops_the_colour(run: Run) -> None:
    coloured = run("show", "--year", "1965", env={"FORCE_COLOR": "1"}).stdout
    plain = run("show", "--year", "1965", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert COLOUR.search(coloured) and not COLOUR.search(plain)
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain  # the same table, only without colour
    assert "\x1b" not in run("show", "--year", "1965", "--format", "table").stdout  # into a file: no escapes


def test_terminal_with_no_color_draws_the_table_without_colour() -> None:
    stdout = TTY()
    terminal = Terminal.from_environment({"NO_COLOR": "1", "COLUMNS": "80"}, stdout, io.StringIO())
    terminal.show(draw(views.timeline(BUNDLED_DATA, BUNDLED_DATA.events[:2], {}), "en"), paginate=False)
    assert "───" in stdout.getvalue() and not COLOUR.search(stdout.getvalue())


def test_a_card_prints_its_urls_whole_outside_the_box(run: Run) -> None:
    result = run("event", "2025-tokyo-summit", "--format", "table", env={"FORCE_COLOR": "1", "COLUMNS": "40"})
    lines = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", result.stdout).splitlines()
    card = BUNDLED_DATA.events_by_id["2025-tokyo-summit"]
    urls = [BUNDLED_DATA.sources_by_id[s].url for s in card.sources]
    assert urls and all(url in lines for url in urls)  # each on a line of its own, whole, no border
    assert max(len(url) for url in urls) > 40


def test_a_facet_limit_keeps_the_top_rows_counted_over_every_event(run: Run) -> None:
    every = json.loads(run("tags", "--json").stdout)["tags"]
    top = json.loads(run("tags", "--limit", "3", "--json").stdout)
    assert top["tags"] == every[:3] and top["total"] == len(every) and top["count"] == 3
    kinds = json.loads(run("kinds", "--limit", "1", "--json").stdout)["kinds"]
    assert kinds == [
        {
            "id": "treaty",
            "count": sum(e.kind == "treaty" for e in BUNDLED_DATA.events),
            "meaning": KIND_MEANINGS["treaty"]["en"],
        }
    ]


def test_stats_counts_every_matching_event_whatever_the_limit(run: Run) -> None:
    limited, every = (json.loads(run("stats", *more, "--json").stdout) for more in (["--limit", "1"], []))
    assert limited.pop("filters") == {"limit": 1} and every.pop("filters") == {}
    assert limited == every


def test_quotes_take_a_limit_and_say_how_many_there_are(run: Run) -> None:
    every = json.loads(run("quotes", "--speaker", "ishiba", "--json").stdout)
    one = json.loads(run("quotes", "--speaker", "ishiba", "--limit", "1", "--json").stdout)
    assert one["quotes"] == every["quotes"][:1] and one["total"] == every["count"] > 1
