"""The HTML export in a real headless Chromium: events are shown and nothing errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from browser import render
from kjtimeline.load import load_bundled

pytestmark = pytest.mark.slow


class EventCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "li" and values.get("class") == "event":
            self.events.append(values.get("id") or "")
        if tag in ("script", "img", "link", "iframe") or (tag == "style" and values.get("src")):
            self.external.append(tag)


def test_the_page_shows_every_event_and_loads_nothing(run: Callable[..., Any], tmp_path: Path) -> None:
    page = tmp_path / "timeline.html"
    assert run("export", "--format", "html", "--output", str(page)).exit_code == 0
    rendered = render(page, tmp_path)
    counter = EventCounter()
    counter.feed(rendered.dom)
    assert counter.events == [e.id for e in load_bundled().events]
    assert counter.external == []
    assert "Treaty on Basic Relations signed" in rendered.dom
    assert "Uncaught" not in rendered.log and "Refused to" not in rendered.log
    png = rendered.screenshot.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000


def test_script_in_the_data_does_not_run(run: Callable[..., Any], tmp_path: Path) -> None:
    from conftest import mini

    document = mini()
    payloads = [
        "<script>document.body.setAttribute('data-pwned','1')</script>",
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">",
        "\"><svg onload=\"document.body.setAttribute('data-pwned','1')\">",
    ]
    document["events"][0]["title"]["en"] = payloads[0]
    document["events"][1]["summary"] = payloads[1]
    document["events"][2]["id"] = "normalization"
    document["sources"][0]["title"] = payloads[2]
    document["sources"][0]["url"] = "https://example.org/\"onmouseover='x'"
    data = tmp_path / "hostile.json"
    data.write_text(json.dumps(document), "utf-8")
    page = tmp_path / "page.html"
    assert run("--data", str(data), "export", "--format", "html", "--output", str(page)).exit_code == 0
    rendered = render(page, tmp_path)
    counter = EventCounter()
    counter.feed(rendered.dom)
    assert "data-pwned" not in rendered.dom.replace("setAttribute('data-pwned'", "")
    assert counter.external == [] and len(counter.events) == 5
    assert "&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;" in rendered.dom
