"""`export --format datapackage`, read by its real consumer: the frictionless library validates it."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frictionless
import pytest

from conftest import BUNDLED, event, mini
from kjtimeline.formats import FORMATS
from kjtimeline.formats.sqlite import TABLE_NAMES, TABLES
from kjtimeline.load import RECORD_TYPES, load_bundled, parse
from kjtimeline.models import Dataset
from kjtimeline.query import Query, select, subset

Run = Callable[..., Any]
SMALL = ("--year", "1965")
"""A selection small enough to validate in seconds (frictionless is slow); the whole dataset is a slow test."""


def export(run: Run, path: Path, *args: str) -> Path:
    result = run("export", "--format", "datapackage", "--output", str(path), *args)
    assert result.exit_code == 0, result.stderr
    return path


def tables(path: Path) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(path) as archive:
        return {
            Path(name).stem: list(csv.DictReader(io.TextIOWrapper(archive.open(name), "utf-8", newline="")))
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def descriptor(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        document: dict[str, Any] = json.loads(archive.read("datapackage.json"))
    return document


def resolving(path: Path) -> None:
    """Every foreign key of every table names a row that is there."""
    rows = tables(path)
    for resource in descriptor(path)["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            (column,) = key["fields"]
            target = key["reference"]["resource"]
            ids = {row["id"] for row in rows[target]}
            values = {row[column] for row in rows[resource["name"]] if row[column]}
            assert values <= ids, (resource["name"], column, values - ids)


def test_frictionless_validates_the_zipped_package(run: Run, tmp_path: Path) -> None:
    path = export(run, tmp_path / "kj.zip", *SMALL)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(descriptor(path)["resources"]) > 20
    resolving(path)


def test_frictionless_catches_a_foreign_key_that_does_not_resolve(run: Run, tmp_path: Path) -> None:
    """So the validation above is a real check of the keys, not only of the descriptor."""
    path = export(run, tmp_path / "kj.zip", *SMALL)
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "data/event_topics.csv":
                event = data.split(b"\r\n")[1].split(b",")[0]
                data += event + b",99,no-such-topic\r\n"
            target.writestr(name, data)
    report = frictionless.Package(str(broken)).get_resource("event_topics").validate()
    assert not report.valid
    assert {error.type for task in report.tasks for error in task.errors} == {"foreign-key"}


def test_a_minimal_event_of_your_own_makes_a_valid_package(run: Run, tmp_path: Path) -> None:
    """`kjtimeline new` gives an event with an English title alone: the other columns may be empty."""
    mine = tmp_path / "mine.json"
    assert run("new", "--id", "my-visit", "--date", "2026-05", "-o", str(mine)).exit_code == 0
    path = export(run, tmp_path / "kj.zip", "--data", str(BUNDLED), "--data", str(mine), "--year", "2026")
    report = frictionless.Package(str(path)).get_resource("events").validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    row = next(row for row in tables(path)["events"] if row["id"] == "my-visit")
    assert row["title_ko"] == "" and row["start_last_day"] == "2026-05-31"


def test_the_tables_hold_every_record_and_every_list_item(run: Run, tmp_path: Path) -> None:
    data = load_bundled()
    chosen = subset(data, select(data, Query(years=("1965",))))
    rows = tables(export(run, tmp_path / "kj.zip", *SMALL))
    assert [row["id"] for row in rows["events"]] == [event.id for event in chosen.events]
    facts = [(row["event_id"], row["text"]) for row in rows["event_facts"]]
    assert facts == [(event.id, fact) for event in chosen.events for fact in event.facts]
    assert any("; " in fact for _, fact in facts)  # one fact stays one fact
    assert len(rows["event_topics"]) == sum(len(event.topics) for event in chosen.events)
    treaty = next(row for row in rows["events"] if row["id"] == chosen.events[0].id)
    assert treaty["title_ko"] == chosen.events[0].title.ko and treaty["start_first_day"] <= treaty["start_last_day"]
    month_only = next(row for row in tables(export(run, tmp_path / "all.zip"))["events"] if len(row["start"]) == 4)
    assert month_only["start_first_day"].endswith("-01-01") and month_only["start_last_day"].endswith("-12-31")


def test_the_descriptor_types_keys_describes_and_licenses(run: Run, tmp_path: Path) -> None:
    document = descriptor(export(run, tmp_path / "kj.zip", *SMALL))
    assert document["licenses"][0]["name"] == "CC-BY-4.0" and document["version"] and document["title"]
    resources = {resource["name"]: resource["schema"] for resource in document["resources"]}
    events = {field["name"]: field for field in resources["events"]["fields"]}
    assert resources["events"]["primaryKey"] == ["id"]
    assert events["start_first_day"]["type"] == "date" and events["start"]["constraints"]["pattern"]
    assert events["kind"]["constraints"]["enum"][0] == "treaty"
    assert events["plover"]["description"] == "PLOVER event type."
    offices = {field["name"]: field for field in resources["offices"]["fields"]}
    assert offices["acting"]["type"] == "boolean" and offices["end"]["description"] == "null while in office."
    assert resources["event_topics"]["primaryKey"] == ["event_id", "position"]
    topic_key = {"fields": ["topic_id"], "reference": {"resource": "topics", "fields": ["id"]}}
    assert topic_key in resources["event_topics"]["foreignKeys"]
    quotes = {tuple(key["fields"]): key["reference"]["resource"] for key in resources["quotes"]["foreignKeys"]}
    assert quotes == {("event_id",): "events", ("source_id",): "sources"}


@pytest.mark.parametrize("collection", list(RECORD_TYPES))
def test_every_record_field_lands_in_the_package(run: Run, tmp_path: Path, collection: str) -> None:
    resources = {r["name"]: r for r in descriptor(export(run, tmp_path / "kj.zip", "--year", "1965"))["resources"]}
    columns = {field["name"] for field in resources[collection]["schema"]["fields"]}
    singular = TABLES[collection]
    for field in RECORD_TYPES[collection].field_names:
        table = TABLE_NAMES.get((collection, field), f"{singular}_{field}")
        assert {field, f"{field}_en", f"{field}_id"} & columns or table in resources, (collection, field)


def test_the_package_goes_to_stdout_and_is_told_by_its_name(run: Run, tmp_path: Path) -> None:
    piped = run("export", "--format", "datapackage", "--year", "1965").stdout_bytes
    assert piped.startswith(b"PK") and "datapackage.json" in zipfile.ZipFile(io.BytesIO(piped)).namelist()
    result = run("export", "--year", "1965", "-o", str(tmp_path / "by-name.zip"))
    assert result.exit_code == 0 and "(datapackage)" in result.stderr
    assert (tmp_path / "by-name.zip").read_bytes() == piped  # the same data, the same bytes


@pytest.mark.slow
def test_frictionless_validates_the_whole_dataset_as_a_package(run: Run, tmp_path: Path) -> None:
    path = export(run, tmp_path / "kj.zip")
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    resolving(path)


def many_events(count: int) -> Dataset:
    document = mini()
    document["events"] = [
        event(f"event-{n}", f"{1900 + n % 100}-0{1 + n % 9}", facts=[f"Fact {n}; with a separator."] * 3, tags=["t"])
        for n in range(count)
    ]
    return parse(json.dumps(document).encode(), "many events")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["csv", "jsonl", "datapackage"])
def test_streaming_exports_hold_no_more_memory_for_more_events(tmp_path: Path, name: str) -> None:
    """Memory flat in the number of events: the export's own peak, the dataset aside, stays the same."""
    save = FORMATS[name].save
    assert save is not None
    peaks = []
    for count in (500, 4000):
        data = many_events(count)
        for record in data.events:  # the dataset's own lazily computed values are the dataset's
            _ = record.first_day, record.last_day
        tracemalloc.start()
        save(data, "en", tmp_path / f"{count}{FORMATS[name].extension}")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 2 * peaks[0], peaks  # writing all at once would need about 8 times as much
