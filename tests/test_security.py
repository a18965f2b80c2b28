"""The security model: nothing read from disk runs code, nothing is deleted or replaced that
kjtimeline did not write, nothing in a dataset or the environment reaches a terminal unescaped,
and every bad input is one line, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import mini
from kjtimeline.files import write_atomically
from kjtimeline.pager import page

Run = Callable[..., Any]
SCRIPT = Path(sys.executable).with_name("kjtimeline")
needs_script = pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed here")
ESCAPES = ("\x1b", "\x07", "\x9b", "\x00", "\u202e", "\u2028")


def write(tmp_path: Path, document: Any, name: str = "data.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return str(path)


def one_line(result: Any, code: int = 2) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    line: str = result.stderr.strip()
    assert not any(char in line for char in ESCAPES)
    return line


def script(
    *args: str, stdout: Any = subprocess.PIPE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "KJTIMELINE_DATA": "", **(env or {})}
    return subprocess.run(
        [str(SCRIPT), *args], stdout=stdout, stderr=subprocess.PIPE, text=True, env=environment, timeout=60, check=False
    )


# ---- nothing on disk runs code; nothing is deleted ---------------------------------------------


class _Payload:
    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (Path(os.environ["KJ_MARKER"]),))


@needs_script
def test_a_planted_cache_entry_never_runs_and_the_folder_is_left_alone(tmp_path: Path) -> None:
    """What a hostile repository ships with a `.envrc`: a cache folder full of pickles."""
    marker, folder = tmp_path / "pwned", tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.environ["KJ_MARKER"] = str(marker)
    payload = pickle.dumps(_Payload())
    planted = {folder / f"{n:040x}.pickle": payload for n in range(20)} | {folder / "model.bin": b"x" * 1000}
    for path, content in planted.items():
        path.write_bytes(content)
        path.chmod(0o600)
    data = write(tmp_path, mini())
    env = {
        "KJTIMELINE_CACHE_DIR": str(folder),
        "XDG_CACHE_HOME": str(folder),
        "HOME": str(tmp_path),
        "KJ_MARKER": str(marker),
    }
    for args in (["show", "--json"], ["--data", data, "show", "--json"], ["--data", data, "event", "annexation"]):
        for _ in range(2):
            assert script(*args, env=env).returncode == 0
    assert not marker.exists()
    assert {p: p.read_bytes() for p in folder.iterdir()} == planted  # nothing written, nothing deleted
    assert list(tmp_path.glob(".cache*")) == []


# ---- outputs: regular files only, umask, clean-up -----------------------------------------------


def test_force_replaces_only_regular_files(run: Run, tmp_path: Path) -> None:
    fifo, target, link, dangling = tmp_path / "fifo", tmp_path / "target", tmp_path / "link", tmp_path / "dangling"
    os.mkfifo(fifo)
    target.write_text("keep")
    link.symlink_to(target)
    dangling.symlink_to(tmp_path / "nowhere")
    for path, why in ((fifo, "not a regular file"), (link, "symbolic link"), (dangling, "symbolic link")):
        line = one_line(run("export", "--format", "json", "--output", str(path), "--force"))
        assert line.endswith(why + "; kjtimeline writes only regular files") or why in line
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink() and target.read_text() == "keep"
    assert "symbolic link" in one_line(run("export", "--format", "json", "--output", str(dangling)))
    assert not (tmp_path / "nowhere").exists()
    assert list(tmp_path.glob(".*.tmp")) == []


@pytest.mark.skipif(os.geteuid() != 0 or not Path("/dev/full").exists(), reason="needs root and /dev/full")
def test_force_never_replaces_a_device_even_as_root(run: Run) -> None:
    assert "not a regular file" in one_line(run("export", "--format", "json", "-o", "/dev/full", "--force"))
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_follow_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    previous = os.umask(mask)
    try:
        write_atomically(tmp_path / "out.json", b"{}")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == mode


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    program = """
import os, signal, sys
from pathlib import Path
from kjtimeline import __main__ as entry, files
signal.signal(signal.SIGTERM, entry._terminate)
real_fsync = os.fsync
def fsync(descriptor):
    os.kill(os.getpid(), signal.SIGTERM)
    real_fsync(descriptor)
os.fsync = fsync
try:
    files.write_atomically(Path(sys.argv[1]), b"data")
except entry._Terminated as stop:
    sys.exit(128 + stop.number)
"""
    result = subprocess.run([sys.executable, "-c", program, str(tmp_path / "out.db")], capture_output=True, timeout=60)
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_folders(run: Run, tmp_path: Path) -> None:
    assert one_line(run("export", "--format", "csv", "-o", f"{tmp_path}/new/")).endswith("new/: no such directory")
    assert run("export", "--format", "csv", "-o", f"{tmp_path}/").exit_code == 0
    assert (tmp_path / "kjtimeline.csv").read_text("utf-8").startswith("id,")
    assert "cannot write" in one_line(run("export", "--format", "csv", "-o", str(tmp_path / ("x" * 5000))))


# ---- escapes never reach the terminal -----------------------------------------------------------


def test_error_messages_and_validate_show_escapes(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KJTIMELINE_SOURCES_DIR", raising=False)  # the quote check's "not checked" line is shown
    document = mini()
    document["events"][0]["start"] = "\x1b]0;owned\x07"
    document["events"][1]["\x1b]52;c;ZXZpbA==\x07"] = 1
    document["events"][2]["id"] = "bad\x1b[2J"
    document["sources"][0]["archived_as"] = "\x1b]0;t\x07.txt"
    data = write(tmp_path, document)
    for args in (["validate", data], ["--data", data, "show"]):
        result = run(*args)
        assert not any(char in result.stdout + result.stderr for char in ESCAPES)
        assert "\\x1b" in result.stdout + result.stderr
    assert "valid (" not in run("validate", data).stdout
    fixed = mini()
    fixed["sources"][0]["archived_as"] = "\x1b]0;t\x07.txt"
    result = run("validate", write(tmp_path, fixed, "archived.json"))
    assert result.exit_code == 0 and "\x1b" not in result.stderr and "\\x1b]0;t\\x07.txt" in result.stderr


def test_csv_and_json_listings_escape_controls_and_invisible_characters(run: Run, tmp_path: Path) -> None:
    hostile = "A\x1b]0;t\x07B\x00C\x85D\u202eE\u200eF\u2028G\u00adH\U000e0041I"
    document = mini()
    document["events"][0]["title"]["en"] = hostile
    document["events"][0]["summary"] = hostile
    data = write(tmp_path, document)
    for args in (["show", "--format", "csv"], ["export", "--format", "csv"], ["show", "--format", "plain"]):
        output = run("--data", data, *args).stdout
        assert not any(char in output for char in (*ESCAPES, "\x85", "\u200e", "\u00ad", "\U000e0041"))
    rows = list(csv.DictReader(io.StringIO(run("--data", data, "export", "--format", "csv").stdout)))
    assert rows[0]["summary"] == "A\\x1b]0;t\\x07B\\x00C\\x85D\\u202eE\\u200eF\\u2028G\\xadH\\U000e0041I"
    for args in (["show", "--json"], ["show", "--format", "jsonl"], ["export", "--format", "json"]):
        output = run("--data", data, *args).stdout
        assert not any(char in output for char in ("\x1b", "\x85", "\u202e", "\u2028", "\U000e0041"))
        documents = [json.loads(line) for line in output.splitlines()] if args[-1] == "jsonl" else [json.loads(output)]
        assert hostile in strings_in(documents)  # the parsed value is exact


def strings_in(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        value = list(value.values())
    return set().union(*map(strings_in, value)) if isinstance(value, list) else set()


def test_timelinejs_group_is_an_id(run: Run, tmp_path: Path) -> None:
    document = mini()
    document["topics"][0]["name"]["en"] = "&lt;img src=x onerror=alert(1)&gt;"
    slides = json.loads(run("--data", write(tmp_path, document), "export", "--format", "timelinejs").stdout)["events"]
    assert {slide["group"] for slide in slides} <= {topic["id"] for topic in document["topics"]}


# ---- bounds and one-line errors ------------------------------------------------------------------


def test_sources_dir_confines_archived_as(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "latin1.txt").write_bytes(b"caf\xe9")
    assert one_line(run("validate", "--sources-dir", str(tmp_path / "missing"))).endswith("no such directory")
    for name in ("../../etc/passwd", "/proc/self/environ", "..", "latin1.txt"):
        document = mini()
        document["sources"][0]["archived_as"] = name
        result = run("validate", write(tmp_path, document), "--sources-dir", str(folder))
        line = one_line(result)
        assert "root:" not in result.stdout + line
        assert ("not UTF-8" if name == "latin1.txt" else "plain file name") in line


def test_datasets_are_bounded_before_they_are_read(run: Run, tmp_path: Path) -> None:
    line = one_line(run("--data", "/dev/zero", "show", env={"KJTIMELINE_MAX_BYTES": "1M"}))
    assert line.endswith(
        "/dev/zero: larger than 1,048,576 bytes, the most a dataset may be (set KJTIMELINE_MAX_BYTES to allow more)"
    )
    data = write(tmp_path, mini())
    assert "is not a size" in one_line(run("--data", data, "show", env={"KJTIMELINE_MAX_BYTES": "lots"}))
    assert run("--data", data, "show", env={"KJTIMELINE_MAX_BYTES": "2K"}).exit_code == 2
    assert run("--data", data, "show", env={"KJTIMELINE_MAX_BYTES": "64K"}).exit_code == 0


def test_long_text_is_refused(run: Run, tmp_path: Path) -> None:
    document = mini()
    document["events"][0]["summary"] = "x" * 20_001
    assert "at most 20000 characters" in one_line(run("--data", write(tmp_path, document), "show"))


@pytest.mark.parametrize("date", ["1٩١٠", "１９１０", "1910 ", "1910\n"])
def test_dates_are_ascii_digits_and_nothing_else(run: Run, tmp_path: Path, date: str) -> None:
    document = mini()
    document["events"][0]["start"] = date
    assert "is not a date" in one_line(run("--data", write(tmp_path, document), "show"))
    assert "is not a date" in one_line(run("show", "--to", date))


def test_duplicate_keys_are_an_error(run: Run, tmp_path: Path) -> None:
    text = json.dumps(mini(), ensure_ascii=False).replace('"id": "annexation"', '"id": "annexation", "id": "other"', 1)
    path = tmp_path / "dup.json"
    path.write_text(text, "utf-8")
    assert "key 'id' given twice" in one_line(run("--data", str(path), "show"))


def test_ics_at_the_end_of_time(run: Run, tmp_path: Path) -> None:
    from icalendar import Calendar

    document = mini()
    document["events"][0]["start"] = "9999"
    result = run("--data", write(tmp_path, document), "export", "--format", "ics")
    assert result.exit_code == 0
    assert any(
        str(component.get("uid", "")).startswith("annexation@")
        for component in Calendar.from_ical(result.stdout).walk()
    )


def test_search_is_the_same_composed_or_decomposed(run: Run, tmp_path: Path) -> None:
    document = mini()
    document["events"][0]["title"]["en"] = "Cafe\u0301 talks"  # decomposed é
    document["events"][1]["title"]["en"] = "Caf\u00e9 accord"  # composed é
    data = write(tmp_path, document)
    for query in ("caf\u00e9", "cafe\u0301"):
        found = {hit["id"] for hit in json.loads(run("--data", data, "search", query, "--json").stdout)["results"]}
        assert {"annexation", "colonial-rule"} <= found
        assert json.loads(run("--data", data, "show", "--text", query, "--json").stdout)["count"] == 2


def test_a_pager_that_fails_never_costs_the_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for setting in ('less "', "false", "/nonexistent/pager"):
        monkeypatch.setenv("KJTIMELINE_PAGER", setting)
        page("the text\n")
        captured = capsys.readouterr()
        assert captured.out == "the text\n"
        if setting != "/nonexistent/pager":  # not on PATH: plain output, as with PAGER=cat
            assert captured.err.startswith("kjtimeline: pager ") and captured.err.count("\n") == 1


def test_huge_columns_is_bounded(run: Run) -> None:
    result = run("show", "--year", "1965", env={"FORCE_COLOR": "1", "COLUMNS": "99999999999"})
    assert result.exit_code == 0 and max(map(len, result.stdout.splitlines())) < 1100


@needs_script
def test_unwritable_stdout_is_one_line_and_exit_1() -> None:
    with Path("/dev/full").open("w") as full:
        result = script("show", stdout=full)
    assert (
        result.returncode == 1 and result.stderr == "kjtimeline: error: cannot write output (No space left on device)\n"
    )
    closed = subprocess.run(
        ["bash", "-c", f"{SCRIPT} show >&-"], capture_output=True, text=True, timeout=60, check=False
    )
    assert closed.returncode == 1 and closed.stderr == "kjtimeline: error: standard output is closed\n"


# ---- fuzz: random bytes and random JSON ---------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
dataset_like = st.fixed_dictionaries(
    {},
    optional={
        "events": st.lists(
            st.dictionaries(st.sampled_from(["id", "start", "title", "topics", "sources"]), json_values)
        ),
        "sources": st.lists(json_values, max_size=3),
        "schema_version": json_values,
    },
)


@settings(max_examples=60, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.binary(max_size=200)
    | json_values.map(lambda v: json.dumps(v).encode())
    | dataset_like.map(lambda v: json.dumps(v).encode())
)
def test_random_input_is_always_one_line_or_a_listing(run: Run, tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.json"
    path.write_bytes(raw)
    shown = run("--data", str(path), "show", "--json")
    assert shown.exit_code in (0, 2)
    if shown.exit_code == 2:
        one_line(shown)
    checked = run("validate", str(path))
    assert checked.exit_code in (0, 1, 2) and "Traceback" not in checked.stderr
