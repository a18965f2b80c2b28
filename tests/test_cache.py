"""The cache of validated datasets: a speed-up that must never show stale or unchecked data."""

from __future__ import annotations

import gc
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import mini
from kjtimeline import cache
from kjtimeline.errors import DataError
from kjtimeline.load import load

WriteDataset = Callable[..., Path]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KJTIMELINE_CACHE_DIR", str(folder))
    monkeypatch.delenv("KJTIMELINE_NO_CACHE", raising=False)
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_a_second_load_comes_from_the_cache_and_equals_the_first(write_dataset: WriteDataset, cache_dir: Path) -> None:
    path = write_dataset()
    first = load([path])
    assert len(_entries(cache_dir)) == 1
    second = load([path])
    assert second == first
    assert second is not first  # read back, not the same object


def test_an_edit_that_keeps_the_size_is_a_miss(write_dataset: WriteDataset, cache_dir: Path) -> None:
    document = mini()
    path = write_dataset(document)
    assert load([path]).events_by_id["normalization"].start == "1965-06-22"
    document["events"][2]["start"] = "1965-06-23"  # one byte differs, same length
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    assert load([path]).events_by_id["normalization"].start == "1965-06-23"


def test_an_invalid_file_is_never_cached(write_dataset: WriteDataset, cache_dir: Path) -> None:
    document = mini()
    document["events"][0]["related"] = ["nowhere"]
    path = write_dataset(document)
    for _ in range(2):
        with pytest.raises(DataError, match="no event has id 'nowhere'"):
            load([path])
    assert _entries(cache_dir) == []


def test_layers_and_override_are_part_of_the_key(write_dataset: WriteDataset, cache_dir: Path) -> None:
    base = write_dataset()
    extra = mini()
    extra["events"][0]["title"]["en"] = "Replaced"
    layer = write_dataset(extra, name="layer.json")
    with pytest.raises(DataError, match="already defined"):
        load([base, layer])
    assert load([base, layer], override=True).events_by_id["annexation"].title.en == "Replaced"
    assert load([base]).events_by_id["annexation"].title.en == "Title annexation"


def test_a_damaged_entry_is_ignored_and_replaced(write_dataset: WriteDataset, cache_dir: Path) -> None:
    path = write_dataset()
    expected = load([path])
    (entry,) = _entries(cache_dir)
    entry.write_bytes(b"not a pickle")
    assert load([path]) == expected
    assert load([path]) == expected


def test_an_unwritable_cache_folder_only_costs_speed(
    write_dataset: WriteDataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("KJTIMELINE_CACHE_DIR", str(blocker / "cache"))
    assert load([write_dataset()]).events_by_id["annexation"]


def test_no_cache_and_large_inputs_write_nothing(
    write_dataset: WriteDataset, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_dataset()
    monkeypatch.setenv("KJTIMELINE_NO_CACHE", "1")
    load([path])
    monkeypatch.delenv("KJTIMELINE_NO_CACHE")
    monkeypatch.setattr(cache, "LARGEST", path.stat().st_size - 1)
    load([path])
    assert _entries(cache_dir) == []


def test_old_entries_are_pruned(write_dataset: WriteDataset, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "KEPT", 2)
    for number in range(4):
        document = mini()
        document["title"] = f"Version {number}"
        load([write_dataset(document, name=f"v{number}.json")])
    assert len(_entries(cache_dir)) == 2


def test_the_collector_is_running_after_a_load_that_failed(write_dataset: WriteDataset, cache_dir: Path) -> None:
    with pytest.raises(DataError):
        load([write_dataset(raw=b'{"events": [{"id": 1}]}')])
    assert gc.isenabled()


def test_a_cached_command_does_not_import_pydantic(tmp_path: Path) -> None:
    """The point of the cache: building pydantic's validator costs more than the rest of a call."""
    program = (
        "import sys\n"
        "from kjtimeline.__main__ import main\n"
        "sys.argv = ['kjtimeline', 'show', '--year', '1965', '--json']\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic')))\n"
    )
    environment = {**os.environ, "KJTIMELINE_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=environment)
        for _ in range(2)
    ]
    assert "pydantic" in runs[0].stderr  # the first call validates
    assert runs[1].stderr == ""
    assert json.loads(runs[1].stdout) == json.loads(runs[0].stdout)


def _planted(write_dataset: WriteDataset) -> object:
    planted = mini()
    planted["title"] = "Planted"
    return load([write_dataset(planted, name="planted.json")])


def test_an_entry_others_could_have_written_is_not_believed(write_dataset: WriteDataset, cache_dir: Path) -> None:
    """A pickle can run code: one that another user could have planted must not be loaded."""
    path = write_dataset()
    load([path])
    (entry,) = _entries(cache_dir)
    entry.write_bytes(pickle.dumps((entry.stem, _planted(write_dataset))))
    entry.chmod(0o644)
    assert load([path]).title == "Planted"  # the control: an entry of ours, under its own key, is believed
    entry.write_bytes(pickle.dumps((entry.stem, _planted(write_dataset))))
    entry.chmod(0o666)
    assert load([path]).title != "Planted"
    entry.write_bytes(pickle.dumps((entry.stem, _planted(write_dataset))))
    entry.chmod(0o644)
    cache_dir.chmod(0o777)
    assert load([path]).title != "Planted"


def test_an_entry_is_believed_only_under_its_own_key_and_never_through_a_link(
    write_dataset: WriteDataset, cache_dir: Path
) -> None:
    path = write_dataset()
    load([path])
    (entry,) = _entries(cache_dir)
    planted = _planted(write_dataset)
    other = next(e for e in _entries(cache_dir) if e != entry)
    entry.unlink()
    entry.symlink_to(other)  # a link to another dataset's entry
    assert load([path]).title != "Planted"
    entry.unlink()
    entry.write_bytes(other.read_bytes())  # a copy of it: the key inside says whose it is
    assert load([path]).title != "Planted"
    elsewhere = cache_dir.parent / "elsewhere.pickle"
    elsewhere.write_bytes(pickle.dumps((entry.stem, planted)))
    entry.unlink()
    entry.symlink_to(elsewhere)  # a link out of the folder, even to a well-formed entry
    assert load([path]).title != "Planted"


def test_entries_beyond_the_byte_budget_are_pruned(
    write_dataset: WriteDataset, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load([write_dataset()])
    (entry,) = _entries(cache_dir)
    monkeypatch.setattr(cache, "KEPT_BYTES", entry.stat().st_size * 2)
    for number in range(3):
        document = mini()
        document["title"] = f"Version {number}"
        load([write_dataset(document, name=f"v{number}.json")])
    assert len(_entries(cache_dir)) == 2
