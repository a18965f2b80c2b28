"""Rich renderables for the terminal views. The only package that imports Rich.

Each view value of `kjtimeline.views` has one function here that draws it; `draw` finds it and
imports only its module. Dataset text always enters Rich as `Text` made by `safe_text` (never as
a markup string), so `[bold]` or `:warning:` in the data is shown as typed and escape sequences
are shown as escapes.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from kjtimeline import views

if TYPE_CHECKING:
    from rich.console import RenderableType

DRAWERS: dict[type, tuple[str, str]] = {
    views.Timeline: ("timeline", "timeline"),
    views.DatedEvents: ("tables", "dated_events"),
    views.SearchResults: ("tables", "search_results"),
    views.Quotations: ("quotes", "quotations"),
    views.People: ("tables", "people_table"),
    views.Leaders: ("tables", "leaders_table"),
    views.FacetCounts: ("tables", "facet_table"),
    views.Stats: ("tables", "stats_view"),
    views.EventCard: ("cards", "event_card"),
    views.PersonCard: ("cards", "person_card"),
}
"""View type -> (module of this package, function) that draws it."""


def draw(view: object, lang: str) -> RenderableType:
    """The view drawn, with "20 of 37 — --limit 0 for all" under it when a limit cut a listing."""
    module, function = DRAWERS[type(view)]
    drawn: RenderableType = getattr(import_module(f"{__name__}.{module}"), function)(view, lang)
    note = view.listing().cut_note() if hasattr(view, "listing") else None
    if note is None:
        return drawn
    from rich.console import Group
    from rich.text import Text

    return Group(drawn, Text(f"\n{note}", style="dim"))
