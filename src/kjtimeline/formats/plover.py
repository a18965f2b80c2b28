"""`export --format plover`: JSON Lines in the PLOVER event-data format.

Fields follow the PLOVER manual's JSON table: `id`, `date` (YYYY-MM-DD), `enddate`, `source` and
`recipient` (lists of actor objects with ISO 3166 alpha-3 `code`), `event` (PLOVER categories),
`quad_code` (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict),
`cite_info` and `comment`. A partial date is written as its first day, with `date_precision`
("year", "month" or "day") beside it. Korea before 15 August 1948 (Joseon, the Korean Empire,
colonial Korea, the Provisional Government) is coded KOR, as is the Republic of Korea; PRK is used
for North Korea.
"""

from __future__ import annotations

from kjtimeline.dates import first_day, last_day, precision
from kjtimeline.formats import Format
from kjtimeline.models import TONES, Dataset
from kjtimeline.text import to_json


def export_plover(dataset: Dataset, lang: str = "en") -> bytes:
    lines = []
    for event in dataset.events:
        sources = [dataset.sources_by_id[s] for s in event.sources if s in dataset.sources_by_id]
        record = {
            "id": f"kjtimeline-{event.id}",
            "date": first_day(event.start),
            "date_precision": precision(event.start),
            "enddate": last_day(event.end) if event.end else None,
            "source": [{"code": event.actor}],
            "recipient": [{"code": event.recipient}],
            "event": [event.plover],
            "quad_code": TONES.index(event.tone) + 1,
            "cite_info": [{"url": s.url, "title": s.title, "publication": s.publisher} for s in sources],
            "coder": "kjtimeline (human-curated)",
            "comment": event.title.en,
        }
        lines.append(to_json(record) + "\n")
    return "".join(lines).encode("utf-8")


FORMAT = Format(
    name="plover",
    help="JSON Lines in the PLOVER event-data format",
    extension=".jsonl",
    export=export_plover,
)
