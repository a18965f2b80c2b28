"""kjtimeline: a sourced timeline of Korea–Japan relations for the terminal and for scripts.

    >>> import kjtimeline
    >>> data = kjtimeline.load()                      # the bundled dataset; paths layer yours over it
    >>> events = kjtimeline.select(data, topic="territory", start="2005")
    >>> frame = kjtimeline.to_dataframe(events)       # needs pandas

The names below are imported on first use: `import kjtimeline` is on the start-up path of every
command, which must not pay for the dataset, pydantic or pandas.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "DataError", "Dataset", "Era", "Event", "KeyDate", "KjtimelineError", "Names", "Office", "Person",
    "QueryError", "Quote", "Source", "Topic", "__version__", "load", "select", "to_dataframe",
]  # fmt: skip
_HOMES = ("kjtimeline.errors", "kjtimeline.models", "kjtimeline.api")
"""Where the public names live, cheapest first."""

if TYPE_CHECKING:
    from kjtimeline.api import load, select, to_dataframe
    from kjtimeline.errors import DataError, KjtimelineError, QueryError
    from kjtimeline.models import Dataset, Era, Event, KeyDate, Names, Office, Person, Quote, Source, Topic


def __getattr__(name: str) -> Any:
    if name in __all__:
        for home in _HOMES:
            module = import_module(home)
            if hasattr(module, name):
                globals()[name] = value = getattr(module, name)
                return value
    raise AttributeError(f"module 'kjtimeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """`kjtimeline.load` is the function although `kjtimeline/load.py` is a module too.

    Importing a submodule sets it as an attribute of its package; for `load` that would replace
    the function. Code that wants the module imports from it (`from kjtimeline.load import …`).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
