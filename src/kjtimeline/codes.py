"""The fixed vocabularies of the records: languages, kinds, tones, PLOVER types, source kinds.

Their own module, without msgspec or the record types, so that what only names them (`--help`, the
choices of `--kind`, shell completion) does not import the models. `models` uses them in the
records' fields; every other list of them (choices, CSV columns, help) is derived from these.
"""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal[
    "treaty", "agreement", "summit", "visit", "statement", "ruling", "incident", "attack",
    "election", "policy", "legislation", "protest", "negotiation", "war", "ceremony",
    "appointment", "milestone",
]  # fmt: skip
KINDS: tuple[str, ...] = get_args(Kind)

Tone = Literal["verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"]
TONES: tuple[str, ...] = get_args(Tone)

PLOVER_VERSION = "2.0"
"""The PLOVER manual followed: its draft version 2.0 of 4 February 2024, the newest
(github.com/openeventdata/PLOVER, PLOVER_MANUAL.tex at commit 5e0c24f)."""

PLOVER_QUADS: dict[str, tuple[str, ...]] = {
    "verbal-cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material-cooperation": ("COOPERATE", "AID", "RETREAT"),
    "verbal-conflict": ("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"),
    "material-conflict": ("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"),
}
"""PLOVER event types by quad category, as the manual's table of quad codes groups them.

The manual's own section on SANCTION, and its summary table, call it material conflict; the
table that gives the numbers `quad_code` carries puts it in verbal conflict, and that is followed.
"""

PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
QUAD_OF_PLOVER = {kind: tone for tone, kinds in PLOVER_QUADS.items() for kind in kinds}

Language = Literal["en", "ko", "ja"]
LANGUAGES: tuple[str, ...] = get_args(Language)
"""The record's languages: English is the reference text; the others are translations of it."""
Translated = Literal["ko", "ja"]

SourceKind = Literal[
    "official", "primary-text", "news", "scholarly", "archive", "reference", "wiki", "user-generated",
]  # fmt: skip
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
STRONG_SOURCE_KINDS: tuple[str, ...] = ("official", "primary-text", "news", "scholarly", "archive")
"""The kinds that can confirm a date; the others (encyclopedias, wikis, blogs) only lead to them."""
