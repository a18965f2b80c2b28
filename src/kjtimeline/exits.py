"""Exit codes, in one place: the CLI maps errors to them, `__main__` uses the last two.

0 success (also when nothing matches), 1 a check found problems or the output could not be written,
2 bad usage or unusable input, 130 interrupted (Ctrl-C). It imports nothing, so `__main__` can
read it before anything heavy.
"""

EXIT_PROBLEMS = 1
EXIT_OUTPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
