"""The Typer layer: parse options, call the core, print, and map errors to exit codes.

Exit codes: 0 success (also when nothing matches), 1 a check found problems, 2 bad usage or
unusable input, 130 interrupted.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info, get_command_name

from kjtimeline import __version__
from kjtimeline.cli.common import data_paths, state

COMMANDS = {
    "show": "explore", "event": "explore", "search": "explore", "quotes": "explore", "people": "explore",
    "person": "explore", "leaders": "explore", "topics": "explore", "tags": "explore", "eras": "explore",
    "stats": "explore", "anniversaries": "explore", "on": "explore",
    "export": "data", "schema": "data", "validate": "data",
}  # fmt: skip
"""Each command and the module of kjtimeline.cli that defines it, in the order `--help` lists them."""


class _CommandsOnDemand(Mapping[str, typer.core.TyperCommand]):
    """The click commands, each built (and its module imported) the first time it is asked for.

    A call runs one command; building all sixteen would cost more than the rest of the call.
    """

    def __init__(self) -> None:
        self._built: dict[str, typer.core.TyperCommand] = {}

    def __getitem__(self, name: str) -> typer.core.TyperCommand:
        if name not in self._built:
            module = importlib.import_module(f"kjtimeline.cli.{COMMANDS[name]}")
            for info in module.commands.registered_commands:
                if (info.name or get_command_name(info.callback.__name__)) == name:
                    built = get_command_from_info(
                        info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
                    )
                    self._built[name] = built  # type: ignore[assignment]
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _Group(TyperGroup):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.commands = _CommandsOnDemand()  # type: ignore[assignment]

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)


app = typer.Typer(
    name="kjtimeline",
    cls=_Group,
    help="A sourced timeline of Korea–Japan relations, from the Imjin War (1592) to 2026: events, people, quotes and sources.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    epilog="[bold]Examples[/bold]\n\n"
    "  kjtimeline show --from 1965 --to 1998 --topic diplomacy\n\n"
    "  kjtimeline event 2025-tokyo-summit\n\n"
    "  kjtimeline leaders --at 2015-12-28\n\n"
    "  kjtimeline search 독도\n\n"
    "  kjtimeline export --format html --output timeline.html\n\n"
    "Every command has --help with examples; listings take --json.\n\n"
    "[bold]Environment[/bold]\n\n"
    "  KJTIMELINE_DATA        dataset files, separated by ':' (as --data)\n\n"
    "  KJTIMELINE_PAGER       pager for long terminal output (default $PAGER, else less)\n\n"
    "  KJTIMELINE_MAX_BYTES   largest dataset file read (default 256M)\n\n"
    "  NO_COLOR, FORCE_COLOR  plain text, or colour even when piped",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kjtimeline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        Optional[list[Path]],
        typer.Option(
            "--data",
            "-d",
            help="Read this dataset instead of the bundled one; repeat to layer your own events over it. "
            "Default: $KJTIMELINE_DATA (several paths separated by ':'), else the bundled dataset.",
            show_default=False,
        ),
    ] = None,
    override: Annotated[
        bool, typer.Option("--override", help="Let a later --data file replace records that have the same id.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    current = state(ctx)
    current.data_paths = data_paths(data)
    current.override = override
