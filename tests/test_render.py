"""The terminal views drawn through Rich directly, at a fixed width and without colour (Rich's own way)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from kjtimeline import views
from kjtimeline.load import load
from kjtimeline.models import Dataset
from kjtimeline.render import DRAWERS, draw


@pytest.fixture
def data(write_dataset: Callable[..., Path]) -> Dataset:
    return load([write_dataset()])


def drawn(view: object, width: int = 60, lang: str = "en") -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, legacy_windows=False).print(draw(view, lang))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def test_every_view_has_a_drawer() -> None:
    defined = {
        value for value in vars(views).values() if isinstance(value, type) and value.__module__ == views.__name__
    }
    assert defined - {views.ListingView, views.CardView} == set(DRAWERS)


def test_timeline_groups_events_under_their_eras(data: Dataset) -> None:
    assert (
        drawn(views.timeline(data, data.events[:3], {}))
        == """\
Early  1876 – 1945-08-14 ───────────────────────────────────
1910-08-29              Title annexation  #diplomacy
                        (annexation)
                        Summary of annexation.

1910-08-29 – 1945-08-15 Title colonial-rule  #territory
                        (colonial-rule)
                        Summary of colonial-rule.

Late  1945-08-15 – today ───────────────────────────────────
1965-06-22 Title normalization  #diplomacy  (normalization)
           Summary of normalization.

"""
    )


def test_leaders_table(data: Dataset) -> None:
    assert (
        drawn(views.leaders(data, "2000"))
        == """\
In office at 2000
 Country      Leader  Office     From        To
 South Korea  Kim     President  1998-02-25  2003-02-24
"""
    )


def test_event_card_shows_quotes_and_sources(data: Dataset) -> None:
    assert (
        drawn(views.event_card(data, "declaration"))
        == """\
╭─ declaration ────────────────────────────────────────────╮
│ Title declaration                                        │
│ 제목 declaration                                         │
│ 題名 declaration                                         │
│ 1998-10-08  (day precision)  Late                        │
│                                                          │
│  Summary         Summary of declaration.                 │
│  Why it matters  It matters.                             │
│  People          Kim                                     │
│  Leaders         Kim (President)                         │
│  Topics          #diplomacy                              │
│  Tags            apology                                 │
│  Kind · tone     treaty · material-cooperation (JPN →    │
│                  KOR, COOPERATE)                         │
│                                                          │
│ Quotes                                                   │
│                                                          │
│   “A future-oriented relationship”                       │
│   — Kim, Joint declaration, 1998-10-08                   │
│   Publisher                                              │
╰──────────────────────────────────────────────────────────╯
Sources
A page — Publisher
https://example.org/a
"""
    )
