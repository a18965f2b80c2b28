"""The terminal views drawn through Rich directly, at a fixed width and without colour (Rich's own way)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

from kjtimeline import views
from kjtimeline.load import load
from kjtimeline.models import Dataset
from kjtimeline.render import DRAWERS, draw
from kjtimeline.render.timeline import shortened, wrapped


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


@pytest.mark.parametrize(
    ("born", "died", "shown"),
    [("1924-01-06", "2009-08-18", "1924-01-06–2009-08-18"), (None, "1997-12-16", "?–1997-12-16"),
     ("1957", None, "1957–"), (None, None, "?")],
)  # fmt: skip
def test_a_life_is_shown_with_what_the_sources_give(born: str | None, died: str | None, shown: str) -> None:
    from kjtimeline.render.console import life_span

    assert life_span(born, died, "–") == shown
    assert life_span(born, died) == shown.replace("–", " – ").rstrip()


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


_LINE_TEXT = st.lists(
    st.sampled_from([*"ab ō–’", "  ", "wordwordword", "독도", "竹島", "\u0301", "\u200d", "\ufe0f", "👨", "\u3000"]),
    max_size=40,
).map("".join)
"""One line of dataset text as the terminal gets it (`visible` has escaped controls): words, spaces, wide and
zero-width characters, joiners and variation selectors."""


@settings(max_examples=300, deadline=None)
@given(text=_LINE_TEXT, width=st.integers(1, 30))
def test_headings_wrap_as_rich_wraps_them(text: str, width: int) -> None:
    """`show` wraps each heading itself, for speed: the lines must be those Rich's `Text.wrap` makes."""
    console = Console(file=io.StringIO(), width=80, color_system=None, legacy_windows=False)
    lines = wrapped(text, width)  # never raises, even where Rich does
    try:
        expected = [line.plain for line in Text(text).wrap(console, width)]
    except (IndexError, ZeroDivisionError):  # Rich 15 cannot wrap a line that starts with two zero-width joiners
        expected = None
    if expected is not None:
        assert [line for _, line in lines] == expected
    starts = [start for start, _ in lines]
    assert starts == sorted(starts) and all(text.startswith(line[:-1], start) for start, line in lines)


@settings(max_examples=300, deadline=None)
@given(text=_LINE_TEXT, width=st.integers(2, 30))
def test_a_summary_is_shortened_as_it_always_was(text: str, width: int) -> None:
    expected = set_cell_size(text, width - 1) + "…" if cell_len(text) > width else text
    assert shortened(text, width) == expected
