"""Quotations as attributed blocks: the words, who said them, when, and where they come from."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from kjtimeline.i18n import text_in
from kjtimeline.models import Quote, Source
from kjtimeline.render.console import safe_text
from kjtimeline.views import Quotations


def quote_block(
    quote: Quote, sources_by_id: Mapping[str, Source], lang: str = "en", with_url: bool = True
) -> RenderableType:
    """A quote; in a card (`with_url` False) its source's URL is listed under the box, whole, with the others."""
    words = Text("“", style="italic")
    words.append_text(safe_text(quote.text, "italic", keep_newlines=True))
    words.append("”", style="italic")
    credit = Text("— ", style="dim")
    credit.append_text(safe_text(quote.attribution, "bold"))
    occasion = text_in(quote, "occasion", lang)
    credit.append_text(safe_text(f", {occasion}" + (f", {quote.date}" if quote.date else ""), "dim"))
    source = sources_by_id.get(quote.source)
    lines: list[RenderableType] = [words, credit]
    if source:
        lines.append(safe_text(f"{source.publisher}: {source.url}" if with_url else source.publisher, "dim"))
    if quote.note:
        lines.append(safe_text(quote.note, "dim italic"))
    if quote.translation:
        lines.append(safe_text(f"Translation: {quote.translation}", "dim"))
    return Padding(Group(*lines), (1, 0, 0, 2))


def quotations(view: Quotations, lang: str) -> RenderableType:
    return Group(*(quote_block(quote, view.sources_by_id, lang) for quote in view.quotes))
