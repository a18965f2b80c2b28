"""The dataset's records: frozen dataclasses that pydantic validates when a file is read.

Importing this module does not import pydantic. The constraints live in `Annotated` metadata
(`Rule`) that pydantic reads only when `validation` builds its validator, so a command served from
the cache of an already-validated file never pays for it. No I/O here: `load` reads files, `checks`
checks references.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal, Optional, get_args

from kjtimeline.dates import PARTIAL_DATE_PATTERN, check_day_exists, first_day, last_day
from kjtimeline.values import Value

SCHEMA_VERSION: Literal[1] = 1


class Rule:
    """Constraints and a description for an `Annotated` type, applied by pydantic when it builds the validator."""

    __slots__ = ("after", "description", "max_length", "min_length", "pattern")

    def __init__(
        self,
        *,
        pattern: str | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        after: Callable[[str], str] | None = None,
        description: str | None = None,
    ) -> None:
        self.pattern, self.min_length, self.max_length = pattern, min_length, max_length
        self.after, self.description = after, description

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        schema = handler(source)
        for key in ("pattern", "min_length", "max_length"):
            if getattr(self, key) is not None:
                schema[key] = getattr(self, key)
        if self.after is None:
            return schema
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.after, schema)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Callable[[Any], Any]) -> Any:
        document = handler(schema)
        if self.description:
            document["description"] = self.description
        return document


Id = Annotated[str, Rule(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=120)]
PartialDate = Annotated[
    str,
    Rule(
        pattern=PARTIAL_DATE_PATTERN,
        after=check_day_exists,
        description='"YYYY", "YYYY-MM" or "YYYY-MM-DD": as precise as the sources allow.',
    ),
]
MAX_TEXT = 20_000
"""The longest text field, in characters: a bound on what one string can cost to show or search."""
Text = Annotated[str, Rule(min_length=1, max_length=MAX_TEXT)]
CountryCode = Annotated[
    str,
    Rule(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code (KOR also stands for Korea before 1948)."),
]
Url = Annotated[str, Rule(pattern=r"^https?://[^\s\x00-\x1f\x7f-\x9f]+$", max_length=2_000)]
Ids = Annotated[tuple[Id, ...], Rule(min_length=1)]
"""At least one: every event and person cites a source, every event has a topic."""

Kind = Literal[
    "treaty", "agreement", "summit", "visit", "statement", "ruling", "incident", "attack",
    "election", "policy", "legislation", "protest", "negotiation", "war", "ceremony",
    "appointment", "milestone",
]  # fmt: skip
KINDS: tuple[str, ...] = get_args(Kind)

Tone = Literal["verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"]
TONES: tuple[str, ...] = get_args(Tone)

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

DATE_NOTE = "Where sources disagree on a date, who says what."


class Record(Value, kw_only=True):
    """Base of every record: unknown keys in a file are an error, not silently dropped."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


class Names(Record, kw_only=True):
    """A name or title in English, Korean and Japanese."""

    en: Text
    ko: Text
    ja: Text

    def get(self, lang: str) -> str:
        return str(getattr(self, lang, None) or self.en)


SourceKind = Literal[
    "official", "primary-text", "news", "scholarly", "archive", "reference", "wiki", "user-generated",
]  # fmt: skip
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
STRONG_SOURCE_KINDS: tuple[str, ...] = ("official", "primary-text", "news", "scholarly", "archive")
"""The kinds that can confirm a date; the others (encyclopedias, wikis, blogs) only lead to them."""

LanguageTag = Annotated[str, Rule(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", description="BCP 47: en, ko, ja…")]


class Source(Record, kw_only=True):
    id: Id
    title: Text
    publisher: Text
    url: Annotated[Url, Rule(description="The original page; where a copy was read, `via` says where.")]
    kind: Annotated[
        Optional[SourceKind],
        Rule(
            description="official: a government, court, parliament or international body's own page;"
            " primary-text: a document's text in an edition or database (treaty series, annals, FRUS);"
            " news: a news organization; scholarly: academic work; archive: an archive's record or scan;"
            " reference: an edited encyclopedia or dictionary; wiki: openly edited; user-generated:"
            " blogs, forums, personal pages, aggregators."
        ),
    ] = None
    language: Optional[LanguageTag] = None
    via: Annotated[
        Optional[Url], Rule(description="Where the text was read, when that was a copy of `url` (a mirror, a repost).")
    ] = None
    date: Annotated[Optional[PartialDate], Rule(description="When the source was published, if known.")] = None
    archived_as: Annotated[
        Optional[Text],
        Rule(description="File name of a stored copy of the text; quotes citing it are checked against it."),
    ] = None


class Topic(Record, kw_only=True):
    id: Id
    name: Names
    description: Text


class Era(Record, kw_only=True):
    """A named period; the terminal view groups events by the era their start date falls in."""

    id: Id
    name: Names
    start: PartialDate
    end: Optional[PartialDate] = None
    description: Text


class Office(Record, kw_only=True):
    office: Annotated[Id, Rule(description='A key shared by holders: "kor-president", "jpn-prime-minister"…')]
    title: Text
    start: PartialDate
    end: Annotated[Optional[PartialDate], Rule(description="null while in office.")] = None
    acting: bool = False
    date_note: Optional[Text] = None


class Person(Record, kw_only=True):
    id: Id
    name: Names
    country: Annotated[Optional[CountryCode], Rule(description="For leaders and officials; null for others.")] = None
    born: Optional[PartialDate] = None
    died: Optional[PartialDate] = None
    offices: tuple[Office, ...] = ()
    date_note: Annotated[Optional[Text], Rule(description=DATE_NOTE)] = None
    sources: Ids


class KeyDate(Record, kw_only=True):
    label: Annotated[Text, Rule(description='What happened on that date: "entered into force", "effective".')]
    date: PartialDate


class Event(Record, kw_only=True):
    id: Id
    start: PartialDate
    end: Annotated[Optional[PartialDate], Rule(description="For events that span a range.")] = None
    key_dates: tuple[KeyDate, ...] = ()
    date_note: Annotated[Optional[Text], Rule(description=DATE_NOTE)] = None
    title: Names
    summary: Text
    significance: Text
    topics: Ids
    tags: tuple[Id, ...] = ()
    kind: Kind
    people: tuple[Id, ...] = ()
    places: tuple[Text, ...] = ()
    related: tuple[Id, ...] = ()
    facts: tuple[Text, ...] = ()
    tone: Tone
    actor: CountryCode
    recipient: CountryCode
    plover: Annotated[PloverType, Rule(description="PLOVER event type.")]
    sources: Ids

    @cached_property
    def first_day(self) -> str:
        return first_day(self.start)

    @cached_property
    def last_day(self) -> str:
        return last_day(self.end or self.start)


class Quote(Record, kw_only=True):
    id: Id
    text: Annotated[Text, Rule(description="Word for word; a cut is marked with '…'.")]
    speakers: tuple[Id, ...] = ()
    attribution: Annotated[Text, Rule(description="Who said or wrote it, as the source puts it.")]
    date: Optional[PartialDate] = None
    occasion: Text
    event: Optional[Id] = None
    language: Literal["en", "ko", "ja"] = "en"
    translation: Annotated[Optional[Text], Rule(description="Whose translation, if not the original.")] = None
    source: Id
    note: Optional[Text] = None


class Dataset(Record, kw_only=True):
    schema_version: Literal[1] = 1
    title: Text = "kjtimeline: Korea–Japan relations"
    license: Text = "CC-BY-4.0"
    topics: tuple[Topic, ...] = ()
    eras: tuple[Era, ...] = ()
    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sources: tuple[Source, ...] = ()

    # Lookups, built on first use. The records are frozen, so they never go stale.
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


def plain(value: Any) -> Any:
    """A record, or a tuple of them, as JSON-ready dicts and lists (field order kept)."""
    if isinstance(value, Record):
        return {name: plain(getattr(value, name)) for name in value.field_names}
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return value
