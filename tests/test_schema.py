"""The published JSON Schema: its `$id`, the `"$schema"` a dataset file may carry, and what it cannot say."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema

from conftest import REPO, mini
from kjtimeline.load import load, parse
from kjtimeline.models import SCHEMA_FILE

Run = Callable[..., Any]
PUBLISHED = REPO / "schema" / SCHEMA_FILE


def published() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(PUBLISHED.read_text("utf-8"))
    return document


def test_the_schema_id_resolves_to_the_published_file() -> None:
    location = PUBLISHED.as_uri()
    assert urljoin(location, published()["$id"]) == location
    # and to the file `kjtimeline schema > kjtimeline.schema.json` writes beside a user's data
    assert urljoin((Path.cwd() / "mine.json").as_uri(), published()["$id"]) == (Path.cwd() / SCHEMA_FILE).as_uri()


def with_schema_key(value: object = SCHEMA_FILE) -> dict[str, Any]:
    return {"$schema": value, **mini()}


def test_a_file_naming_its_schema_loads_validates_and_meets_the_schema(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(with_schema_key("https://example.org/kjtimeline.schema.json")), "utf-8")
    assert len(load([path]).events) == len(mini()["events"])
    assert run("validate", str(path)).exit_code == 0
    shown = run("show", "--data", str(path))
    assert shown.exit_code == 0 and "Title annexation" in shown.stdout
    jsonschema.Draft202012Validator(published()).validate(with_schema_key())


def test_the_fast_decode_reads_past_it() -> None:
    assert parse(json.dumps(with_schema_key()).encode(), "a") == parse(json.dumps(mini()).encode(), "b")


def test_a_schema_key_that_is_not_a_string_is_a_problem(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(with_schema_key(["no"])), "utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == f"{path}: $schema: must be a string: the URL or path of the schema\n"


def test_readme_names_every_bad_file_the_schema_accepts() -> None:
    """README's list of what the schema cannot express, in step with the files that show it."""
    readme = (REPO / "README.md").read_text("utf-8")
    listed = readme[readme.index("What the JSON Schema cannot express") : readme.index("Point any command at")]
    validator = jsonschema.Draft202012Validator(published())
    accepted = []
    for path in sorted((REPO / "tests" / "bad").glob("*.json")):
        try:
            document = json.loads(path.read_bytes())
        except ValueError:
            continue  # not JSON: nothing for a schema to judge
        if validator.is_valid(document):
            accepted.append(path.name)
    assert {"duplicate-id.json", "dangling-reference.json", "impossible-day.json", "end-before-start.json"} <= set(
        accepted
    )
    for name in (p.name for p in (REPO / "tests" / "bad").glob("*.json")):
        assert (f"`{name}`" in listed) == (name in accepted), f"{name}: README's list and the schema disagree"
