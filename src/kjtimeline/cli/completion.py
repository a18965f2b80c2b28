"""Shell completion: names from the datasets the command line names (--data, KJTIMELINE_DATA).

No `from __future__ import annotations` here: Typer reads each completer's parameters whenever it
builds a command, and annotations given as strings it would evaluate for every option, every call.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from kjtimeline.codes import KINDS, SOURCE_KINDS, TONES
from kjtimeline.query import all_places

if TYPE_CHECKING:  # declaring the options needs no records
    from kjtimeline.models import Dataset


def _completer(names: "Callable[[Dataset], list[str]]") -> Callable[[typer.Context, str], list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from kjtimeline.cli.session import data_files  # here: declaring the options must not load anything
        from kjtimeline.load import load

        options = ctx.find_root().params  # parsed (environment included), though the callback has not run
        try:
            found = load(data_files(options.get("data") or ()), bool(options.get("override")))
        except Exception:  # a completion must never print a traceback into the user's shell
            return []
        return [name for name in names(found) if name.startswith(incomplete)]

    return complete


def _fixed(choices: tuple[str, ...]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [choice for choice in choices if choice.startswith(incomplete)]

    return complete


complete_topics = _completer(lambda d: [t.id for t in d.topics])
complete_eras = _completer(lambda d: [e.id for e in d.eras])
complete_people = _completer(lambda d: [p.id for p in d.people])
complete_events = _completer(lambda d: [e.id for e in d.events])
complete_tags = _completer(lambda d: sorted({t for e in d.events for t in e.tags}))
complete_places = _completer(all_places)
complete_kinds = _fixed(KINDS)
complete_source_kinds = _fixed(SOURCE_KINDS)
complete_tones = _fixed(TONES)
