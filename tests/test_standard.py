"""The standard the bundled dataset meets, checked by `validate` (always for the bundled dataset, with
`--strict` for any file): sources say what they are and are not junk, every event rests on a strong
source, and every text is given in English, Korean and Japanese."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import mini
from kjtimeline.models import STANDARD_EVENT_FIELDS

Run = Callable[..., Any]
TRANSLATED = {
    "summary": {"ko": "요약", "ja": "要約"},
    "significance": {"ko": "의의", "ja": "意義"},
}


def meeting_the_standard() -> dict[str, Any]:
    """The mini dataset with kinds, strong sources and Korean and Japanese text everywhere."""
    document = mini()
    document["sources"][0] |= {"kind": "news", "language": "en"}
    for record in document["topics"] + document["eras"]:
        record["translations"] = [{"lang": "ko", "description": "설명"}, {"lang": "ja", "description": "説明"}]
    for person in document["people"]:
        for office in person["offices"]:
            office["translations"] = [{"lang": "ko", "title": "대통령"}, {"lang": "ja", "title": "大統領"}]
    for quote in document["quotes"]:
        quote["translations"] = [{"lang": "ko", "occasion": "공동선언"}, {"lang": "ja", "occasion": "共同宣言"}]
    for event in document["events"]:
        event["translations"] = [
            {"lang": lang, "summary": TRANSLATED["summary"][lang], "significance": TRANSLATED["significance"][lang]}
            | ({"key_dates": ["발효" if lang == "ko" else "発効"]} if event.get("key_dates") else {})
            for lang in ("ko", "ja")
        ]
    return document


def strict(run: Run, tmp_path: Path, document: dict[str, Any]) -> Any:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return run("validate", str(path), "--strict")


def test_a_dataset_that_meets_the_standard_passes(run: Run, tmp_path: Path) -> None:
    result = strict(run, tmp_path, meeting_the_standard())
    assert result.exit_code == 0, result.stdout


def test_without_strict_a_personal_file_needs_neither_kinds_nor_translations(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(mini()), "utf-8")
    assert run("validate", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sources"][0].pop("kind"), "sources[0].kind (id 'src-a'): no kind: one of official"),
        (lambda d: d["sources"][0].update(kind="blog"), "sources[0].kind (id 'src-a'): Input should be 'official'"),
        (
            lambda d: d["sources"][0].update(url="http://20.210.105.67/txt/x.html"),
            "points at a bare IP address (20.210.105.67)",
        ),
        (
            lambda d: d["sources"][0].update(url="https://staging.example.org/a"),
            "points at a staging host (staging.example.org)",
        ),
        (
            lambda d: d["sources"][0].update(url="https://piglix.com/piglix/Treaty"),
            "a copy or aggregator on the deny list (piglix.com)",
        ),
        (
            lambda d: d["sources"][0].update(
                url="http://contents.example.org/item/level.do;JSESSIONID_X=0A1B?levelId=k"
            ),
            "sources[0].url (id 'src-a'): carries a session id; cite the address without it",
        ),
        (
            lambda d: d["sources"].append({**d["sources"][0], "id": "src-again"}),
            "sources[1].url (id 'src-again'): the same page as 'src-a'; cite one record",
        ),
        (
            lambda d: d["sources"][0].update(kind="wiki"),
            "events[0].sources (id 'annexation'): no source of a strong kind",
        ),
        (
            lambda d: d["sources"][0].update(kind="user-generated"),
            "people[0].sources (id 'kim'): rests only on wiki or user-generated pages",
        ),
        (
            lambda d: d["sources"][0].update(kind="reference"),
            "quotes[0].source (id 'q1'): not a source of a strong kind",
        ),
        (
            lambda d: d["events"][0].pop("translations"),
            "events[0].translations (id 'annexation'): no ko text for summary",
        ),
        (
            lambda d: d["topics"][0]["translations"].pop(),
            "topics[0].translations (id 'diplomacy'): no ja text for description",
        ),
        (
            lambda d: d["people"][0]["offices"][0].pop("translations"),
            "people[0].offices[0].translations: no ko text for title",
        ),
        (
            lambda d: d["quotes"][0]["translations"][0].pop("occasion"),
            "quotes[0].translations (id 'q1'): no ko text for occasion",
        ),
        *[
            (lambda d, field=field: d["events"][0].pop(field), f"events[0].{field} (id 'annexation'): not given")
            for field in STANDARD_EVENT_FIELDS
            if field != "sources"
        ],
        (lambda d: d["events"][0].pop("sources"), "events[0].sources (id 'annexation'): no source of a strong kind"),
        (lambda d: d["events"][0]["title"].pop("ko"), "events[0].title.ko (id 'annexation'): no ko title"),
        (lambda d: d["people"][0]["name"].pop("ja"), "people[0].name.ja (id 'kim'): no ja name"),
    ],
)
def test_each_check_catches_its_case(
    run: Run, tmp_path: Path, change: Callable[[dict[str, Any]], Any], message: str
) -> None:
    document = meeting_the_standard()
    change(document)
    result = strict(run, tmp_path, document)
    assert result.exit_code in (1, 2) and message in result.stdout + result.stderr, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e["translations"].append(copy.deepcopy(e["translations"][0])), "a second ko translation"),
        (
            lambda e: e["translations"][0].update(summary="Not Korean"),
            "translations[0].summary (id 'annexation'): not written in ko script",
        ),
        (
            lambda e: e["translations"][1].update(summary="한국어"),
            "translations[1].summary (id 'annexation'): not written in ja script",
        ),
        (
            lambda e: e["translations"][0].update(facts=["하나", "둘"]),
            "translations[0].facts (id 'annexation'): 2 items for the 0 in English",
        ),
    ],
)
def test_translations_are_checked_on_every_load(
    run: Run, tmp_path: Path, change: Callable[[dict[str, Any]], Any], message: str
) -> None:
    document = meeting_the_standard()
    change(document["events"][0])
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    result = run("--data", str(path), "show")
    assert result.exit_code == 2 and message in result.stderr, result.stderr
