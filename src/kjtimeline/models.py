"""The dataset's records: frozen msgspec Structs, decoded and checked straight from JSON.

msgspec checks a file's types, patterns and lengths while it parses it, into compact records (no
per-record `__dict__`, untracked by the garbage collector): faster than `json.loads` alone, and a
fraction of its memory. It stops at the first problem, so a file it refuses is validated again by
pydantic (`validation`), which lists every problem. Both read the same declarations: a `Rule` in
`Annotated` metadata carries the constraints for pydantic and a `msgspec.Meta` for msgspec. No I/O
here: `load` reads files, `checks` checks references.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal, Optional, TypeVar, Union, get_args, get_origin, get_type_hints

import msgspec

from kjtimeline.codes import (
    LANGUAGES,
    SOURCE_KINDS,
    Kind,
    Language,
    PloverType,
    SourceKind,
    Tone,
    Translated,
)
from kjtimeline.dates import PARTIAL_DATE_PATTERN, check_day_exists, first_day, last_day
from kjtimeline.text import pattern as compiled

SCHEMA_VERSION: Literal[1] = 1
SCHEMA_FILE = "kjtimeline.schema.json"
"""The JSON Schema's file name, beside the dataset files that name it: `schema/` in the repository,
or wherever `kjtimeline schema > kjtimeline.schema.json` wrote it. The schema's `$id` is this name,
a reference that resolves to the very file it is read from."""
SCHEMA_KEY = "$schema"
"""A dataset file's optional pointer to its schema, for editors: read past, never kept."""


class Rule:
    """Constraints and a description for an `Annotated` type, applied by pydantic when it builds the validator.

    An alias that constrains writes its rule twice, `Annotated[str, RULE, RULE.meta]`: once for
    pydantic, once as the `msgspec.Meta` the fast decode reads. A rule that only describes needs no
    `meta`. What msgspec cannot check (`after`) the fast decode checks after it (`decode`). msgspec
    leaves out the pattern of a `resolved` rule, a reference to another record: the reference checks
    that follow the decode accept it only if it is the id of a record, whose own id msgspec matched.
    """

    __slots__ = ("after", "description", "max_length", "min_length", "pattern", "resolved")

    def __init__(
        self,
        *,
        pattern: str | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        after: Callable[[str], str] | None = None,
        resolved: bool = False,
        description: str | None = None,
    ) -> None:
        self.pattern, self.min_length, self.max_length = pattern, min_length, max_length
        self.after, self.resolved, self.description = after, resolved, description

    @property
    def meta(self) -> msgspec.Meta:
        """The constraints for msgspec, but for a reference's pattern: matching the hundreds of
        thousands of references in a large file took about a sixth of loading it."""
        pattern = None if self.resolved else self.python_pattern
        return msgspec.Meta(pattern=pattern, min_length=self.min_length, max_length=self.max_length)

    @property
    def python_pattern(self) -> str | None:
        """`pattern` as msgspec and `re` read it. Python's `$` also matches before a final newline,
        pydantic's (Rust) `$` does not, so it ends in `\\Z` here: "1965\\n" is no date in either."""
        return self.pattern[:-1] + r"\Z" if self.pattern and self.pattern.endswith("$") else self.pattern

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


_ID = Rule(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=120)
Id = Annotated[str, _ID, _ID.meta]
_REF = Rule(pattern=_ID.pattern, min_length=_ID.min_length, max_length=_ID.max_length, resolved=True)
Ref = Annotated[str, _REF, _REF.meta]
"""The id of another record: an `Id` to pydantic and in the schema; to the fast decode, one the
reference checks must find (`Rule.resolved`)."""


def is_id(text: str) -> bool:
    """Whether `text` has the form of an id."""
    return compiled(_ID.python_pattern or "").search(text) is not None


_PARTIAL_DATE = Rule(
    pattern=PARTIAL_DATE_PATTERN,
    after=check_day_exists,
    description='"YYYY", "YYYY-MM" or "YYYY-MM-DD": as precise as the sources allow.',
)
PartialDate = Annotated[str, _PARTIAL_DATE, _PARTIAL_DATE.meta]
MAX_TEXT = 20_000
"""The longest text field, in characters: a bound on what one string can cost to show or search."""
_TEXT = Rule(min_length=1, max_length=MAX_TEXT)
Text = Annotated[str, _TEXT, _TEXT.meta]
_COUNTRY_CODE = Rule(
    pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code (KOR also stands for Korea before 1948)."
)
CountryCode = Annotated[str, _COUNTRY_CODE, _COUNTRY_CODE.meta]
_URL = Rule(pattern=r"^https?://[^\s\x00-\x1f\x7f-\x9f]+$", max_length=2_000)
Url = Annotated[str, _URL, _URL.meta]
_IDS = Rule(min_length=1)
Refs = Annotated[tuple[Ref, ...], _IDS, _IDS.meta]
"""At least one: every person cites a source."""

DATE_NOTE = "Where sources disagree on a date, who says what."


class _FieldNames:
    """`Record.field_names`: the fields in order, on the class and on its records."""

    def __get__(self, record: object, record_type: type[msgspec.Struct]) -> tuple[str, ...]:
        return record_type.__struct_fields__


class _Exact:
    """For pydantic: the literal numbers only. Its literal check takes `true` and `1.0` for `Literal[1]`,
    strict or not (msgspec takes neither), so such a file would pass one validator and fail the other."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(_exactly_int, handler(source))


def _exactly_int(value: object) -> object:
    if type(value) is not int:
        shown = str(value).lower() if isinstance(value, bool) else repr(value)  # as JSON writes it
        raise ValueError(f"Input should be a whole number, not {shown}")
    return value


class Record(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, gc=False):
    """Base of every record: unknown keys in a file are an error, not silently dropped.

    `gc=False`: records hold no cycles, so the collector need not track millions of them.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}
    field_names: ClassVar[tuple[str, ...]] = _FieldNames()  # type: ignore[assignment]

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Pydantic validates a record as the object of its fields, then builds the Struct from it."""
        from pydantic_core import core_schema

        hints = get_type_hints(cls, include_extras=True)
        fields: dict[str, Any] = {}
        for field in msgspec.structs.fields(cls):
            schema = handler.generate_schema(hints[field.name])
            if field.required:
                fields[field.name] = core_schema.typed_dict_field(schema)
            else:
                default = core_schema.with_default_schema(schema, default=field.default)
                fields[field.name] = core_schema.typed_dict_field(default, required=False)
        strict = core_schema.CoreConfig(strict=True)  # as msgspec and the JSON Schema: "yes" is no boolean
        shape = core_schema.typed_dict_schema(fields, cls=cls, extra_behavior="forbid", config=strict)
        ref = f"{cls.__module__}.{cls.__qualname__}:{id(cls)}"  # as pydantic names a dataclass: `$defs` by class name
        return core_schema.no_info_after_validator_function(lambda values: cls(**values), shape, ref=ref)

    def localized(self, field: str, lang: str) -> tuple[Any, bool]:
        """The field in `lang` from the record's `translations`, and whether that fell back to English.

        A translated list (facts, key-date labels) counts only whole: one item a fact, in order.
        """
        english = getattr(self, field)
        if lang == "en" or english is None or english == ():
            return english, False
        for translation in getattr(self, "translations", ()):
            if translation.lang == lang:
                value = getattr(translation, field, None)
                if value and (not isinstance(english, tuple) or len(value) == len(english)):
                    return value, False
        return english, True


class Names(Record, kw_only=True, frozen=True):
    """A name or title in English, Korean and Japanese; a user's own file may give English alone.

    The standard the bundled dataset meets (`checks.standard_problems`) asks for all three.
    """

    # Its fields are `LANGUAGES` (a test holds them equal): every `--lang` choice, CSV column and
    # SQLite column follows them.
    en: Text
    ko: Optional[Text] = None
    ja: Optional[Text] = None

    def get(self, lang: str) -> str:
        return str(getattr(self, lang, None) or self.en)

    def texts(self) -> dict[str, str]:
        """language -> text, for every language given."""
        return {code: text for code in LANGUAGES if (text := getattr(self, code))}


_LANGUAGE_TAG = Rule(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", description="BCP 47: en, ko, ja…")
LanguageTag = Annotated[str, _LANGUAGE_TAG, _LANGUAGE_TAG.meta]


class Source(Record, kw_only=True, frozen=True):
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


TRANSLATION = "Korean and Japanese translations of the English text, which stays the reference."

TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "Event": ("summary", "significance", "facts", "date_note", "key_dates"),
    "Era": ("description",),
    "Topic": ("description",),
    "Office": ("title", "date_note"),
    "Person": ("date_note",),
    "Quote": ("occasion",),
}
"""The text fields each record gives in every language (its `translations`)."""


class DescriptionText(Record, kw_only=True, frozen=True):
    lang: Translated
    description: Optional[Text] = None


class Topic(Record, kw_only=True, frozen=True):
    id: Id
    name: Names
    description: Text
    translations: Annotated[tuple[DescriptionText, ...], Rule(description=TRANSLATION)] = ()


class Era(Record, kw_only=True, frozen=True):
    """A named period; the terminal view groups events by the era their start date falls in."""

    id: Id
    name: Names
    start: PartialDate
    end: Optional[PartialDate] = None
    description: Text
    translations: Annotated[tuple[DescriptionText, ...], Rule(description=TRANSLATION)] = ()


class OfficeText(Record, kw_only=True, frozen=True):
    lang: Translated
    title: Optional[Text] = None
    date_note: Optional[Text] = None


class Office(Record, kw_only=True, frozen=True):
    office: Annotated[Id, Rule(description='A key shared by holders: "kor-president", "jpn-prime-minister"…')]
    title: Text
    start: PartialDate
    end: Annotated[Optional[PartialDate], Rule(description="null while in office.")] = None
    acting: bool = False
    date_note: Optional[Text] = None
    translations: Annotated[tuple[OfficeText, ...], Rule(description=TRANSLATION)] = ()


class DateNoteText(Record, kw_only=True, frozen=True):
    lang: Translated
    date_note: Optional[Text] = None


class Person(Record, kw_only=True, frozen=True):
    id: Id
    name: Names
    country: Annotated[Optional[CountryCode], Rule(description="For leaders and officials; null for others.")] = None
    born: Optional[PartialDate] = None
    died: Optional[PartialDate] = None
    offices: tuple[Office, ...] = ()
    date_note: Annotated[Optional[Text], Rule(description=DATE_NOTE)] = None
    translations: Annotated[tuple[DateNoteText, ...], Rule(description=TRANSLATION)] = ()
    sources: Refs


class KeyDate(Record, kw_only=True, frozen=True):
    label: Annotated[Text, Rule(description='What happened on that date: "entered into force", "effective".')]
    date: PartialDate


class EventText(Record, kw_only=True, frozen=True):
    """One language's text of an event; lists follow the English ones item for item."""

    lang: Translated
    summary: Optional[Text] = None
    significance: Optional[Text] = None
    facts: tuple[Text, ...] = ()
    date_note: Optional[Text] = None
    key_dates: Annotated[tuple[Text, ...], Rule(description="The key dates' labels, in their order.")] = ()


class Event(Record, kw_only=True, frozen=True):
    """An event. Only `id`, `start` and an English `title` are needed in a user's own file: the
    codes and texts default to null (not coded, not written), the lists to empty. The bundled
    dataset gives every field of `STANDARD_EVENT_FIELDS` (`checks.standard_problems`)."""

    id: Id
    start: PartialDate
    end: Annotated[Optional[PartialDate], Rule(description="For events that span a range.")] = None
    key_dates: tuple[KeyDate, ...] = ()
    date_note: Annotated[Optional[Text], Rule(description=DATE_NOTE)] = None
    title: Names
    summary: Optional[Text] = None
    significance: Optional[Text] = None
    topics: tuple[Ref, ...] = ()
    tags: tuple[Id, ...] = ()
    kind: Optional[Kind] = None
    people: tuple[Ref, ...] = ()
    places: tuple[Text, ...] = ()
    related: tuple[Ref, ...] = ()
    facts: tuple[Text, ...] = ()
    tone: Optional[Tone] = None
    actor: Optional[CountryCode] = None
    recipient: Optional[CountryCode] = None
    plover: Annotated[Optional[PloverType], Rule(description="PLOVER event type.")] = None
    sources: tuple[Ref, ...] = ()
    aliases: Annotated[
        tuple[Text, ...],
        Rule(description="Other names people search for, in any language (위안부, 竹島, Liancourt Rocks)."),
    ] = ()
    translations: Annotated[tuple[EventText, ...], Rule(description=TRANSLATION)] = ()

    def localized(self, field: str, lang: str) -> tuple[Any, bool]:
        if field != "key_dates":
            return super().localized(field, lang)
        labels = tuple(key.label for key in self.key_dates)
        for translation in self.translations if lang != "en" and labels else ():
            if translation.lang == lang and len(translation.key_dates) == len(labels):
                return translation.key_dates, False
        return labels, lang != "en" and bool(labels)

    @property
    def translated_texts(self) -> tuple[str, ...]:
        """The Korean and Japanese text of the event, for search."""
        texts: list[str] = []
        for translation in self.translations:
            texts += [t for t in (translation.summary, translation.significance, translation.date_note) if t]
            texts += [*translation.facts, *translation.key_dates]
        return tuple(texts)

    @property
    def first_day(self) -> str:
        return first_day(self.start)

    @property
    def last_day(self) -> str:
        return last_day(self.end or self.start)


STANDARD_EVENT_FIELDS = ("summary", "significance", "topics", "kind", "tone", "actor", "recipient", "plover", "sources")
"""What a user's event may leave out but every event of the bundled dataset gives."""


class OccasionText(Record, kw_only=True, frozen=True):
    lang: Translated
    occasion: Optional[Text] = None


class Quote(Record, kw_only=True, frozen=True):
    id: Id
    text: Annotated[Text, Rule(description="Word for word; a cut is marked with '…'.")]
    speakers: tuple[Ref, ...] = ()
    attribution: Annotated[Text, Rule(description="Who said or wrote it, as the source puts it.")]
    date: Optional[PartialDate] = None
    occasion: Text
    event: Optional[Ref] = None
    language: Language = "en"
    translation: Annotated[Optional[Text], Rule(description="Whose translation, if not the original.")] = None
    source: Ref
    note: Optional[Text] = None
    translations: Annotated[tuple[OccasionText, ...], Rule(description=TRANSLATION)] = ()


class Dataset(Record, kw_only=True, frozen=True, dict=True, gc=True):
    """A dataset file. It may also start with `"$schema"` (`SCHEMA_KEY`), which `load` reads past."""

    schema_version: Annotated[Literal[1], _Exact()] = 1
    title: Text = "kjtimeline: Korea–Japan relations"
    license: Text = "CC-BY-4.0"
    topics: tuple[Topic, ...] = ()
    eras: tuple[Era, ...] = ()
    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sources: tuple[Source, ...] = ()

    # Lookups, built on first use (`dict=True` gives them a place). The records are frozen, so
    # they never go stale.
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

    def cited(self, ids: Sequence[str]) -> list[Source]:
        """The sources behind `ids`, strong kinds first (in their order of strength), else as cited."""
        found = [self.sources_by_id[i] for i in ids if i in self.sources_by_id]
        return sorted(found, key=source_rank)

    @cached_property
    def era_spans(self) -> tuple[tuple[str, str, Era], ...]:
        """Each era's first and last day: worked out once, not once an event."""
        return tuple((first_day(era.start), last_day(era.end or "9999"), era) for era in self.eras)

    def era_of(self, event: Event) -> Era | None:
        """The era the event's start falls in (eras do not overlap)."""
        day = event.first_day
        for first, last, era in self.era_spans:
            if first <= day <= last:
                return era
        return None


class FieldHint:
    """A field's type without `Annotated` and `Optional`: its `Rule`s, whether it may be null, a partial date?"""

    def __init__(self, hint: Any) -> None:
        self.nullable = self.date = False
        self.rules: list[Rule] = []
        while True:
            if hint == PartialDate:
                self.date = True
            if get_origin(hint) is Annotated:
                self.rules += [rule for rule in hint.__metadata__ if isinstance(rule, Rule)]
                hint = get_args(hint)[0]
            elif get_origin(hint) in (Union, types.UnionType):
                self.nullable, hint = True, next(a for a in get_args(hint) if a is not type(None))
            else:
                self.bare = hint
                return

    @property
    def description(self) -> str | None:
        return next((rule.description for rule in self.rules if rule.description), None)


def field_hints(record_type: type[Record]) -> Iterator[tuple[str, FieldHint]]:
    """Each field of `record_type`, in order, with its hint."""
    hints = get_type_hints(record_type, include_extras=True)
    return ((name, FieldHint(hints[name])) for name in record_type.field_names)


RecordType = TypeVar("RecordType", bound=Record)


def changed(record: RecordType, **fields: Any) -> RecordType:
    """A copy of the record with `fields` given new values: records are frozen."""
    return msgspec.structs.replace(record, **fields)


def source_rank(source: Source) -> int:
    """Strong kinds first, then reference, wiki, user-generated, then sources of no stated kind."""
    return SOURCE_KINDS.index(source.kind) if source.kind else len(SOURCE_KINDS)


def plain(value: Any) -> Any:
    """A record, or a tuple of them, as JSON-ready dicts and lists (field order kept)."""
    if isinstance(value, Record):
        return {name: plain(getattr(value, name)) for name in value.field_names}
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return value
