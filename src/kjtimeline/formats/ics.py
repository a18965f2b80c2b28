"""`export --format ics`: an iCalendar file of all-day events, written with the icalendar library.

Partial dates become all-day events covering what they name: a day, the whole month, or the whole
year ("1910-08" runs from 1 August to 31 August). A range runs from the first day of its start to
the last day of its end. The precision is in the description and in X-KJTIMELINE-PRECISION. UIDs are
`<event id>@kjtimeline`, so re-importing updates events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt

from kjtimeline import __version__
from kjtimeline.dates import first_day, last_day, precision
from kjtimeline.formats import Format
from kjtimeline.i18n import TRANSLATION_NOTE, label, text_in, translated
from kjtimeline.models import Dataset
from kjtimeline.text import visible


def _text(value: str) -> str:
    """iCalendar TEXT allows no control characters but the line break: show the others as escapes."""
    return visible(value, keep_newlines=True)


UID_DOMAIN = "kjtimeline"


def export_ics(dataset: Dataset, lang: str = "en") -> bytes:
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    calendar = Calendar()
    calendar.add("prodid", f"-//kjtimeline//kjtimeline {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", visible(dataset.title))  # an X- property: one line, no escapes
    stamp = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # fixed, so the same data gives the same file
    for event in dataset.events:
        entry = CalendarEvent()
        entry.add("uid", f"{event.id}@{UID_DOMAIN}")
        entry.add("dtstamp", stamp)
        entry.add("summary", _text(event.title.get(lang)))
        entry.add("dtstart", dt.date.fromisoformat(first_day(event.start)))
        last = dt.date.fromisoformat(last_day(event.end or event.start))
        if last < dt.date.max:
            entry.add("dtend", last + dt.timedelta(days=1))
        else:  # DTEND is the day after, which does not exist after 9999-12-31
            entry.add("duration", last - dt.date.fromisoformat(first_day(event.start)) + dt.timedelta(days=1))
        sources = "\n".join(dataset.sources_by_id[s].url for s in event.sources if s in dataset.sources_by_id)
        significance = f"{label('significance', lang)}: {text_in(event, 'significance', lang)}"
        parts = [text_in(event, "summary", lang), significance if event.significance else ""]
        parts += [label("precision_" + precision(event.start), lang), f"{label('sources', lang)}:\n{sources}"]
        note = f"\n\n{TRANSLATION_NOTE[lang]}" if translated(lang) else ""
        entry.add("description", _text("\n\n".join(part for part in parts if part) + note))
        entry.add("categories", list(event.topics))
        entry.add("x-kjtimeline-precision", precision(event.start))
        if event.places:
            entry.add("location", _text(", ".join(event.places)))
        calendar.add_component(entry)
    return bytes(calendar.to_ical())


FORMAT = Format(
    name="ics",
    help="all-day calendar events with stable UIDs (<id>@kjtimeline)",
    extension=".ics",
    export=export_ics,
)
