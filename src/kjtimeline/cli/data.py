"""Commands that move data in and out: export, schema, validate, new.

As in `cli.explore`, the core each command runs is imported inside it: `CMD --help` builds the
command from this module.

No `from __future__ import annotations`: Typer evaluates annotations written as strings (an `eval`
each) when a command is declared and again when the one that runs is built, on every call.
"""

import json
from operator import itemgetter
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from kjtimeline.cli.help import examples
from kjtimeline.cli.options import F, choice, event_filters, option, selected, with_options
from kjtimeline.cli.session import session
from kjtimeline.cli.terminal import Terminal
from kjtimeline.errors import KjtimelineError
from kjtimeline.exits import EXIT_PROBLEMS
from kjtimeline.formats import EXCEL_FORMATS, EXPORT_FORMATS, FORMATS, Format, or_list
from kjtimeline.models import LANGUAGES, SCHEMA_FILE, SCHEMA_KEY
from kjtimeline.query import Query, subset
from kjtimeline.text import visible
from kjtimeline.values import Value

commands = typer.Typer()
"""This module's commands; `kjtimeline.cli.COMMANDS` says which ones live here."""


def _output_option(default_name: str) -> Any:
    return typer.Option(
        "--output",
        "-o",
        help=f"File to write, or a folder to write {default_name} in (default: standard output).",
        metavar="PATH",
    )


Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]


def _write(terminal: Terminal, output: str | None, default_name: str, content: bytes, force: bool) -> Path | None:
    """To standard output without -o (or with `-o -`), else to the file, atomically; the file's path."""
    if output is None or output == "-":
        terminal.write_bytes(content)
        return None
    from kjtimeline.files import output_path, write_atomically

    target = output_path(output, default_name)
    write_atomically(target, content, force)
    return target


def _export_help() -> str:
    lines = [f"  {name:<11} {FORMATS[name].extension:<7} {FORMATS[name].help}" for name in EXPORT_FORMATS]
    return "[bold]Formats[/bold]\n\n" + "\n\n".join(lines)


EXPORT_LANG_HELP = (
    "Language of the text in html, markdown, ics and timelinejs (English where a translation is missing, marked [en])."
)
EXPORT_PARAMS = [
    option(
        Optional[choice(EXPORT_FORMATS)],
        None,
        "--format",
        "-f",
        help=f"{or_list(EXPORT_FORMATS)} \\[default: from the --output name: .csv, .html, .ics…].",
        show_default=False,
    ),
    option(choice(LANGUAGES), "en", "--lang", "-l", help=EXPORT_LANG_HELP),
]


class Export(Value):
    format: Format | None
    """None: to be told by the output file's extension."""
    lang: str


def format_for(path: str) -> Format:
    """The export format a file name asks for: `x.csv` is csv; where two share an extension, the one named so."""
    suffix = Path(path).suffix.lower()
    matching = [FORMATS[name] for name in EXPORT_FORMATS if FORMATS[name].extension == suffix]
    named = [f for f in matching if f.name == suffix.lstrip(".")] or [f for f in matching if f.name == "markdown"]
    if not matching:
        known = ", ".join(sorted({FORMATS[name].extension for name in EXPORT_FORMATS}))
        raise KjtimelineError(f"give --format: {visible(path)!r} does not say which ({known} do)")
    return (named or matching)[0]


def export_format(func: F) -> F:
    """The export formats, as the registry lists them, and the language; the command receives `chosen: Export`."""
    return with_options(
        func, EXPORT_PARAMS, "chosen", lambda v: Export(FORMATS[v["format"]] if v["format"] else None, v["lang"])
    )


@commands.command(
    epilog=_export_help()
    + "\n\n"
    + examples(
        "kjtimeline export --format html --output timeline.html",
        "kjtimeline export --format sqlite --output kj.db && datasette kj.db -m kj.metadata.json",
        "kjtimeline export --format ics --topic diplomacy --output diplomacy.ics",
        "kjtimeline export --format csv --from 2012 > since-2012.csv",
        "kjtimeline export --format csv --excel --output kj-for-excel.csv",
        "kjtimeline export --format datapackage --output kj.zip && frictionless validate kj.zip",
        "kjtimeline export --format timelinejs --output timeline.json",
        "kjtimeline export --format plover --output events.plover.jsonl",
    )
)
@event_filters
@export_format
def export(
    ctx: typer.Context,
    query: Query,
    chosen: Export,
    output: Annotated[Optional[str], _output_option("kjtimeline.EXT")] = None,
    force: Force = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help=f"For Excel ({or_list(EXCEL_FORMATS)}): a UTF-8 byte-order mark first, without which it shows Hangul and kana as mojibake.",
        ),
    ] = False,
) -> None:
    """Export the filtered selection (all events by default) as a file for other tools.

    Files are written atomically: a failed or interrupted export leaves any earlier file as it was,
    and an existing file is only replaced with --force. The sqlite export to a file also writes
    Datasette's metadata beside it (kj.db and kj.metadata.json); `kjtimeline serve` serves both.
    """
    terminal = session(ctx).terminal
    to_stdout = output is None or output == "-"
    if chosen.format is None and (output is None or to_stdout):
        raise KjtimelineError(f"give --format ({or_list(EXPORT_FORMATS)}) or an --output file name ending in one")
    export_format = chosen.format or format_for(str(output))
    if to_stdout and export_format.binary and terminal.stdout.isatty():
        raise KjtimelineError(f"{export_format.name} is a binary format; give --output PATH or redirect stdout")
    if excel and not export_format.for_excel:
        raise KjtimelineError(f"--excel is for {or_list(EXCEL_FORMATS)}, not {export_format.name}")
    data, events = selected(ctx, query)
    dataset = subset(data, events)
    default_name = f"kjtimeline{export_format.extension}"
    save = export_format.for_excel if excel else export_format.save
    if save is None:
        assert export_format.export is not None  # the --format choices are the formats that export or save
        target = _write(terminal, output, default_name, export_format.export(dataset, chosen.lang), force)
    elif to_stdout:
        target = None
        import tempfile  # only here and in files.atomic_file: --help needs neither

        with tempfile.TemporaryDirectory(prefix="kjtimeline-") as folder:
            scratch = Path(folder) / f"export{export_format.extension}"
            scratch.touch(0o600)  # a new, empty file, as `atomic_file` gives
            save(dataset, chosen.lang, scratch)
            with scratch.open("rb") as stream:
                terminal.copy_bytes(stream)
    else:
        from kjtimeline.files import atomic_file, output_path, write_atomically

        target = output_path(str(output), default_name)
        with atomic_file(target, force) as temporary:
            save(dataset, chosen.lang, temporary)
            if export_format.metadata:  # before the export is renamed into place: both or neither
                beside, content = export_format.metadata(dataset, chosen.lang, target)
                write_atomically(beside, content, force)
    if target is not None:
        terminal.say(f"wrote {len(events)} events to {visible(str(target))} ({export_format.name})")


def label_language(func: F) -> F:
    """--lang, for the names Datasette shows for linked rows; the command receives `lang`."""
    help = "Language of the names shown for linked rows (an event's era, a topic)."
    return with_options(func, [option(choice(LANGUAGES), "en", "--lang", "-l", help=help)], "lang", itemgetter("lang"))


@commands.command(
    epilog=examples(
        "kjtimeline serve",
        "kjtimeline serve --port 8002 --open",
        "kjtimeline serve --topic territory --lang ko",
        "kjtimeline serve --data mine.json",
        "curl 'http://127.0.0.1:8001/kjtimeline/events.json?_search=독도&_facet=era_id'",
    )
)
@event_filters
@label_language
def serve(
    ctx: typer.Context,
    query: Query,
    lang: str,
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.", min=1, max=65535)] = 8001,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; 0.0.0.0 opens it to the network.")
    ] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open it in a web browser.")] = False,
) -> None:
    """Browse the filtered selection in Datasette: facets, full-text search and SQL in a web browser.

    Builds the SQLite export and its metadata in a temporary folder (removed when the server
    stops, with Ctrl-C) and serves it at http://HOST:PORT/kjtimeline. Needs the serve extra:
    pip install 'kjtimeline[serve]'.
    """
    import importlib.util
    import subprocess
    import sys
    import tempfile

    from kjtimeline.formats.sqlite import datasette_metadata, save_sqlite

    if importlib.util.find_spec("datasette") is None:
        raise KjtimelineError("serve needs Datasette: pip install 'kjtimeline[serve]'")
    terminal = session(ctx).terminal
    data, events = selected(ctx, query)
    dataset = subset(data, events)
    with tempfile.TemporaryDirectory(prefix="kjtimeline-serve-") as folder:
        database = Path(folder) / "kjtimeline.db"
        save_sqlite(dataset, lang, database)
        metadata, content = datasette_metadata(dataset, lang, database)
        metadata.write_bytes(content)
        command = [sys.executable, "-m", "datasette", "serve", str(database), "--metadata", str(metadata)]
        command += ["--host", host, "--port", str(port), *(["--open"] if open_browser else [])]
        terminal.say(f"serving {len(events)} events at http://{host}:{port}/kjtimeline (Ctrl-C stops)")
        stopped = subprocess.run(command, check=False)  # an interruption kills Datasette, then the folder goes
    if stopped.returncode:
        raise KjtimelineError(f"Datasette stopped with exit code {stopped.returncode} (its message is above)")


def schema_document() -> dict[str, Any]:
    """The JSON Schema of a dataset file, generated by pydantic from the record types.

    `$id` is the schema's own file name, so it resolves to the file wherever that is read from;
    the `"$schema"` a dataset file may carry is declared beside the records' fields.
    """
    from kjtimeline.validation import json_schema

    document = json_schema()
    document["properties"] = {
        SCHEMA_KEY: {
            "description": f"The URL or path of this schema (e.g. {SCHEMA_FILE}), for editors; ignored when read.",
            "type": "string",
        },
        **document["properties"],
    }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_FILE, **document}


def schema_text() -> str:
    return json.dumps(schema_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@commands.command(
    epilog=examples("kjtimeline schema > kjtimeline.schema.json", "kjtimeline schema | jq '.properties | keys'")
)
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the dataset format (the same as schema/kjtimeline.schema.json)."""
    session(ctx).terminal.write(schema_text())


@commands.command(
    epilog=examples(
        "kjtimeline validate",
        "kjtimeline validate my-events.json",
        "kjtimeline validate --sources-dir ../shared/sources",
        "kjtimeline validate my-events.json --strict",
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
            help="Folder of stored source texts: quotes citing a source with `archived_as` must appear in it word for word.",
            metavar="DIR",
            envvar="KJTIMELINE_SOURCES_DIR",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Also hold the files to the standard the bundled dataset meets (always on for it): every"
            " source has a kind and no denied host, every event a source of a strong kind, every text all"
            " three languages.",
        ),
    ] = False,
) -> None:
    """Check a dataset and list every problem at once: JSON path, record id, message. Exit 1 if any."""
    from kjtimeline.formats.json import format_card
    from kjtimeline.load import bundled_path, inspect

    current = session(ctx)
    files = list(paths or current.data_paths or [bundled_path()])
    report = inspect(files, current.override, sources_dir, strict or files == [bundled_path()])
    terminal = current.terminal
    if as_json:
        terminal.write(format_card(report))
    else:
        terminal.write("".join(f"{file}: {problem}\n" for file, problem in report.problems))  # names made visible
        if report.valid and report.dataset is not None:
            counts = ", ".join(
                f"{len(getattr(report.dataset, c))} {c}" for c in ("events", "people", "quotes", "sources")
            )
            terminal.write(f"{visible(' + '.join(map(str, files)))}: valid ({counts})\n")
    for name in report.unchecked_sources:
        terminal.say(f"quotes citing '{visible(name)}' not checked word for word: give --sources-dir")
    if report.problems:
        count = len(report.problems)
        terminal.say(f"{count} problem{'s' if count != 1 else ''} found")
        raise typer.Exit(EXIT_PROBLEMS)


@commands.command(
    epilog=examples(
        "kjtimeline new > mine.json",
        "kjtimeline new --id 2026-my-visit --date 2026-05 --title 'My visit to Busan' -o mine.json",
        "kjtimeline show --data mine.json",
    )
)
def new(
    ctx: typer.Context,
    event_id: Annotated[
        str, typer.Option("--id", help="The event's id: lower-case words joined by hyphens.")
    ] = "my-first-event",
    date: Annotated[
        Optional[str], typer.Option("--date", help="YYYY, YYYY-MM or YYYY-MM-DD (default: today).", show_default=False)
    ] = None,
    title: Annotated[str, typer.Option("--title", help="The title, in English.")] = "What happened",
    output: Annotated[Optional[str], _output_option("mine.json")] = None,
    force: Force = False,
) -> None:
    """Print a dataset file of your own with one event to edit: only id, date and title are needed.

    Every other field takes its default (README, "Your own events"); layer the file over the
    curated events with --data.
    """
    import datetime as dt

    from kjtimeline.load import parse
    from kjtimeline.views import new_file

    document = new_file(event_id, date or dt.date.today().isoformat(), title)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    parse(text.encode("utf-8"), "the new file (--id, --date, --title)")  # what it prints is valid
    terminal = session(ctx).terminal
    target = _write(terminal, output, "mine.json", text.encode("utf-8"), force)
    if target is not None:
        terminal.say(f"wrote {visible(str(target))}: edit it, then `kjtimeline show --data {visible(str(target))}`")
