"""Headless Chromium for the HTML tests: the page as a real browser loads, lays out and runs it.

The page itself runs no script (its CSP forbids it), so to look at it scrolled, the tests load it
in an iframe of a small test page (`probe`) whose script scrolls it and measures what a reader
sees: what is on top at the sticky bar's place, how wide the page is, where the chart's links go.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
]  # fmt: skip
PROBE_FLAGS = ["--allow-file-access-from-files", "--virtual-time-budget=10000"]
"""The probe page reads the page in its iframe (both are files), and waits for it to load and lay out."""


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


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip


def render(page: Path, tmp_path: Path) -> Rendered:
    """Load `page` from disk: the DOM after scripts would have run, the console log, a screenshot."""
    url = page.resolve().as_uri()
    dumped = _run(tmp_path, "--dump-dom", url)
    shot = tmp_path / "page.png"
    _run(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", url)
    return Rendered(dumped.stdout, dumped.stderr, shot)


def print_to_pdf(page: Path, tmp_path: Path) -> bytes:
    """The page as Chromium prints it (with the page's print styles), as PDF bytes."""
    pdf = tmp_path / f"{page.stem}.pdf"
    _run(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.resolve().as_uri())
    return pdf.read_bytes() if pdf.exists() else b""


PROBE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>body {{ margin: 0; }} iframe {{ border: 0; display: block; }}</style></head>
<body><iframe id="page" src="{src}" width="{width}" height="{height}"></iframe><pre id="seen"></pre>
<script>
const frame = document.getElementById("page");
frame.addEventListener("load", () => {{
  const win = frame.contentWindow, doc = win.document;
  win.scrollTo(0, {scroll});
  setTimeout(() => {{
    const nav = doc.querySelector("nav"), bar = nav.getBoundingClientRect();
    const onTop = [0.05, 0.5, 0.95].map(f => {{
      const hit = doc.elementFromPoint(bar.left + bar.width * f, bar.top + bar.height / 2);
      return hit ? hit.tagName.toLowerCase() + (nav.contains(hit) ? "@nav" : "") : null;
    }});
    const texts = [...doc.querySelectorAll("main p, main li, main h3, header p, nav a")];
    document.getElementById("seen").textContent = JSON.stringify({{
      scrollY: win.scrollY, bar: [bar.top, bar.bottom], onTop,
      pageWidth: doc.documentElement.scrollWidth, viewWidth: doc.documentElement.clientWidth,
      ids: [...doc.querySelectorAll("[id]")].map(e => e.id),
      marks: [...doc.querySelectorAll("svg a")].map(a => a.getAttribute("href")),
      chart: doc.querySelector("svg") ? doc.querySelector("svg").getBoundingClientRect().height : 0,
      smallestText: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize))),
    }});
  }}, 500);
}});
</script></body></html>
"""


@dataclass
class Seen:
    """What a reader sees of the page at one width and scroll position, and a screenshot of it."""

    facts: dict[str, Any]
    screenshot: Path


def probe(page: Path, tmp_path: Path, width: int, height: int, scroll: int) -> Seen:
    """The page at `width`×`height`, scrolled down `scroll` pixels: measured, and a screenshot saved."""
    name = f"{page.stem}-{width}x{height}-at-{scroll}"
    harness = page.parent / f"{name}.probe.html"
    harness.write_text(PROBE.format(src=page.name, width=width, height=height, scroll=scroll), "utf-8")
    url = harness.resolve().as_uri()
    dumped = _run(tmp_path, *PROBE_FLAGS, "--dump-dom", url)
    start = dumped.stdout.find('<pre id="seen">')
    assert start >= 0, dumped.stderr[-2000:]
    seen = dumped.stdout[start + len('<pre id="seen">') : dumped.stdout.find("</pre>", start)]
    import html

    shot = tmp_path / f"{name}.png"
    _run(tmp_path, *PROBE_FLAGS, f"--screenshot={shot}", f"--window-size={width},{height}", url)
    return Seen(json.loads(html.unescape(seen)), shot)
