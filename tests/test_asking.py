"""Asking the way people ask: usage errors in one line, formats told by file names, sensible defaults."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]


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
