"""The terminal object: built once from an environment and streams, which tests hand it directly."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kjtimeline.cli.terminal import MAX_WIDTH, Terminal


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environ", "tty", "table", "color"),
    [
        ({}, False, False, False),
        ({}, True, True, True),
        ({"NO_COLOR": "1"}, True, True, False),  # no-color.org: the colour goes, the layout stays
        ({"TERM": "dumb"}, True, True, False),
        ({"FORCE_COLOR": "1"}, False, True, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, True, False),
    ],
)
def test_the_table_needs_a_terminal_or_force_color_and_no_color_takes_only_the_colour(
    environ: dict[str, str], tty: bool, table: bool, color: bool
) -> None:
    stdout = FakeTerminal() if tty else io.StringIO()
    terminal = Terminal.from_environment(environ, stdout, io.StringIO())
    assert (terminal.table, terminal.color) == (table, color)


def test_width_comes_from_columns_within_bounds() -> None:
    assert Terminal.from_environment({"COLUMNS": "72"}, io.StringIO(), io.StringIO()).width == 72
    assert Terminal.from_environment({"COLUMNS": "99999999999"}, io.StringIO(), io.StringIO()).width == MAX_WIDTH
    assert Terminal.from_environment({}, io.StringIO(), io.StringIO()).height == 0  # a pipe is never paged


def test_asking_for_the_table_in_a_pipe_gives_no_escapes(
    run: Callable[..., Any], write_dataset: Callable[..., Path]
) -> None:
    result = run("--data", str(write_dataset()), "show", "--format", "table")
    assert result.exit_code == 0 and "Title annexation" in result.stdout
    assert "\x1b" not in result.stdout
