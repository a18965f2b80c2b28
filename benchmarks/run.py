"""kjtimeline's benchmark: start-up against its own dependencies, and growth with dataset size.

Run from a checkout after `pip install -e '.[dev]'`:

    python benchmarks/run.py                 # everything (1,000 to 1,000,000 events; several minutes)
    python benchmarks/run.py --sizes 1000,10000 --repeats 5

Every figure is a median of whole-process runs. Pairs (kjtimeline against its floor) run
alternately, A B B A …, so that drift in the machine's speed cancels out. Peak memory is the
child's own maximum resident set size (`wait4`). It prints one table and writes the same figures
to benchmarks/results/latest.json.

The start-up rows read the bundled dataset, which is built without validation (it ships
validated); the large datasets are user files, validated in full on every call (nothing is
cached). Bytecode is written as for an installed package (PYTHONDONTWRITEBYTECODE is dropped), or
an editable checkout would compile itself on every call.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = Path(sys.executable).with_name("kjtimeline")
FLOOR = [sys.executable, "-c", "import typer; from pydantic import BaseModel"]
FLOOR_RICH = [sys.executable, "-c", "import typer; from pydantic import BaseModel; import rich.console"]
JSON_FLOOR = [sys.executable, "-c", "import json, sys; json.loads(open(sys.argv[1], 'rb').read())"]

TARGETS = {"startup_ratio": 1.15, "large_ratio": 1.5, "memory_per_byte": 8.0, "growth_10k_100k": 11.0}


@dataclass
class Run:
    seconds: float
    peak_mib: float


def run_once(command: list[str], env: dict[str, str]) -> Run:
    """Wall time and the process's own peak memory (ru_maxrss from wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr}")
    return Run(elapsed, usage.ru_maxrss / 1024)


def paired(a: list[str], b: list[str], repeats: int, env: dict[str, str]) -> tuple[list[Run], list[Run]]:
    """A and B alternately (A B, B A, …) after one warm-up of each."""
    run_once(a, env), run_once(b, env)
    runs_a, runs_b = [], []
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
    """The synthetic dataset of `size` events, generated once and kept in benchmarks/.data."""
    folder = HERE / ".data"
    folder.mkdir(exist_ok=True)
    path = folder / f"events-{size}.json"
    if not path.exists():
        print(f"generating {size:,} events…", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(size), str(path)], check=True)
    return path


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
    rendered_env = {**env, "FORCE_COLOR": "1", "COLUMNS": "100"}
    kj = str(SCRIPT)
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    }
    rows: list[tuple[str, str, str]] = []

    def startup(key: str, label: str, command: list[str], floor: list[str], env: dict[str, str], note: str) -> None:
        """One paired start-up figure: a row of the table and an entry of the JSON."""
        ours, theirs = paired(command, floor, args.repeats, env)
        ratio = median(ours) / median(theirs)
        results[key] = {"kjtimeline_s": median(ours), "floor_s": median(theirs), "ratio": ratio}
        figure = f"{median(ours) * 1000:.0f} ms / {median(theirs) * 1000:.0f} ms"
        rows.append((label, figure, f"ratio {ratio:.2f} ({note})"))

    target = f"target ≤ {TARGETS['startup_ratio']}"
    json_command = [kj, "show", "--year", "1965", "--json"]
    startup("startup_json", "show --year 1965 --json vs import typer+pydantic", json_command, FLOOR, env, target)
    startup(
        "startup_rendered", "show (terminal view) vs import typer+pydantic+rich", [kj, "show", "--no-pager"],
        FLOOR_RICH, rendered_env, target,
    )  # fmt: skip

    help_runs = [run_once([kj, "--help"], env) for _ in range(args.repeats)]
    results["help_s"] = median(help_runs)
    rows.append(("--help", f"{median(help_runs) * 1000:.0f} ms", ""))

    sizes = [int(s) for s in args.sizes.split(",") if s]
    large: dict[str, dict[str, float]] = {}
    for size in sizes:
        path = dataset(size)
        repeats = 5 if size <= 10_000 else 3 if size <= 100_000 else 1
        command = [kj, "--data", str(path), "show", "--year", "1965", "--topic", "diplomacy", "--json"]
        ours, floor = paired(command, [*JSON_FLOOR, str(path)], repeats, env)
        file_mib = path.stat().st_size / 2**20
        figures = {
            "file_mib": file_mib, "kjtimeline_s": median(ours), "json_loads_s": median(floor),
            "ratio": median(ours) / median(floor), "peak_mib": peak(ours), "json_loads_peak_mib": peak(floor),
            "memory_per_file_byte": peak(ours) / file_mib,
        }  # fmt: skip
        large[str(size)] = figures
        rows.append((
            f"{size:>9,} events ({file_mib:,.0f} MiB): load, filter, JSON",
            f"{figures['kjtimeline_s']:.2f} s / json.loads {figures['json_loads_s']:.2f} s",
            f"ratio {figures['ratio']:.2f} (≤ {TARGETS['large_ratio']}); peak {figures['peak_mib']:,.0f} MiB = "
            f"{figures['memory_per_file_byte']:.1f}× file (≤ {TARGETS['memory_per_byte']:.0f}×)",
        ))  # fmt: skip
    for smaller, larger in pairwise(sizes):
        growth = large[str(larger)]["kjtimeline_s"] / large[str(smaller)]["kjtimeline_s"]
        large[str(larger)][f"growth_from_{smaller}"] = growth
        target = f" (target ≤ {TARGETS['growth_10k_100k']})" if (smaller, larger) == (10_000, 100_000) else ""
        rows.append((f"growth {smaller:,} → {larger:,} events", f"{growth:.1f}×", target.strip()))
    results["large"] = large
    results["targets"] = TARGETS

    width = max(len(r[0]) for r in rows)
    print(f"kjtimeline benchmark — {results['machine']}; medians of whole-process runs")
    for name, figure, note in rows:
        print(f"{name:<{width}}  {figure:<34}  {note}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(f"written: {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
