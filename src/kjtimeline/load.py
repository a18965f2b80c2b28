"""Find, read and validate datasets: the one way data enters the program."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kjtimeline import cache
from kjtimeline.checks import Problem, find_problems
from kjtimeline.dates import PARTIAL_DATE_PATTERN, DateError, check_partial_date
from kjtimeline.errors import DataError
from kjtimeline.models import Dataset

if TYPE_CHECKING:
    from pydantic import ValidationError

COLLECTIONS = ("topics", "eras", "people", "events", "quotes", "sources")
_REPO_COPY = Path(__file__).resolve().parents[2] / "data" / "events.json"


def bundled_path() -> Path:
    """The curated dataset: inside the installed wheel, or the repository copy in a checkout.

    An editable install does not see the file the wheel maps in, hence the fallback.
    """
    packaged = Path(__file__).resolve().parent / "data" / "events.json"
    return packaged if packaged.is_file() else _REPO_COPY


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a dataset file") from None
    except PermissionError:
        raise DataError(f"{path}: permission denied") from None
    except OSError as error:
        raise DataError(f"{path}: cannot read ({error.strerror or error})") from None


def parse(raw: bytes, name: str) -> Dataset:
    """Validate one file's bytes against the schema (references are checked after merging)."""
    if not raw.strip():
        raise DataError(f"{name}: the file is empty; a dataset is a JSON object")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(f"{name}: starts with a byte-order mark; save it as UTF-8 without BOM")
    from kjtimeline.validation import ValidationError, dataset_adapter

    try:
        with _collector_paused():
            return dataset_adapter().validate_json(raw)
    except ValidationError as error:
        problems = _schema_problems(error, raw)
    if problems[0].path == "(json)":
        raise DataError(f"{name}: {problems[0].message}", problems)
    raise DataError(f"{name}: {problems[0]}", problems)


def _schema_problems(error: ValidationError, raw: bytes) -> list[Problem]:
    details = error.errors(include_url=False)
    if details[0]["type"] == "json_invalid":
        message = details[0]["msg"].replace("Invalid JSON: ", "invalid JSON: ")
        if "unicode" in message:
            message = message.replace("invalid JSON", "not valid UTF-8 JSON")
        return [Problem("(json)", None, message)]
    document: Any = json.loads(raw)  # only on the error path, to name the records
    problems = []
    for detail in details:
        loc = detail["loc"]
        record = None
        if len(loc) >= 2 and isinstance(document, dict):
            try:
                item = document[loc[0]][loc[1]]
                record = item.get("id") if isinstance(item, dict) else None
            except (KeyError, IndexError, TypeError):
                pass
        path = _json_path(loc)
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "string_pattern_mismatch" and detail.get("ctx", {}).get("pattern") == PARTIAL_DATE_PATTERN:
            message = _date_message(detail["input"])
        elif detail["type"] in ("unexpected_keyword_argument", "extra_forbidden"):
            message = "unknown field (`kjtimeline schema` lists the fields each record takes)"
        problems.append(Problem(path or "(document)", record if isinstance(record, str) else None, message))
    return problems


def _date_message(text: object) -> str:
    try:
        check_partial_date(str(text))
    except DateError as error:
        return str(error)
    return f"'{text}' is not a date"  # pragma: no cover (the shape and the pattern agree)


def _json_path(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def merge(layers: Sequence[tuple[str, Dataset]], override: bool = False) -> Dataset:
    """Layer datasets in order; a later record with a clashing id is an error unless `override`."""
    if len(layers) == 1:
        return layers[0][1]
    merged: dict[str, dict[str, Any]] = {name: {} for name in COLLECTIONS}
    for name, layer in layers:
        for collection in COLLECTIONS:
            records = merged[collection]
            for record in getattr(layer, collection):
                if record.id in records and not override:
                    raise DataError(
                        f"{name}: {collection} id '{record.id}' is already defined by an earlier"
                        " dataset (use --override to replace it)"
                    )
                records[record.id] = record
    first = layers[0][1]
    values: dict[str, Any] = {collection: tuple(records.values()) for collection, records in merged.items()}
    return Dataset(schema_version=first.schema_version, title=first.title, license=first.license, **values)


def check(dataset: Dataset, name: str) -> Dataset:
    problems = find_problems(dataset)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise DataError(f"{name}: {problems[0]}{more}", problems)
    return dataset


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file becomes records.

    Records hold no cycles, yet each collection scans every object built so far: on a large file
    the collector alone cost more than the parse.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(paths: Sequence[Path] = (), override: bool = False) -> Dataset:
    """Read, validate, layer and check the datasets at `paths` (the bundled one if none).

    Files already validated (the same bytes, the same program) come from the cache.
    """
    if not paths:
        return load_bundled()
    contents = [read_bytes(path) for path in paths]
    key = cache.key(contents, override)
    with _collector_paused():
        dataset = cache.read(key)
        if dataset is None:
            layers = [(str(path), parse(raw, str(path))) for path, raw in zip(paths, contents, strict=True)]
            dataset = check(merge(layers, override), " + ".join(name for name, _ in layers))
            cache.write(key, dataset)
    return dataset


@lru_cache(maxsize=1)
def load_bundled() -> Dataset:
    return load([bundled_path()])
