"""kjtimeline's benchmark: every speed and memory target, each as a paired ratio, and whether it holds.

Run from a checkout after `pip install -e '.[dev]'`:

    python benchmarks/run.py                      # everything (1,000 to 1,000,000 events; about 15 minutes)
    python benchmarks/run.py --sizes 1000,10000 --repeats 5

Every figure is a median of whole-process runs. Pairs (kjtimeline against its floor) run
alternately, A B B A …, so that drift in the machine's speed cancels out. Peak memory is the
child's own maximum resident set size (`wait4`). It prints one table and writes the same figures
to benchmarks/results/latest.json.

The bundled dataset is built without validation (it ships validated), so a first call and a
repeated call are the same call: nothing is cached. The large datasets are user files, validated
in full on every call. Bytecode is written as for an installed package (PYTHONDONTWRITEBYTECODE is
dropped), or an editable checkout would compile itself on every call.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = Path(sys.executable).with_name("kjtimeline")
TYPER = [sys.executable, "-c", "import typer"]
TYPER_PYDANTIC = [sys.executable, "-c", "import typer; from pydantic import BaseModel"]
TYPER_PYDANTIC_RICH = [sys.executable, "-c", "import typer; from pydantic import BaseModel; import rich.console"]
JSON_LOADS = [sys.executable, "-c", "import json, sys; json.loads(open(sys.argv[1], 'rb').read())"]

TARGETS = {
    "first_call": 1.15,  # × import typer + pydantic, any command on the bundled data
    "repeat_call": 1.15,  # × import typer
    "help": 1.3,  # × import typer
    "large_time": 1.0,  # × json.loads of the same file, validated first call
    "large_repeat": 0.5,  # × json.loads, a repeated call
    "large_memory": 3.0,  # × the file's size
    "sqlite_100k_s": 5.0,
    "sqlite_memory": 2.0,  # × the JSON file's size
    "export_memory": 1.2,  # an export's peak over the same file's `show` peak: exports stream
    "growth": 11.0,  # per ×10 step, time and memory
}


@dataclass
class Run:
    seconds: float
    peak_mib: float
    code: int


def run_once(command: list[str], env: dict[str, str], allow_failure: bool = False) -> Run:
    """Wall time and the process's own peak memory (ru_maxrss from wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0 and not allow_failure:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr}")
    return Run(elapsed, usage.ru_maxrss / 1024, code)


def paired(a: list[str], b: list[str], repeats: int, env: dict[str, str]) -> tuple[list[Run], list[Run]]:
    """A and B alternately (A B, B A, …) after one warm-up of each."""
    run_once(a, env), run_once(b, env)
    runs_a: list[Run] = []
    runs_b: list[Run] = []
    for index in range(repeats):
        order = [(a, runs_a), (b, runs_b)] if index % 2 == 0 else [(b, runs_b), (a, runs_a)]
        for command, runs in order:
            runs.append(run_once(command, env))
    return runs_a, runs_b


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def peak(runs: list[Run]) -> float:
    return max(r.peak_mib for r in runs)


def dataset(size: int) -> Path:
    """The synthetic dataset of `size` events, generated once and kept in benchmarks/.data; named by
    the generator's checksum, so a changed generator (a new field, a renamed PLOVER type) makes a
    new file instead of timing one that no longer validates."""
    folder = HERE / ".data"
    folder.mkdir(exist_ok=True)
    version = zlib.crc32((HERE / "generate.py").read_bytes())
    path = folder / f"events-{size}-{version:08x}.json"
    if not path.exists():
        print(f"generating {size:,} events…", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(size), str(path)], check=True)
    return path


class Table:
    """Rows of (what, figure, ratio against its target and whether it holds)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []
        self.results: dict[str, object] = {}

    def add(self, key: str, label: str, figure: str, ratio: float | None, target: float | None) -> None:
        verdict = "" if target is None or ratio is None else ("holds" if ratio <= target else "FAILS")
        bound = f" (≤ {target})" if target is not None else ""
        note = f"{ratio:.2f}{bound} {verdict}".strip() if ratio is not None else ""
        self.rows.append((label, figure, note))
        self.results[key] = {"figure": figure, "ratio": ratio, "target": target, "holds": verdict == "holds"}

    def print(self, machine: str) -> None:
        width = max(len(r[0]) for r in self.rows)
        print(f"kjtimeline benchmark — {machine}; medians of whole-process runs")
        for label, figure, note in self.rows:
            print(f"{label:<{width}}  {figure:<34}  {note}")


def startup(
    table: Table,
    key: str,
    label: str,
    command: list[str],
    floor: list[str],
    target: float,
    env: dict[str, str],
    repeats: int,
) -> None:
    ours, theirs = paired(command, floor, repeats, env)
    ratio = median(ours) / median(theirs)
    table.add(key, label, f"{median(ours) * 1000:.0f} ms / {median(theirs) * 1000:.0f} ms", ratio, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=11, help="paired runs for the start-up figures")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000", help="comma-separated dataset sizes")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args()
    if not SCRIPT.exists():
        raise SystemExit(f"{SCRIPT} not found: run `pip install -e '.[dev]'` first")
    unset = ("KJTIMELINE_DATA", "NO_COLOR", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE")
    env = {**{k: v for k, v in os.environ.items() if k not in unset}, "KJTIMELINE_MAX_BYTES": "4G"}
    rendered = {**env, "FORCE_COLOR": "1", "COLUMNS": "100"}
    kj = str(SCRIPT)
    table = Table()
    repeats = args.repeats

    json_calls = {
        "show_json": ["show", "--year", "1965", "--json"],
        "event": ["event", "2025-tokyo-summit", "--json"],
        "search": ["search", "독도", "--json"],
    }
    first_calls = {**json_calls, "terminal": ["show", "--no-pager"], "export_csv": ["export", "--format", "csv"]}
    for key, words in first_calls.items():
        floor, floor_name = (
            (TYPER_PYDANTIC_RICH, "typer+pydantic+rich") if key == "terminal" else (TYPER_PYDANTIC, "typer+pydantic")
        )
        label = f"{' '.join(words)} vs {floor_name}"
        startup(
            table,
            f"first_{key}",
            label,
            [kj, *words],
            floor,
            TARGETS["first_call"],
            rendered if key == "terminal" else env,
            repeats,
        )
    for key, words in json_calls.items():
        startup(
            table,
            f"repeat_{key}",
            f"{' '.join(words)} vs import typer",
            [kj, *words],
            TYPER,
            TARGETS["repeat_call"],
            env,
            repeats,
        )
    for key, words in {"help": ["--help"], "help_show": ["show", "--help"]}.items():
        startup(table, key, f"{' '.join(words)} vs import typer", [kj, *words], TYPER, TARGETS["help"], env, repeats)

    sizes = [int(s) for s in args.sizes.split(",") if s]
    large: dict[int, dict[str, float]] = {}
    for size in sizes:
        path = dataset(size)
        times = 5 if size <= 10_000 else 3 if size <= 100_000 else 1
        command = [kj, "--data", str(path), "show", "--year", "1965", "--topic", "diplomacy", "--json"]
        ours, floor = paired(command, [*JSON_LOADS, str(path)], times, env)
        file_mib = path.stat().st_size / 2**20
        figures = {"file_mib": file_mib, "seconds": median(ours), "json_loads_s": median(floor), "peak_mib": peak(ours)}
        large[size] = figures
        label = f"{size:>9,} events ({file_mib:,.0f} MiB) vs json.loads"
        target = TARGETS["large_time"] if size >= 100_000 else None
        table.add(
            f"large_{size}",
            label,
            f"{median(ours):.2f} s / {median(floor):.2f} s",
            median(ours) / median(floor),
            target,
        )
        memory_target = TARGETS["large_memory"] if size >= 100_000 else None
        table.add(
            f"large_{size}_memory",
            "  peak memory × file",
            f"{peak(ours):,.0f} MiB",
            peak(ours) / file_mib,
            memory_target,
        )
        if size >= 100_000:
            again = [run_once(command, env) for _ in range(times)]
            table.add(
                f"large_{size}_repeat",
                "  a repeated call vs json.loads",
                f"{median(again):.2f} s",
                median(again) / median(floor),
                TARGETS["large_repeat"],
            )
            with tempfile.TemporaryDirectory() as folder:
                jsonl = run_once(
                    [kj, "--data", str(path), "export", "--format", "jsonl", "-o", f"{folder}/x.jsonl"], env
                )
                table.add(
                    f"export_{size}_memory",
                    "  export jsonl: peak × show's",
                    f"{jsonl.peak_mib:,.0f} MiB",
                    jsonl.peak_mib / peak(ours),
                    TARGETS["export_memory"],
                )
                database = run_once(
                    [kj, "--data", str(path), "export", "--format", "sqlite", "-o", f"{folder}/x.db"],
                    env,
                    allow_failure=True,
                )
            if database.code != 0:
                table.add(
                    f"sqlite_{size}",
                    "  export sqlite",
                    f"exit {database.code} after {database.seconds:.0f} s",
                    float("inf"),
                    1.0,
                )
            else:
                target = TARGETS["sqlite_100k_s"] if size == 100_000 else None
                table.add(
                    f"sqlite_{size}", "  export sqlite (seconds)", f"{database.seconds:.1f} s", database.seconds, target
                )
                table.add(
                    f"sqlite_{size}_memory",
                    "  export sqlite: peak × file",
                    f"{database.peak_mib:,.0f} MiB",
                    database.peak_mib / file_mib,
                    TARGETS["sqlite_memory"],
                )
    for smaller, larger in pairwise(sizes):
        if larger < 10 * smaller or smaller < 10_000:
            continue
        growth = large[larger]["seconds"] / large[smaller]["seconds"]
        table.add(
            f"growth_{smaller}_{larger}",
            f"growth {smaller:,} → {larger:,}: time",
            f"{growth:.1f}×",
            growth,
            TARGETS["growth"],
        )
        memory = large[larger]["peak_mib"] / large[smaller]["peak_mib"]
        table.add(
            f"growth_{smaller}_{larger}_memory",
            f"growth {smaller:,} → {larger:,}: memory",
            f"{memory:.1f}×",
            memory,
            TARGETS["growth"],
        )

    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    table.print(machine)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": machine,
        "targets": TARGETS,
        "figures": table.results,
        "large": {str(k): v for k, v in large.items()},
    }
    args.output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"written: {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
