"""The Typer layer: parse options, call the core, emit the view; errors become exit codes here.

Commands are built on demand (Click's documented lazy group: `get_command` and `list_commands`):
a call runs one command, and building all seventeen would cost more than the rest of the call.
Every `KjtimelineError` raised below becomes one line on stderr and exit code 2, in `invoke`; exit
codes are in `kjtimeline.exits`.

No `from __future__ import annotations`: Typer evaluates annotations written as strings (an `eval`
each) when a command is declared and again when the one that runs is built, on every call.
"""

import gc
import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_command_name

from kjtimeline import __version__
from kjtimeline.cli.help import PlainHelp, PlainHelpCommand, format_commands
from kjtimeline.exits import EXIT_USAGE

COMMANDS = {
    "show": "explore", "event": "explore", "search": "explore", "quotes": "explore", "people": "explore",
    "person": "explore", "leaders": "explore", "topics": "explore", "tags": "explore", "kinds": "explore",
    "eras": "explore", "stats": "explore", "anniversaries": "explore", "on": "explore", "cite": "cite",
    "export": "export", "serve": "data", "schema": "data", "validate": "data", "new": "data",
}  # fmt: skip
"""Each command and the module of kjtimeline.cli that defines it, in the order `--help` lists them."""


class Command(PlainHelpCommand):
    """Every command: its `--help` is `PlainHelp`'s, and running it ends the start-up."""

    def invoke(self, ctx: Any) -> Any:
        if not gc.isenabled():  # `__main__.main` stopped collections for the start-up
            # What start-up made (modules, classes, the parsed command) lives until exit: out of every
            # later collection's way, as the dataset is in `Session.dataset`; the command's own work is collected.
            gc.freeze()
            gc.enable()
        return super().invoke(ctx)


GLOBAL_OPTIONS = ("--data",)
"""Options of the whole program that take a value: accepted after the command too."""
GLOBAL_FLAGS = ("--override",)


class LazyGroup(PlainHelp, TyperGroup):
    """Imports a command's module and builds the command only when it is asked for (not for `--help`)."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module = importlib.import_module(f"{__name__}.{COMMANDS[cmd_name]}")
            for info in module.commands.registered_commands:
                if (info.name or get_command_name(info.callback.__name__)) == cmd_name:
                    if info.cls is TyperCommand:  # the decorator's default
                        info.cls = Command
                    self.commands[cmd_name] = get_command_from_info(
                        info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
                    )
        return self.commands.get(cmd_name)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        format_commands(formatter, self.list_commands(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """`kjtimeline show --data mine.json` as well as `kjtimeline --data mine.json show`: the options
        of the whole program are taken wherever they stand (before a `--`)."""
        front: list[str] = []
        rest: list[str] = []
        index = 0
        while index < len(args):
            arg = args[index]
            if arg == "--":
                rest += args[index:]
                break
            if arg in GLOBAL_FLAGS:
                front.append(arg)
            elif arg in GLOBAL_OPTIONS and index + 1 < len(args):
                front += [arg, args[index + 1]]
                index += 1
            elif arg.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in arg:
                front.append(arg)
            else:
                rest.append(arg)
            index += 1
        return super().parse_args(ctx, front + rest)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS:  # a typo: build them all, so Typer can suggest the closest
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Usage errors as one line on stderr with where to look, like every other error (exit 2)."""
        from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
        from typer.exceptions import Abort

        try:
            result = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except NoArgsIsHelpError as error:  # `kjtimeline` alone: the help, as before
            typer.echo(error.format_message(), err=True)
            result = error.exit_code
        except UsageError as error:
            from kjtimeline.text import visible  # only on this path: `--help` has no use for it

            where = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            message = " ".join(error.format_message().split())  # Click's choice lists run over lines
            typer.echo(f"kjtimeline: error: {visible(message)}{where}", err=True)
            result = EXIT_USAGE
        except ClickException as error:
            from kjtimeline.text import visible

            typer.echo(f"kjtimeline: error: {visible(error.format_message())}", err=True)
            result = error.exit_code
        except Abort:
            raise KeyboardInterrupt from None  # the entry point says nothing more and exits 130
        if not standalone_mode:
            return result
        raise SystemExit(result or 0)

    def invoke(self, ctx: Any) -> Any:
        from kjtimeline.cli.session import session
        from kjtimeline.errors import KjtimelineError
        from kjtimeline.text import visible

        try:
            return super().invoke(ctx)
        except KjtimelineError as error:
            session(ctx).terminal.say(f"error: {visible(str(error))}")
            raise typer.Exit(EXIT_USAGE) from None


app = typer.Typer(
    name="kjtimeline",
    cls=LazyGroup,
    help="A sourced timeline of Korea–Japan relations, from the Imjin War (1592) to 2026: events, people, quotes and sources.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help is drawn by `cli.help`, without Rich
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
    "  NO_COLOR               no colour (the layout stays)\n\n"
    "  FORCE_COLOR            the coloured terminal view even when piped",
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
            help="Read this dataset instead of the bundled one; repeat to layer files in order, and name the"
            " bundled one 'bundled' (--data bundled --data mine.json adds your events to it). "
            "Default: $KJTIMELINE_DATA (several paths separated by ':'), else the bundled dataset.",
            show_default=False,
            envvar="KJTIMELINE_DATA",
            show_envvar=False,
        ),
    ] = None,
    override: Annotated[
        bool, typer.Option("--override", help="Let a later --data file replace records that have the same id.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    from kjtimeline.cli.session import data_files, session

    current = session(ctx)
    current.data_paths = data_files(data or [])
    current.override = override
