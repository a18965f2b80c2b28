"""Every export format, made from the real dataset and read back by its real consumer."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, get_args

import pytest

import kjtimeline.formats.csv as csv_format
from conftest import REPO
from kjtimeline.codes import PLOVER_QUADS, PLOVER_VERSION, TONES, PloverType
from kjtimeline.load import load, load_bundled
from kjtimeline.models import Dataset

Run = Callable[..., Any]


def export(run: Run, tmp_path: Path, fmt: str, *args: str) -> Path:
    target = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "--output", str(target), *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return target


def test_json_export_is_a_dataset_that_validates_and_round_trips(run: Run, tmp_path: Path) -> None:
    import jsonschema

    target = export(run, tmp_path, "json")
    document = json.loads(target.read_text("utf-8"))
    schema = json.loads((REPO / "schema" / "kjtimeline.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert load([target]) == load_bundled()
    assert run("validate", str(target)).exit_code == 0


def test_filtered_json_export_is_self_contained(run: Run, tmp_path: Path) -> None:
    target = export(run, tmp_path, "json", "--year", "2025")
    reloaded = load([target])
    assert reloaded.events and all(
        e.start.startswith("2025") or (e.end or "").startswith("2025") for e in reloaded.events
    )
    assert {q.event for q in reloaded.quotes} <= {e.id for e in reloaded.events}


def test_jsonl_is_one_event_a_line(run: Run, tmp_path: Path) -> None:
    lines = export(run, tmp_path, "jsonl").read_text("utf-8").splitlines()
    assert len(lines) == len(load_bundled().events)
    assert json.loads(lines[0])["id"] == load_bundled().events[0].id


def test_csv_opens_as_a_table_with_one_row_an_event(run: Run, tmp_path: Path) -> None:
    with export(run, tmp_path, "csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == len(load_bundled().events)
    first = rows[0]
    assert {"id", "start", "title_en", "title_ko", "title_ja", "topics", "sources", "source_urls", "era"} <= set(first)
    treaty = next(r for r in rows if r["id"] == "1965-treaty-on-basic-relations")
    assert treaty["title_ko"] == "한일기본조약 체결" and treaty["topics"] == '["diplomacy","law"]'


def test_csv_lists_read_back_as_the_lists_they_were_written_from(run: Run, tmp_path: Path) -> None:
    """Lists are JSON arrays in their cells: a fact that contains "; " stays one fact."""
    data = load_bundled()
    with export(run, tmp_path, "csv").open(encoding="utf-8", newline="") as stream:
        rows = {row["id"]: row for row in csv.DictReader(stream)}
    assert any("; " in fact for event in data.events for fact in event.facts)  # what joining with "; " broke
    lists = ("topics", "tags", "people", "places", "related", "facts", "sources", "aliases")
    for event in data.events:
        row = rows[event.id]
        for name in lists:
            assert json.loads(row[name]) == list(getattr(event, name)), (event.id, name)
        key_dates = [{"label": key.label, "date": key.date} for key in event.key_dates]
        assert json.loads(row["key_dates"]) == key_dates, event.id
        assert json.loads(row["source_urls"]) == [data.sources_by_id[s].url for s in event.sources]


def test_csv_for_excel_starts_with_a_byte_order_mark(run: Run, tmp_path: Path) -> None:
    plain = export(run, tmp_path, "csv", "--year", "1965").read_bytes()
    target = tmp_path / "excel.csv"
    assert run("export", "--format", "csv", "--year", "1965", "--excel", "-o", str(target)).exit_code == 0
    for_excel = target.read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf") and for_excel == b"\xef\xbb\xbf" + plain
    assert for_excel.startswith(b"\xef\xbb\xbfid,start,") and for_excel.endswith(b"\r\n")  # RFC 4180 line ends
    assert run("export", "--format", "csv", "--year", "1965", "--excel").stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(for_excel.decode("utf-8-sig").splitlines()))
    assert rows[0]["id"] and "한" in "".join(r["title_ko"] for r in rows)
    refused = run("export", "--format", "json", "--excel")
    assert refused.exit_code == 2 and "--excel is for csv, not json" in refused.stderr


def test_markdown_chronology_has_era_headings_and_source_links(run: Run, tmp_path: Path) -> None:
    text = export(run, tmp_path, "markdown").read_text("utf-8")
    assert "## Colonial rule (1910-08-29 – 1945-08-14)" in text
    assert "### 1965-06-22 · Treaty on Basic Relations signed" in text
    assert "](<https://" in text


def test_ics_parses_back_with_stable_uids_and_partial_dates(run: Run, tmp_path: Path) -> None:
    import icalendar

    calendar = icalendar.Calendar.from_ical(export(run, tmp_path, "ics").read_bytes())
    events = {str(c["uid"]): c for c in calendar.walk("VEVENT")}
    assert len(events) == len(load_bundled().events)
    treaty = events["1965-treaty-on-basic-relations@kjtimeline"]
    assert treaty.decoded("dtstart").isoformat() == "1965-06-22"
    assert treaty.decoded("dtend").isoformat() == "1965-06-23"
    month_only = next(e for e in load_bundled().events if len(e.start) == 7 and not e.end)
    entry = events[f"{month_only.id}@kjtimeline"]
    assert entry.decoded("dtstart").isoformat() == month_only.start + "-01"
    assert str(entry["x-kjtimeline-precision"]) == "month"


def test_timelinejs_has_the_documented_shape(run: Run, tmp_path: Path) -> None:
    document = json.loads(export(run, tmp_path, "timelinejs").read_text("utf-8"))
    assert document["title"]["text"]["headline"]
    slide = next(s for s in document["events"] if s["unique_id"] == "1910-annexation-treaty")
    assert slide["start_date"] == {"year": "1910", "month": "8", "day": "22"}
    assert slide["text"]["headline"] and slide["group"]
    assert all({"start_date", "end_date", "text"} <= set(era) for era in document["eras"])
    ranged = next(s for s in document["events"] if "end_date" in s)
    assert int(ranged["end_date"]["year"]) >= int(ranged["start_date"]["year"])


def test_plover_records_follow_the_current_manual(run: Run, tmp_path: Path) -> None:
    """The field names and categories of the PLOVER manual 2.0: `actor`, not the old drafts' `source`."""
    records = [json.loads(line) for line in export(run, tmp_path, "plover").read_text("utf-8").splitlines()]
    assert len(records) == len(load_bundled().events)
    for record in records:
        assert {"id", "date", "actor", "recipient", "event", "quad_code", "cite_info"} <= set(record)
        assert "source" not in record
        assert len(record["date"]) == 10 and len(record["actor"][0]["code"]) == 3
        assert record["event"][0] in MANUAL_QUADS[record["quad_code"]]
        assert set(record["context"]) <= MANUAL_CONTEXTS
        assert all(cite["codebook"] == "PLOVER 2.0" for cite in record["cite_info"])
    treaty = next(r for r in records if r["id"] == "kjtimeline-1965-treaty-on-basic-relations")
    assert treaty["context"] == ["diplomatic", "legal"]


MANUAL_QUADS = {
    1: {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
    2: {"COOPERATE", "AID", "RETREAT"},
    3: {"REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"},
    4: {"PROTEST", "MOBILIZE", "COERCE", "ASSAULT"},
}
"""The table "Quad categories in PLOVER" of the manual 2.0, copied by hand: the check on `models`."""
MANUAL_CONTEXTS = {"diplomatic", "economic", "territory", "legal", "military", "intelligence", "reparations"}
"""Some of the manual's general contexts."""


def test_the_plover_types_are_the_manuals() -> None:
    assert [set(PLOVER_QUADS[tone]) for tone in TONES] == [MANUAL_QUADS[n] for n in (1, 2, 3, 4)]
    assert set(get_args(PloverType)) == set().union(*MANUAL_QUADS.values())


def test_readme_names_the_plover_version_followed() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert f"PLOVER manual {PLOVER_VERSION}" in readme


def test_sqlite_opens_and_full_text_search_works(run: Run, tmp_path: Path) -> None:
    db = sqlite3.connect(export(run, tmp_path, "sqlite"))
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == len(load_bundled().events)
    found = db.execute(
        "SELECT events.id FROM events_fts JOIN events ON events.rowid = events_fts.rowid WHERE events_fts MATCH ?",
        ("Takeshima",),
    ).fetchall()
    assert ("2005-takeshima-day-ordinance",) in found
    korean = db.execute("SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", ("다케시마",)).fetchone()[0]
    assert korean > 0
    people = db.execute(
        "SELECT p.name_en FROM event_people ep JOIN people p ON p.id = ep.person_id WHERE ep.event_id = ?",
        ("1998-joint-declaration",),
    ).fetchall()
    assert ("Kim Dae-jung",) in people
    assert db.execute("SELECT count(*) FROM quotes q JOIN sources s ON s.id = q.source_id").fetchone()[0] > 0
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_text_exports_can_go_to_stdout(run: Run) -> None:
    result = run("export", "--format", "csv", "--year", "1965")
    assert result.exit_code == 0 and result.stdout.startswith("id,start,")


def test_export_never_overwrites_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "timeline.html"
    target.write_text("precious")
    result = run("export", "--format", "html", "--output", str(target))
    assert result.exit_code == 2
    assert "already exists; use --force" in result.stderr and result.stderr.count("\n") == 1
    assert target.read_text() == "precious"
    assert run("export", "--format", "html", "--output", str(target), "--force").exit_code == 0
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_unwritable_path_is_one_line_and_exit_2(run: Run, tmp_path: Path) -> None:
    result = run("export", "--format", "json", "--output", str(tmp_path / "missing" / "x.json"))
    assert result.exit_code == 2 and "no such directory" in result.stderr
    result = run("export", "--format", "json", "--output", f"{tmp_path / 'new'}/")
    assert result.exit_code == 2 and result.stderr.endswith("new/: no such directory\n")
    assert not (tmp_path / "new").exists()
    result = run("export", "--format", "json", "--output", str(tmp_path))  # a folder: a file inside it
    assert result.exit_code == 0 and json.loads((tmp_path / "kjtimeline.json").read_text("utf-8"))["events"]


def test_a_failed_export_leaves_the_old_file_and_no_debris(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kj.db"
    target.write_bytes(b"old")

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = run("export", "--format", "sqlite", "--output", str(target), "--force")
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kj.db"]


def test_a_format_that_saves_writes_its_own_file_to_a_path_or_stdout(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Format.save` gets a real, new file; stdout gets a copy of it; a failure leaves nothing behind."""
    seen: list[Path] = []

    def save(dataset: Dataset, lang: str, path: Path) -> None:
        assert path.is_file() and path.stat().st_size == 0
        seen.append(path)
        with path.open("ab") as stream:
            for record in dataset.events:
                stream.write(f"{record.id} {lang}\n".encode())
        if lang == "ja":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_format, "FORMAT", replace(csv_format.FORMAT, export=None, save=save))
    ids = "".join(f"{e.id} ko\n" for e in load_bundled().events)
    target = tmp_path / "out.csv"
    assert run("export", "--format", "csv", "--lang", "ko", "-o", str(target)).exit_code == 0
    assert target.read_text() == ids and seen[0].parent == tmp_path and not seen[0].exists()
    result = run("export", "--format", "csv", "--lang", "ko")
    assert result.exit_code == 0 and result.stdout == ids and not seen[1].exists()
    failed = run("export", "--format", "csv", "--lang", "ja", "-o", str(target), "--force")
    assert failed.exit_code == 2 and "No space left on device" in failed.stderr
    assert target.read_text() == ids and sorted(tmp_path.iterdir()) == [target]


def test_schema_command_matches_the_published_file(run: Run) -> None:
    published = (REPO / "schema" / "kjtimeline.schema.json").read_text("utf-8")
    assert run("schema").stdout == published, "run `kjtimeline schema > schema/kjtimeline.schema.json`"


def test_validate_lists_every_problem_at_once(run: Run, write_dataset: Callable[..., Path]) -> None:
    from conftest import mini

    document = mini()
    document["events"][0]["start"] = "2025-02-30"
    document["events"][1]["kind"] = "party"
    bad = write_dataset(document)
    result = run("validate", str(bad))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "events[0].start (id 'annexation')" in lines[0] and "events[1].kind (id 'colonial-rule')" in lines[1]
    listed = json.loads(run("validate", str(bad), "--json").stdout)
    assert listed["valid"] is False and [p["record"] for p in listed["problems"]] == ["annexation", "colonial-rule"]


def test_validate_reports_references_after_the_schema(run: Run, write_dataset: Callable[..., Path]) -> None:
    from conftest import mini

    document = mini()
    document["events"][0]["topics"] = ["nope"]
    document["events"][2]["related"] = ["ghost"]
    result = run("validate", "--json", str(write_dataset(document)))
    assert result.exit_code == 1
    assert [p["path"] for p in json.loads(result.stdout)["problems"]] == ["events[0].topics[0]", "events[2].related[0]"]


def test_validate_unreadable_file_is_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.json"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_validate_the_bundled_dataset(run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0 and "valid (" in result.stdout


def test_validate_lists_schema_and_reference_problems_together(run: Run, write_dataset: Callable[..., Path]) -> None:
    from conftest import mini

    document = mini()
    del document["events"][1]["title"]
    document["events"][3]["id"] = "annexation"
    listed = json.loads(run("validate", "--json", str(write_dataset(document))).stdout)
    assert listed["kjtimeline"]["schema_version"] == 1
    assert [(p["path"], p["message"]) for p in listed["problems"]] == [
        ("events[1].title", "Field required"),
        ("events[3].id", "duplicate id"),
        ("quotes[0].event", "no event has id 'declaration'"),
    ]
