"""A user's own events: only id, date and an English title needed; `kjtimeline new` to start from."""

from __future__ import annotations

import datetime as dt
import json
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import RECIPE, REPO
from kjtimeline.formats import EXPORT_FORMATS, FORMATS
from kjtimeline.models import STANDARD_EVENT_FIELDS

Run = Callable[..., Any]
MINIMAL = {"events": [{"id": "my-note", "start": "2026-11", "title": {"en": "A note of my own"}}]}


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(MINIMAL), "utf-8")
    return path


def test_the_readme_recipe_works_end_to_end(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    results = []
    for step in RECIPE:
        result = run(*step)
        assert result.exit_code == 0, (step, result.stdout, result.stderr)
        results.append(result)
        if step[0] == "new":
            Path("mine.json").write_text(result.stdout, "utf-8")
    assert results[1].stdout == "2026-11-30\t2026-my-visit\tVisited the Busan exhibition\t\n"
    assert results[2].stdout.startswith("mine.json: valid (1 events")
    layered = results[-1].stdout.splitlines()
    assert layered[-1].startswith("2026-11-30\t2026-my-visit") and len(layered) > 1


def test_readme_shows_the_recipe() -> None:
    section = (REPO / "README.md").read_text("utf-8").split("### Your own events")[1]
    for step in RECIPE:
        assert f"$ kjtimeline {shlex.join(step)}" in section, step


def test_new_prints_a_file_of_one_minimal_event_dated_today(run: Run) -> None:
    result = run("new")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["$schema"] == "kjtimeline.schema.json"
    (event,) = document["events"]
    assert set(event) == {"id", "start", "title"} and event["start"] == dt.date.today().isoformat()


def test_new_writes_a_file_and_refuses_to_overwrite_it(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    assert run("new", "--title", "Seen", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text("utf-8"))["events"][0]["title"] == {"en": "Seen"}
    again = run("new", "-o", str(target))
    assert again.exit_code == 2 and "already exists" in again.stderr


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (("--date", "2026-13"), "events[0].start (id 'my-first-event'): '2026-13': there is no month 13"),
        (("--id", "My Event"), "events[0].id (id 'My Event'): String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'"),
        (("--title", ""), "events[0].title.en (id 'my-first-event'): String should have at least 1 character"),
    ],
)
def test_new_refuses_what_would_not_load(run: Run, option: tuple[str, str], message: str) -> None:
    result = run("new", *option)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"kjtimeline: error: the new file (--id, --date, --title): {message}\n"


def test_a_minimal_event_takes_its_defaults(run: Run, mine: Path) -> None:
    (event,) = json.loads(run("show", "--data", str(mine), "--json").stdout)["events"]
    assert event["title"] == {"en": "A note of my own", "ko": None, "ja": None}
    assert all(event[field] in (None, []) for field in STANDARD_EVENT_FIELDS)
    card = run("event", "my-note", "--data", str(mine), "--format", "table")
    assert card.exit_code == 0 and "A note of my own" in card.stdout and "None" not in card.stdout
    assert run("show", "--data", str(mine), "--kind", "treaty").stdout == ""
    assert "my-note" in run("search", "note of my", "--data", str(mine)).stdout


def test_every_export_takes_a_minimal_event(run: Run, mine: Path, tmp_path: Path) -> None:
    for name in EXPORT_FORMATS:
        target = tmp_path / f"out{FORMATS[name].extension}"
        result = run("export", "--data", str(mine), "--format", name, "--output", str(target), "--force")
        assert result.exit_code == 0, (name, result.stderr)
        if name == "plover":
            assert target.read_text("utf-8") == ""  # PLOVER needs a type and an actor
        elif not FORMATS[name].binary:
            assert "A note of my own" in target.read_text("utf-8"), name
            assert "None" not in target.read_text("utf-8"), name


def test_strict_lists_every_field_a_minimal_event_leaves_out(run: Run, mine: Path) -> None:
    result = run("validate", str(mine), "--strict")
    assert result.exit_code == 1
    paths = [line.split(" (id ")[0].removeprefix(f"{mine}: ") for line in result.stdout.splitlines()]
    expected = {f"events[0].{field}" for field in STANDARD_EVENT_FIELDS} | {"events[0].title.ko", "events[0].title.ja"}
    assert set(paths) == expected
    assert run("validate", str(mine)).exit_code == 0


def test_validate_holds_the_bundled_file_to_the_standard_however_it_is_named(
    run: Run, mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kjtimeline validate data/events.json` in a checkout is the bundled file, so `--strict` applies."""
    from importlib import import_module

    monkeypatch.setattr(import_module("kjtimeline.load"), "bundled_path", lambda: mine)  # stands in for it
    monkeypatch.chdir(mine.parent)
    for name in (mine.name, f"./{mine.name}", str(mine)):
        assert run("validate", name).exit_code == 1, name


def test_data_bundled_names_the_curated_dataset_and_a_file_of_that_name_stays_a_file(
    run: Run, mine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    curated = json.loads(run("show", "--json").stdout)["events"]
    layered = json.loads(run("show", "--data", "bundled", "--data", str(mine), "--json").stdout)["events"]
    assert {e["id"] for e in layered} == {e["id"] for e in curated} | {e["id"] for e in MINIMAL["events"]}
    assert len(layered) == len(curated) + len(MINIMAL["events"])
    monkeypatch.chdir(tmp_path)
    Path("bundled").write_text(json.dumps(MINIMAL), "utf-8")
    own = json.loads(run("show", "--data", "bundled", "--json").stdout)["events"]
    assert [e["id"] for e in own] == [e["id"] for e in MINIMAL["events"]]
