"""The fast decode (msgspec) and pydantic give one verdict on every file, and the same records.

`load` trusts msgspec's "valid" without asking pydantic, so a file msgspec accepts and pydantic
would refuse is a hole in validation. These tests mutate a small valid dataset in the ways files go
wrong (a value of the wrong type or shape, a missing or unknown key) and compare the two.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import mini
from kjtimeline.checks import find_problems
from kjtimeline.decode import decode
from kjtimeline.load import _MISSING_ID, RECORD_TYPES, load_bundled
from kjtimeline.models import MAX_TEXT, Dataset, FieldHint, field_hints
from kjtimeline.validation import ValidationError, dataset_adapter

TRICKY_STRINGS = [
    "", " ", "x", "1965", "1965\n", "1965-02-29", "1964-02-29", "1965-02-30", "1965-13", "0000", "١٩٦٥",
    "1965-6-1", "KOR", "kor", "KORE", "KOR\n", "a-b", "a--b", "-a", "A", "a b", "ko", "ja", "en", "fr",
    "treaty", "Treaty", "AGREE", "verbal-cooperation", "https://example.org/a", "https://a b", "http://x\n",
    "ftp://x", "https://x\u0085y", "x" * MAX_TEXT, "x" * (MAX_TEXT + 1), "id" * 61, "\u0000", "독도", "竹島",
]  # fmt: skip
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2) | st.floats(allow_nan=False) | st.sampled_from(TRICKY_STRINGS),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "en", "x"]), inner, max_size=2),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the document a mutation can land: each key and each list item."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _pydantic(raw: bytes) -> Any:
    try:
        return dataset_adapter().validate_json(raw)
    except ValidationError:
        return None


def _reference_fields() -> set[str]:
    """The fields whose ids name other records (`Ref`): msgspec leaves their form to the reference checks."""
    found = set()
    for record_type in RECORD_TYPES.values():
        for name, hint in field_hints(record_type):
            item = FieldHint(get_args(hint.bare)[0]) if get_origin(hint.bare) is tuple else hint
            if any(rule.resolved for rule in (*hint.rules, *item.rules)):
                found.add(name)
    return found


REFERENCES = _reference_fields()


def _only_references_malformed(raw: bytes, fast: Dataset) -> bool:
    """msgspec took a file pydantic refused: right only if pydantic's every error is a reference that
    is no id, and the reference checks, which follow the decode in `load`, refuse each of them."""
    try:
        dataset_adapter().validate_json(raw)
    except ValidationError as error:
        errors = error.errors()
    malformed = [e for e in errors if e["type"] == "string_pattern_mismatch" and REFERENCES & set(map(str, e["loc"]))]
    missing = {m.group(1) for p in find_problems(fast) if (m := re.match(_MISSING_ID, p.message))}
    return len(malformed) == len(errors) and {e["input"] for e in malformed} <= missing


DOCUMENT = mini()
PLACES = [path for path in _paths(DOCUMENT) if path]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(PLACES), st.sampled_from(["set", "delete", "add"]), JSON_VALUES),
        min_size=1,
        max_size=3,
    )
)
def test_msgspec_and_pydantic_agree_on_mutated_files(changes: list[tuple[tuple[Any, ...], str, Any]]) -> None:
    document = copy.deepcopy(DOCUMENT)
    for path, action, value in changes:
        parent: Any = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            key = path[-1]
            if action == "set":
                parent[key] = value
            elif action == "delete":
                del parent[key]
            elif isinstance(parent, dict):
                parent["unknown_field"] = value
            else:
                parent.append(value)
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier change removed this place, or made it a text
    raw = json.dumps(document, ensure_ascii=False).encode()
    fast, slow = decode(raw), _pydantic(raw)
    if fast is not None and slow is None:
        assert _only_references_malformed(raw, fast), f"msgspec accepts: {raw[:300]!r}"
        return
    assert (fast is None) == (slow is None), f"msgspec {'accepts' if fast else 'refuses'}: {raw[:300]!r}"
    assert fast == slow


@pytest.mark.parametrize("value", [True, 1.0, "1", 2])
def test_the_schema_version_is_the_number_1_to_both(value: object) -> None:
    """pydantic's literal check alone takes `true` and `1.0` for 1 (found by the test above)."""
    document = mini()
    document["schema_version"] = value
    raw = json.dumps(document).encode()
    assert decode(raw) is None and _pydantic(raw) is None


@pytest.mark.parametrize("text", TRICKY_STRINGS)
@pytest.mark.parametrize("field", ["id", "start", "end", "kind", "actor", "plover", "summary"])
def test_each_tricky_value_in_each_kind_of_field(field: str, text: str) -> None:
    document = mini()
    document["events"][0][field] = text
    raw = json.dumps(document).encode()
    assert (decode(raw) is None) == (_pydantic(raw) is None)


@pytest.mark.parametrize("text", TRICKY_STRINGS)
@pytest.mark.parametrize("field", ["topics", "sources", "related"])
def test_each_tricky_value_as_a_reference(field: str, text: str) -> None:
    """A reference that is no id passes msgspec and fails the reference checks: `load` refuses it either way."""
    document = mini()
    document["events"][0][field] = [text]
    raw = json.dumps(document).encode()
    fast, slow = decode(raw), _pydantic(raw)
    if fast is not None and slow is None:
        assert _only_references_malformed(raw, fast)
    else:
        assert (fast is None) == (slow is None)


def test_the_bundled_dataset_decodes_as_pydantic_validates_it() -> None:
    from kjtimeline.load import bundled_path

    raw = bundled_path().read_bytes()
    assert decode(raw) == _pydantic(raw) == load_bundled()


@pytest.fixture
def files_mapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as large: read through its memory map, its pages let go every two records."""
    import importlib

    loading = importlib.import_module("kjtimeline.load")
    decoding = importlib.import_module("kjtimeline.decode")
    monkeypatch.setattr(loading, "DUPLICATE_KEYS_CHECKED_UP_TO", 0)
    monkeypatch.setattr(decoding, "RELEASE_EVERY", 2)


def test_a_mapped_file_gives_the_records_a_read_one_does(tmp_path: Path, files_mapped: None) -> None:
    from kjtimeline.load import load, mapped, parse

    path = tmp_path / "mini.json"
    path.write_text(json.dumps({"$schema": "kjtimeline.schema.json", **mini()}), "utf-8")
    with mapped(path) as contents:
        assert not isinstance(contents, bytes)  # the memory map, not a copy
    assert load([path]) == parse(json.dumps(mini()).encode(), "read")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"   \n", "the file is empty"),
        (b"\xef\xbb\xbf{}", "byte-order mark"),
        (b'{"events": [{"id": "x", "start": "1965-02-30", "title": {"en": "t"}}]}', "February 1965 has 28 days"),
        (b'{"events": [{"id": "x", "start": "1965", "title": {"en": "t"}, "colour": 1}]}', "unknown field"),
        (b'{"events": [', "invalid JSON"),
    ],
)
def test_a_mapped_file_that_is_wrong_says_what_a_read_one_does(
    tmp_path: Path, files_mapped: None, content: bytes, message: str
) -> None:
    from kjtimeline.errors import DataError
    from kjtimeline.load import load

    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message):
        load([path])
