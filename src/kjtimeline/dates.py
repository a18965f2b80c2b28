"""Partial dates: "1910", "1910-08" or "1910-08-29".

Dates stay ISO strings all the way through: ISO strings of one precision sort like the dates they
name, and the first and last day a partial date covers are also ISO strings, so filtering is string
comparison with no objects built per record.
"""

from __future__ import annotations

import functools

from kjtimeline.text import pattern, visible

PARTIAL_DATE_PATTERN = (
    r"^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
)
"""YYYY, YYYY-MM or YYYY-MM-DD with a real year, month and day number: checked in Rust while the
JSON is parsed. Whether the day exists in that month (30 February) is `check_partial_date`'s job.
ASCII digits only ([0-9], not \\d, which also takes "١٩١٠"), and nothing after the day: "1965\\n" is no date."""
_MONTH_DAY_FORMS = (
    r"(?:--|[0-9]{4}-)?(?P<month>[0-9]{1,2})[-/.](?P<day>[0-9]{1,2})",  # 08-15, 8-15, 8/15, 2025-08-15
    r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\s*(?P<name>[a-z]+)\.?",  # 15 August, 15 Aug
    r"(?P<name>[a-z]+)\.?\s*(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?",  # August 15, Aug. 15
    r"(?P<month>[0-9]{1,2})\s*[월月]\s*(?P<day>[0-9]{1,2})\s*[일日]?",  # 8월 15일, 8月15日
)
"""Days of the year as people write them; `check_month_day` reads any of them."""


def _days_in_month(year: int, month: int) -> int:
    """The days in a month of the Gregorian calendar, as `calendar.monthrange` counts them: without
    importing `calendar` (about a millisecond, for every call whose dataset has a date of month precision)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _month_name(month: int) -> str:
    import calendar  # only for an error message or a month written as a word

    return calendar.month_name[month]


@functools.cache
def _month_numbers() -> dict[str, int]:
    """Month names and abbreviations, lower-case, and their numbers."""
    import calendar

    names = calendar.month_name, calendar.month_abbr
    return {name.lower(): number for table in names for number, name in enumerate(table) if name} | {"sept": 9}


_RANGE_RE = r"(?P<first>[0-9-]+)\s*(?:\.\.|/|–|—|\bto\b|-(?=[0-9]{4}\b))\s*(?P<last>[0-9-]+)"

PRECISIONS = {4: "year", 7: "month", 10: "day"}


class DateError(ValueError):
    """A date that does not exist or is not written as YYYY, YYYY-MM or YYYY-MM-DD."""


def _has_date_shape(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits; tested without a pattern, which would be compiled on
    the first date of every call (`--year 1965`)."""
    return (
        len(text) in (4, 7, 10)
        and text.isascii()
        and text[:4].isdigit()
        and all(text[dash] == "-" and text[dash + 1 : dash + 3].isdigit() for dash in range(4, len(text), 3))
    )


def check_partial_date(text: str) -> str:
    """Return `text` if it names a real year, month or day; raise DateError otherwise."""
    if not _has_date_shape(text):
        raise DateError(f"{visible(repr(text))} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(text[:4])
    if year == 0:
        raise DateError(f"'{text}': there is no year 0000")
    if len(text) >= 7:
        month = int(text[5:7])
        if not 1 <= month <= 12:
            raise DateError(f"'{text}': there is no month {text[5:7]}")
        if len(text) == 10:
            day = int(text[8:10])
            last = _days_in_month(year, month)
            if not 1 <= day <= last:
                raise DateError(f"'{text}': {_month_name(month)} {year} has {last} days")
    return text


def check_day_exists(text: str) -> str:
    """For text already of the right shape: only the 29th to 31st can name a day that does not exist.

    The cheap test first keeps this fast enough to run on every date of a large dataset.
    """
    if len(text) == 10 and text[8:10] > "28":
        check_partial_date(text)
    return text


def precision(text: str) -> str:
    """ "year", "month" or "day"."""
    return PRECISIONS[len(text)]


def first_day(text: str) -> str:
    """The first day a partial date covers, as YYYY-MM-DD."""
    if len(text) == 10:
        return text
    if len(text) == 7:
        return text + "-01"
    return text + "-01-01"


def last_day(text: str) -> str:
    """The last day a partial date covers, as YYYY-MM-DD."""
    if len(text) == 10:
        return text
    if len(text) == 7:
        return f"{text}-{_days_in_month(int(text[:4]), int(text[5:7])):02d}"
    return text + "-12-31"


def check_month_day(text: str) -> tuple[int, int]:
    """(month, day) of a day of the year written as people write it: 08-15, 8-15, 8/15, --08-15,
    2025-08-15 (its day), 15 August, Aug 15, 8월 15일, 8月15日. 02-29 is allowed: it exists in leap years."""
    typed = " ".join(text.strip().lower().split())
    for form in _MONTH_DAY_FORMS:
        match = pattern(form).fullmatch(typed)
        if match is None:
            continue
        found = match.groupdict()
        month = _month_numbers().get(found["name"], 0) if "name" in found else int(found["month"])
        if "name" in found and not month:
            raise DateError(f"{visible(repr(text))}: '{found['name']}' is not a month")
        day = int(found["day"])
        if not 1 <= month <= 12:
            raise DateError(f"'{text}': there is no month {month}")
        last = _days_in_month(2024, month)
        if not 1 <= day <= last:
            raise DateError(f"'{text}': {_month_name(month)} has at most {last} days")
        return month, day
    raise DateError(f"{visible(repr(text))} is not a day of the year: write e.g. 08-15, 8-15 or '15 August'")


def check_period(text: str) -> tuple[str, str]:
    """The first and last day of a period: a year, month or day (1965, 1965-06, 1965-06-22), or a
    range of them (1965..1970, 1965/1970, 1965–1970, 1965-1970, 1965-06..1966-02)."""
    typed = text.strip()
    if _has_date_shape(typed):  # no range is written so
        return first_day(check_partial_date(typed)), last_day(typed)
    match = pattern(_RANGE_RE).fullmatch(typed)
    if match is None:
        raise DateError(f"{visible(repr(text))} is not a period: write e.g. 1965, 1965-06 or 1965..1970")
    first, last = check_partial_date(match["first"]), check_partial_date(match["last"])
    if first_day(first) > last_day(last):
        raise DateError(f"'{text}': {first} is after {last}")
    return first_day(first), last_day(last)
