"""Pydantic's side of the models: what lists every problem of a file msgspec refused, and the JSON Schema.

Imported only then: building the validator costs more than everything else a command does.
Strict, as msgspec and the JSON Schema are (`Record.__get_pydantic_core_schema__`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kjtimeline.models import Dataset

__all__ = ["ValidationError", "dataset_adapter", "json_schema"]


@cache
def dataset_adapter() -> TypeAdapter[Dataset]:
    return TypeAdapter(Dataset)


def json_schema() -> dict[str, Any]:
    return dataset_adapter().json_schema(mode="validation")
