"""The story record as typed values: the one definition of what a story yields.

docs/record-format.md describes the record in prose; these classes are that
description in code.  The extractor builds them (record.py) and writes them out
with ``to_json()``.  Records also come back as JSON from places nobody checks
(the database's JSON column, files written by older versions, gold records), so
every ``from_json()`` is tolerant: it never raises, and a part that is
malformed becomes None or is left out, while the rest of the record survives.

Plain Python, no Django, so any layer may import it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import Any, TypeVar

_T = TypeVar("_T")
_C = TypeVar("_C", bound=type)


def _quick_init(cls: _C) -> _C:
    """Give a frozen dataclass with slots an ``__init__`` that fills the slots directly.

    A frozen dataclass's own ``__init__`` goes through ``object.__setattr__``
    for every field, several times what a plain one costs, and the
    extractor builds dozens of these per story.  This one has the same
    parameters and defaults and writes each slot through its descriptor,
    which a frozen class's ``__setattr__`` never sees; the instances stay
    frozen, equal, hashable and printable as before.
    """
    namespace: dict[str, Any] = {"_UNSET": object()}
    parameters, lines = [], []
    for f in fields(cls):
        namespace[f"_set_{f.name}"] = getattr(cls, f.name).__set__  # the slot's member descriptor
        if f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            parameters.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            parameters.append(f"{f.name}=_UNSET")
            lines.append(f" if {f.name} is _UNSET: {f.name} = _factory_{f.name}()")
        else:
            parameters.append(f.name)
        lines.append(f" _set_{f.name}(self, {f.name})")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + "\n".join(lines)
    exec(source, namespace)  # (source built from the class's own field names)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # noqa: B010  (mypy forbids assigning a method on a class)
    return cls


class MentionLabel(StrEnum):
    """What a stretch of the story names.

    A record's ``mentions`` carry only the :data:`LINKED_LABELS`; the others
    label capitalised words inside the extractor and never leave it.
    """

    ARTIST = "ARTIST"  # the protagonist, by full name or a single name
    PERSON = "PERSON"  # somebody else: 2-5 name-like words, or a single name known to be a person's
    VENUE = "VENUE"  # a named museum, gallery, festival ...
    CITY = "CITY"  # a gazetteer city, with evidence that a place is meant
    WORK = "WORK"  # a title of the artist's
    NAME = "NAME"  # one name-like word that may be a first name, a surname or a city
    COUNTRY = "COUNTRY"
    REGION = "REGION"
    PLACE = "PLACE"  # streets, rivers, mountains: never cities
    OTHER = "OTHER"


# The labels as plain names, for the loops that read a label at every mention: in Python 3.11 every
# attribute of an enum class is looked up through EnumType.__getattr__'s hook, a Python-level call.
LABEL_ARTIST = MentionLabel.ARTIST
LABEL_PERSON = MentionLabel.PERSON
LABEL_VENUE = MentionLabel.VENUE
LABEL_CITY = MentionLabel.CITY
LABEL_WORK = MentionLabel.WORK
LABEL_NAME = MentionLabel.NAME
LABEL_COUNTRY = MentionLabel.COUNTRY
LABEL_REGION = MentionLabel.REGION
LABEL_PLACE = MentionLabel.PLACE
LABEL_OTHER = MentionLabel.OTHER


LINKED_LABELS = frozenset(
    {MentionLabel.ARTIST, MentionLabel.PERSON, MentionLabel.VENUE, MentionLabel.CITY, MentionLabel.WORK}
)


# -- tolerant readers of JSON values ---------------------------------------------------


def _offset(value: object) -> int | None:
    """A character offset: a non-negative int (a bool is not one)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _integer(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _number(value: object) -> float | None:
    """A finite number as a float (JSON from Python may hold NaN or Infinity)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _probability(value: object) -> float | None:
    """A confidence: a finite number in [0, 1] (older records have none)."""
    number = _number(value)
    return number if number is not None and 0.0 <= number <= 1.0 else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _name(value: object) -> str | None:
    """A name or a title: a string with something in it."""
    return value if isinstance(value, str) and value.strip() else None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _items(value: object) -> list[Any] | tuple[Any, ...]:
    return value if isinstance(value, list | tuple) else ()


def _texts(value: object) -> tuple[str, ...]:
    return tuple(item for item in _items(value) if isinstance(item, str))


# -- the record --------------------------------------------------------------------


@_quick_init
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the sentence ``[start, end)`` and, inside it, the words ``match``.

    Offsets are character offsets into the story's original text.
    """

    start: int
    end: int
    match: tuple[int, int] | None = None
    confidence: float | None = None  # the calibrated probability that the fact is right

    @classmethod
    def from_json(cls, value: object, *, text_length: int | None = None) -> Evidence | None:
        """The evidence in ``value``, or None when it is malformed or lies outside a text of ``text_length``.

        A malformed or misplaced ``match`` (not two offsets inside the
        sentence) is dropped; the sentence is kept.
        """
        if not isinstance(value, Mapping):
            return None
        start, end = _offset(value.get("start")), _offset(value.get("end"))
        if start is None or end is None or start > end:
            return None
        if text_length is not None and end > text_length:
            return None
        return cls(start, end, _match(value.get("match"), start, end), _probability(value.get("confidence")))

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"start": self.start, "end": self.end}
        if self.match is not None:
            result["match"] = [self.match[0], self.match[1]]
        if self.confidence is not None:
            result["confidence"] = self.confidence
        return result

    def sentence(self, text: str) -> str:
        """The sentence the fact was read in."""
        return text[self.start : self.end]

    def matched(self, text: str) -> str | None:
        """The words that gave the value, or None when the evidence does not say."""
        return text[self.match[0] : self.match[1]] if self.match is not None else None


def _match(value: object, start: int, end: int) -> tuple[int, int] | None:
    items = _items(value)
    if len(items) != 2:
        return None
    first, last = _offset(items[0]), _offset(items[1])
    if first is None or last is None or not start <= first <= last <= end:
        return None
    return first, last


def _evidence(value: object, text_length: int | None) -> Evidence | None:
    return Evidence.from_json(value, text_length=text_length)


@_quick_init
@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A city: its gazetteer name and ISO country code, and for the story's cities the gazetteer's details."""

    name: str
    country: str
    country_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    evidence: Evidence | None = None
    confidence: float | None = None  # for the story's cities: the probability that it is one

    @classmethod
    def from_json(cls, value: object, *, text_length: int | None = None) -> PlaceRef | None:
        """None unless ``value`` has a name; a missing country is ""."""
        data = _mapping(value)
        name = _name(data.get("name"))
        if name is None:
            return None
        return cls(
            name,
            _text(data.get("country")) or "",
            _text(data.get("country_name")),
            _number(data.get("latitude")),
            _number(data.get("longitude")),
            _integer(data.get("geonames_id")),
            _evidence(data.get("evidence"), text_length),
            _probability(data.get("confidence")),
        )

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"name": self.name, "country": self.country}
        if self.country_name is not None:
            result["country_name"] = self.country_name
        if self.latitude is not None:
            result["latitude"] = self.latitude
        if self.longitude is not None:
            result["longitude"] = self.longitude
        if self.geonames_id is not None:
            result["geonames_id"] = self.geonames_id
        if self.evidence is not None:
            result["evidence"] = self.evidence.to_json()
        if self.confidence is not None:
            result["confidence"] = self.confidence
        return result


@_quick_init
@dataclass(frozen=True, slots=True)
class ArtistEvidence:
    """The evidence of each artist field the extractor filled; one per discipline."""

    name: Evidence | None = None
    pronoun: Evidence | None = None
    age: Evidence | None = None
    birth_city: Evidence | None = None
    disciplines: Mapping[str, Evidence] = field(default_factory=dict)

    @classmethod
    def from_json(cls, value: object, *, text_length: int | None = None) -> ArtistEvidence | None:
        if not isinstance(value, Mapping):
            return None
        disciplines = {}
        for name, span in _mapping(value.get("disciplines")).items():
            evidence = _evidence(span, text_length)
            if isinstance(name, str) and evidence is not None:
                disciplines[name] = evidence
        return cls(
            _evidence(value.get("name"), text_length),
            _evidence(value.get("pronoun"), text_length),
            _evidence(value.get("age"), text_length),
            _evidence(value.get("birth_city"), text_length),
            disciplines,
        )

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, evidence in (
            ("name", self.name),
            ("pronoun", self.pronoun),
            ("age", self.age),
            ("birth_city", self.birth_city),
        ):
            if evidence is not None:
                result[key] = evidence.to_json()
        result["disciplines"] = {name: evidence.to_json() for name, evidence in self.disciplines.items()}
        return result


@_quick_init
@dataclass(frozen=True, slots=True)
class ArtistRecord:
    name: str
    pronoun: str | None = None
    age: int | None = None
    birth_city: PlaceRef | None = None
    disciplines: tuple[str, ...] = ()
    summary: str | None = None
    confidence: float | None = None
    evidence: ArtistEvidence | None = None

    @classmethod
    def from_json(cls, value: object, *, text_length: int | None = None) -> ArtistRecord | None:
        """None unless ``value`` names the artist."""
        data = _mapping(value)
        name = _name(data.get("name"))
        if name is None:
            return None
        return cls(
            name,
            _text(data.get("pronoun")),
            _integer(data.get("age")),
            PlaceRef.from_json(data.get("birth_city"), text_length=text_length),
            _texts(data.get("disciplines")),
            _text(data.get("summary")),
            _number(data.get("confidence")),
            ArtistEvidence.from_json(data.get("evidence"), text_length=text_length),
        )

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "name": self.name,
            "pronoun": self.pronoun,
            "age": self.age,
            "birth_city": self.birth_city.to_json() if self.birth_city is not None else None,
            "disciplines": list(self.disciplines),
        }
        if self.summary is not None:
            result["summary"] = self.summary
        if self.confidence is not None:
            result["confidence"] = self.confidence
        if self.evidence is not None:
            result["evidence"] = self.evidence.to_json()
        return result


@_quick_init
@dataclass(frozen=True, slots=True)
class ExhibitionRecord:
    city: PlaceRef | None = None
    venue: str | None = None
    kind: str | None = None
    evidence: Evidence | None = None
    confidence: float | None = None
    works: tuple[str, ...] = ()  # titles shown there
    year: int | None = None

    @classmethod
    def from_json(cls, value: object, *, text_length: int | None = None) -> ExhibitionRecord | None:
        if not isinstance(value, Mapping):
            return None
        return cls(
            PlaceRef.from_json(value.get("city"), text_length=text_length),
            _text(value.get("venue")),
            _text(value.get("kind")),
            _evidence(value.get("evidence"), text_length),
            _number(value.get("confidence")),
            _texts(value.get("works")),
            _integer(value.get("year")),
        )

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "city": self.city.to_json() if self.city is not None else None,
            "venue": self.venue,
            "kind": self.kind,
        }
        if self.evidence is not None:
            result["evidence"] = self.evidence.to_json()
        if self.confidence is not None:
            result["confidence"] = self.confidence
        if self.works:
            result["works"] = list(self.works)
        if self.year is not None:
            result["year"] = self.year
        return result


@_quick_init
@dataclass(frozen=True, slots=True)
class WorkRecord:
    title: str
    kind: str | None = None
    evidence: Evidence | None = None
    confidence: float | None = None

    @classmethod
    def from_json(cls, value: object, *, text_length: int | None = None) -> WorkRecord | None:
        """None unless ``value`` has a title."""
        data = _mapping(value)
        title = _name(data.get("title"))
        if title is None:
            return None
        return cls(
            title,
            _text(data.get("kind")),
            _evidence(data.get("evidence"), text_length),
            _number(data.get("confidence")),
        )

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"title": self.title, "kind": self.kind}
        if self.evidence is not None:
            result["evidence"] = self.evidence.to_json()
        if self.confidence is not None:
            result["confidence"] = self.confidence
        return result


@_quick_init
@dataclass(frozen=True, slots=True)
class MentionRecord:
    """A stretch of the story that names someone or something the catalogue can link to."""

    start: int
    end: int
    label: MentionLabel
    text: str

    @classmethod
    def from_json(cls, value: object, *, text_length: int | None = None) -> MentionRecord | None:
        """None for a malformed span, one outside the text or a label records do not use."""
        data = _mapping(value)
        start, end = _offset(data.get("start")), _offset(data.get("end"))
        if start is None or end is None or start > end or (text_length is not None and end > text_length):
            return None
        label = data.get("label")
        if not isinstance(label, str) or label not in LINKED_LABELS:
            return None
        return cls(start, end, MentionLabel(label), _text(data.get("text")) or "")

    def to_json(self) -> dict[str, Any]:
        # (``_value_``: the enum's ``value`` is a Python-level property, read here for every mention.)
        return {"start": self.start, "end": self.end, "label": self.label._value_, "text": self.text}


def _all(parse: Callable[..., _T | None], value: object, text_length: int | None) -> tuple[_T, ...]:
    parsed = (parse(item, text_length=text_length) for item in _items(value))
    return tuple(item for item in parsed if item is not None)


@_quick_init
@dataclass(frozen=True, slots=True)
class StoryRecord:
    """Everything one story yields.  ``artist`` is None when the story is skipped, and ``skipped_reason`` says why."""

    source: str
    artist: ArtistRecord | None = None
    cities: tuple[PlaceRef, ...] = ()
    exhibitions: tuple[ExhibitionRecord, ...] = ()
    works: tuple[WorkRecord, ...] = ()
    mentions: tuple[MentionRecord, ...] = ()
    skipped_reason: str | None = None

    @classmethod
    def from_json(cls, value: object, *, text_length: int | None = None) -> StoryRecord:
        """The record in ``value``, keeping every part that is well formed (an empty record for a non-mapping).

        With ``text_length`` (the story's length), evidence and mentions
        that point past the text are dropped too.
        """
        data = _mapping(value)
        return cls(
            _text(data.get("source")) or "",
            ArtistRecord.from_json(data.get("artist"), text_length=text_length),
            _all(PlaceRef.from_json, data.get("cities"), text_length),
            _all(ExhibitionRecord.from_json, data.get("exhibitions"), text_length),
            _all(WorkRecord.from_json, data.get("works"), text_length),
            _all(MentionRecord.from_json, data.get("mentions"), text_length),
            _text(data.get("skipped_reason")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "artist": self.artist.to_json() if self.artist is not None else None,
            "cities": [city.to_json() for city in self.cities],
            "exhibitions": [exhibition.to_json() for exhibition in self.exhibitions],
            "works": [work.to_json() for work in self.works],
            "mentions": [mention.to_json() for mention in self.mentions],
            "skipped_reason": self.skipped_reason,
        }
