"""The installed command in real pipes, under Ctrl-C and in the C locale."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import event, mini

SCRIPT = Path(sys.executable).with_name("kjtimeline")
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed in this environment")


def shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PATH": f"{SCRIPT.parent}:{os.environ['PATH']}", **env}
    environment.pop("KJTIMELINE_DATA", None)
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=environment, timeout=120, check=False
    )


@pytest.mark.parametrize(
    "pipeline",
    ["kjtimeline show --json | head -c 100", "kjtimeline show | head -1", "kjtimeline export --format csv | head -2"],
)
def test_a_reader_that_stops_early_gets_no_noise(pipeline: str) -> None:
    result = shell(pipeline)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout


def test_ctrl_c_ends_with_130_and_no_traceback(tmp_path: Path) -> None:
    document = mini()
    document["events"] += [event(f"bulk-{n}", "2001-01-01") for n in range(60_000)]
    big = tmp_path / "big.json"
    big.write_text(json.dumps(document), "utf-8")
    process = subprocess.Popen(
        [str(SCRIPT), "--data", str(big), "show", "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.4)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_output_works_in_the_c_locale(locale: str) -> None:
    result = shell(
        "kjtimeline show --year 1965 --lang ko && kjtimeline event 1965-treaty-on-basic-relations",
        LC_ALL=locale,
        LANG=locale,
    )
    assert result.returncode == 0, result.stderr
    assert "한일기본조약" in result.stdout or "\\ud55c" in result.stdout
    assert "Traceback" not in result.stderr
