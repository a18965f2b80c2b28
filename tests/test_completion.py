"""Shell completion, as bash asks for it: command names, then ids from the datasets the line names."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("kjtimeline")
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed in this environment")


def complete(line: str, **env: str) -> subprocess.CompletedProcess[str]:
    words = line.split(" ")
    environment = {
        **os.environ,
        "_KJTIMELINE_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }
    environment.pop("KJTIMELINE_DATA", None)
    return subprocess.run([str(SCRIPT)], capture_output=True, text=True, env={**environment, **env}, timeout=60)


def test_command_names_complete() -> None:
    assert complete("kjtimeline sh").stdout.split() == ["show"]
    assert complete("kjtimeline ex").stdout.split() == ["export"]


def test_ids_come_from_the_bundled_dataset_by_default() -> None:
    assert complete("kjtimeline show --topic dip").stdout.split() == ["diplomacy"]
    assert "2025-tokyo-summit" in complete("kjtimeline event 2025-t").stdout.split()


def test_ids_come_from_the_data_the_line_or_the_environment_names(write_dataset: Callable[..., Path]) -> None:
    data = str(write_dataset())
    assert complete(f"kjtimeline --data {data} event a").stdout.split() == ["annexation"]
    assert complete("kjtimeline show --topic t", KJTIMELINE_DATA=data).stdout.split() == ["territory"]


def test_an_unreadable_dataset_completes_nothing_and_quietly(tmp_path: Path) -> None:
    result = complete(f"kjtimeline --data {tmp_path / 'missing.json'} event a")
    assert result.returncode == 0 and result.stdout.strip() == "" and "Traceback" not in result.stderr
