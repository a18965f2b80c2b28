"""The question commands on the real dataset: terminal view at a fixed width, plain, and JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]
TERMINAL = {"FORCE_COLOR": "1", "COLUMNS": "100"}


def strip(text: str) -> str:
    """Terminal output without colour or hyperlink escapes."""
    return re.sub(r"\x1b\]8;[^\x1b]*\x1b\\|\x1b\[[0-9;]*m", "", text)


def as_json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_event_card_shows_everything_a_reader_needs(run: Run) -> None:
    result = run("event", "1965-treaty-on-basic-relations", "--no-pager", env=TERMINAL)
    assert result.exit_code == 0
    card = strip(result.stdout)
    for expected in ("Treaty on Basic Relations", "한일기본조약", "日韓基本条約", "1965-06-22", "1965-12-18",
                     "Summary", "Why it matters", "Key facts", "Sources", "https://"):  # fmt: skip
        assert expected in card
    assert max(len(line) for line in card.splitlines()) <= 100


def test_event_json_carries_people_quotes_related_and_sources(run: Run) -> None:
    document = as_json(run, "event", "2025-tokyo-summit")
    assert document["event"]["start"] == "2025-08-23"
    assert {p["id"] for p in document["people"]} >= {"lee-jae-myung", "shigeru-ishiba"}
    assert any(q["text"] == "optimal partners" for q in document["quotes"])
    assert "2025-g7-lee-ishiba-meeting" in document["related"]["before"]
    assert all(source["url"].startswith("http") for source in document["sources"].values())


def test_unknown_event_offers_the_closest_ids(run: Run) -> None:
    result = run("event", "1965-treaty-basic-relations")
    assert result.exit_code == 2
    assert "unknown event '1965-treaty-basic-relations'; did you mean '1965-treaty-on-basic-relations'" in result.stderr


def test_event_piped_is_key_tab_value(run: Run) -> None:
    lines = run("event", "2015-comfort-women-agreement").stdout.splitlines()
    assert lines[0] == "id\t2015-comfort-women-agreement"
    assert "date\t2015-12-28" in lines
    assert all("\t" in line for line in lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dokdo", "2012-lee-myung-bak-dokdo-visit"),
        ("독도", "2012-lee-myung-bak-dokdo-visit"),
        ("竹島", "2005-takeshima-day-ordinance"),
        ("optimal partners", "2025-lee-optimal-partners"),
        ("김대중", "kim-dae-jung"),
    ],
)
def test_search_finds_events_quotes_and_people_in_any_language(run: Run, text: str, expected: str) -> None:
    results = as_json(run, "search", text)["results"]
    assert expected in [r["id"] for r in results]
    assert results == sorted(results, key=lambda r: -r["score"])


def test_search_highlights_the_match_in_a_terminal(run: Run) -> None:
    result = run("search", "Takeshima Day", env=TERMINAL)
    assert "\x1b[1;30;43mTakeshima\x1b[0m" in result.stdout
    assert "2005-takeshima-day-ordinance" in strip(result.stdout)


def test_quotes_filter_by_speaker_event_year_and_text(run: Run) -> None:
    lee = as_json(run, "quotes", "--speaker", "lee-jae-myung")["quotes"]
    assert lee and all("lee-jae-myung" in q["speakers"] for q in lee)
    summit = as_json(run, "quotes", "--event", "2025-tokyo-summit", "--text", "partners")["quotes"]
    assert {q["id"] for q in summit} == {"2025-joint-statement-as-partners", "2025-lee-optimal-partners"}
    assert all(q["date"].startswith("1998") for q in as_json(run, "quotes", "--year", "1998")["quotes"])


def test_quotes_render_as_attributed_blocks(run: Run) -> None:
    text = strip(run("quotes", "--speaker", "shigeru-ishiba", "--no-pager", env=TERMINAL).stdout)
    assert "“Peace and stability are not to be taken for granted" in text
    assert "— Shigeru Ishiba, Prime Minister of Japan" in text


def test_people_and_person(run: Run) -> None:
    prime_ministers = as_json(run, "people", "--office", "jpn-prime-minister")["people"]
    assert {"shigeru-ishiba", "sanae-takaichi", "shigeru-yoshida"} <= {p["id"] for p in prime_ministers}
    person = as_json(run, "person", "kim-dae-jung")
    assert person["name"]["ko"] == "김대중"
    assert "1998-joint-declaration" in person["events"]
    card = strip(run("person", "shigeru-ishiba", "--no-pager", env=TERMINAL).stdout)
    assert "石破茂" in card and "Prime Minister of Japan" in card


def test_people_are_found_the_way_they_are_typed(run: Run) -> None:
    for typed in ("ishiba", "Shigeru Ishiba", "石破茂", "SHIGERU-ISHIBA"):
        result = run("person", typed, "--json")
        assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "shigeru-ishiba", typed
    result = run("person", "ishba")
    assert result.exit_code == 2 and "shigeru-ishiba" in result.stderr


@pytest.mark.parametrize(
    ("at", "korea", "japan"),
    [
        ("2015-12-28", {"park-geun-hye"}, {"shinzo-abe"}),
        ("1998-10-08", {"kim-dae-jung"}, {"keizo-obuchi"}),
        ("2025-08-23", {"lee-jae-myung"}, {"shigeru-ishiba"}),
        ("1965-06-22", {"park-chung-hee"}, {"eisaku-sato"}),
    ],
)
def test_leaders_on_a_day(run: Run, at: str, korea: set[str], japan: set[str]) -> None:
    rows = as_json(run, "leaders", "--at", at)["leaders"]
    assert {r["id"] for r in rows if r["office"] == "kor-president"} == korea
    assert {r["id"] for r in rows if r["office"] == "jpn-prime-minister"} == japan


def test_leaders_in_a_year_lists_everyone_who_served(run: Run) -> None:
    rows = as_json(run, "leaders", "--at", "2025")["leaders"]
    ids = {r["id"] for r in rows}
    assert {"choi-sang-mok", "lee-jae-myung", "shigeru-ishiba", "sanae-takaichi"} <= ids


def test_leaders_rejects_impossible_dates(run: Run) -> None:
    result = run("leaders", "--at", "2025-02-30")
    assert result.exit_code == 2 and "February 2025 has 28 days" in result.stderr


def test_facets_count_events(run: Run) -> None:
    shown = as_json(run, "show")["count"]
    eras = as_json(run, "eras")["eras"]
    assert sum(e["count"] for e in eras) == shown
    topics = {t["id"]: t["count"] for t in as_json(run, "topics")["topics"]}
    assert topics["diplomacy"] == as_json(run, "show", "--topic", "diplomacy")["count"]
    tags = as_json(run, "tags", "--topic", "territory")["tags"]
    assert tags[0]["count"] >= tags[-1]["count"]


def test_stats_bars_and_json(run: Run) -> None:
    figures = as_json(run, "stats")
    assert sum(row["count"] for row in figures["by_decade"]) == figures["count"]
    assert [row["tone"] for row in figures["by_tone"]] == [
        "verbal-cooperation",
        "material-cooperation",
        "verbal-conflict",
        "material-conflict",
    ]
    drawn = strip(run("stats", "--no-pager", env=TERMINAL).stdout)
    assert "By decade" in drawn and "1960s" in drawn and "█" in drawn


def test_anniversaries_2025_include_liberation_and_normalization(run: Run) -> None:
    rows = as_json(run, "anniversaries", "2025")["events"]
    found = {row["id"]: row["anniversary"] for row in rows}
    assert found["1945-liberation"] == 80
    assert found["1965-treaty-on-basic-relations"] == 60
    assert all(n % 10 == 0 or n % 25 == 0 for n in found.values())


def test_on_a_day_in_any_year(run: Run) -> None:
    rows = as_json(run, "on", "08-15")["events"]
    assert {"1945-liberation", "1995-murayama-statement"} <= {row["id"] for row in rows}
    assert all(row["on"].endswith("-08-15") for row in rows)
    assert run("on", "02-30").exit_code == 2


def test_lang_shows_titles_in_korean_and_japanese(run: Run) -> None:
    assert "한일기본조약" in run("show", "--year", "1965", "--lang", "ko").stdout
    assert "日韓基本条約" in run("show", "--year", "1965", "--lang", "ja").stdout


def test_reverse_limit_gives_the_newest_first(run: Run) -> None:
    newest = as_json(run, "show", "--reverse", "--limit", "3")["events"]
    everything = as_json(run, "show")["events"]
    assert [e["id"] for e in newest] == [e["id"] for e in everything[::-1][:3]]


@pytest.mark.parametrize(
    "command",
    [
        "show",
        "event",
        "search",
        "quotes",
        "people",
        "person",
        "leaders",
        "topics",
        "tags",
        "eras",
        "stats",
        "anniversaries",
        "on",
        "export",
        "schema",
        "validate",
    ],
)
def test_every_command_has_help_with_examples(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and f"kjtimeline {command}" in result.stdout


def test_the_command_table_names_every_command_once_and_only_where_it_lives() -> None:
    """Commands are imported on demand through `COMMANDS`: one missing there could never be run."""
    import importlib

    from typer.main import get_command_name

    from kjtimeline.cli import COMMANDS

    defined = {}
    for module in set(COMMANDS.values()):
        for info in importlib.import_module(f"kjtimeline.cli.{module}").commands.registered_commands:
            defined[info.name or get_command_name(info.callback.__name__)] = module
    assert defined == COMMANDS


def test_the_main_help_summaries_are_the_commands_own_first_lines() -> None:
    """The main `--help` lists commands from `SUMMARIES` without building them: each must match its command."""
    from typer.main import get_command

    from kjtimeline.cli import COMMANDS, app
    from kjtimeline.cli.help import SUMMARIES

    group = get_command(app)
    assert list(SUMMARIES) == list(COMMANDS)
    for name, summary in SUMMARIES.items():
        command = group.get_command(None, name)  # type: ignore[attr-defined]
        assert command.help.split("\n\n")[0] == summary, name


START_UP_AVOIDS = ("rich", "pydantic", "kjtimeline.checks", "kjtimeline.cli.explore")
"""Modules a call imports only when it needs them."""
DECLARING_AVOIDS = (
    "kjtimeline.load", "kjtimeline.decode", "kjtimeline.views", "kjtimeline.explore", "kjtimeline.cli.output",
    "kjtimeline.formats._chart", "zipfile", "csv", "tempfile", "rich", "pydantic", "kjtimeline.models", "msgspec",
)  # fmt: skip
"""What building a command for its `--help` has no use for: the data and its records, the views, the writers."""


def _imported_by(*args: str, avoided: tuple[str, ...] = START_UP_AVOIDS) -> tuple[str, list[str]]:
    """A call's output, and which of the `avoided` modules it imported (a fresh interpreter)."""
    import subprocess
    import sys

    script = (
        "import sys; from kjtimeline.cli import app\n"
        "try: app(sys.argv[1:], prog_name='kjtimeline')\n"
        "except SystemExit: pass\n"
        f"avoided = {avoided!r}\n"
        "print(sorted(m for m in sys.modules if m in avoided), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return done.stdout, done.stderr.splitlines()[-1:]


def test_help_is_drawn_without_rich_and_keeps_panels_and_examples_as_written() -> None:
    """`--help` must stay cheap: no Rich, and the main help builds no command."""
    main, imported = _imported_by("--help")
    assert imported == ["[]"] and "Commands:" in main
    show, imported = _imported_by("show", "--help")
    assert imported == ["['kjtimeline.cli.explore']"]
    assert "Filters:" in show and "Output:" in show and "[bold]" not in show
    assert "  kjtimeline show --tag comfort-women --exclude-topic law --format csv > comfort-women.csv\n" in show


@pytest.mark.parametrize(
    "args",
    [("show", "--year", "1965", "--json"), ("event", "2025-tokyo-summit", "--json"), ("search", "독도", "--json")],
)
def test_a_json_call_on_the_bundled_data_needs_no_validator_terminal_or_standard_json(args: tuple[str, ...]) -> None:
    """The bundled dataset is known by its checksum and decoded by msgspec, which writes indented JSON too."""
    shown, imported = _imported_by(*args, avoided=("pydantic", "rich", "json", "kjtimeline.checks"))
    assert imported == ["[]"] and shown.lstrip().startswith(("[", "{"))


@pytest.mark.parametrize("command", ["show", "cite", "on", "export", "validate"])
def test_a_command_help_builds_the_command_without_data_views_or_writers(command: str) -> None:
    """`CMD --help` declares the options (their choices read from the registries) and nothing else.

    `export --help` tabulates every export format, whose modules name the record types."""
    avoided = tuple(m for m in DECLARING_AVOIDS if command != "export" or m not in ("kjtimeline.models", "msgspec"))
    shown, imported = _imported_by(command, "--help", avoided=avoided)
    assert imported == ["[]"] and "Examples" in shown


def test_an_export_to_a_file_imports_only_its_own_writer(tmp_path: Path) -> None:
    """Other formats' writers stay unloaded (the temporary file beside the target is `tempfile.mkstemp`'s)."""
    _, imported = _imported_by(
        "export", "--format", "csv", "-o", str(tmp_path / "x.csv"), avoided=("zipfile", "sqlite3", "rich")
    )
    assert imported == ["[]"] and (tmp_path / "x.csv").read_text("utf-8").startswith("id,")


def test_a_call_on_the_bundled_data_neither_validates_nor_draws() -> None:
    """The bundled dataset is the validated file: no pydantic, no checks; JSON output needs no Rich."""
    output, imported = _imported_by("show", "--year", "1965", "--json")
    assert imported == ["['kjtimeline.cli.explore']"] and json.loads(output)["events"]


def test_the_main_help_lists_every_command_and_a_typo_gets_a_suggestion(run: Run) -> None:
    from kjtimeline.cli import COMMANDS

    listed = run("--help", env={"COLUMNS": "120"}).stdout
    assert all(f" {name} " in listed for name in COMMANDS)
    result = run("shwo")
    assert result.exit_code == 2 and "Did you mean 'show'?" in result.stderr


@pytest.mark.parametrize(
    ("command", "default"),
    [
        ("show", "[default: table in a terminal, plain when piped]"),
        ("event", "[default: table in a terminal"),
        ("leaders", "[default: today]"),
    ],
)
def test_defaults_written_in_brackets_survive_rich_markup(run: Run, command: str, default: str) -> None:
    listed = " ".join(run(command, "--help", env={"COLUMNS": "200"}).stdout.split())
    assert default in listed


def test_empty_results_are_not_errors(run: Run) -> None:
    assert as_json(run, "search", "zzzz-nothing")["results"] == []
    assert as_json(run, "quotes", "--text", "zzzz-nothing")["quotes"] == []


def test_leaders_default_to_today(run: Run) -> None:
    rows = as_json(run, "leaders")["leaders"]
    assert {r["office"] for r in rows} == {"kor-president", "jpn-prime-minister"}


def test_leaders_after_the_records_end_say_so(run: Run) -> None:
    result = run("leaders", "--at", "2030")
    assert result.exit_code == 0
    assert "the dataset's records end on 2026-" in result.stderr
    assert run("leaders", "--at", "2015").stderr == ""
