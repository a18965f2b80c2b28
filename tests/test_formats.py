"""The format registry: every format is one module, and what it declares is what the CLI offers."""

from __future__ import annotations

import importlib
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from kjtimeline import formats
from kjtimeline.codes import LANGUAGES
from kjtimeline.formats import CARD_FORMATS, EXPORT_FORMATS, FORMATS, LISTING_FORMATS, TABLE
from kjtimeline.load import RECORD_TYPES, load
from kjtimeline.models import Names

Run = Callable[..., Any]


def test_each_module_is_the_format_of_its_name() -> None:
    modules = sorted(path.stem for path in (REPO / "src" / "kjtimeline" / "formats").glob("[!_]*.py"))
    missing = [name for name in modules if name not in formats.OFFERS]
    assert not missing, "add to OFFERS in formats/__init__.py: " + ", ".join(
        f"{name!r}: {formats.offers(importlib.import_module(f'kjtimeline.formats.{name}').FORMAT)!r}"
        for name in missing
    )
    assert list(formats.OFFERS) == modules, f"OFFERS names the modules {modules}, in this order"
    for name, declared in FORMATS.items():
        assert declared.name == name and declared.extension.startswith(".")
        assert formats.offers(declared), name
        assert formats.OFFERS[name] == formats.offers(declared), f"in OFFERS: {name!r}: {formats.offers(declared)!r}"


_IMPORTED_FORMATS = """
import contextlib, sys
from kjtimeline.__main__ import main
with contextlib.suppress(SystemExit):
    main()
print(*sorted(name for name in sys.modules if name.startswith("kjtimeline.formats.")), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("words", "imported"),
    [
        (["show", "--help"], []),
        (["validate", "--help"], []),
        (["show", "--year", "1965", "--json"], ["kjtimeline.formats.json"]),
    ],
)
def test_a_call_imports_only_the_format_it_writes(words: list[str], imported: list[str]) -> None:
    """The registry names the formats without importing them: `--help` imports none, `--json` one."""
    result = subprocess.run(
        [sys.executable, "-c", _IMPORTED_FORMATS, *words], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stderr.split() == imported


def test_the_choices_are_what_the_formats_offer(run: Run) -> None:
    assert LISTING_FORMATS[0] == CARD_FORMATS[0] == TABLE
    assert set(EXPORT_FORMATS) == {name for name, f in FORMATS.items() if f.export or f.save}
    for command, offered in (("show", LISTING_FORMATS), ("event", CARD_FORMATS)):
        listed = " ".join(run(command, "--help", env={"COLUMNS": "300"}).stdout.split())
        assert formats.or_list(offered) in listed, command
    listed = " ".join(run("export", "--help", env={"COLUMNS": "300"}).stdout.split())
    for name in EXPORT_FORMATS:
        assert f"{name} {FORMATS[name].extension} {FORMATS[name].help}" in listed


def test_an_offer_the_format_does_not_make_is_refused(run: Run) -> None:
    result = run("event", "x", "--format", "csv")
    assert result.exit_code == 2 and "csv" in result.stderr


def test_languages_are_the_fields_of_names() -> None:
    assert Names.field_names == LANGUAGES and LANGUAGES[0] == "en"


def test_every_record_field_reaches_the_database(run: Run, tmp_path: Path, write_dataset: Callable[..., Path]) -> None:
    """A field is a column (`title_en`, `event_id`…), a link table (`event_topics`) or a child table (`offices`)."""
    data = write_dataset()
    target = tmp_path / "out.db"
    assert run("--data", str(data), "export", "--format", "sqlite", "--output", str(target)).exit_code == 0
    db = sqlite3.connect(target)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for collection, record_type in RECORD_TYPES.items():
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({collection})")}
        for field in record_type.field_names:
            names = {field, f"{field}_id", *(f"{field}_{code}" for code in LANGUAGES)}
            linked = any(table == field or field in table.split("_") for table in tables)
            assert names & columns or linked, (collection, field)
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == len(load([data]).events)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False, min_value=-1e15, max_value=1e15),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    value=_JSON_VALUES | st.lists(st.text(), max_size=4).map(tuple),
    indent=st.sampled_from([None, 2]),
    compact=st.booleans(),
    sort_keys=st.booleans(),
)
def test_json_is_written_as_the_standard_library_writes_it(
    value: Any, indent: int | None, compact: bool, sort_keys: bool
) -> None:
    """`to_json` is msgspec's when indented, and its own for a list of texts, for speed: the text must
    be what `json.dumps` gives, escapes aside."""
    import json

    from kjtimeline.text import _UNSAFE_IN_JSON, _json_escape, pattern, to_json

    if compact:
        indent = None
    separators = (",", ":") if compact else None
    expected = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)
    if any(c in expected for c in "eE") and any(isinstance(v, float) for v in _leaves(value)):
        return  # a float in exponent form: `1e-05` there, `1e-5` here (the same number)
    assert to_json(value, indent=indent, compact=compact, sort_keys=sort_keys) == pattern(_UNSAFE_IN_JSON).sub(
        _json_escape, expected
    )


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]
