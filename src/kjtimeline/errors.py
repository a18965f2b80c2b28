"""The errors the core raises. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # checks imports the models: a usage error needs neither
    from kjtimeline.checks import Problem


class KjtimelineError(Exception):
    """Anything the user can fix: bad input or bad usage (exit code 2)."""


class DataError(KjtimelineError):
    """A dataset that cannot be read or is not valid; carries every problem found."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


class QueryError(KjtimelineError):
    """A filter that can never match: an unknown name, an impossible date, a reversed range."""
