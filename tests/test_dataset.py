"""The curated dataset itself: scope, the dates users cite most, leaders, names, verbatim quotes."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from msgspec.structs import replace

from conftest import REPO
from kjtimeline.checks import quotes_missing_from
from kjtimeline.explore import LEADER_OFFICES, leaders_at
from kjtimeline.load import load_bundled

DATA = load_bundled()

# The milestones people quote most, as checked against two independent pages each (see each event's
# sources). A change here is a change to a fact: it needs its sources changed with it.
MILESTONES = {
    "1876-ganghwa-treaty": ("1876-02-26", []),
    "1905-protectorate-treaty": ("1905-11-17", []),
    "1910-annexation-treaty": ("1910-08-22", ["1910-08-29"]),
    "1919-march-first-movement": ("1919-03-01", []),
    "1919-provisional-government": ("1919-04-11", []),
    "1923-kanto-massacre": ("1923-09-01", []),
    "1939-name-change-order": ("1939-11-10", ["1940-02-11"]),
    "1945-liberation": ("1945-08-15", []),
    "1948-republic-of-korea-founded": ("1948-08-15", []),
    "1951-normalization-talks-begin": ("1951-10-20", []),
    "1951-san-francisco-peace-treaty": ("1951-09-08", ["1952-04-28"]),
    "1952-rhee-line": ("1952-01-18", []),
    "1965-treaty-on-basic-relations": ("1965-06-22", ["1965-12-18"]),
    "1965-claims-agreement": ("1965-06-22", ["1965-12-18"]),
    "1973-kim-dae-jung-abduction": ("1973-08-08", []),
    "1974-park-chung-hee-assassination-attempt": ("1974-08-15", []),
    "1983-nakasone-seoul-visit": ("1983-01-11", []),
    "1984-chun-doo-hwan-japan-visit": ("1984-09-06", []),
    "1991-kim-hak-sun-testimony": ("1991-08-14", []),
    "1993-kono-statement": ("1993-08-04", []),
    "1995-asian-womens-fund": ("1995-07-19", []),
    "1995-murayama-statement": ("1995-08-15", []),
    "1998-joint-declaration": ("1998-10-08", []),
    "1998-japanese-culture-opening": ("1998-10-20", []),
    "1999-fisheries-agreement": ("1998-11-28", ["1999-01-22"]),
    "2002-world-cup": ("2002-05-31", []),
    "2005-takeshima-day-ordinance": ("2005-03-16", []),
    "2011-constitutional-court-ruling": ("2011-08-30", []),
    "2011-comfort-woman-statue": ("2011-12-14", []),
    "2012-lee-myung-bak-dokdo-visit": ("2012-08-10", []),
    "2015-comfort-women-agreement": ("2015-12-28", []),
    "2016-gsomia-signed": ("2016-11-23", []),
    "2017-review-of-2015-agreement": ("2017-12-27", []),
    "2018-supreme-court-forced-labor-ruling": ("2018-10-30", []),
    "2018-radar-incident": ("2018-12-20", []),
    "2019-export-controls": ("2019-07-01", ["2019-07-04"]),
    "2019-white-list-removal": ("2019-08-02", ["2019-08-28"]),
    "2019-gsomia-termination-notice": ("2019-08-22", []),
    "2019-gsomia-termination-suspended": ("2019-11-22", []),
    "2021-seoul-court-ruling-against-japan": ("2021-01-08", []),
    "2023-third-party-compensation-plan": ("2023-03-06", []),
    "2023-yoon-kishida-tokyo-summit": ("2023-03-16", []),
    "2023-kishida-seoul-visit": ("2023-05-07", []),
    "2023-camp-david-summit": ("2023-08-18", []),
    "2024-sado-mine-listing": ("2024-07-27", []),
    "2024-martial-law": ("2024-12-03", []),
    "2024-yoon-impeachment": ("2024-12-14", []),
    "2025-yoon-removal": ("2025-04-04", []),
    "2025-lee-jae-myung-elected": ("2025-06-03", ["2025-06-04"]),
    "2025-g7-lee-ishiba-meeting": ("2025-06-17", []),
    "2025-tokyo-summit": ("2025-08-23", []),
    "2025-lee-trump-meeting": ("2025-08-25", []),
    "2025-ishiba-resignation": ("2025-09-07", []),
    "2025-takaichi-becomes-prime-minister": ("2025-10-21", []),
}

REQUIRED = [
    "1938-national-mobilization-law", "1939-forced-labor-mobilization", "1982-textbook-dispute", "2008-joint-statement",
    "2016-reconciliation-healing-foundation", "2018-foundation-dissolution", "2019-boycott", "2023-export-status-restored",
    "2025-us-japan-tariff-deal", "2025-us-korea-tariff-deal", "2025-busan-summit", "2025-gyeongju-apec-summit",
]  # fmt: skip


def test_scope_is_at_least_260_events_from_the_prelude_to_2026() -> None:
    assert len(DATA.events) >= 260
    years = [int(e.start[:4]) for e in DATA.events]
    assert min(years) == 1592 and max(years) == 2026
    prelude = DATA.eras_by_id["prelude"]
    assert all(DATA.era_of(e) == prelude for e in DATA.events if e.start < "1876")


def test_no_decade_from_the_1880s_has_fewer_than_six_events() -> None:
    decades = Counter(int(e.start[:3]) * 10 for e in DATA.events)
    assert {decade: count for decade, count in decades.items() if decade >= 1880 and count < 6} == {}


@pytest.mark.parametrize(("event_id", "expected"), sorted(MILESTONES.items()))
def test_milestone_dates(event_id: str, expected: tuple[str, list[str]]) -> None:
    event = DATA.events_by_id[event_id]
    start, key_dates = expected
    assert event.start == start
    assert set(key_dates) <= {k.date for k in event.key_dates}


PERSON_DATES = {
    "kim-dae-jung": ("1924-01-06", "2009-08-18"),  # not 8 January, which no news or official page gives
    "masatake-terauchi": ("1852-03-25", "1919-11-03"),  # the lunar 5th of the intercalary 2nd month, converted
    "lee-wan-yong": ("1858", "1926-02-11"),
    "park-chung-hee": ("1917-11-14", "1979-10-26"),
    "kim-hak-sun": (None, "1997-12-16"),  # no page of a strong kind gives her birth: the note says who does
}
"""Dates an audit of every person's birth and death against news, official and archive pages settled
(2026-12-02): each disagrees with Wikipedia, or a page of a strong kind gives less than it does."""


@pytest.mark.parametrize(("person_id", "expected"), sorted(PERSON_DATES.items()))
def test_person_dates_as_the_strong_pages_give_them(person_id: str, expected: tuple[str | None, str | None]) -> None:
    person = DATA.people_by_id[person_id]
    assert (person.born, person.died) == expected and person.date_note


@pytest.mark.parametrize("event_id", REQUIRED)
def test_required_events_exist(event_id: str) -> None:
    assert event_id in DATA.events_by_id


def test_every_topic_has_events() -> None:
    topics = Counter(t for e in DATA.events for t in e.topics)
    assert all(topics[t.id] >= 5 for t in DATA.topics)


def test_every_event_is_sourced_and_titled_in_three_languages() -> None:
    hangul, kana_or_kanji = re.compile(r"[\uac00-\ud7a3]"), re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for event in DATA.events:
        assert event.sources and all(DATA.sources_by_id[s].url.startswith("http") for s in event.sources)
        assert hangul.search(event.title.ko or ""), event.id
        assert kana_or_kanji.search(event.title.ja or ""), event.id


@pytest.mark.parametrize("office", LEADER_OFFICES)
def test_each_leader_office_has_exactly_one_holder_every_day(office: str) -> None:
    """From its first term to its last (or today), no gap and no overlap.

    A term's end is its last day: the next starts that day (a hand-over day) or the day after. A
    gap is allowed only where a term's note says that no holder is known (`leaders` then says so).
    """
    terms = sorted(
        (o.start, o.end or dt.date.today().isoformat(), p.id, o.date_note or "")
        for p in DATA.people for o in p.offices if o.office == office
    )  # fmt: skip
    assert terms, office
    for (_, end, who, note), (start, _, after, next_note) in pairwise(terms):
        gap = (dt.date.fromisoformat(start) - dt.date.fromisoformat(end)).days
        documented = "no holder" in note + next_note
        assert gap in (0, 1) or (gap > 1 and documented), f"{office}: {who} ends {end}, {after} starts {start}"


@pytest.mark.parametrize("office", LEADER_OFFICES)
def test_every_leader_term_is_at_day_precision(office: str) -> None:
    for person in DATA.people:
        for term in person.offices:
            if term.office == office:
                assert len(term.start) == 10 and (term.end is None or len(term.end) == 10), (person.id, term)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("1880-06-01", {"gojong"}),
        ("1901-12-01", {"gojong", "katsura-taro"}),
        ("1908-03-01", {"sunjong", "hirobumi-ito", "saionji-kinmochi"}),
        ("1930-06-01", {"saito-makoto", "hamaguchi-osachi"}),
        ("1946-01-15", {"archer-l-lerch", "kijuro-shidehara"}),
        ("1947-10-01", {"tetsu-katayama"}),
        ("2015-12-28", {"park-geun-hye", "shinzo-abe"}),
    ],
)
def test_leaders_at_dates_users_ask_about(when: str, expected: set[str]) -> None:
    assert {term.person.id for term in leaders_at(DATA, when)} == expected


def test_disputed_names_are_given_both_ways_in_titles() -> None:
    for event in DATA.events:
        en, ko, ja = event.title.en, event.title.ko or "", event.title.ja or ""
        if ("Dokdo" in en or "Takeshima" in en) and "Takeshima Day" not in en:
            assert "Dokdo" in en and "Takeshima" in en, event.id
        if "독도" in ko:
            assert "다케시마" in ko, event.id
        if "竹島" in ja and "竹島の日" not in ja:
            assert "独島" in ja, event.id
        for text in (en, event.summary or ""):
            if "East Sea" in text or "Sea of Japan" in text:
                assert "East Sea" in text and "Sea of Japan" in text, event.id


SOURCES_DIR_VARIABLE = "KJTIMELINE_SOURCES_DIR"
DEFAULT_SOURCES_DIR = REPO.parent / "shared" / "sources"
"""Where the quote checks find the archived summit report: $KJTIMELINE_SOURCES_DIR if set, else the
project's shared/sources folder beside the checkout (CONTRIBUTING.md, "Quote checks")."""


def archived_report() -> tuple[Path, str]:
    """The folder holding the archived sources, and the report's file name; skip (fail in CI) saying
    how to get it when it is not there."""
    name = str(next(s for s in DATA.sources if s.archived_as).archived_as)
    given = os.environ.get(SOURCES_DIR_VARIABLE)
    folder = Path(given) if given else DEFAULT_SOURCES_DIR
    if (folder / name).is_file():
        return folder, name
    message = (
        f"the archived summit report {name} is not in {folder}: copy the project's shared/sources folder "
        f"beside this checkout, or set {SOURCES_DIR_VARIABLE} to the folder that holds it "
        f"(see CONTRIBUTING.md, 'Quote checks')"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_the_quote_checks_say_how_to_get_the_report_when_they_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOURCES_DIR_VARIABLE, str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        archived_report()
    assert str(skipped.value) == (
        f"the archived summit report 2025-08-tokyo-summit-report.txt is not in {tmp_path}: copy the project's "
        "shared/sources folder beside this checkout, or set KJTIMELINE_SOURCES_DIR to the folder that holds it "
        "(see CONTRIBUTING.md, 'Quote checks')"
    )
    (tmp_path / "2025-08-tokyo-summit-report.txt").write_text("report", "utf-8")
    assert archived_report() == (tmp_path, "2025-08-tokyo-summit-report.txt")


def test_quotes_from_the_summit_report_are_word_for_word() -> None:
    folder, _ = archived_report()
    archived = [s for s in DATA.sources if s.archived_as]
    assert archived, "the summit report must be recorded as an archived source"
    checked = 0
    for source in archived:
        text = (folder / str(source.archived_as)).read_text("utf-8")
        assert quotes_missing_from(DATA, source.id, text) == []
        checked += sum(1 for q in DATA.quotes if q.source == source.id)
    assert checked >= 15


def test_a_changed_word_would_be_caught() -> None:
    folder, name = archived_report()
    source = next(s for s in DATA.sources if s.archived_as)
    quote = next(q for q in DATA.quotes if q.source == source.id and len(q.text) > 40)
    altered = replace(DATA, quotes=(replace(quote, text=quote.text.replace(" ", "  the ", 1)),))
    assert quotes_missing_from(altered, source.id, (folder / name).read_text("utf-8"))


def test_curly_and_straight_quotation_marks_count_as_the_same() -> None:
    folder, name = archived_report()
    source = next(s for s in DATA.sources if s.archived_as)
    quote = next(q for q in DATA.quotes if "’" in q.text)
    straight = replace(DATA, quotes=(replace(quote, text=quote.text.replace("’", "'")),))
    assert quotes_missing_from(straight, source.id, (folder / name).read_text("utf-8")) == []
