"""`export --format json` and `jsonl`: the dataset document itself, or its events one a line.

The JSON export is a dataset file in its own right: it validates against the published schema
and loads back with `--data` to the same records.
"""

from __future__ import annotations

from kjtimeline.models import Dataset, plain
from kjtimeline.text import to_json


def export_json(dataset: Dataset) -> bytes:
    return to_json(plain(dataset), indent=2).encode("utf-8") + b"\n"


def export_jsonl(dataset: Dataset) -> bytes:
    return b"".join(to_json(plain(event), compact=True).encode("utf-8") + b"\n" for event in dataset.events)
