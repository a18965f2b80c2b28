"""`export --format json` and `jsonl`: the dataset document itself, or its events one a line.

The JSON export is a dataset file in its own right: it validates against the published schema
and loads back with `--data` to the same records.
"""

from __future__ import annotations

import json

from kjtimeline.models import Dataset, plain


def export_json(dataset: Dataset) -> bytes:
    return json.dumps(plain(dataset), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def export_jsonl(dataset: Dataset) -> bytes:
    return b"".join(
        json.dumps(plain(event), ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        for event in dataset.events
    )
