"""The Typer layer: parse options, call the core, print, and map errors to exit codes.

Exit codes: 0 success (also when nothing matches), 1 a check found problems, 2 bad usage or
unusable input, 130 interrupted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from kjtimeline import __version__
from kjtimeline.cli.common import state

app = typer.Typer(
    name="kjtimeline",
    help="A sourced timeline of Korea–Japan relations, 1876 to today: events, people, quotes and sources.",
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
    "Every command has --help with examples; listings take --json.",
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
    if data:
        current.data_paths = list(data)
    elif os.environ.get("KJTIMELINE_DATA"):
        current.data_paths = [Path(p) for p in os.environ["KJTIMELINE_DATA"].split(os.pathsep) if p]
    current.override = override


from kjtimeline.cli import data, explore  # noqa: E402  (registers the commands on `app`)

__all__ = ["app", "data", "explore"]
