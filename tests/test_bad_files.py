"""A corpus of bad dataset files (tests/bad/), each with the one line a user should see."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

BAD = Path(__file__).parent / "bad"

EXPECTED = {
    "empty.json": "empty.json: the file is empty; a dataset is a JSON object",
    "truncated.json": "truncated.json: invalid JSON: EOF while parsing a value at line 119 column 1",
    "byte-order-mark.json": "byte-order-mark.json: starts with a byte-order mark; save it as UTF-8 without BOM",
    "invalid-utf8.json": "invalid-utf8.json: not valid UTF-8 JSON: invalid unicode code point at line 74 column 18",
    "wrong-type.json": "wrong-type.json: events[0].start (id 'annexation'): Input should be a valid string",
    "missing-field.json": "missing-field.json: events[1].title (id 'colonial-rule'): Field required",
    "duplicate-id.json": "duplicate-id.json: events[4].id (id 'annexation'): duplicate id",
    "dangling-reference.json": "dangling-reference.json: events[2].related[0] (id 'normalization'): no event has id 'no-such-event'",
    "impossible-day.json": "impossible-day.json: events[2].start (id 'normalization'): '2025-02-30': February 2025 has 28 days",
    "impossible-month.json": "impossible-month.json: events[2].start (id 'normalization'): '1910-13': there is no month 13",
    "year-zero.json": "year-zero.json: events[2].start (id 'normalization'): '0000': there is no year 0000",
    "end-before-start.json": "end-before-start.json: events[1].end (id 'colonial-rule'): ends (1900) before it starts (1910-08-29)",
}


def one_clean_line(result: Any) -> str:
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    line: str = result.stderr.strip()
    assert line.startswith("kjtimeline: error: ")
    return line


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in BAD.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize(("name", "message"), sorted(EXPECTED.items()))
def test_each_bad_file_gives_its_message(run: Callable[..., Any], name: str, message: str) -> None:
    line = one_clean_line(run("--data", str(BAD / name), "show"))
    assert line.endswith(message), line
    assert str(BAD / name) in line


def test_a_directory(run: Callable[..., Any], tmp_path: Path) -> None:
    assert one_clean_line(run("--data", str(tmp_path), "show")).endswith(
        f"{tmp_path}: is a directory, not a dataset file"
    )


def test_a_missing_file(run: Callable[..., Any], tmp_path: Path) -> None:
    assert one_clean_line(run("--data", str(tmp_path / "nope.json"), "show")).endswith("nope.json: no such file")


def test_a_file_without_read_permission(run: Callable[..., Any], tmp_path: Path) -> None:
    locked = tmp_path / "locked.json"
    locked.write_text("{}")
    locked.chmod(0)
    if os.geteuid() == 0:
        # root reads anything: run as nobody instead, through the real installed command
        script = Path(sys.executable).with_name("kjtimeline")
        tmp_path.chmod(0o755)
        result = subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", str(script), "--data", str(locked), "show"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip().endswith("locked.json: permission denied")
        assert "Traceback" not in result.stderr
    else:
        assert one_clean_line(run("--data", str(locked), "show")).endswith("locked.json: permission denied")


def test_a_file_of_several_hundred_megabytes(run: Callable[..., Any], tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.write(b'{"events": [')
        stream.truncate(300 * 1024 * 1024)  # 300 MB of NUL bytes after a valid start
    line = one_clean_line(run("--data", str(huge), "show"))
    assert line.endswith(
        "huge.json: larger than 268,435,456 bytes, the most a dataset may be (set KJTIMELINE_MAX_BYTES to allow more)"
    )
    line = one_clean_line(run("--data", str(huge), "show", env={"KJTIMELINE_MAX_BYTES": "400M"}))
    assert "invalid JSON" in line and "line 1 column 13" in line
