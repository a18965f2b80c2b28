"""Headless Chromium for the HTML tests: the page as a real browser loads, lays out and runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
]  # fmt: skip


def chromium() -> str:
    """The browser, or a skip; CI sets KJTIMELINE_REQUIRE_BROWSER=1 so a missing one fails instead."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("KJTIMELINE_REQUIRE_BROWSER"):
        pytest.fail("no Chromium found, and KJTIMELINE_REQUIRE_BROWSER is set (apt-get install chromium)")
    pytest.skip("no Chromium on this machine (apt-get install chromium)")


@dataclass
class Rendered:
    dom: str
    log: str
    screenshot: Path


def render(page: Path, tmp_path: Path) -> Rendered:
    """Load `page` from disk: the DOM after scripts would have run, the console log, a screenshot."""
    browser = chromium()
    profile = tmp_path / "profile"
    url = page.resolve().as_uri()
    dumped = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    shot = tmp_path / "page.png"
    subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=1200,1600", url],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return Rendered(dumped.stdout, dumped.stderr, shot)
