"""Show long terminal output through a pager the way `git log` does: $PAGER, else `less -FRX`.

A pager that cannot be started, cannot be parsed (an unbalanced quote in $KJTIMELINE_PAGER) or
fails at once never costs the output: it is printed plainly instead, with one line saying why.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys

from kjtimeline.text import visible


def _warn(setting: str, why: str) -> None:
    sys.stderr.write(f"kjtimeline: pager '{visible(setting)}' {why}; printing without it\n")


def page(text: str) -> None:
    setting = os.environ.get("KJTIMELINE_PAGER") or os.environ.get("PAGER") or "less"
    try:
        command = shlex.split(setting)
    except ValueError as error:
        _warn(setting, f"cannot be read ({error})")
        command = []
    if not command or command == ["cat"] or shutil.which(command[0]) is None:
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # quit if one screen, keep colours, leave the text on screen
    env.setdefault("LESSCHARSET", "utf-8")
    with contextlib.suppress(KeyboardInterrupt):
        try:
            finished = subprocess.run(command, input=text.encode("utf-8"), env=env, check=False)
        except OSError as error:
            _warn(setting, f"cannot be started ({error.strerror or error})")
            sys.stdout.write(text)
            return
        if finished.returncode not in (0, -2, 130):  # 130 / SIGINT: the reader quit with Ctrl-C
            _warn(setting, f"failed (exit {finished.returncode})")
            sys.stdout.write(text)
