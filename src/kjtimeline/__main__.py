"""The console script and `python -m kjtimeline`.

Everything heavy is imported inside `main`, so Ctrl-C at any moment, even during start-up, ends with
exit code 130 and no traceback; a reader that closes the pipe early (`| head`) ends it quietly.
"""

from __future__ import annotations

import os
import sys

EXIT_INTERRUPTED = 130


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    try:
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
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(0)


if __name__ == "__main__":
    main()
