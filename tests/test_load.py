"""Loading: every way a dataset file can be unusable gives one clear message naming the place."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import event, mini
from kjtimeline.errors import DataError
from kjtimeline.load import load, load_bundled

WriteDataset = Callable[..., Path]


def error_of(path: Path, *more: Path, override: bool = False) -> DataError:
    with pytest.raises(DataError) as caught:
        load([path, *more], override)
    return caught.value


def test_the_mini_dataset_loads(write_dataset: WriteDataset) -> None:
    dataset = load([write_dataset()])
    assert [e.id for e in dataset.events][:2] == ["annexation", "colonial-rule"]
    assert dataset.era_of(dataset.events_by_id["normalization"]).id == "late"  # type: ignore[union-attr]


def test_the_bundled_dataset_loads() -> None:
    assert len(load_bundled().events) > 0


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n", "the file is empty"),
        (b'{"events": [\n  {"id": "a",\n', "invalid JSON: EOF while parsing"),
        (b'{"events": [1,,2]}', "line 1 column 15"),
        (b"\xef\xbb\xbf{}", "byte-order mark"),
        (b'{"title": "\xff"}', "not valid UTF-8 JSON"),
        (b"[]", "Input should be an object"),
    ],
)
def test_unreadable_json_names_line_and_column(write_dataset: WriteDataset, raw: bytes, message: str) -> None:
    error = error_of(write_dataset(raw=raw))
    assert message in str(error)
    assert "\n" not in str(error)


def test_missing_file_directory_and_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "no such file" in str(error_of(tmp_path / "nope.json"))
    assert "is a directory" in str(error_of(tmp_path))

    def denied(self: Path, *args: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    assert "permission denied" in str(error_of(tmp_path / "x.json"))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["events"][2].update(start="2025-02-30"), "events[2].start (id 'normalization')"),
        (lambda d: d["events"][2].update(start="1910-13"), "there is no month 13"),
        (lambda d: d["events"][0].update(kind="party"), "events[0].kind (id 'annexation')"),
        (lambda d: d["events"][0].pop("title"), "events[0].title (id 'annexation'): Field required"),
        (lambda d: d["events"][0]["title"].pop("en"), "events[0].title.en"),
        (lambda d: d["events"][0].update(sources="src-a"), "events[0].sources"),
        (lambda d: d["events"][0].update(topics="diplomacy"), "events[0].topics"),
        (lambda d: d["events"][0].update(colour="red"), "events[0].colour (id 'annexation'): unknown field"),
        (lambda d: d["sources"][0].update(url="ftp://x"), "sources[0].url (id 'src-a')"),
        (lambda d: d["people"][0].update(country="Korea"), "people[0].country (id 'kim')"),
        (
            lambda d: d["events"][0].update(plover="DEMAND", tone="verbal-conflict"),
            "events[0].plover (id 'annexation')",
        ),
    ],
)
def test_schema_violations_name_the_record_and_field(
    write_dataset: WriteDataset, change: Callable[[dict[str, object]], object], expected: str
) -> None:
    document = mini()
    change(document)
    assert expected in str(error_of(write_dataset(document)))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["events"][0].update(topics=["trade"]),
            "events[0].topics[0] (id 'annexation'): no topic has id 'trade'",
        ),
        (lambda d: d["events"][0].update(people=["nobody"]), "events[0].people[0] (id 'annexation'): no person"),
        (lambda d: d["events"][0].update(related=["ghost"]), "no event has id 'ghost'"),
        (lambda d: d["events"][0].update(related=["annexation"]), "related to itself"),
        (lambda d: d["events"][0].update(sources=["gone"]), "no source has id 'gone'"),
        (lambda d: d["quotes"][0].update(speakers=["who"]), "quotes[0].speakers[0] (id 'q1')"),
        (lambda d: d["quotes"][0].update(event="what"), "quotes[0].event (id 'q1'): no event has id 'what'"),
        (lambda d: d["events"].append(event("annexation", "1911")), "events[5].id (id 'annexation'): duplicate id"),
        (lambda d: d["events"][1].update(end="1909"), "ends (1909) before it starts (1910-08-29)"),
        (
            lambda d: d["people"][0]["offices"].append(
                {"office": "kor-president", "title": "P", "start": "2001", "end": "2004"}
            ),
            "people[0].offices[1] (id 'kim'): term in 'kor-president' overlaps offices[0]",
        ),
        (lambda d: d["eras"][1].update(start="1940"), "eras[1].start (id 'late'): overlaps era 'early'"),
        (
            lambda d: d["events"][0].update(tone="verbal-conflict"),
            "events[0].tone (id 'annexation'): tone 'verbal-conflict' does not match PLOVER type AGREE"
            " (verbal-cooperation in the PLOVER manual 2.0)",
        ),
    ],
)
def test_broken_references_and_orders_are_named(
    write_dataset: WriteDataset, change: Callable[[dict[str, object]], object], expected: str
) -> None:
    document = mini()
    change(document)
    assert expected in str(error_of(write_dataset(document)))


def test_a_reference_that_is_no_id_is_one_problem(write_dataset: WriteDataset) -> None:
    """msgspec leaves a reference's form to the reference checks (`Rule.resolved`); with another
    problem in the file pydantic names the form instead, and the reference checks stay quiet about it."""
    document = mini()
    document["events"][0]["topics"] = ["Bad Topic"]
    alone = error_of(write_dataset(document))
    assert [str(p) for p in alone.problems] == ["events[0].topics[0] (id 'annexation'): no topic has id 'Bad Topic'"]
    document["events"][1].pop("title")
    both = [str(p) for p in error_of(write_dataset(document)).problems]
    assert len(both) == 2 and "events[0].topics[0]" in both[0] and "pattern" in both[0] and "events[1].title" in both[1]


def test_every_problem_is_kept_for_validate(write_dataset: WriteDataset) -> None:
    document = mini()
    document["events"][0]["topics"] = ["x"]
    document["events"][1]["people"] = ["y"]
    error = error_of(write_dataset(document))
    assert len(error.problems) == 2
    assert "(and 1 more problems)" in str(error)


def test_terms_that_touch_on_the_handover_day_do_not_overlap(write_dataset: WriteDataset) -> None:
    document = mini()
    document["people"][0]["offices"].append(
        {"office": "kor-president", "title": "P", "start": "2003-02-24", "end": "2004"}
    )
    assert load([write_dataset(document)]).people[0].offices[1].start == "2003-02-24"


def test_layers_merge_and_clashing_ids_need_override(write_dataset: WriteDataset) -> None:
    curated = write_dataset()
    mine = write_dataset({"events": [event("my-event", "2030", topics=["territory"])]}, name="mine.json")
    merged = load([curated, mine])
    assert "my-event" in merged.events_by_id and len(merged.events) == 6

    clash = write_dataset({"events": [event("declaration", "1998-10-09")]}, name="clash.json")
    assert "events id 'declaration' is already defined" in str(error_of(curated, clash))
    assert load([curated, clash], override=True).events_by_id["declaration"].start == "1998-10-09"


def test_layered_references_are_checked_after_merging(write_dataset: WriteDataset) -> None:
    curated = write_dataset()
    mine = write_dataset({"events": [event("mine", "2030", related=["missing"])]}, name="mine.json")
    assert "no event has id 'missing'" in str(error_of(curated, mine))


def test_json_of_bundled_dataset_is_the_file_that_ships() -> None:
    from kjtimeline.load import bundled_path

    assert json.loads(bundled_path().read_text("utf-8"))["schema_version"] == 1


def test_records_cannot_be_changed_and_compare_by_value(write_dataset: WriteDataset) -> None:
    from msgspec.structs import replace

    event = load([write_dataset()]).events_by_id["annexation"]
    for name, value in (("start", "1911"), ("colour", "red")):
        with pytest.raises(AttributeError):
            setattr(event, name, value)
    with pytest.raises(AttributeError):
        del event.start
    twin = replace(event)
    assert twin == event and hash(twin) == hash(event) and twin is not event
    assert replace(event, start="1911") != event
    assert repr(event).startswith("Event(id='annexation', start='1910-08-29'")


def test_values_are_built_as_a_dataclass_would_be() -> None:
    """`Value.__init__` is shared, not generated: the same arguments are accepted and refused."""
    from kjtimeline.checks import Problem
    from kjtimeline.listing import Listing
    from kjtimeline.models import Names

    assert Problem("a", None, "m") == Problem(path="a", record=None, message="m")
    first, second = (Listing("events", (), {}, ()) for _ in range(2))
    assert first.meta == {} and first.meta is not second.meta  # a default factory runs for each
    names: Any = Names  # the calls below are wrong on purpose: type checkers refuse them too
    problem: Any = Problem
    wrong_calls: tuple[Callable[[], Any], ...] = (
        lambda: names(ko="b", ja="c"),  # missing
        lambda: names(en="a", ko="b", ja="c", zh="d"),  # unknown
        lambda: names("a", "b", "c"),  # keyword-only
        lambda: problem("a", None, "m", "x"),  # too many
        lambda: problem("a", None, path="b"),  # twice
    )
    for build in wrong_calls:
        with pytest.raises(TypeError):
            build()


def test_the_bundled_dataset_needs_no_validation_to_be_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The package's dataset is decoded without validation only when its bytes are the ones validated here."""
    from kjtimeline import decode

    loading = importlib.import_module("kjtimeline.load")  # `kjtimeline.load` is the API's function

    raw = loading.bundled_path().read_bytes()
    assert decode.CHECK_FILE.read_text("ascii").strip() == decode.fingerprint(raw), (
        f"data/events.json changed: once it validates, write {decode.fingerprint(raw)!r} to {decode.CHECK_FILE}"
    )
    trusted = decode.trusted_dataset(raw)
    assert trusted is not None and trusted == loading.check(loading.parse(raw, "bundled"), "bundled")
    damaged = json.loads(raw)
    damaged["events"][0]["colour"] = "red"  # an edited checkout: validated in full, one clear error
    path = tmp_path / "events.json"
    path.write_text(json.dumps(damaged), "utf-8")
    assert decode.trusted_dataset(path.read_bytes()) is None
    monkeypatch.setattr(loading, "bundled_path", lambda: path)
    loading.load_bundled.cache_clear()
    try:
        with pytest.raises(DataError, match=r"events\[0\]\.colour .*unknown field"):
            loading.load_bundled()
        path.write_bytes(raw + b"\n")  # other bytes, still valid: validated in full, then used
        loading.load_bundled.cache_clear()
        assert loading.load_bundled() == trusted
    finally:
        loading.load_bundled.cache_clear()
