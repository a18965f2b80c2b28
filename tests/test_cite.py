"""`kjtimeline cite`: what a user pastes, in each style, for an event and for a quote."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import mini
from kjtimeline import __version__
from kjtimeline.citation import CSL_STYLES, bibtex_text
from kjtimeline.text import visible
from test_safety import NASTY_PIECES, hostile_dataset, nasty_text, only_terminal_codes_we_made, write

DATASET = "kjtimeline: Korea–Japan relations, 1592–2026"
TREATY = "1965-treaty-on-basic-relations"
TREATY_TEXT_URL = "https://en.wikisource.org/wiki/Treaty_on_Basic_Relations_Between_Japan_and_the_Republic_of_Korea"
ISHIBA = "2025-ishiba-positive-relationship"
JAPAN_TIMES_URL = "https://www.japantimes.co.jp/news/2025/08/24/japan/politics/south-korea-japan-ishiba-lee-summit"
ACCESSED = {"apa": "Retrieved December 1, 2026", "chicago": "Accessed December 1, 2026", "mla": "Accessed 1 Dec. 2026"}
"""How each style writes the day read, 2026-12-01 (APA only for undated pages; MLA only for the dataset
entry when the source is dated)."""

Run = Callable[..., Any]


def test_apa_is_the_default_and_names_the_dataset_its_version_the_event_and_its_primary_source(run: Run) -> None:
    result = run("cite", TREATY, "--accessed", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"kjtimeline contributors. (n.d.). Treaty on Basic Relations signed. In {DATASET} (Event {TREATY}; Version {__version__}).\n"
        "Wikisource. (n.d.). Treaty on Basic Relations Between Japan and the Republic of Korea (text). "
        f"Retrieved December 1, 2026, from {TREATY_TEXT_URL}\n"
    )


def _entry_and_source(run: Run, record: str, style: str) -> tuple[str, str]:
    """The two lines `cite` writes, the first checked to name the dataset, its version and the record."""
    result = run("cite", record, "--style", style, "--accessed", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    entry, source = result.stdout.splitlines()
    assert DATASET in entry and f"ersion {__version__}" in entry and record in entry
    return entry, source


@pytest.mark.parametrize("style", list(CSL_STYLES))
def test_each_style_cites_an_event(run: Run, style: str) -> None:
    entry, source = _entry_and_source(run, TREATY, style)
    assert "Treaty on Basic Relations Signed" in entry or "Treaty on Basic Relations signed" in entry
    assert source.startswith("Wikisource.") and TREATY_TEXT_URL in source and ACCESSED[style] in source


@pytest.mark.parametrize("style", list(CSL_STYLES))
def test_each_style_cites_a_quote_by_its_speaker_on_its_date_from_its_own_source(run: Run, style: str) -> None:
    entry, spoken = _entry_and_source(run, ISHIBA, style)
    assert spoken.startswith("Shigeru Ishiba. ") and "The Japan Times" in spoken and JAPAN_TIMES_URL in spoken
    assert {"apa": "(2025, August 23)", "chicago": "August 23, 2025", "mla": "23 Aug. 2025"}[style] in spoken
    if style == "mla":
        assert ACCESSED["mla"] in entry


def test_lang_gives_the_event_title_and_the_speakers_names_in_that_language(run: Run) -> None:
    korean = run("cite", TREATY, "--lang", "ko", "--accessed", "2026-12-01")
    assert "한일기본조약 체결" in korean.stdout.splitlines()[0]
    japanese = run("cite", ISHIBA, "--lang", "ja", "--style", "mla")
    assert japanese.stdout.splitlines()[1].startswith("石破茂. ")


def test_an_event_is_found_the_way_other_commands_find_it(run: Run) -> None:
    by_title = run("cite", "Treaty on Basic Relations signed", "--style", "csl-json", "--accessed", "2026-12-01")
    by_id = run("cite", TREATY, "--style", "csl-json", "--accessed", "2026-12-01")
    assert by_title.exit_code == 0 and by_title.stdout == by_id.stdout


_BIBTEX_TOKEN_RE = re.compile(r"\\textbackslash\{\}|\\\^\{\}|\\~\{\}|\\[{}&%$#_]|[{}]|.", re.DOTALL)
_UNESCAPED = {r"\textbackslash{}": "\\", r"\^{}": "^", r"\~{}": "~", "{": "", "}": ""}


def _bibtex_value(value: str) -> str:
    """A field's text as LaTeX reads it: escapes undone, grouping braces dropped."""
    tokens = _BIBTEX_TOKEN_RE.findall(value)
    return "".join(_UNESCAPED.get(t, t[1:] if len(t) == 2 and t[0] == "\\" else t) for t in tokens)


def _bibtex_entries(text: str) -> dict[str, tuple[str, dict[str, str]]]:
    """key -> (entry type, fields read): a small reader of what `cite` writes."""
    entries: dict[str, tuple[str, dict[str, str]]] = {}
    for kind, key, body in re.findall(r"^@(\w+)\{([^,\s]+),\n(.*?)^\}$", text, flags=re.MULTILINE | re.DOTALL):
        fields = re.findall(r"^  (\w+) = \{(.*)\},$", body, flags=re.MULTILINE)
        entries[key] = (kind, {name: _bibtex_value(value) for name, value in fields})
    return entries


@pytest.mark.parametrize("record", [TREATY, ISHIBA])
def test_bibtex_reads_back_as_the_csl_json_items(run: Run, record: str) -> None:
    items = json.loads(run("cite", record, "--style", "csl-json", "--accessed", "2026-12-01").stdout)
    entries = _bibtex_entries(run("cite", record, "--style", "bibtex", "--accessed", "2026-12-01").stdout)
    assert list(entries) == [item["id"] for item in items]
    for item in items:
        kind, fields = entries[item["id"]]
        assert kind == ("online" if "URL" in item else "misc")
        assert fields["title"] == item["title"] and fields["urldate"] == "2026-12-01"
        assert fields.get("url") == item.get("URL")
    assert entries[f"kjtimeline-{record}"][1]["version"] == __version__
    assert entries[f"kjtimeline-{record}"][1]["howpublished"] == DATASET


def test_bibtex_escapes_what_latex_reads_as_markup_and_keeps_unicode(
    run: Run, write_dataset: Callable[..., Path]
) -> None:
    document = mini()
    title = "R&D at 100% {really} $5 #1 a_b ~ ^ \\ 한일 日韓"
    document["sources"][0].update(kind="news", title=title, publisher="Asahi & Co.", date="2001-02")
    path = write_dataset(document)
    result = run("cite", "annexation", "--style", "bibtex", "--data", str(path), "--accessed", "2026-12-01")
    assert r"R\&D at 100\% \{really\} \$5 \#1 a\_b \~{} \^{} \textbackslash{} 한일 日韓" in result.stdout
    kind, fields = _bibtex_entries(result.stdout)["src-a"]
    assert kind == "online" and fields["title"] == title and fields["author"] == "Asahi & Co."
    assert fields["date"] == "2001-02"


@given(st.text())
def test_bibtex_text_is_one_balanced_line_that_reads_back(text: str) -> None:
    written = bibtex_text(text)
    depth = 0
    for match in re.finditer(r"\\.|[{}]", written):
        depth += {"{": 1, "}": -1}.get(match.group(), 0)
        assert depth >= 0
    assert depth == 0 and "\n" not in written
    assert _bibtex_entries(f"@misc{{k,\n  title = {{{written}}},\n}}\n")["k"][1]["title"] == visible(text)


def _cite_hostile(run: Run, tmp_path: Path, text: str) -> None:
    """Every style, for an event and a quote whose every text is `text`: one line an entry, nothing
    that steers a terminal, and the text itself in the data styles."""
    document = hostile_dataset(lambda: text)
    document["sources"][0]["kind"] = "official"
    path = write(tmp_path, document)
    for record in ("normalization", "q1"):
        for style in CSL_STYLES:
            result = run("cite", record, "--style", style, "--data", path)
            assert result.exit_code == 0, result.stderr
            assert len(only_terminal_codes_we_made(result.stdout).splitlines()) == 2
        items = json.loads(run("cite", record, "--style", "csl-json", "--data", path).stdout)
        assert items[0]["container-title"] == f'<span class="nocase">{text}</span>' and items[1]["title"] == text
        entries = _bibtex_entries(run("cite", record, "--style", "bibtex", "--data", path).stdout)
        assert [fields["title"] for _, fields in entries.values()] == [visible(text)] * 2


def test_hostile_text_is_cited_safely(run: Run, tmp_path: Path) -> None:
    _cite_hostile(run, tmp_path, "".join(NASTY_PIECES))


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nasty_text)
def test_any_hostile_text_is_cited_safely(run: Run, tmp_path: Path, text: str) -> None:
    _cite_hostile(run, tmp_path, text)


def test_csl_json_is_the_items_themselves(run: Run) -> None:
    result = run("cite", TREATY, "--style", "csl-json", "--accessed", "2026-12-01")
    entry, source = json.loads(result.stdout)
    for item in (entry, source):
        assert item["type"] and item["title"] and item["accessed"] == {"date-parts": [[2026, 12, 1]]}
    assert entry["type"] == "entry" and entry["version"] == __version__ and entry["number"] == f"event {TREATY}"
    assert entry["container-title"] == f'<span class="nocase">{DATASET}</span>'
    assert source["URL"] == TREATY_TEXT_URL and source["title"].startswith("Treaty on Basic Relations Between")


def test_accessed_is_today_unless_given(run: Run) -> None:
    (entry, _) = json.loads(run("cite", TREATY, "--style", "csl-json").stdout)
    today = date.today()
    assert entry["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}


def test_an_event_without_a_strong_source_cites_the_dataset_alone(run: Run, write_dataset: Callable[..., Path]) -> None:
    result = run("cite", "annexation", "--style", "csl-json", "--data", str(write_dataset()))
    assert [item["id"] for item in json.loads(result.stdout)] == ["kjtimeline-annexation"]


def test_without_citeproc_the_styles_it_renders_say_how_to_get_it(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "citeproc", None)  # `import citeproc` now raises ImportError
    result = run("cite", TREATY, "--style", "chicago")
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        result.stderr == "kjtimeline: error: cite --style chicago needs citeproc-py: pip install 'kjtimeline[cite]'\n"
    )
    assert run("cite", TREATY, "--style", "bibtex").stdout.startswith(f"@misc{{kjtimeline-{TREATY},")
    assert json.loads(run("cite", TREATY, "--style", "csl-json").stdout)[0]["id"] == f"kjtimeline-{TREATY}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["1965-treaty-basic-relations"],
            "unknown event or quote '1965-treaty-basic-relations'; did you mean '1965-treaty-on-basic-relations'",
        ),
        (["murayama"], "'murayama' could be more than one event or quote: 1995-murayama-statement"),
        ([TREATY, "--accessed", "2026-02-30"], "--accessed: '2026-02-30': February 2026 has 28 days"),
        ([TREATY, "--accessed", "2026-12"], "--accessed: '2026-12' is not a day: write YYYY-MM-DD"),
    ],
)
def test_what_cannot_be_cited_is_one_line(run: Run, args: list[str], message: str) -> None:
    result = run("cite", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("kjtimeline: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
