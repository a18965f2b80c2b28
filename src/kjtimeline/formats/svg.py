"""`export --format svg` and `stats --format svg`: the overview chart of the HTML page, on its own.

For slides and papers: events per year by topic over the eras, as one standalone SVG file. Its
marks carry their event's date, title and topic as tooltips; they link nowhere, there being no page
around them.
"""

from __future__ import annotations

from kjtimeline.formats import Format
from kjtimeline.models import Dataset


def export_svg(dataset: Dataset, lang: str = "en") -> bytes:
    from kjtimeline.formats._chart import chart  # here: `export --help` imports every export format

    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + chart(dataset, lang, link=False) + "\n").encode("utf-8")


FORMAT = Format(
    name="svg",
    help="the overview chart (events per year by topic, eras as bands) as one SVG image",
    extension=".svg",
    export=export_svg,
    chart=True,
)
