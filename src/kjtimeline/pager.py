"""Show long terminal output through a pager the way `git log` does: $PAGER, else `less -FRX`."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys


def page(text: str) -> None:
    command = shlex.split(os.environ.get("KJTIMELINE_PAGER") or os.environ.get("PAGER") or "less")
    if not command or command == ["cat"] or shutil.which(command[0]) is None:
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # quit if one screen, keep colours, leave the text on screen
    env.setdefault("LESSCHARSET", "utf-8")
    with contextlib.suppress(KeyboardInterrupt):
        subprocess.run(command, input=text.encode("utf-8"), env=env, check=False)
