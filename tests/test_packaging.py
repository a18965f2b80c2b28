"""The installed command, end to end: the wheel carries the data and runs from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import RECIPE, REPO
from kjtimeline.citation import CSL_STYLES

pytestmark = pytest.mark.slow


def run(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the built wheel (and its dependencies) installed."""
    root = tmp_path_factory.mktemp("wheel")
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", root / "dist", REPO)
    assert built.returncode == 0, built.stderr
    (wheel,) = (root / "dist").glob("kjtimeline-*.whl")
    venv.create(root / "env", with_pip=True)
    bin_dir = root / "env" / ("Scripts" if os.name == "nt" else "bin")
    installed = run(bin_dir / "python", "-m", "pip", "install", "-q", wheel)
    assert installed.returncode == 0, installed.stderr
    return bin_dir


def test_installed_command_runs_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("KJTIMELINE_DATA", "NO_COLOR", "FORCE_COLOR")}
    result = run(installed / "kjtimeline", "show", "--year", "1965", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["count"] >= 1
    assert any(e["id"] == "1965-treaty-on-basic-relations" for e in document["events"])
    plain = run(installed / "kjtimeline", "show", cwd=tmp_path, env=env)
    assert plain.returncode == 0 and "1998-joint-declaration" in plain.stdout


def test_module_entry_point_and_version(installed: Path, tmp_path: Path) -> None:
    result = run(installed / "python", "-m", "kjtimeline", "--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("kjtimeline ")


def test_the_wheel_carries_the_same_data_as_the_repository(installed: Path, tmp_path: Path) -> None:
    script = "from kjtimeline.load import bundled_path; print(bundled_path())"
    path = Path(run(installed / "python", "-c", script, cwd=tmp_path).stdout.strip())
    assert "site-packages" in str(path)
    assert path.read_bytes() == (REPO / "data" / "events.json").read_bytes()


def test_the_wheel_carries_the_citation_styles_and_cites_without_citeproc(installed: Path, tmp_path: Path) -> None:
    script = "from importlib.resources import files; print(*sorted(p.name for p in files('kjtimeline').joinpath('styles').iterdir()))"
    names = run(installed / "python", "-c", script, cwd=tmp_path).stdout.split()
    assert names == sorted(CSL_STYLES.values())
    env = {k: v for k, v in os.environ.items() if k != "KJTIMELINE_DATA"}
    bib = run(
        installed / "kjtimeline", "cite", "1965-treaty-on-basic-relations", "--style", "bibtex", cwd=tmp_path, env=env
    )
    assert bib.returncode == 0 and bib.stdout.startswith("@misc{kjtimeline-1965-treaty-on-basic-relations,")
    apa = run(installed / "kjtimeline", "cite", "1965-treaty-on-basic-relations", cwd=tmp_path, env=env)
    assert apa.returncode == 2  # the wheel alone does not install the `cite` extra
    assert apa.stderr == "kjtimeline: error: cite --style apa needs citeproc-py: pip install 'kjtimeline[cite]'\n"


def test_readme_recipe_for_your_own_events_works_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("KJTIMELINE_DATA", "NO_COLOR", "FORCE_COLOR")}
    for step in RECIPE:
        result = run(installed / "kjtimeline", *step, cwd=tmp_path, env=env)
        assert result.returncode == 0, (step, result.stderr)
        if step[0] == "new":
            (tmp_path / "mine.json").write_text(result.stdout, "utf-8")
    assert result.stdout.splitlines()[-1].startswith("2026-11-30\t2026-my-visit\tVisited the Busan exhibition")
