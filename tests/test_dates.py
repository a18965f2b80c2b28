from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kjtimeline.dates import (
    DateError,
    check_month_day,
    check_partial_date,
    check_period,
    first_day,
    last_day,
    precision,
)


@pytest.mark.parametrize("text", ["1910", "1910-08", "1910-08-29", "2024-02-29", "0001"])
def test_real_dates_pass(text: str) -> None:
    assert check_partial_date(text) == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("1910-13", "no month 13"),
        ("1910-00", "no month 00"),
        ("0000", "no year 0000"),
        ("1910-8-29", "YYYY-MM-DD"),
        ("29/08/1910", "YYYY-MM-DD"),
        ("", "YYYY-MM-DD"),
        ("1910-08-29T00:00", "YYYY-MM-DD"),
    ],
)
def test_impossible_dates_are_rejected_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        check_partial_date(text)


def test_partial_dates_cover_their_whole_span() -> None:
    assert (first_day("1910"), last_day("1910")) == ("1910-01-01", "1910-12-31")
    assert (first_day("1910-08"), last_day("1910-08")) == ("1910-08-01", "1910-08-31")
    assert last_day("2024-02") == "2024-02-29"
    assert [precision(d) for d in ("1910", "1910-08", "1910-08-29")] == ["year", "month", "day"]


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.sampled_from([4, 7, 10]))
def test_any_real_date_at_any_precision_is_valid_and_its_span_contains_it(day: dt.date, width: int) -> None:
    text = day.isoformat()[:width]
    assert check_partial_date(text) == text
    assert first_day(text) <= day.isoformat() <= last_day(text)
    check_partial_date(last_day(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08-15", (8, 15)), ("02-29", (2, 29)), ("--03-01", (3, 1)), ("8-15", (8, 15)), ("8/15", (8, 15)),
        ("2025-08-15", (8, 15)), ("15 August", (8, 15)), ("August 15", (8, 15)), ("15 aug", (8, 15)),
        ("Aug. 15th", (8, 15)), ("8월 15일", (8, 15)), ("8月15日", (8, 15)),
    ],
)  # fmt: skip
def test_month_day(text: str, expected: tuple[int, int]) -> None:
    assert check_month_day(text) == expected


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1965", "1965-01-01", "1965-12-31"), ("1965-06", "1965-06-01", "1965-06-30"),
        ("1965..1970", "1965-01-01", "1970-12-31"), ("1965-1970", "1965-01-01", "1970-12-31"),
        ("1965–1970", "1965-01-01", "1970-12-31"), ("1965/1970", "1965-01-01", "1970-12-31"),
        ("1965-06..1966-02", "1965-06-01", "1966-02-28"),
    ],
)  # fmt: skip
def test_period(text: str, first: str, last: str) -> None:
    assert check_period(text) == (first, last)


@pytest.mark.parametrize("text", ["abc", "1965-13", "1970..1965", "65", "1965-06-31"])
def test_bad_period(text: str) -> None:
    with pytest.raises(DateError):
        check_period(text)


@pytest.mark.parametrize("text", ["02-30", "13-01", "0815", "15 Augst", "8-15-1945"])
def test_bad_month_day(text: str) -> None:
    with pytest.raises(DateError):
        check_month_day(text)
