"""The Python API: the dataset, the same filters as `show`, and a pandas table, for notebooks and scripts.

Everything here is what the CLI already does, called without a command line: `load` is `--data`
(over the bundled dataset), `select` is the filters of `show` through the same resolver, so names
are accepted as a user types them. Re-exported by `kjtimeline` itself, lazily.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kjtimeline.errors import KjtimelineError
from kjtimeline.load import RECORD_TYPES, bundled_path, load_bundled
from kjtimeline.load import load as load_files
from kjtimeline.models import Dataset, Event, Names, Record, plain
from kjtimeline.query import Query, validate
from kjtimeline.query import select as select_events

if TYPE_CHECKING:
    import pandas

PathLike = str | os.PathLike[str]
Several = str | Iterable[str] | None
"""One name, a comma-separated list of them, or any iterable of names: "any of"."""


def load(*paths: PathLike, override: bool = False, bundled: bool = True) -> Dataset:
    """The bundled dataset with `paths` layered over it in order, validated as `--data` files are.

    `override=True` lets a later file replace records with the same id (`--override`);
    `bundled=False` reads only `paths` (as `--data` does on the command line).
    Raises `DataError` (a `KjtimelineError`) naming the first problem.
    """
    files = [Path(path) for path in paths]
    if not files:
        return load_bundled()
    return load_files([bundled_path(), *files] if bundled else files, override)


def _names(value: Several) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _periods(value: int | str | Iterable[int | str] | None) -> tuple[str, ...]:
    """`1965`, `"1965-06"`, `"1965..1970"` or several of them, as `--year` takes them."""
    if value is None:
        return ()
    return (str(value),) if isinstance(value, int | str) else tuple(str(v) for v in value)


def select(
    dataset: Dataset,
    *,
    year: int | str | Iterable[int | str] | None = None,
    starts_in: int | str | Iterable[int | str] | None = None,
    start: str | None = None,
    end: str | None = None,
    topic: Several = None,
    tag: Several = None,
    person: Several = None,
    kind: Several = None,
    tone: Several = None,
    era: Several = None,
    source_kind: Several = None,
    place: Several = None,
    text: str | None = None,
    exclude_topic: Several = None,
    exclude_tag: Several = None,
    exclude_kind: Several = None,
    limit: int | None = None,
    reverse: bool = False,
) -> list[Event]:
    """The events `show` lists for the same options, oldest first: `start`/`end` are `--from`/`--to`.

    Names are taken as the CLI takes them (any case, a unique prefix, a name in any language);
    an unknown or ambiguous one raises `QueryError` with the candidates.
    """
    query = Query(
        years=_periods(year), starts_in=_periods(starts_in), places=_names(place), date_from=start, date_to=end,
        topics=_names(topic), tags=_names(tag), people=_names(person),
        kinds=_names(kind), tones=_names(tone), eras=_names(era), source_kinds=_names(source_kind), text=text,
        exclude_topics=_names(exclude_topic), exclude_tags=_names(exclude_tag), exclude_kinds=_names(exclude_kind),
        limit=limit, reverse=reverse,
    )  # fmt: skip
    return select_events(dataset, validate(dataset, query))


TABLES = tuple(RECORD_TYPES)
"""The record collections `to_dataframe` can make a table of."""


def _row(record: Record) -> dict[str, Any]:
    """A record's fields; a name in each language becomes a column per language (`title_en`…)."""
    row: dict[str, Any] = {}
    for name in record.field_names:
        value = getattr(record, name)
        if isinstance(value, Names):
            row.update({f"{name}_{code}": text for code, text in plain(value).items()})
        else:
            row[name] = plain(value)
    return row


def _days(texts: Sequence[str]) -> Any:
    """ISO days as datetime64 in seconds: nanoseconds end in 1677, and the dataset starts in 1592."""
    import numpy

    return numpy.array(texts, dtype="datetime64[D]").astype("datetime64[s]")


def to_dataframe(records: Dataset | Iterable[Record], table: str = "events") -> pandas.DataFrame:
    """A pandas DataFrame, one row a record: `table` of a dataset, or the records given (`select`'s events).

    Columns are the record's fields (lists stay Python lists, `title` becomes `title_en`,
    `title_ko`, `title_ja`); events also get `first_day` and `last_day` as datetime64 columns.
    Needs pandas (`pip install 'kjtimeline[pandas]'`).
    """
    try:
        import pandas
    except ImportError:
        raise KjtimelineError("to_dataframe needs pandas: pip install 'kjtimeline[pandas]'") from None
    if isinstance(records, Dataset):
        if table not in TABLES:
            raise KjtimelineError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        chosen: list[Record] = list(getattr(records, table))
    else:
        chosen = list(records)
    frame = pandas.DataFrame([_row(record) for record in chosen])
    if chosen and all(isinstance(record, Event) for record in chosen):
        events: list[Event] = chosen  # type: ignore[assignment]  # checked just above
        frame["first_day"] = _days([event.first_day for event in events])
        frame["last_day"] = _days([event.last_day for event in events])
    return frame
