"""The Python API as a notebook user calls it: `import kjtimeline`, load, select, a pandas table."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas
import pytest

import kjtimeline
from conftest import event, mini

Run = Callable[..., Any]


def test_import_is_light_and_the_names_are_there_on_first_use() -> None:
    code = (
        "import sys, kjtimeline; print(sorted(m for m in ('pydantic', 'rich', 'pandas', 'kjtimeline.models')"
        " if m in sys.modules)); print(kjtimeline.Event.__name__, kjtimeline.load.__name__)"
    )
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert lines[:2] == ["[]", "Event load"]
    assert {"load", "select", "to_dataframe", "Dataset", "Event", "KjtimelineError"} <= set(kjtimeline.__all__)
    assert all(getattr(kjtimeline, name) is not None for name in kjtimeline.__all__)
    with pytest.raises(AttributeError, match="no attribute 'lod'"):
        kjtimeline.lod  # noqa: B018


def test_load_is_the_function_even_after_the_module_of_that_name_is_imported() -> None:
    from kjtimeline.load import load_bundled

    assert callable(kjtimeline.load) and kjtimeline.load() is load_bundled()


def test_load_layers_your_file_over_the_bundled_dataset(tmp_path: Path) -> None:
    bundled = kjtimeline.load()
    mine_event = event("my-own-event", "2026-03-01", topics=["diplomacy"], sources=[bundled.sources[0].id])
    mine = {"schema_version": 1, "events": [mine_event]}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(mine), "utf-8")
    layered = kjtimeline.load(path)
    assert len(layered.events) == len(bundled.events) + 1
    assert "my-own-event" in layered.events_by_id
    alone = tmp_path / "alone.json"
    alone.write_text(json.dumps(mini()), "utf-8")
    assert [e.id for e in kjtimeline.load(str(alone), bundled=False).events][:2] == ["annexation", "colonial-rule"]
    clash = tmp_path / "clash.json"
    mine_event["id"] = bundled.events[0].id
    clash.write_text(json.dumps(mine), "utf-8")
    with pytest.raises(kjtimeline.DataError, match="already defined"):
        kjtimeline.load(clash)
    assert kjtimeline.load(clash, override=True).events_by_id[bundled.events[0].id].start == "2026-03-01"


@pytest.mark.parametrize(
    ("options", "arguments"),
    [
        ({"topic": "Territory", "start": "2005"}, ["--topic", "Territory", "--from", "2005"]),
        (
            {"year": [1965, 1998], "kind": "treaty,summit"},
            ["--year", "1965", "--year", "1998", "--kind", "treaty,summit"],
        ),
        ({"text": "독도", "reverse": True, "limit": 3}, ["--text", "독도", "--reverse", "--limit", "3"]),
        (
            {"person": "Kim Dae-jung", "exclude_tag": ["apology"]},
            ["--person", "Kim Dae-jung", "--exclude-tag", "apology"],
        ),
    ],
)
def test_select_picks_what_show_lists(run: Run, options: dict[str, Any], arguments: list[str]) -> None:
    shown = [e["id"] for e in json.loads(run("show", "--json", *arguments).stdout)["events"]]
    chosen = kjtimeline.select(kjtimeline.load(), **options)
    assert shown and [e.id for e in chosen] == shown


def test_select_says_which_name_it_does_not_know() -> None:
    with pytest.raises(kjtimeline.QueryError, match="unknown topic 'teritory'; did you mean 'territory'"):
        kjtimeline.select(kjtimeline.load(), topic="teritory")


def test_to_dataframe_gives_one_row_an_event_with_typed_columns() -> None:
    data = kjtimeline.load()
    frame = kjtimeline.to_dataframe(data)
    assert len(frame) == len(data.events)
    assert {"id", "start", "title_en", "title_ko", "title_ja", "topics", "first_day", "last_day"} <= set(frame.columns)
    assert str(frame["first_day"].dtype) == "datetime64[s]"
    assert pandas.api.types.is_string_dtype(frame["title_ko"])
    imjin = frame[frame["first_day"] < pandas.Timestamp("1600-01-01")]
    assert len(imjin) > 0  # before 1677, where nanosecond timestamps end
    treaty = frame.set_index("id").loc["1965-treaty-on-basic-relations"]
    assert treaty["title_ko"] == "한일기본조약 체결" and isinstance(treaty["topics"], list)
    by_kind = frame.groupby("kind").size()
    assert by_kind.sum() == len(data.events)


def test_to_dataframe_of_a_selection_and_of_other_tables() -> None:
    data = kjtimeline.load()
    chosen = kjtimeline.select(data, year=1965)
    assert list(kjtimeline.to_dataframe(chosen)["id"]) == [e.id for e in chosen]
    people = kjtimeline.to_dataframe(data, table="people")
    assert len(people) == len(data.people) and "name_ja" in people.columns and "first_day" not in people.columns
    with pytest.raises(kjtimeline.KjtimelineError, match="unknown table 'person'; tables: topics, eras, people"):
        kjtimeline.to_dataframe(data, table="person")


def test_to_dataframe_without_pandas_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(kjtimeline.KjtimelineError, match=r"pip install 'kjtimeline\[pandas\]'"):
        kjtimeline.to_dataframe(kjtimeline.load())


def test_select_takes_periods_and_places_as_show_does(run: Run) -> None:
    data = kjtimeline.load()
    shown = json.loads(run("show", "--starts-in", "1965-06", "--place", "tokyo", "--json").stdout)
    chosen = kjtimeline.select(data, starts_in="1965-06", place="tokyo")
    assert [e.id for e in chosen] == [e["id"] for e in shown["events"]] != []
