"""The SQLite export as its consumers see it: sqlite-utils, Datasette (in process and through `kjtimeline serve`)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_type_hints

import pytest
import sqlite_utils
from typer.testing import CliRunner

from conftest import REPO, event, mini
from kjtimeline.cli import app
from kjtimeline.codes import LANGUAGES
from kjtimeline.formats.sqlite import FTS_COLUMNS, MAX_GRAM, searchable
from kjtimeline.load import load_bundled
from kjtimeline.models import Event

Run = Callable[..., Any]


def export(run: Run, tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "kj.db"
    result = run("export", "--format", "sqlite", "--output", str(target), *args)
    assert result.exit_code == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dataset exported once (with Korean labels) for the tests that only read it."""
    target = tmp_path_factory.mktemp("bundled") / "kjtimeline.db"
    result = CliRunner().invoke(app, ["export", "--format", "sqlite", "--lang", "ko", "--output", str(target)])
    assert result.exit_code == 0, result.output
    return target


def found(database: Path, words: str) -> set[str]:
    """The ids sqlite-utils' search finds (the command line's `sqlite-utils search` runs the same)."""
    return {row["id"] for row in sqlite_utils.Database(database).table("events").search(words, columns=["id"])}


def datasette_get(database: Path, path: str) -> Any:
    """A JSON page of Datasette's API for the database and the metadata written beside it."""
    from datasette.app import Datasette

    metadata = json.loads(database.with_name(f"{database.stem}.metadata.json").read_text("utf-8"))
    datasette = Datasette([str(database)], metadata=metadata)
    response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200, response.text
    return response.json()


def test_sqlite_utils_finds_two_character_korean_and_japanese_words(bundled: Path) -> None:
    assert sqlite_utils.Database(bundled).table("events").detect_fts() == "events_fts"
    command = [sys.executable, "-m", "sqlite_utils", "search", str(bundled), "events", "竹島", "-c", "id", "--csv"]
    printed = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout.split()
    assert printed[0] == "id" and set(printed[1:]) == found(bundled, "竹島")
    assert {"1905-takeshima-incorporation-cabinet-decision", "1951-rusk-letter"} <= found(bundled, "竹島")
    dokdo = found(bundled, "독도")
    assert "1954-korean-coast-guard-dokdo-takeshima" in dokdo  # 독도(다케시마)에: inside a longer run
    assert "1965-shiina-seoul-visit-treaty-initialled" in found(bundled, "한일기본조약")
    assert found(bundled, "日韓基本条約") & found(bundled, "한일기본조약")
    assert dokdo & found(bundled, "Dokdo") and found(bundled, "normalization")
    assert found(bundled, "독도 Rusk") == {"1951-rusk-letter"}  # every word, as Datasette asks too
    assert found(bundled, "독") == set()  # one character: too short (README says so)


def test_the_index_is_declared_as_sqlite_utils_declares_it(bundled: Path, tmp_path: Path) -> None:
    theirs = sqlite_utils.Database(tmp_path / "theirs.db")
    theirs.table("events").insert({column: "" for column in FTS_COLUMNS})
    theirs.table("events").enable_fts(FTS_COLUMNS, tokenize="unicode61 remove_diacritics 2")
    query = "SELECT sql FROM sqlite_master WHERE name = 'events_fts'"
    assert sqlite3.connect(bundled).execute(query).fetchone() == theirs.execute(query).fetchone()


def test_datasette_detects_the_index_and_searches_and_facets(bundled: Path) -> None:
    database = bundled
    words = urllib.parse.quote("竹島")
    page = datasette_get(database, f"/kjtimeline/events.json?_search={words}&_facet=era_id&_shape=objects&_size=max")
    ids = {row["id"] for row in page["rows"]}
    assert "1905-takeshima-incorporation-cabinet-decision" in ids and "events_fts" in page["query"]["sql"]
    facet = {item["value"]: item for item in page["facet_results"]["era_id"]["results"]}
    assert sum(item["count"] for item in facet.values()) == len(ids)
    assert all(item["label"] == item["value"] or "\uac00" <= item["label"][0] <= "\ud7a3" for item in facet.values())
    everything = datasette_get(database, "/kjtimeline/events.json?_facet=precision&_size=0")
    counts = {item["value"]: item["count"] for item in everything["facet_results"]["precision"]["results"]}
    assert set(counts) <= {"year", "month", "day"} and sum(counts.values()) == everything["filtered_table_rows_count"]
    topics = {item["value"]: item["count"] for item in everything["facet_results"]["topic_names_ko"]["results"]}
    territory = load_bundled().topics_by_id["territory"].name.ko
    filed = datasette_get(database, "/kjtimeline/event_topics.json?topic_id=territory&_size=0")
    assert topics[territory] == filed["filtered_table_rows_count"] > 0


def test_a_word_only_in_a_translation_is_found_by_datasette_and_sqlite_utils(
    run: Run, tmp_path: Path, write_dataset: Callable[..., Path]
) -> None:
    document = mini()
    translations = [
        {"lang": "ko", "summary": "어민들이 울릉도에서 항의했다.", "facts": ["사실"]},
        {"lang": "ja", "significance": "意義", "facts": ["隠岐漁民の抗議"]},
    ]
    document["events"].append(event("translated", "1953-07-12", facts=["A fact."], translations=translations))
    database = export(run, tmp_path, "--data", str(write_dataset(document)))
    row = (
        sqlite3.connect(database)
        .execute(
            "SELECT summary_ko, summary_ja, significance_ja, facts_ko, facts_ja FROM events WHERE id = 'translated'"
        )
        .fetchone()
    )
    assert row == ("어민들이 울릉도에서 항의했다.", None, "意義", '["사실"]', '["隠岐漁民の抗議"]')
    for words in ("울릉도", "어민", "漁民", "隠岐 抗議"):  # the Korean summary, the Japanese facts
        command = [sys.executable, "-m", "sqlite_utils", "search", str(database), "events", words, "-c", "id", "--csv"]
        printed = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout.split()
        assert printed == ["id", "translated"], words
        page = datasette_get(database, f"/kj/events.json?_search={urllib.parse.quote(words)}&_shape=objects")
        assert [row["id"] for row in page["rows"]] == ["translated"], words
    assert found(database, "항의 Summary") == {"translated"} and found(database, "독도") == set()
    metadata = json.loads((tmp_path / "kj.metadata.json").read_text("utf-8"))
    described = metadata["databases"]["kj"]["tables"]["events"]["columns"]
    assert {f"{field}_{code}" for field in ("summary", "facts") for code in ("ko", "ja")} <= set(described)
    assert "events_fts" in page["query"]["sql"]


def test_partial_dates_have_their_first_and_last_days(
    run: Run, tmp_path: Path, write_dataset: Callable[..., Path]
) -> None:
    document = mini()
    document["events"].append(event("year-only", "1932", end="1933-02"))
    database = sqlite3.connect(export(run, tmp_path, "--data", str(write_dataset(document))))
    rows = database.execute(
        "SELECT id, precision, start_first_day, start_last_day, end_first_day, end_last_day, era_name_ja FROM events"
        " WHERE id IN ('year-only', 'month-only', 'annexation') ORDER BY start_first_day"
    ).fetchall()
    assert rows == [
        ("annexation", "day", "1910-08-29", "1910-08-29", None, None, "初期"),
        ("year-only", "year", "1932-01-01", "1932-12-31", "1933-02-01", "1933-02-28", "初期"),
        ("month-only", "month", "1998-10-01", "1998-10-31", None, None, "後期"),
    ]
    assert database.execute("SELECT strftime('%Y', start_first_day) FROM events WHERE id = 'year-only'").fetchone() == (
        "1932",
    )
    dated = database.execute("SELECT start_first_day, end_last_day FROM offices").fetchall()
    assert dated == [("1998-02-25", "2003-02-24")]


def test_views_join_the_names_in(bundled: Path) -> None:
    database = sqlite3.connect(bundled)
    database.row_factory = sqlite3.Row
    for view, link in [
        ("events_with_people", "event_people"),
        ("events_with_sources", "event_sources"),
        ("events_with_topics", "event_topics"),
        ("quotes_with_speakers", "quote_speakers"),
    ]:
        count = database.execute(f"SELECT count(*) FROM {link}").fetchone()[0]
        assert count and database.execute(f"SELECT count(*) FROM {view}").fetchone()[0] == count, view
    row = database.execute(
        "SELECT * FROM events_with_sources WHERE event_id = '1951-rusk-letter' AND kind = 'official'"
    ).fetchone()
    assert row["url"].startswith("http") and row["title_ko"] == "러스크 서한"
    names = database.execute("SELECT topic_name_en, topic_name_ko FROM events_with_topics").fetchall()
    assert all(en and ko for en, ko in names)
    assert all(
        name in {r[1] for r in database.execute("PRAGMA table_info(events_with_people)")}
        for name in (f"person_name_{code}" for code in LANGUAGES)
    )


def test_metadata_is_written_beside_the_file_only(run: Run, tmp_path: Path) -> None:
    database = export(run, tmp_path, "--lang", "ja")
    metadata = json.loads((tmp_path / "kj.metadata.json").read_text("utf-8"))
    assert metadata["title"].startswith("kjtimeline") and metadata["license"] == "CC-BY-4.0"
    assert metadata["license_url"] and metadata["source_url"] == "/kj/sources"
    tables = metadata["databases"]["kj"]["tables"]
    rule = get_type_hints(Event, include_extras=True)["aliases"].__metadata__[0]
    assert tables["events"]["columns"]["aliases"] == rule.description  # the models' Rule(description=...)
    assert tables["events"]["label_column"] == "title_ja" and tables["eras"]["label_column"] == "name_ja"
    assert "start_first_day" in tables["events"]["sortable_columns"] and "era_id" in tables["events"]["facets"]
    columns = {row[1] for row in sqlite3.connect(database).execute("PRAGMA table_info(events)")}
    assert set(tables["events"]["columns"]) <= columns and set(tables["events"]["sortable_columns"]) <= columns
    assert all(tables[name]["description"] for name in ("events", "events_with_people", "events_fts"))
    again = run("export", "--format", "sqlite", "--output", str(tmp_path / "again.db"))
    assert again.exit_code == 0 and (tmp_path / "again.metadata.json").exists()
    (tmp_path / "third.metadata.json").write_text("mine")
    refused = run("export", "--format", "sqlite", "--output", str(tmp_path / "third.db"))
    assert refused.exit_code == 2 and "already exists" in refused.stderr and not (tmp_path / "third.db").exists()
    assert (tmp_path / "third.metadata.json").read_text() == "mine"
    piped = run("export", "--format", "sqlite")
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"SQLite format 3\0")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "again.db", "again.metadata.json", "kj.db", "kj.metadata.json", "third.metadata.json",
    ]  # fmt: skip


def test_searchable_text_holds_every_short_piece_of_korean_and_japanese_runs() -> None:
    assert searchable("Dokdo (독도의) 竹島編入・ヘイト") == (
        "Dokdo (독도의) 竹島編入・ヘイト 독도 도의 竹島 島編 編入 竹島編 島編入 ヘイ イト"
    )
    assert searchable("plain English") == "plain English"
    long = "가" * (MAX_GRAM + 3)
    assert max(map(len, searchable(long).split())) == len(long) and f" {'가' * MAX_GRAM} " in searchable(long)


@pytest.mark.slow
def test_a_synthetic_thousand_events_export(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "big.json"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), "1000", str(data)], check=True, timeout=120
    )
    database = export(run, tmp_path, "--data", str(data))
    db = sqlite3.connect(database)
    assert db.execute("SELECT count(*) FROM events").fetchone() == (1000,)
    assert db.execute("SELECT count(*) FROM events_fts").fetchone() == (1000,)
    title = db.execute("SELECT id, title_ja FROM events WHERE rowid = 500").fetchone()
    assert title[0] in found(database, title[1][2:4])  # two characters from inside a run
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.execute("INSERT INTO events_fts(events_fts) VALUES('integrity-check')")  # raises if the index is damaged
    # Built without merging, then FTS5's default again, for whoever adds rows later:
    assert db.execute("SELECT v FROM events_fts_config WHERE k = 'automerge'").fetchone() == (4,)


def test_serve_without_datasette_says_how_to_get_it(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasette" else real(name, *a))
    result = run("serve")
    assert result.exit_code == 2
    assert result.stderr == "kjtimeline: error: serve needs Datasette: pip install 'kjtimeline[serve]'\n"


def test_serve_runs_datasette_on_localhost_and_reports_its_failure(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def datasette(command: list[str], check: bool) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        database, metadata = Path(command[4]), Path(command[6])
        assert sqlite3.connect(database).execute("SELECT count(*) FROM events").fetchone()[0] > 0
        assert json.loads(metadata.read_text("utf-8"))["databases"]["kjtimeline"]["tables"]["events"]
        return subprocess.CompletedProcess(command, 3)

    monkeypatch.setattr(subprocess, "run", datasette)
    result = run("serve", "--port", "8123")
    assert calls[0][1:4] == ["-m", "datasette", "serve"] and calls[0][5] == "--metadata"
    assert calls[0][7:] == ["--host", "127.0.0.1", "--port", "8123"]
    assert not Path(calls[0][4]).exists()  # the folder is removed when Datasette stops
    assert result.exit_code == 2 and result.stderr.splitlines() == [
        f"kjtimeline: serving {len(load_bundled().events)} events at http://127.0.0.1:8123/kjtimeline (Ctrl-C stops)",
        "kjtimeline: error: Datasette stopped with exit code 3 (its message is above)",
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get_json(url: str, deadline: float) -> Any:
    """Poll until the server answers (it builds the database first), then return the page."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.slow
def test_serve_runs_datasette_with_search_and_facets(tmp_path: Path) -> None:
    port = _free_port()
    environment = {**os.environ, "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "kjtimeline", "serve", "--port", str(port), "--topic", "territory", "--lang", "ko"]
    server = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}/kjtimeline"
        words = urllib.parse.quote("독도")
        page = _get_json(f"{base}/events.json?_search={words}&_facet=era_id&_shape=objects", time.monotonic() + 60)
        assert "1954-korean-coast-guard-dokdo-takeshima" in {row["id"] for row in page["rows"]}
        eras = page["facet_results"]["era_id"]["results"]
        assert eras and sum(era["count"] for era in eras) == page["filtered_table_rows_count"]
        metadata = _get_json(f"http://127.0.0.1:{port}/-/metadata.json", time.monotonic() + 10)
        assert metadata["license"] == "CC-BY-4.0"
        assert list(tmp_path.glob("kjtimeline-serve-*/kjtimeline.db"))
    finally:
        server.send_signal(signal.SIGTERM)
        _, stderr = server.communicate(timeout=30)
    assert server.returncode == 128 + signal.SIGTERM, stderr
    assert f"at http://127.0.0.1:{port}/kjtimeline" in stderr
    assert list(tmp_path.iterdir()) == []  # the database and its folder are gone
