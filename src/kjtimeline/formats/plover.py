"""`export --format plover`: JSON Lines in the PLOVER event-data format.

Fields follow the JSON table of the PLOVER manual, version `PLOVER_VERSION`: `id`, `date`
(YYYY-MM-DD), `enddate`, `actor` and `recipient` (lists of entity objects with an ISO 3166
alpha-3 `code`), `event` (PLOVER categories), `quad_code` (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict, from the event type), `context` (the
manual's contexts for the topics that have one), `cite_info` (with the `codebook`), `coder` and
`comment`. A partial date is written as its first day, with `date_precision` ("year", "month" or
"day") beside it. Korea before 15 August 1948 (Joseon, the Korean Empire, colonial Korea, the
Provisional Government) is coded KOR, as is the Republic of Korea; PRK is used for North Korea.
`mode` is not written: the dataset does not record it. Events without a PLOVER type or an actor
(a user's uncoded notes) are left out.
"""

from __future__ import annotations

from kjtimeline.codes import PLOVER_VERSION, QUAD_OF_PLOVER, TONES
from kjtimeline.dates import first_day, last_day, precision
from kjtimeline.formats import Format
from kjtimeline.models import Dataset
from kjtimeline.text import to_json

CONTEXT_OF_TOPIC = {"diplomacy": "diplomatic", "trade": "economic", "territory": "territory", "law": "legal"}
"""The dataset's topics that name one of the manual's general contexts; the others name none."""

CODEBOOK = f"PLOVER {PLOVER_VERSION}"


def export_plover(dataset: Dataset, lang: str = "en") -> bytes:
    lines = []
    for event in dataset.events:
        if event.plover is None or event.actor is None:
            continue  # PLOVER requires both; a user's uncoded note has neither
        sources = [dataset.sources_by_id[s] for s in event.sources if s in dataset.sources_by_id]
        record = {
            "id": f"kjtimeline-{event.id}",
            "date": first_day(event.start),
            "date_precision": precision(event.start),
            "enddate": last_day(event.end) if event.end else None,
            "actor": [{"code": event.actor}],
            "recipient": [{"code": event.recipient}] if event.recipient else [],
            "event": [event.plover],
            "quad_code": TONES.index(QUAD_OF_PLOVER[event.plover]) + 1,
            "context": [CONTEXT_OF_TOPIC[t] for t in event.topics if t in CONTEXT_OF_TOPIC],
            "cite_info": [
                {"url": s.url, "title": s.title, "publication": s.publisher, "codebook": CODEBOOK} for s in sources
            ],
            "coder": "kjtimeline (human-curated)",
            "comment": event.title.en,
        }
        lines.append(to_json(record) + "\n")
    return "".join(lines).encode("utf-8")


FORMAT = Format(
    name="plover",
    help=f"JSON Lines in the PLOVER event-data format (manual {PLOVER_VERSION})",
    extension=".jsonl",
    export=export_plover,
)
