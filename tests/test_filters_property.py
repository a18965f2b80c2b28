"""Property: the JSON of any filtered listing equals the full listing filtered in Python by the
documented rule, written here a second, independent way (with datetime, not the core's strings)."""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kjtimeline.cli import app
from kjtimeline.load import load_bundled

runner = CliRunner()


@cache
def everything() -> dict[str, Any]:
    result = runner.invoke(app, ["show", "--json"], env={"KJTIMELINE_DATA": ""})
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def span(text: str) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def expected(options: dict[str, Any]) -> list[str]:
    kept = []
    for event in everything()["events"]:
        lo, _ = span(event["start"])
        _, hi = span(event["end"] or event["start"])
        if options["years"] and not any(lo.year <= y <= hi.year for y in options["years"]):
            continue
        if options["from"] and hi < span(options["from"])[0]:
            continue
        if options["to"] and lo > span(options["to"])[1]:
            continue
        if options["topics"] and not set(options["topics"]) & set(event["topics"]):
            continue
        if options["tags"] and not set(options["tags"]) & set(event["tags"]):
            continue
        if options["people"] and not set(options["people"]) & set(event["people"]):
            continue
        if options["kinds"] and event["kind"] not in options["kinds"]:
            continue
        if options["tones"] and event["tone"] not in options["tones"]:
            continue
        if options["eras"] and event["era"] not in options["eras"]:
            continue
        if options["exclude_topics"] and set(options["exclude_topics"]) & set(event["topics"]):
            continue
        if options["text"]:
            titles = [title for title in event["title"].values() if title]
            haystack = [event["id"], *titles, event["summary"], event["significance"]]
            haystack += event["facts"] + event["tags"] + event["places"]
            word = options["text"].casefold()  # one word; README "Search": a -y word also finds its -ies plural
            forms = (word, word[:-1] + "ies") if word.endswith("y") else (word,)
            if not any(form in h.casefold() for h in haystack for form in forms):
                continue
        kept.append(event)
    kept.sort(key=lambda e: (span(e["start"])[0], span(e["end"] or e["start"])[1], e["id"]), reverse=options["reverse"])
    if options["limit"]:  # 0 means all
        kept = kept[: options["limit"]]
    return [e["id"] for e in kept]


data = load_bundled()


def some(values: Iterable[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(sorted(values)), max_size=2, unique=True)


partial_dates = st.dates(min_value=dt.date(1870, 1, 1), max_value=dt.date(2026, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat()[:4], d.isoformat()[:7], d.isoformat()])
)

options_strategy = st.fixed_dictionaries(
    {
        "years": st.lists(st.integers(1870, 2026), max_size=2),
        "from": st.none() | partial_dates,
        "to": st.none() | partial_dates,
        "topics": some(t.id for t in data.topics),
        "tags": some({t for e in data.events for t in e.tags}),
        "people": some(p.id for p in data.people),
        "kinds": some({e.kind for e in data.events if e.kind}),
        "tones": some({e.tone for e in data.events if e.tone}),
        "eras": some(e.id for e in data.eras),
        "exclude_topics": some(t.id for t in data.topics),
        "text": st.none() | st.sampled_from(["treaty", "Dokdo", "독도", "竹島", "summit", "apology", "zz-no-match"]),
        "limit": st.none() | st.integers(0, 20),
        "reverse": st.booleans(),
    }
)

FLAGS = {"years": "--year", "topics": "--topic", "tags": "--tag", "people": "--person", "kinds": "--kind",
         "tones": "--tone", "eras": "--era", "exclude_topics": "--exclude-topic"}  # fmt: skip


def arguments(options: dict[str, Any]) -> list[str]:
    args = ["show", "--json"]
    for key, flag in FLAGS.items():
        for value in options[key]:
            args += [flag, str(value)]
    for key, flag in (("from", "--from"), ("to", "--to"), ("text", "--text"), ("limit", "--limit")):
        if options[key] is not None:
            args += [flag, str(options[key])]
    return args + (["--reverse"] if options["reverse"] else [])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(options_strategy)
def test_filtered_json_equals_the_full_listing_filtered_by_the_documented_rule(options: dict[str, Any]) -> None:
    result = runner.invoke(app, arguments(options), env={"KJTIMELINE_DATA": ""})
    if options["from"] and options["to"] and span(options["from"])[0] > span(options["to"])[1]:
        assert result.exit_code == 2 and "is after --to" in result.stderr
        return
    assert result.exit_code == 0, result.stderr
    assert [e["id"] for e in json.loads(result.stdout)["events"]] == expected(options)
