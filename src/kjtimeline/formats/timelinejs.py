"""`export --format timelinejs`: the JSON that Knight Lab's TimelineJS reads.

A title slide, one slide per event (start and end date objects with as much precision as the
data has), `group` set to the id of the event's first topic, and the eras as TimelineJS eras.
TimelineJS shows `text` fields as HTML, so every dataset string is HTML-escaped; it inserts `group`
as HTML too, after decoding entities, so `group` is an id, which can hold no markup at all.
"""

from __future__ import annotations

from html import escape
from typing import Any

from kjtimeline.dates import last_day
from kjtimeline.formats import Format
from kjtimeline.i18n import TRANSLATION_NOTE, label, text_in, translated
from kjtimeline.models import Dataset, Event
from kjtimeline.text import to_json


def date_object(text: str) -> dict[str, str]:
    parts = text.split("-")
    return dict(zip(("year", "month", "day"), (str(int(p)) for p in parts), strict=False))


def _slide(dataset: Dataset, event: Event, lang: str) -> dict[str, Any]:
    sources = dataset.cited(event.sources)
    links = "".join(
        f'<li><a href="{escape(s.url)}">{escape(s.title)}</a> ({escape(s.publisher)})</li>' for s in sources
    )
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": date_object(event.start),
        "text": {
            "headline": escape(event.title.get(lang)),
            "text": f"<p>{escape(text_in(event, 'summary', lang))}</p>"
            f"<p><em>{escape(text_in(event, 'significance', lang))}</em></p><ul>{links}</ul>",
        },
    }
    if event.topics:
        slide["group"] = event.topics[0]
    if event.end:
        slide["end_date"] = date_object(event.end)
    return slide


def export_timelinejs(dataset: Dataset, lang: str = "en") -> bytes:
    latest = max((last_day(e.end or e.start) for e in dataset.events), default="2025-12-31")
    document = {
        "title": {
            "text": {
                "headline": escape(dataset.title),
                "text": f"<p>{escape(label('sourced_events', lang, count=str(len(dataset.events))))}."
                f" {escape(label('data_licence', lang))}: {escape(dataset.license)}.</p>"
                + (f"<p>{escape(TRANSLATION_NOTE[lang])}</p>" if translated(lang) else ""),
            }
        },
        "events": [_slide(dataset, e, lang) for e in dataset.events],
        "eras": [
            {
                "start_date": date_object(era.start),
                "end_date": date_object(era.end or latest),
                "text": {"headline": escape(era.name.get(lang))},
            }
            for era in dataset.eras
        ],
    }
    return to_json(document, indent=2).encode("utf-8") + b"\n"


FORMAT = Format(
    name="timelinejs",
    help="Knight Lab TimelineJS JSON: title slide, events, groups by topic, eras",
    extension=".json",
    export=export_timelinejs,
)
