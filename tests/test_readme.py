"""README's examples are real: regenerating them from the commands changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

SCRIPT = Path(sys.executable).with_name("kjtimeline")


@pytest.mark.slow
@pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed in this environment")
def test_readme_output_blocks_match_the_commands() -> None:
    environment = {**os.environ, "PATH": f"{SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "--diff", "README.md"],
        cwd=REPO, env=environment, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, "README is out of date; run `cog -r README.md`\n" + result.stdout + result.stderr


def test_readme_gives_the_two_setup_commands_that_ci_runs() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    for command in ("pip install . && kjtimeline show", "pip install -e '.[dev]' && pytest"):
        assert command in readme and command in ci
