"""The dataset's Pydantic models. No I/O here: `load` reads files, `checks` checks references."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from kjtimeline.dates import PARTIAL_DATE_PATTERN, check_day_exists, first_day, last_day

SCHEMA_VERSION: Literal[1] = 1

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=120)]
PartialDate = Annotated[
    str,
    StringConstraints(pattern=PARTIAL_DATE_PATTERN),
    AfterValidator(check_day_exists),
    Field(description='"YYYY", "YYYY-MM" or "YYYY-MM-DD": as precise as the sources allow.'),
]
Text = Annotated[str, StringConstraints(min_length=1)]
CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="ISO 3166-1 alpha-3 code (KOR also stands for Korea before 1948)."),
]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s\x00-\x1f\x7f-\x9f]+$")]

Kind = Literal[
    "treaty", "agreement", "summit", "visit", "statement", "ruling", "incident", "attack",
    "election", "policy", "legislation", "protest", "negotiation", "war", "ceremony",
    "appointment", "milestone",
]  # fmt: skip
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

Tone = Literal["verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"]
TONES: tuple[str, ...] = Tone.__args__  # type: ignore[attr-defined]

PLOVER_QUADS: dict[str, tuple[str, ...]] = {
    "verbal-cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material-cooperation": ("COOPERATE", "AID", "RETREAT", "INVESTIGATE"),
    "verbal-conflict": ("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"),
    "material-conflict": ("PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"),
}
"""PLOVER event types by quad category, as the PLOVER manual groups them."""

PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT",
]  # fmt: skip
QUAD_OF_PLOVER = {kind: tone for tone, kinds in PLOVER_QUADS.items() for kind in kinds}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Names(Record):
    """A name or title in English, Korean and Japanese."""

    en: Text
    ko: Text
    ja: Text

    def get(self, lang: str) -> str:
        return str(getattr(self, lang, None) or self.en)


class Source(Record):
    id: Id
    title: Text
    publisher: Text
    url: Url
    date: PartialDate | None = Field(None, description="When the source was published, if known.")
    archived_as: Text | None = Field(
        None, description="File name of a stored copy of the text; quotes citing it are checked against it."
    )


class Topic(Record):
    id: Id
    name: Names
    description: Text


class Era(Record):
    """A named period; the terminal view groups events by the era their start date falls in."""

    id: Id
    name: Names
    start: PartialDate
    end: PartialDate | None = None
    description: Text


class Office(Record):
    office: Id = Field(description='A key shared by holders: "kor-president", "jpn-prime-minister"…')
    title: Text
    start: PartialDate
    end: PartialDate | None = Field(None, description="null while in office.")
    acting: bool = False
    date_note: Text | None = None


class Person(Record):
    id: Id
    name: Names
    country: CountryCode | None = Field(None, description="For leaders and officials; null for others.")
    born: PartialDate | None = None
    died: PartialDate | None = None
    offices: tuple[Office, ...] = ()
    date_note: Text | None = Field(None, description="Where sources disagree on a date, who says what.")
    sources: tuple[Id, ...] = Field(min_length=1)


class KeyDate(Record):
    label: Text = Field(description='What happened on that date: "entered into force", "effective".')
    date: PartialDate


class Event(Record):
    id: Id
    start: PartialDate
    end: PartialDate | None = Field(None, description="For events that span a range.")
    key_dates: tuple[KeyDate, ...] = ()
    date_note: Text | None = Field(None, description="Where sources disagree on a date, who says what.")
    title: Names
    summary: Text
    significance: Text
    topics: tuple[Id, ...] = Field(min_length=1)
    tags: tuple[Id, ...] = ()
    kind: Kind
    people: tuple[Id, ...] = ()
    places: tuple[Text, ...] = ()
    related: tuple[Id, ...] = ()
    facts: tuple[Text, ...] = ()
    tone: Tone
    actor: CountryCode
    recipient: CountryCode
    plover: PloverType = Field(description="PLOVER event type.")
    sources: tuple[Id, ...] = Field(min_length=1)

    @cached_property
    def first_day(self) -> str:
        return first_day(self.start)

    @cached_property
    def last_day(self) -> str:
        return last_day(self.end or self.start)


class Quote(Record):
    id: Id
    text: Text = Field(description="Word for word; a cut is marked with '…'.")
    speakers: tuple[Id, ...] = ()
    attribution: Text = Field(description="Who said or wrote it, as the source puts it.")
    date: PartialDate | None = None
    occasion: Text
    event: Id | None = None
    language: Literal["en", "ko", "ja"] = "en"
    translation: Text | None = Field(None, description="Whose translation, if not the original.")
    source: Id
    note: Text | None = None


class Dataset(Record):
    schema_version: Literal[1] = 1
    title: Text = "kjtimeline: Korea–Japan relations"
    license: Text = "CC-BY-4.0"
    topics: tuple[Topic, ...] = ()
    eras: tuple[Era, ...] = ()
    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sources: tuple[Source, ...] = ()

    # Lookups, built on first use. The models are frozen, so they never go stale.
    @cached_property
    def events_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.events}

    @cached_property
    def people_by_id(self) -> dict[str, Person]:
        return {person.id: person for person in self.people}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def topics_by_id(self) -> dict[str, Topic]:
        return {topic.id: topic for topic in self.topics}

    @cached_property
    def eras_by_id(self) -> dict[str, Era]:
        return {era.id: era for era in self.eras}

    def era_of(self, event: Event) -> Era | None:
        """The era the event's start falls in (eras do not overlap)."""
        day = event.first_day
        for era in self.eras:
            if first_day(era.start) <= day <= last_day(era.end or "9999"):
                return era
        return None
