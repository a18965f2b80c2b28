"""`export`: the filtered selection as a file for other tools, in any format that exports.

Its own module: its help lists every export format with its extension and what it gives, which
imports each format's module; no other command needs them to declare its options.

No `from __future__ import annotations`: Typer evaluates annotations written as strings (an `eval`
each) when a command is declared and again when the one that runs is built, on every call.
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from kjtimeline.cli.help import examples
from kjtimeline.cli.options import F, Force, choice, event_filters, option, output_option, selected, with_options
from kjtimeline.cli.session import session
from kjtimeline.codes import LANGUAGES
from kjtimeline.errors import KjtimelineError
from kjtimeline.formats import EXCEL_FORMATS, EXPORT_FORMATS, FORMATS, Format, or_list
from kjtimeline.query import Query, subset
from kjtimeline.text import visible
from kjtimeline.values import Value

commands = typer.Typer()
"""This module's command; `kjtimeline.cli.COMMANDS` says it lives here."""


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
    output: Annotated[Optional[str], output_option("kjtimeline.EXT")] = None,
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
    from kjtimeline.cli.output import write_output

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
        target = write_output(terminal, output, default_name, export_format.export(dataset, chosen.lang), force)
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
