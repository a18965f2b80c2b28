"""Pydantic's side of the models, imported only when a file has to be validated.

A command served from the cache of an already-validated dataset never imports pydantic: building
the validator costs more than everything else such a command does.
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
