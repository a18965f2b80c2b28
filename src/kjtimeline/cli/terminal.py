"""Where output goes and how it looks, decided once (httpie's `Environment`).

A `Terminal` is built from the environment and the streams when a command starts; everything that
writes reads it instead of `os.environ` or `isatty`. Tests build one with the streams they want.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, BinaryIO, TextIO

from kjtimeline.values import Value

if TYPE_CHECKING:
    from rich.console import RenderableType

DEFAULT_WIDTH = 100
MIN_WIDTH, MAX_WIDTH = 20, 1000
"""The terminal widths drawn for; COLUMNS outside them is taken as the nearest."""


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _size(stream: TextIO) -> tuple[int | None, int]:
    try:
        size = os.get_terminal_size(stream.fileno())
        return size.columns, size.lines
    except (AttributeError, OSError, ValueError):
        return None, 0


class Terminal(Value, kw_only=True):
    stdout: TextIO
    stderr: TextIO
    table: bool
    """The table view by default: stdout is a terminal, or FORCE_COLOR is set (else plain text)."""
    color: bool
    """Colour in the table view (no-color.org, clig.dev): in a terminal or with FORCE_COLOR, unless NO_COLOR
    is set or TERM=dumb. NO_COLOR takes only the colour away: the layout stays. A file or pipe gets none."""
    width: int
    height: int
    """Lines on the screen; 0 when stdout is not a terminal (then nothing is paged)."""
    stderr_is_terminal: bool

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] = os.environ, stdout: TextIO | None = None, stderr: TextIO | None = None
    ) -> Terminal:
        stdout = stdout or sys.stdout
        stderr = stderr or sys.stderr
        tty = _isatty(stdout)
        forced = bool(environ.get("FORCE_COLOR"))
        colourless = bool(environ.get("NO_COLOR")) or environ.get("TERM") == "dumb"
        columns, lines = _size(stdout) if tty else (None, 0)
        given = environ.get("COLUMNS", "")
        if given.isascii() and given.isdigit():  # bounded: COLUMNS=99999999999 must not hang Rich
            columns = min(max(int(given), MIN_WIDTH), MAX_WIDTH)
        return cls(
            stdout=stdout,
            stderr=stderr,
            table=forced or tty,
            color=(forced or tty) and not colourless,
            width=columns or DEFAULT_WIDTH,
            height=lines,
            stderr_is_terminal=_isatty(stderr),
        )

    def write(self, text: str) -> None:
        self.stdout.write(text)

    def write_bytes(self, data: bytes) -> None:
        self.stdout.flush()
        self.stdout.buffer.write(data)
        self.stdout.buffer.flush()

    def copy_bytes(self, stream: BinaryIO) -> None:
        """A file's contents to stdout in chunks, for exports too big to hold in memory."""
        self.stdout.flush()
        shutil.copyfileobj(stream, self.stdout.buffer)
        self.stdout.buffer.flush()

    def say(self, message: str) -> None:
        """One line on stderr: what was done, a note, an error (the caller words it)."""
        self.stderr.write(f"kjtimeline: {message}\n")

    def show(self, renderable: RenderableType, paginate: bool) -> None:
        """Draw once; through a pager (as `git log` does) when longer than the screen."""
        from kjtimeline.render.console import make_console

        console = make_console(self.stdout, width=self.width, color=self.color)
        with console.capture() as capture:
            console.print(renderable, crop=False)  # a URL printed whole runs past the edge, not cut at it
        text = capture.get()
        if paginate and self.height and text.count("\n") > self.height:
            from kjtimeline.pager import page

            page(text)
        else:
            self.write(text)
