"""The one place that makes a Console, and the helpers every view uses for dataset text."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.text import Text

from kjtimeline.text import visible

THEME_STYLES = {
    "date": "bold cyan",
    "era": "bold magenta",
    "topic": "green",
    "dim": "dim",
}


def make_console(file: IO[str], width: int | None = None, color: bool = True) -> Console:
    return Console(
        file=file,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def safe_text(text: str, style: str = "", keep_newlines: bool = False) -> Text:
    """Dataset text for Rich: literal (no markup, no emoji codes) and with controls made visible."""
    return Text(visible(text, keep_newlines), style=style)


def date_span(start: str, end: str | None) -> str:
    return f"{start} – {end}" if end else start


def life_span(born: str | None, died: str | None, dash: str = " – ") -> str:
    """`?` for a date no source gives; nothing after the dash for the living (and where no death is
    recorded). With neither date, `?` alone: "? –" would read as alive."""
    if not born and not died:
        return "?"
    return f"{born or '?'}{dash}{died or ''}".rstrip()
