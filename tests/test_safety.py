"""Hostile text in any field: nothing crashes, nothing steers the terminal, nothing is lost.

Datasets are generated with Rich markup, ANSI and OSC escapes, other control characters,
bidirectional overrides, zero-width characters, combining marks, CJK, emoji and long strings in
every text field, then put through every command and format.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from conftest import mini
from kjtimeline.cli import app
from kjtimeline.formats import EXPORT_FORMATS, FORMATS
from kjtimeline.text import visible

runner = CliRunner()

NASTY_PIECES = [
    "[bold red]", "[/]", "[link=https://evil.example]x[/link]", "[", "]", ":warning:", "[sic]",
    "\x1b[31m", "\x1b]8;;https://evil.example\x1b\\", "\x1b]0;title\x07", "\x9b2J", "\x07", "\x08", "\r", "\t", "\n",
    "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "e\u0301", "한국어", "日本語", "🇰🇷🇯🇵", "👩‍👩‍👧",
    "=1+1", "+cmd", "-2", "@SUM(A1)", "<script>document.body.setAttribute('data-pwned','1')</script>",
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">", "**bold**", "`code`", "# heading",
    "| pipe |", "&amp;", "\\", '"', "'",
]  # fmt: skip
nasty_text = st.lists(st.sampled_from(NASTY_PIECES) | st.text(min_size=1, max_size=5), min_size=1, max_size=6).map(
    "".join
)

TERMINAL_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")


def write(tmp_path: Path, document: dict[str, Any]) -> str:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return str(path)


def hostile_dataset(text: Callable[[], str]) -> dict[str, Any]:
    """The mini dataset with every human-readable text replaced by hostile text."""
    document = mini()
    for event in document["events"]:
        event["title"] = {"en": text(), "ko": text(), "ja": text()}
        event.update(summary=text(), significance=text(), facts=[text()], places=[text()], date_note=text())
        event["key_dates"] = [{"label": text(), "date": "1999"}]
    for record in document["topics"] + document["eras"]:
        record["name"] = {"en": text(), "ko": text(), "ja": text()}
        record["description"] = text()
    for person in document["people"]:
        person["name"] = {"en": text(), "ko": text(), "ja": text()}
        person["offices"][0]["title"] = text()
    for quote in document["quotes"]:
        quote.update(text=text(), attribution=text(), occasion=text(), note=text(), translation=text())
    for source in document["sources"]:
        source.update(title=text(), publisher=text())
    document["title"] = text()
    return document


def only_terminal_codes_we_made(output: str) -> str:
    """Output with Rich's own colour and hyperlink codes removed; nothing else may steer a terminal."""
    rest = TERMINAL_SEQUENCES.sub("", output)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", rest), repr(rest[:300])
    return rest


COMMANDS = [
    ["show"], ["show", "--lang", "ko"], ["event", "normalization"], ["search", "a"], ["quotes"], ["people"],
    ["person", "kim"], ["leaders", "--at", "2000"], ["topics"], ["tags"], ["eras"], ["stats"],
    ["anniversaries", "2015"], ["on", "06-22"],
]  # fmt: skip


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_every_command_survives_hostile_text(tmp_path: Path, data: st.DataObject) -> None:
    path = write(tmp_path, hostile_dataset(lambda: data.draw(nasty_text)))
    for command in COMMANDS:
        for env in ({"FORCE_COLOR": "1", "COLUMNS": "90"}, {"NO_COLOR": "1"}):
            result = runner.invoke(
                app,
                [
                    "--data",
                    path,
                    *command,
                    "--no-pager" if command[0] in ("show", "event", "person", "quotes", "stats") else "--lang",
                    *([] if command[0] in ("show", "event", "person", "quotes", "stats") else ["en"]),
                ],
                env=env,
            )
            assert result.exit_code == 0, (command, result.stderr, result.exception)
            assert "Traceback" not in result.stdout + result.stderr
            only_terminal_codes_we_made(result.stdout)
        as_json = runner.invoke(app, ["--data", path, *command, "--json"])
        assert as_json.exit_code == 0, (command, as_json.stderr)
        json.loads(as_json.stdout)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_hostile_text_reaches_the_user_exactly(tmp_path: Path, data: st.DataObject) -> None:
    title = data.draw(nasty_text.filter(lambda t: t.strip() != ""))
    document = mini()
    document["events"][2]["title"]["en"] = title
    path = write(tmp_path, document)
    # JSON: exactly the same string.
    shown = json.loads(runner.invoke(app, ["--data", path, "event", "normalization", "--json"]).stdout)
    assert shown["event"]["title"]["en"] == title
    # Terminal and plain: the same text, with controls written as visible escapes.
    wide = runner.invoke(
        app, ["--data", path, "event", "normalization", "--no-pager"], env={"FORCE_COLOR": "1", "COLUMNS": "3000"}
    )
    rendered = only_terminal_codes_we_made(wide.stdout)

    def squash(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()

    assert squash(visible(title)) in squash(rendered)
    plain = runner.invoke(app, ["--data", path, "event", "normalization"]).stdout
    assert f"title_en\t{visible(title)}\n" in plain


@pytest.mark.parametrize(
    "text", ["He said it [sic] twice", ":warning: careful", "broken [/] markup", "[bold red]not bold[/]"]
)
def test_markup_and_emoji_codes_are_shown_as_typed(run: Callable[..., Any], tmp_path: Path, text: str) -> None:
    document = mini()
    document["quotes"][0]["text"] = text
    document["events"][3]["title"]["en"] = text
    data = write(tmp_path, document)
    for command in (["quotes"], ["event", "declaration"], ["show"]):
        result = run("--data", data, *command, "--no-pager", env={"FORCE_COLOR": "1", "COLUMNS": "200"})
        assert result.exit_code == 0
        assert text in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)


def test_search_highlighting_takes_the_query_literally(run: Callable[..., Any], tmp_path: Path) -> None:
    document = mini()
    document["events"][0]["title"]["en"] = "Brackets [bold] and (parens) .*"
    data = write(tmp_path, document)
    for query in ("[bold]", ".*", "(parens"):
        result = run("--data", data, "search", query, env={"FORCE_COLOR": "1"})
        assert result.exit_code == 0 and "Brackets" in result.stdout


@pytest.mark.parametrize("danger", ['=HYPERLINK("http://evil","x")', "+1", "-1+2", "@SUM(1)", "\tx", "\rx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralized(
    run: Callable[..., Any], tmp_path: Path, danger: str
) -> None:
    document = mini()
    document["events"][0]["title"]["en"] = danger
    document["events"][0]["summary"] = danger
    data = write(tmp_path, document)
    for args in (["show", "--format", "csv"], ["export", "--format", "csv"]):
        rows = list(csv.DictReader(io.StringIO(run("--data", data, *args).stdout)))
        row = next(r for r in rows if r["id"] == "annexation")
        # A tab or carriage return is shown as an escape, which no spreadsheet runs.
        expected = "'" + danger if danger[0] not in "\t\r" else visible(danger)
        assert row["title_en"] == expected
        assert row["summary"] == expected


def test_markdown_output_renders_as_the_literal_text(run: Callable[..., Any], tmp_path: Path) -> None:
    document = mini()
    hostile = "**bold** [link](http://evil) <b>tag</b> `code` # not heading"
    document["events"][3]["title"]["en"] = hostile
    document["events"][3]["summary"] = "- not a list item"
    data = write(tmp_path, document)
    for args in (["show", "--format", "markdown", "--fields", "id,title,summary"], ["export", "--format", "markdown"]):
        html = MarkdownIt("commonmark").enable("table").render(run("--data", data, *args).stdout)
        assert "**bold** [link](http://evil) &lt;b&gt;tag&lt;/b&gt; `code` # not heading" in html, args
        assert "- not a list item" in html and "<li>not a list item" not in html, args
        for made_by_data in ("<b>", "<code>", 'href="http://evil"', "<strong>bold</strong>"):
            assert made_by_data not in html, (args, made_by_data)


@pytest.mark.slow
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_json_export_round_trips_hostile_text_exactly(tmp_path: Path, data: st.DataObject) -> None:
    from kjtimeline.load import load

    source = write(tmp_path, hostile_dataset(lambda: data.draw(nasty_text)))
    target = tmp_path / "out.json"
    result = runner.invoke(app, ["--data", source, "export", "--format", "json", "--output", str(target), "--force"])
    assert result.exit_code == 0, result.stderr
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    assert load([target]) == load([Path(source)])


def package_tables(path: Path) -> dict[str, list[list[str]]]:
    """Every CSV table in a zipped data package, parsed (frictionless itself is too slow for Hypothesis)."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: list(csv.reader(io.TextIOWrapper(archive.open(name), "utf-8", newline="")))
            for name in archive.namelist()
            if name.endswith(".csv")
        }


@pytest.mark.slow
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_every_export_format_survives_hostile_text_and_parses(tmp_path: Path, data: st.DataObject) -> None:
    import sqlite3

    import icalendar

    document = hostile_dataset(lambda: data.draw(nasty_text))
    source = write(tmp_path, document)
    readers: dict[str, Callable[[Path], object]] = {  # the real consumer of each format, where there is one
        "json": lambda p: json.loads(p.read_text("utf-8")),
        # JSON Lines are separated by "\n" only (str.splitlines would also split at U+2028, U+0085…)
        "jsonl": lambda p: [json.loads(line) for line in p.read_text("utf-8").split("\n") if line],
        "csv": lambda p: list(csv.reader(io.StringIO(p.read_text("utf-8")))),
        "markdown": lambda p: MarkdownIt("commonmark").render(p.read_text("utf-8")),
        "ics": lambda p: icalendar.Calendar.from_ical(p.read_bytes()).walk("VEVENT"),
        "timelinejs": lambda p: json.loads(p.read_text("utf-8"))["events"],
        "html": lambda p: p.read_text("utf-8"),
        "svg": lambda p: ElementTree.fromstring(p.read_bytes()).tag.endswith("svg"),
        "plover": lambda p: [json.loads(line) for line in p.read_text("utf-8").split("\n") if line],
        "sqlite": lambda p: sqlite3.connect(p).execute("SELECT title_en FROM events").fetchall(),
        "datapackage": package_tables,
    }
    exported = {name: tmp_path / f"out-{name}{FORMATS[name].extension}" for name in EXPORT_FORMATS}
    for name, target in exported.items():
        result = runner.invoke(app, ["--data", source, "export", "--format", name, "--output", str(target), "--force"])
        assert result.exit_code == 0, (name, result.stderr)
        assert target.stat().st_size > 0, name
        if name in readers:
            assert readers[name](target), name
    titles = {e["title"]["en"] for e in document["events"]}
    database = sqlite3.connect(exported["sqlite"])
    assert {row[0] for row in database.execute("SELECT title_en FROM events")} == titles
    calendar_titles = {
        str(e["summary"]) for e in icalendar.Calendar.from_ical(exported["ics"].read_bytes()).walk("VEVENT")
    }
    # icalendar writes a literal backslash before "N" as the line-break escape "\\n", so "\\N" reads back
    # as a line break (icalendar 7); every other character survives.
    assert calendar_titles == {visible(t, keep_newlines=True).replace("\\N", "\n") for t in titles}
