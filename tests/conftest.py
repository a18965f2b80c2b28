"""Shared fixtures: a small dataset written to disk, and a runner for the CLI."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kjtimeline.cli import app

REPO = Path(__file__).resolve().parents[1]


BUNDLED = REPO / "data" / "events.json"

SOURCE = {"id": "src-a", "title": "A page", "publisher": "Publisher", "url": "https://example.org/a", "date": None}


def event(id: str, start: str, **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": id,
        "start": start,
        "title": {"en": f"Title {id}", "ko": f"제목 {id}", "ja": f"題名 {id}"},
        "summary": f"Summary of {id}.",
        "significance": "It matters.",
        "topics": ["diplomacy"],
        "kind": "treaty",
        "tone": "verbal-cooperation",
        "actor": "JPN",
        "recipient": "KOR",
        "plover": "AGREE",
        "sources": ["src-a"],
    }
    record.update(fields)
    return record


MINI: dict[str, Any] = {
    "schema_version": 1,
    "topics": [
        {"id": "diplomacy", "name": {"en": "Diplomacy", "ko": "외교", "ja": "外交"}, "description": "d"},
        {"id": "territory", "name": {"en": "Territory", "ko": "영토", "ja": "領土"}, "description": "t"},
    ],
    "eras": [
        {
            "id": "early",
            "name": {"en": "Early", "ko": "초기", "ja": "初期"},
            "start": "1876",
            "end": "1945-08-14",
            "description": "e",
        },
        {
            "id": "late",
            "name": {"en": "Late", "ko": "후기", "ja": "後期"},
            "start": "1945-08-15",
            "end": None,
            "description": "l",
        },
    ],
    "people": [
        {
            "id": "kim",
            "name": {"en": "Kim", "ko": "김", "ja": "金"},
            "country": "KOR",
            "offices": [{"office": "kor-president", "title": "President", "start": "1998-02-25", "end": "2003-02-24"}],
            "sources": ["src-a"],
        }
    ],
    "events": [
        event("annexation", "1910-08-29", tags=["colonial"], people=[]),
        event("colonial-rule", "1910-08-29", end="1945-08-15", topics=["territory"], kind="milestone"),
        event(
            "normalization",
            "1965-06-22",
            related=["annexation"],
            key_dates=[{"label": "in force", "date": "1965-12-18"}],
        ),
        event(
            "declaration",
            "1998-10-08",
            people=["kim"],
            tone="material-cooperation",
            plover="COOPERATE",
            tags=["apology"],
        ),
        event("month-only", "1998-10", topics=["territory"], kind="statement"),
    ],
    "quotes": [
        {
            "id": "q1",
            "text": "A future-oriented relationship",
            "speakers": ["kim"],
            "attribution": "Kim",
            "date": "1998-10-08",
            "occasion": "Joint declaration",
            "event": "declaration",
            "source": "src-a",
        }
    ],
    "sources": [SOURCE],
}


RECIPE: tuple[tuple[str, ...], ...] = (
    ("new", "--id", "2026-my-visit", "--date", "2026-11-30", "--title", "Visited the Busan exhibition"),
    ("show", "--data", "mine.json"),
    ("validate", "mine.json"),
    ("show", "--data", "bundled", "--data", "mine.json", "--from", "2026-02"),
)
"""README's "Your own events", step by step; the first step's output is saved as mine.json."""


def mini() -> dict[str, Any]:
    return copy.deepcopy(MINI)


@pytest.fixture
def write_dataset(tmp_path: Path) -> Callable[..., Path]:
    """Write a dataset (the mini one by default) to a file and return its path."""

    def write(document: Any = None, name: str = "data.json", raw: bytes | None = None) -> Path:
        path = tmp_path / name
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(json.dumps(mini() if document is None else document, ensure_ascii=False), "utf-8")
        return path

    return write


@pytest.fixture
def run() -> Callable[..., Any]:
    """Invoke the CLI as a pipe would (not a terminal), with a clean colour environment."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
        base = {"NO_COLOR": "", "FORCE_COLOR": "", "KJTIMELINE_DATA": "", "COLUMNS": "100", "TERM": "xterm"}
        return runner.invoke(app, list(args), env={**base, **(env or {})}, catch_exceptions=False)

    return invoke
