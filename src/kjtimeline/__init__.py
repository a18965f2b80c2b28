"""kjtimeline: a sourced timeline of Korea–Japan relations for the terminal and for scripts."""

__version__ = "0.1.0"
