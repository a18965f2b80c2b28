"""What the top-level options set up for every command: the datasets to read and the terminal."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from kjtimeline.cli.terminal import Terminal
    from kjtimeline.models import Dataset

BUNDLED = "bundled"
"""What `--data` takes for the dataset kjtimeline ships: `--data bundled --data mine.json` layers
your events over it. A file of that name in the current folder is read as that file."""


def data_files(paths: Iterable[Path | str]) -> list[Path]:
    """`--data` as given, with `bundled` read as the bundled dataset's path."""
    files = [Path(path) for path in paths]
    if BUNDLED not in map(str, files):
        return files
    from kjtimeline.load import bundled_path  # only here, as `load` below: `CMD --help` reads no data

    return [bundled_path() if str(path) == BUNDLED and not path.exists() else path for path in files]


class Session:
    """One per call, kept on the root context; the dataset is loaded on first use."""

    def __init__(self) -> None:
        self.data_paths: list[Path] = []
        self.override = False
        self._dataset: Dataset | None = None

    @cached_property
    def terminal(self) -> Terminal:
        """Built when something is written: `CMD --help` runs the top-level options and writes through Click."""
        from kjtimeline.cli.terminal import Terminal

        return Terminal.from_environment()

    def dataset(self) -> Dataset:
        if self._dataset is None:
            from kjtimeline.load import load

            # The records live as long as this command: frozen before the collector runs again, they
            # are spared every later collection's scan (half a second at 100,000 events).
            gc.disable()
            try:
                self._dataset = load(self.data_paths, self.override)
                gc.freeze()
            finally:
                gc.enable()
        return self._dataset


def session(ctx: typer.Context) -> Session:
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
    return root.obj


def dataset(ctx: typer.Context) -> Dataset:
    return session(ctx).dataset()
