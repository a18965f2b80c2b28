"""The console script and `python -m kjtimeline`.

Everything heavy is imported inside `main`, so Ctrl-C at any moment, even during start-up, ends with
exit code 130 and no traceback; a reader that closes the pipe early (`| head`) ends it quietly.
SIGTERM and SIGHUP end it as an exception too, so a file being written is cleaned up (exit 128+N).
Output that cannot be written (a full disk, a closed stdout) is one line on stderr and exit 1.
"""

from __future__ import annotations

import errno
import gc
import os
import signal
import sys
from types import FrameType

from kjtimeline.exits import EXIT_INTERRUPTED, EXIT_OUTPUT

_WRITE_ERRORS = {errno.ENOSPC, errno.EIO, errno.EBADF, errno.EDQUOT, errno.EFBIG}


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class _Terminated(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C, so `finally` blocks and temporary-file clean-up run."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _terminate(number: int, frame: FrameType | None) -> None:
    raise _Terminated(number)


def main() -> None:
    # Start-up (Typer, kjtimeline's modules, the command) allocates what lives until exit: collecting it
    # is wasted work (about 6 ms a call). `cli.Command.invoke` freezes it and turns collections back on.
    gc.disable()
    if sys.stdout is None or sys.stderr is None:  # started with `>&-`
        if sys.stderr is not None:
            sys.stderr.write("kjtimeline: error: standard output is closed\n")
        sys.exit(EXIT_OUTPUT)
    try:
        for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if number is not None:
                signal.signal(number, _terminate)
        for stream in (sys.stdout, sys.stderr):
            if (getattr(stream, "encoding", None) or "").lower().replace("-", "") != "utf8" and hasattr(
                stream, "reconfigure"
            ):
                # A non-UTF-8 locale: show what cannot be encoded as escapes rather than crash.
                stream.reconfigure(errors="backslashreplace")
        from kjtimeline.cli import app

        try:
            app(prog_name="kjtimeline")
        finally:
            sys.stdout.flush()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(EXIT_INTERRUPTED)
    except _Terminated as stop:
        sys.exit(128 + stop.number)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(0)
    except OSError as error:  # writing the output failed: ENOSPC, EIO, a closed descriptor
        _quiet_stdout()
        what = "cannot write output" if error.errno in _WRITE_ERRORS else "error"
        sys.stderr.write(f"kjtimeline: error: {what} ({error.strerror or error})\n")
        sys.exit(EXIT_OUTPUT)


if __name__ == "__main__":
    main()
