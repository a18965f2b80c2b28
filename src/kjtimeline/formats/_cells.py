"""Turning one JSON field value into one cell of text, for the flat formats (plain, csv, markdown)."""

from __future__ import annotations

import json
from typing import Any

from kjtimeline.codes import LANGUAGES


def is_names(value: Any) -> bool:
    """A `Names` record as JSON: one key a language."""
    return isinstance(value, dict) and set(value) == set(LANGUAGES)


def cell(value: Any, lang: str, joiner: str) -> str:
    """Names show in `lang` (English if missing); lists are joined; absent is empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        if is_names(value):
            return str(value.get(lang) or value["en"])
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, list):
        return joiner.join(cell(item, lang, joiner) for item in value)
    return str(value)
