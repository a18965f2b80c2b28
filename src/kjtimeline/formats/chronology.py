"""`export --format markdown`: a readable chronology with a heading per era and linked sources."""

from __future__ import annotations

from kjtimeline.formats.markdown import escape
from kjtimeline.models import Dataset, Event


def _link(title: str, url: str) -> str:
    return f"[{escape(title)}](<{url.replace('>', '%3E').replace('<', '%3C')}>)"


def _event(dataset: Dataset, event: Event) -> list[str]:
    when = f"{event.start} – {event.end}" if event.end else event.start
    lines = [f"### {escape(when)} · {escape(event.title.en)}", ""]
    lines.append(f"*{escape(event.title.ko)} · {escape(event.title.ja)}*")
    lines += ["", escape(event.summary), "", f"**Why it matters:** {escape(event.significance)}", ""]
    for key in event.key_dates:
        lines.append(f"- {escape(key.label)}: {escape(key.date)}")
    for fact in event.facts:
        lines.append(f"- {escape(fact)}")
    if event.date_note:
        lines.append(f"- *Dates:* {escape(event.date_note)}")
    if event.key_dates or event.facts or event.date_note:
        lines.append("")
    lines.append(
        "Sources: "
        + "; ".join(
            (f"*{s.kind}* " if s.kind else "") + _link(f"{s.title} ({s.publisher})", s.url)
            for s in dataset.cited(event.sources)
        )
    )
    return [*lines, ""]


def export_markdown(dataset: Dataset) -> bytes:
    lines = [
        f"# {escape(dataset.title)}",
        "",
        f"{len(dataset.events)} events. Data licence: {escape(dataset.license)}.",
        "",
    ]
    current = None
    for event in dataset.events:
        era = dataset.era_of(event)
        if era is not current:
            current = era
            heading = f"{era.name.en} ({era.start} – {era.end or 'today'})" if era else "Outside the named eras"
            lines += [f"## {escape(heading)}", ""]
        lines += _event(dataset, event)
    return "\n".join(lines).encode("utf-8")
