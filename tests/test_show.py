"""`kjtimeline show` as a user sees it: terminal view, plain text for pipes, JSON for scripts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import mini

Run = Callable[..., Any]
ESCAPE = re.compile(r"\x1b\[")


@pytest.fixture
def data(write_dataset: Callable[..., Path]) -> str:
    return str(write_dataset())


def test_piped_output_is_one_tab_separated_line_per_event(run: Run, data: str) -> None:
    result = run("--data", data, "show")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "1910-08-29\tannexation\tTitle annexation\tdiplomacy"
    assert lines[1] == "1910-08-29/1945-08-15\tcolonial-rule\tTitle colonial-rule\tterritory"
    assert all(len(line.split("\t")) == 4 for line in lines)
    assert not ESCAPE.search(result.stdout)


def test_force_color_gives_the_terminal_view_grouped_by_era(run: Run, data: str) -> None:
    result = run("--data", data, "show", env={"FORCE_COLOR": "1", "COLUMNS": "80"})
    assert result.exit_code == 0
    assert ESCAPE.search(result.stdout)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert (
        plain.index("Early") < plain.index("Title annexation") < plain.index("Late") < plain.index("Title declaration")
    )
    assert "#diplomacy" in plain and "Summary of declaration." in plain
    assert max(len(line) for line in plain.splitlines()) <= 80


@pytest.mark.parametrize("columns", [100, 40, 26])
def test_long_and_double_width_titles_wrap_within_the_width(
    run: Run, write_dataset: Callable[..., Path], columns: int
) -> None:
    """At 26 columns a date range (1910-08-29 – 1945-08-15) leaves no room beside it: dates stack."""
    from rich.cells import cell_len

    document = mini()
    document["events"][0]["title"]["ko"] = ("한일 기본조약 " * 12).strip()
    document["events"][0]["summary"] = "요약 " * 60
    document["events"][1]["title"]["ko"] = "일제강점기 시작"
    result = run(
        "--data",
        str(write_dataset(document)),
        "show",
        "--lang",
        "ko",
        env={"FORCE_COLOR": "1", "COLUMNS": str(columns)},
    )
    assert result.exit_code == 0
    lines = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).splitlines()
    assert max(cell_len(line) for line in lines) <= columns
    assert result.stdout.count("기본조약") == 12  # every word, none lost
    assert "일제강점기 시작" in result.stdout and "1910-08-29 – 1945-08-15" in result.stdout
    assert any(line.rstrip().endswith("…") for line in lines)  # the summary is cut to one line


def test_no_color_wins_over_a_terminal(run: Run, data: str) -> None:
    result = run("--data", data, "show", env={"NO_COLOR": "1"})
    assert not ESCAPE.search(result.stdout)
    assert result.stdout.startswith("1910-08-29\tannexation")


def test_table_format_can_be_asked_for_explicitly(run: Run, data: str) -> None:
    result = run("--data", data, "show", "--format", "table", "--year", "1998")
    assert "Title declaration" in result.stdout and "Title annexation" not in result.stdout


def test_json_is_a_stable_document_and_nothing_else(run: Run, data: str) -> None:
    result = run("--data", data, "show", "--year", "1965", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    document = json.loads(result.stdout)
    assert set(document) == {"kjtimeline", "filters", "count", "total", "events", "sources"}
    assert document["filters"] == {"years": [1965]}
    assert document["count"] == 1
    (event,) = document["events"]
    assert event["id"] == "normalization" and event["era"] == "late" and event["precision"] == "day"
    assert event["key_dates"] == [{"label": "in force", "date": "1965-12-18"}]
    assert document["sources"]["src-a"]["url"] == "https://example.org/a"


def test_year_matches_partial_dates_and_spans(run: Run, data: str) -> None:
    def ids(*args: str) -> list[str]:
        return [e["id"] for e in json.loads(run("--data", data, "show", "--json", *args).stdout)["events"]]

    assert ids("--year", "1998") == ["month-only", "declaration"]
    assert ids("--year", "1920") == ["colonial-rule"]
    assert ids("--from", "1998-10-08") == ["month-only", "declaration"]
    assert ids("--from", "1946", "--to", "1998-09") == ["normalization"]
    assert ids("--topic", "territory") == ["colonial-rule", "month-only"]
    assert ids("--topic", "territory", "--topic", "diplomacy", "--year", "1998") == ["month-only", "declaration"]


def test_nothing_matching_is_not_an_error(run: Run, data: str) -> None:
    result = run("--data", data, "show", "--year", "1800", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["events"] == []
    assert run("--data", data, "show", "--year", "1800").stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "--from", "2000", "--to", "1990"], "--from 2000 is after --to 1990"),
        (
            ["show", "--topic", "diplomcy"],
            "unknown topic 'diplomcy'; did you mean 'diplomacy'? (valid: diplomacy, territory)",
        ),
        (["show", "--from", "2025-02-30"], "February 2025 has 28 days"),
        (["show", "--to", "1910-13"], "there is no month 13"),
    ],
)
def test_bad_filters_give_one_line_and_exit_2(run: Run, data: str, args: list[str], message: str) -> None:
    result = run("--data", data, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("kjtimeline: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_unusable_data_gives_one_line_and_exit_2(run: Run, write_dataset: Callable[..., Path]) -> None:
    result = run("--data", str(write_dataset(raw=b'{"events": [')), "show")
    assert result.exit_code == 2
    assert result.stderr.startswith("kjtimeline: error: ") and "line 1 column" in result.stderr
    assert result.stderr.count("\n") == 1


def test_environment_variable_points_at_a_dataset(run: Run, data: str) -> None:
    result = run("show", "--json", env={"KJTIMELINE_DATA": data})
    assert json.loads(result.stdout)["count"] == 5


def test_version(run: Run) -> None:
    from kjtimeline import __version__

    assert run("--version").stdout == f"kjtimeline {__version__}\n"


def test_help_shows_examples(run: Run) -> None:
    result = run("show", "--help")
    assert result.exit_code == 0
    assert "kjtimeline show --year 1965 --json" in result.stdout


@pytest.mark.parametrize("fields", ["", "id,,title", "id,nope"])
def test_empty_or_unknown_fields_list_the_valid_ones(run: Run, data: str, fields: str) -> None:
    result = run("--data", data, "show", "--json", "--fields", fields)
    assert result.exit_code == 2
    assert "valid fields: id, start, end" in result.stderr


@pytest.mark.parametrize("output_format", ["plain", "json", "jsonl", "csv", "markdown"])
def test_fields_choose_the_columns_of_every_format(run: Run, data: str, output_format: str) -> None:
    result = run("--data", data, "show", "--year", "1965", "--format", output_format, "--fields", "id,kind")
    assert result.exit_code == 0
    assert "normalization" in result.stdout and "treaty" in result.stdout
    assert "Title normalization" not in result.stdout
