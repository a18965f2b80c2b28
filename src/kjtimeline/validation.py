"""Pydantic's side of the models, imported only when a file has to be validated.

A command served from the cache of an already-validated dataset never imports pydantic: building
the validator costs more than everything else such a command does.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kjtimeline.models import Dataset

__all__ = ["ValidationError", "dataset_adapter", "json_schema", "record_adapter"]


@cache
def dataset_adapter() -> TypeAdapter[Dataset]:
    return TypeAdapter(Dataset)


_RECORD_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def record_adapter(record_type: type) -> TypeAdapter[Any]:
    """One record type's validator: to keep the valid records of a file that has invalid ones."""
    if record_type not in _RECORD_ADAPTERS:
        _RECORD_ADAPTERS[record_type] = TypeAdapter(record_type)
    return _RECORD_ADAPTERS[record_type]


def json_schema() -> dict[str, Any]:
    return dataset_adapter().json_schema(mode="validation")
