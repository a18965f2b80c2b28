"""Citations of an event or a quote: CSL-JSON items, and what is written from them.

The items are the one description of what is cited; `render` hands them to a CSL processor
(citeproc-py, an optional extra imported only here and only when asked) with the official style
files in `kjtimeline/styles`, and `bibtex` writes the same items for BibTeX and biblatex. No I/O
but reading the bundled style; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, get_args

from kjtimeline import __version__
from kjtimeline.codes import STRONG_SOURCE_KINDS
from kjtimeline.errors import KjtimelineError
from kjtimeline.query import check_date, resolve
from kjtimeline.text import pattern, visible

if TYPE_CHECKING:  # `cite --help` names the styles and needs no records
    from kjtimeline.models import Dataset, Event, Quote, Source

Item = dict[str, Any]
"""One CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""

Style = Literal["apa", "chicago", "mla", "bibtex", "csl-json"]
STYLES: tuple[str, ...] = get_args(Style)
CSL_STYLES = {
    "apa": "apa.csl",  # APA Style 7th edition
    "chicago": "chicago-author-date.csl",  # Chicago Manual of Style 18th edition, author-date
    "mla": "modern-language-association.csl",  # MLA Handbook 9th edition
}
"""The styles a CSL processor renders, and their files from the CSL styles repository (CC BY-SA 3.0);
the others (bibtex, csl-json) are written from the items themselves."""
DEFAULT_STYLE: Style = "apa"

NOCASE = '<span class="nocase">{}</span>'
"""CSL-JSON markup for text a style must not recase: the dataset's name is written as its authors write it."""
_NOCASE_RE = r'<span class="nocase">(.*?)</span>'


def cite(dataset: Dataset, typed: str, lang: str = "en", accessed: str | None = None) -> list[Item]:
    """The items that cite an event or a quote: the record in the dataset, then its primary source.

    `typed` is an id as other commands take it (a prefix, a title in any language); `accessed`
    is YYYY-MM-DD, today if not given.
    """
    day = date.fromisoformat(_full_day(accessed)) if accessed else date.today()
    quotes = {q.id: q for q in dataset.quotes}
    from kjtimeline.explore import event_names  # here: `cite --help` reads only the styles

    names = {**event_names(dataset), **{q.id: [q.id] for q in dataset.quotes}}
    found = resolve("event or quote", typed, names, "find ids with `kjtimeline search WORDS`")
    if found in quotes:
        return _quote_items(dataset, quotes[found], lang, day)
    return _event_items(dataset, dataset.events_by_id[found], lang, day)


def _full_day(text: str) -> str:
    if len(check_date(text, "--accessed")) != 10:
        raise KjtimelineError(f"--accessed: '{text}' is not a day: write YYYY-MM-DD")
    return text


def _date_parts(text: str | date) -> dict[str, list[list[int]]]:
    """A partial ISO date as CSL date-parts, as precise as it is."""
    return {"date-parts": [[int(part) for part in str(text).split("-")]]}


def _dataset_entry(dataset: Dataset, kind: str, record_id: str, title: str, lang: str, day: date) -> Item:
    """The record as an entry of the dataset, which is named with its version and the day it was read."""
    from importlib import metadata  # here, not at start-up: it costs every other command in cli.explore

    return {
        "id": f"kjtimeline-{record_id}",
        "type": "entry",
        "title": title,
        "container-title": NOCASE.format(dataset.title),
        "author": [{"literal": metadata.metadata("kjtimeline")["Author"]}],
        "version": __version__,
        "number": f"{kind} {record_id}",
        "accessed": _date_parts(day),
        "language": lang,
    }


def _source_item(source: Source, day: date) -> Item:
    """A source as a web page (every one has a URL) whose publisher stands as its author: the dataset
    names no writers, and citeproc-py repeats a title that stands in for a missing author. (A news
    item is a web page too: as `article-newspaper` citeproc-py prints Chicago's label "Edition"
    with no edition.)"""
    item: Item = {
        "id": source.id,
        "type": "webpage",
        "title": source.title,
        "author": [{"literal": source.publisher}],
        "URL": source.url,
        "accessed": _date_parts(day),
    }
    if source.date:
        item["issued"] = _date_parts(source.date)
    if source.language:
        item["language"] = source.language
    return item


def primary_source(dataset: Dataset, event: Event) -> Source | None:
    """The first strong source, in the order the event's card lists them (`Dataset.cited`)."""
    return next((s for s in dataset.cited(event.sources) if s.kind in STRONG_SOURCE_KINDS), None)


def _event_items(dataset: Dataset, event: Event, lang: str, day: date) -> list[Item]:
    items = [_dataset_entry(dataset, "event", event.id, event.title.get(lang), lang, day)]
    if source := primary_source(dataset, event):
        items.append(_source_item(source, day))
    return items


def _quote_items(dataset: Dataset, quote: Quote, lang: str, day: date) -> list[Item]:
    """The entry, then the words as spoken: by the speakers (else whoever the source says said or wrote
    them), on the quote's date, at its occasion, as published by the quote's own source."""
    source = dataset.sources_by_id[quote.source]
    speakers = [dataset.people_by_id[s].name.get(lang) for s in quote.speakers if s in dataset.people_by_id]
    occasion, _ = quote.localized("occasion", lang)
    spoken: Item = {
        "id": quote.id,
        "type": "speech",
        "title": occasion,
        "author": [{"literal": name} for name in speakers or [quote.attribution]],
        "container-title": source.title,
        "publisher": source.publisher,
        "URL": source.url,
        "accessed": _date_parts(day),
        "language": lang,
    }
    if quote.date:  # MLA dates a speech by when it was given (event-date), APA and Chicago by issued
        spoken["issued"] = spoken["event-date"] = _date_parts(quote.date)
    return [_dataset_entry(dataset, "quote", quote.id, quote.attribution, "en", day), spoken]


# ---- rendering ----------------------------------------------------------------------------------


def render(items: Sequence[Item], style: str) -> str:
    """The items as a reference list in a CSL style, as plain text, one entry a line."""
    try:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
        from citeproc.source.json import CiteProcJSON
    except ImportError:
        raise KjtimelineError(f"cite --style {style} needs citeproc-py: pip install 'kjtimeline[cite]'") from None
    import warnings
    from importlib.resources import files

    path = files("kjtimeline").joinpath("styles", CSL_STYLES[style])
    with warnings.catch_warnings():  # citeproc-py warns of every item field it does not use
        warnings.simplefilter("ignore")
        with path.open("rb") as stream:
            csl = CitationStylesStyle(stream, validate=False)
        bibliography = CitationStylesBibliography(csl, CiteProcJSON(list(items)), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        entries = {key: str(entry) for key, entry in zip(bibliography.keys, bibliography.bibliography(), strict=True)}
    return "".join(f"{visible(entries[item['id']])}\n" for item in items)


# ---- BibTeX -------------------------------------------------------------------------------------

_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
}  # fmt: skip
_BIBTEX_SPECIAL_RE = r"[\\{}&%$#_^~]"


def bibtex_text(text: str) -> str:
    """Text as a BibTeX field value on one line: control and invisible characters written out
    (`visible`), LaTeX's special characters escaped, non-ASCII kept as UTF-8 (biblatex with biber
    reads it), text marked nocase braced so no style recases it."""
    parts = pattern(_NOCASE_RE).split(visible(text))  # odd positions are the protected parts
    escaped = [pattern(_BIBTEX_SPECIAL_RE).sub(lambda m: _BIBTEX_ESCAPES[m.group()], part) for part in parts]
    return "".join(f"{{{part}}}" if index % 2 else part for index, part in enumerate(escaped))


def _bibtex_date(value: dict[str, list[list[int]]]) -> str:
    return "-".join(f"{part:02d}" for part in value["date-parts"][0])


def _bibtex_entry(item: Item) -> str:
    """One item as a biblatex `@online` (it has a URL) or `@misc` entry."""
    kind = "online" if "URL" in item else "misc"
    names = " and ".join(f"{{{bibtex_text(name['literal'])}}}" for name in item.get("author", ()))
    container = item.get("container-title", "")
    organization = item.get("publisher") or container
    fields = {
        "author": names,
        "title": bibtex_text(item["title"]),
        "howpublished" if kind == "misc" else "organization": bibtex_text(organization),
        "version": bibtex_text(item.get("version", "")),
        "note": bibtex_text(item.get("number") or (container if container != organization else "")),
        "date": _bibtex_date(item["issued"]) if "issued" in item else "",
        "url": item.get("URL", "").replace("{", "%7B").replace("}", "%7D"),  # the schema's URLs have no controls
        "urldate": _bibtex_date(item["accessed"]),
    }
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items() if value)
    return f"@{kind}{{{item['id']},\n{body}}}\n"


def bibtex(items: Sequence[Item]) -> str:
    """The items as BibTeX entries for biblatex, in order, separated by a blank line."""
    return "\n".join(_bibtex_entry(item) for item in items)
