"""Commands that move data in and out: export, schema, validate."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from kjtimeline.checks import Problem, find_problems, quotes_missing_from
from kjtimeline.cli import app
from kjtimeline.cli.common import EXIT_INVALID, checked, dataset, event_filters, state, user_errors
from kjtimeline.errors import DataError, KjtimelineError
from kjtimeline.formats import EXPORTERS
from kjtimeline.load import bundled_path, merge, parse, read_bytes
from kjtimeline.models import Dataset
from kjtimeline.query import Query, select, subset

ExportFormat = Enum("ExportFormat", {name: name for name in EXPORTERS}, type=str)  # type: ignore[misc]


def _examples(*lines: str) -> str:
    return "[bold]Examples[/bold]\n\n" + "\n\n".join(f"  {line}" for line in lines)


@app.command(
    epilog=_examples(
        "kjtimeline export --format html --output timeline.html",
        "kjtimeline export --format sqlite --output kj.db && datasette kj.db",
        "kjtimeline export --format ics --topic diplomacy --output diplomacy.ics",
        "kjtimeline export --format csv --from 2012 > since-2012.csv",
        "kjtimeline export --format timelinejs --output timeline.json",
        "kjtimeline export --format plover --output events.plover.jsonl",
    )
)
@event_filters
def export(
    ctx: typer.Context,
    query: Query,
    export_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json, jsonl, csv, markdown, ics, timelinejs, html, plover or sqlite.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).", metavar="PATH")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Export the filtered selection (all events by default) as a file for other tools.

    Files are written atomically: a failed or interrupted export leaves any earlier file as it was,
    and an existing file is only replaced with --force.
    """
    from kjtimeline.files import write_atomically

    with user_errors():
        data = dataset(ctx)
        events = select(data, checked(ctx, query))
        exporter = EXPORTERS[export_format.value]
        if output is None and exporter.binary and sys.stdout.isatty():
            raise KjtimelineError(f"{export_format.value} is a binary format; give --output PATH or redirect stdout")
        content = exporter.load()(subset(data, events))
        if output is None or str(output) == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            write_atomically(output, content, force)
            typer.echo(f"kjtimeline: wrote {len(events)} events to {output} ({export_format.value})", err=True)


def schema_document() -> dict[str, Any]:
    """The JSON Schema of a dataset file, generated from the Pydantic models."""
    document = Dataset.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kjtimeline.invalid/schema/1",
        **document,
    }


def schema_text() -> str:
    return json.dumps(schema_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@app.command(
    epilog=_examples("kjtimeline schema > kjtimeline.schema.json", "kjtimeline schema | jq '.properties | keys'")
)
def schema() -> None:
    """Print the JSON Schema of the dataset format (the same as schema/kjtimeline.schema.json)."""
    sys.stdout.write(schema_text())


def _problems_of(
    paths: list[Path], override: bool, sources_dir: Path | None
) -> tuple[list[tuple[str, Problem]], Dataset | None, list[str]]:
    """Every problem in the files at once: schema first, then references and quotes."""
    problems: list[tuple[str, Problem]] = []
    layers = []
    for path in paths:
        try:
            layers.append((str(path), parse(read_bytes(path), str(path))))
        except DataError as error:
            if not error.problems:  # unreadable: nothing to list
                raise
            problems += [(str(path), p) for p in error.problems]
    if problems:
        return problems, None, []
    name = " + ".join(n for n, _ in layers)
    merged = merge(layers, override)
    problems += [(name, p) for p in find_problems(merged)]
    unchecked = []
    for source in merged.sources:
        if not source.archived_as or not any(q.source == source.id for q in merged.quotes):
            continue
        copy = sources_dir / source.archived_as if sources_dir else None
        if copy is None or not copy.is_file():
            unchecked.append(source.archived_as)
            continue
        problems += [(name, p) for p in quotes_missing_from(merged, source.id, copy.read_text("utf-8"))]
    return problems, merged, unchecked


@app.command(
    epilog=_examples(
        "kjtimeline validate",
        "kjtimeline validate my-events.json",
        "kjtimeline validate --sources-dir ../shared/sources",
        "kjtimeline validate broken.json --json | jq -r '.problems[].message'",
    )
)
def validate(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="[PATH]...",
            help="Dataset files (default: --data, $KJTIMELINE_DATA or the bundled one). Several are layered in order.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The problems as a JSON list.")] = False,
    sources_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--sources-dir",
            help="Folder of stored source texts: quotes citing a source with `archived_as` must appear in it word for word. Default: $KJTIMELINE_SOURCES_DIR.",
            metavar="DIR",
        ),
    ] = None,
) -> None:
    """Check a dataset and list every problem at once: JSON path, record id, message. Exit 1 if any."""
    current = state(ctx)
    files = list(paths or current.data_paths or [bundled_path()])
    if sources_dir is None and os.environ.get("KJTIMELINE_SOURCES_DIR"):
        sources_dir = Path(os.environ["KJTIMELINE_SOURCES_DIR"])
    with user_errors():
        problems, merged, unchecked = _problems_of(files, current.override, sources_dir)
    if as_json:
        rows = [{"file": f, "path": p.path, "record": p.record, "message": p.message} for f, p in problems]
        document = {"valid": not problems, "count": len(problems), "problems": rows, "unchecked_sources": unchecked}
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        for file, problem in problems:
            sys.stdout.write(f"{file}: {problem}\n")
        if not problems and merged is not None:
            counts = ", ".join(f"{len(getattr(merged, c))} {c}" for c in ("events", "people", "quotes", "sources"))
            sys.stdout.write(f"{' + '.join(map(str, files))}: valid ({counts})\n")
    for name in unchecked:
        typer.echo(f"kjtimeline: quotes citing '{name}' not checked word for word: give --sources-dir", err=True)
    if problems:
        typer.echo(f"kjtimeline: {len(problems)} problem{'s' if len(problems) != 1 else ''} found", err=True)
        raise typer.Exit(EXIT_INVALID)
