"""CSV for spreadsheets and scripts: a header row, one row a record, nothing ambiguous.

- A name in each language becomes a column per language (`title_en`, `title_ko`, …).
- A list is a JSON array in its cell (`["diplomacy","law"]`), and so is a list of records: key
  dates are `[{"label":"entered into force","date":"1965-12-18"}]`. Texts may contain any
  separator, so only JSON reads back the same items (`json.loads(cell)`).
- The export adds `source_urls`: the URLs of `sources`, in the same order.
- Control and invisible characters are shown as escapes (`kjtimeline.text.visible`; inside JSON
  cells as JSON's own `\\u` escapes, so the parsed text is exact), line breaks kept.
- A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return)
  gets a leading apostrophe, as OWASP recommends for CSV injection; the text is otherwise unchanged.
- Lines end in CRLF (RFC 4180); `export --excel` also writes a UTF-8 byte-order mark, without
  which Excel reads the file in the local code page and shows Hangul and kana as mojibake.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from kjtimeline.codes import LANGUAGES
from kjtimeline.formats import Format
from kjtimeline.formats._cells import cell, is_names
from kjtimeline.listing import Getter, Listing, event_fields
from kjtimeline.models import Dataset, Event
from kjtimeline.text import to_json, visible

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def spreadsheet_safe(text: str) -> str:
    """A text as a cell: escapes for controls and invisible characters, and no formula."""
    return neutralize(visible(text, keep_newlines=True))


def _cell(value: Any, lang: str) -> str:
    """A list or a record as compact JSON (which escapes what it must and starts with no formula),
    anything else as `_cells.cell` writes it, made safe."""
    if isinstance(value, list) or (isinstance(value, dict) and not is_names(value)):
        return to_json(value, compact=True)
    return spreadsheet_safe(cell(value, lang, ""))


def _names_columns(listing: Listing) -> set[str]:
    """The columns that hold a name in each language, from their first value that is there."""
    found = set()
    for name in listing.columns:
        get = listing.fields[name]
        sample = next((value for record in listing.records if (value := get(record)) is not None), None)
        if is_names(sample):
            found.add(name)
    return found


def _columns(name: str, names: set[str]) -> list[str]:
    return [f"{name}_{code}" for code in LANGUAGES] if name in names else [name]


def _lines(listing: Listing, lang: str) -> Iterator[list[str]]:
    """The header, then one row a record, each made when it is written."""
    listing = listing.localized(lang)
    names = _names_columns(listing)
    yield [column for name in listing.columns for column in _columns(name, names)]
    for row in listing.each_row():
        cells: list[str] = []
        for name in listing.columns:
            value = row[name]
            if name in names:
                cells.extend(_cell(value.get(code) if value else None, lang) for code in LANGUAGES)
            else:
                cells.append(_cell(value, lang))
        yield cells


def format_listing(listing: Listing, lang: str) -> str:
    import csv  # here, as in `save_csv`: `export --help` imports every export format for its help

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(_lines(listing, lang))
    return buffer.getvalue()


def export_listing(dataset: Dataset) -> Listing:
    """Every event and every field, with the URLs of its sources after their ids.

    Not `event_listing`: a file of records alone, with no filters or cited sources around them.
    """
    sources = dataset.sources_by_id

    def source_urls(event: Event) -> list[str]:
        return [sources[s].url for s in event.sources if s in sources]

    fields: dict[str, Getter] = {}
    for name, get in event_fields(dataset).items():
        fields[name] = get
        if name == "sources":
            fields["source_urls"] = source_urls
    return Listing(kind="events", records=dataset.events, fields=fields, plain_fields=())


def save_csv(dataset: Dataset, lang: str, path: Path, excel: bool = False) -> None:
    """`export --format csv`, a row at a time (`excel`: a byte-order mark first)."""
    import csv

    with path.open("w", encoding="utf-8-sig" if excel else "utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\r\n").writerows(_lines(export_listing(dataset), lang))


FORMAT = Format(
    name="csv",
    help="one row an event; names as title_en, title_ko…; lists as JSON arrays; source_urls; --excel adds a BOM",
    extension=".csv",
    listing=format_listing,
    save=save_csv,
    for_excel=partial(save_csv, excel=True),
)
