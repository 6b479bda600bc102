"""The film dataset as frozen dataclasses: the bottom layer, with no behaviour.

Field names are the TOML keys. Each field's ``doc`` metadata is the meaning the loader and the
published documentation use. Annotations are real objects (no ``from __future__ import
annotations``) so the loader can read them without evaluating strings.

Records compare by identity (``eq=False``): nothing compares them by value, and generating
``__eq__`` and ``__hash__`` for every class cost 3 ms of start-up on every command.
"""

import datetime
from dataclasses import field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from dataclasses import dataclass
else:
    from cranes_cli.frozen import dataclass

SCHEMA_VERSION = 1

Confidence = Literal["firm", "single", "disputed"]
RelationKind = Literal["family", "romance", "marriage", "comrades"]
AwardResult = Literal["won", "nominated"]
SourceKind = Literal["seed", "web page", "print"]
# How a value is known: two independent sources agree (firm), one source gives it (single), or
# the project worked it out from sourced values (derived, e.g. Cyrillic spelled back from English).
ValueBasis = Literal["firm", "single", "derived"]
FactValueKind = Literal["year", "date", "number", "person", "place", "title", "organisation", "name"]
Gender = Literal["female", "male"]
# The same as core.choices.TOPICS (a test keeps them equal).
QuizTopic = Literal["cast", "crew", "plot", "characters", "awards", "titles", "releases", "facts"]
# Family words by gender: a relation labelled with one of them tells the character's gender
# (`cranes validate` checks that they agree), and the quiz offers them as wrong answers.
FAMILY_WORDS: dict[str, tuple[str, ...]] = {
    "male": ("father", "son", "brother", "grandfather", "grandson", "uncle", "nephew", "husband", "cousin"),
    "female": (
        "mother",
        "daughter",
        "sister",
        "grandmother",
        "granddaughter",
        "aunt",
        "niece",
        "wife",
        "cousin",
    ),
}
# The gender each family word implies; "cousin" is both, so it implies none.
FAMILY_WORD_GENDER = {
    word: gender for gender, words in FAMILY_WORDS.items() for word in words if word != "cousin"
}


# Formats some strings must have: (regular expression, what a reader is told to write).
ID_FORMAT = (r"[a-z0-9]+(?:-[a-z0-9]+)*", "lower-case letters, digits and hyphens")
PARTIAL_DATE_FORMAT = (r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?", "YYYY, YYYY-MM or YYYY-MM-DD")


# Ranges some integers must lie in (checked before anything else reads them): years are those
# of the calendar dates have (datetime.MINYEAR to MAXYEAR), so they print as ISO 8601 does.
YEAR_RANGE = (1, 9999)
ACT_RANGE = (1, 10_000)


def doc(
    text: str, *, format: tuple[str, str] | None = None, bounds: tuple[int, int] | None = None, **kwargs: Any
) -> Any:
    """A dataclass field carrying its documentation (and, for some strings, their format; for
    some integers, the least and greatest value allowed)."""
    return field(metadata={"doc": text, "format": format, "bounds": bounds}, **kwargs)


def evidence_field() -> Any:
    return doc("For each cited source, the words from it that support this record.", default=())


def sources_field() -> Any:
    return doc("Keys of [[bibliography]] entries this record rests on.", default=())


def gender_field() -> Any:
    return doc(
        "female or male, as the record's own sources give it (a cast list's actor or actress, the "
        "pronouns of a synopsis); the quiz offers wrong answers of the same gender. Absent: not known.",
        default=None,
    )


def confidence_field() -> Any:
    return doc("How well sourced: firm, single or disputed; absent means not rated.", default=None)


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Evidence:
    """The words of one cited source that support a record: what a reader finds on opening it."""

    source: str = doc("Key of the [[bibliography]] entry quoted; one of the record's `sources`.")
    quote: str = doc("Verbatim words from that source (at most about 40), in its own language.")
    gloss: str | None = doc(
        "An English rendering of the quote, when the source is not in English.", default=None
    )


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class BibliographyEntry:
    """A source that records cite by key."""

    key: str = doc("Short key that records cite in their `sources`.")
    title: str = doc("Title of the page, article or work.")
    site: str | None = doc("Publisher or website.", default=None)
    language: str | None = doc("Language the source is written in.", default=None)
    url: str | None = doc("Address of the page, where there is one.", default=None)
    kind: SourceKind | None = doc(
        "seed (the project's own source document), web page or print.", default=None
    )
    supports: str | None = doc("What the dataset takes from it.", default=None)
    derives_from: str | None = doc(
        "Key of the entry this source copies or derives from (the seed review derives from English "
        "Wikipedia): sources with the same root are one family, and `firm` needs two families.",
        default=None,
    )


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class OtherTitle:
    """The film's title in another language."""

    language: str = doc("Language of the title.")
    title: str = doc("The title in that language.")
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()
    confidence: Confidence | None = confidence_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Release:
    """A release in one country."""

    country: str = doc("Country of the release.")
    date: datetime.date = doc("Release date (a TOML date).")
    distributor: str | None = doc("Distributor in that country.", default=None)
    note: str | None = doc("A short remark.", default=None)
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()
    confidence: Confidence | None = confidence_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Admissions:
    """Tickets sold in one country."""

    country: str = doc("Country counted.")
    admissions: int = doc("Tickets sold.", bounds=(0, 10**12))
    note: str | None = doc("A short remark.", default=None)
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()
    confidence: Confidence | None = confidence_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class SourcePlay:
    """The stage play the film adapts."""

    title: str = doc("The play's usual English title.")
    original_title: str = doc("The play's original title.")
    transliteration: str | None = doc("The original title in Latin letters.", default=None)
    english_titles: tuple[str, ...] = doc("English titles it is known by.", default=())
    author: str = doc("Who wrote it.")
    year_written: int = doc("Year it was written.", bounds=YEAR_RANGE)
    first_staged: str | None = doc("Its first staging.", default=None)
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()
    confidence: Confidence | None = confidence_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Film:
    """The film itself: titles, production, releases."""

    title: str = doc("English title.")
    original_title: str | None = doc("Original title, in its own script.", default=None)
    transliteration: str | None = doc("Original title in Latin letters.", default=None)
    transliteration_variants: tuple[str, ...] = doc("Other romanisations.", default=())
    year: int = doc("Production year.", bounds=YEAR_RANGE)
    country: str | None = doc("Country of production.", default=None)
    language: str | None = doc("Spoken language.", default=None)
    studio: str | None = doc("Production company.", default=None)
    studio_cyrillic: str | None = doc("Studio name in Cyrillic.", default=None)
    runtime_minutes: int | None = doc("Usual running time in minutes.", bounds=(1, 100_000), default=None)
    runtime_note: str | None = doc("How the running time varies.", default=None)
    synopsis: str | None = doc("One paragraph telling the story.", default=None)
    other_titles: tuple[OtherTitle, ...] = doc("Titles in other languages.", default=())
    releases: tuple[Release, ...] = doc("Releases per country.", default=())
    admissions: tuple[Admissions, ...] = doc("Admissions per country.", default=())
    play: SourcePlay | None = doc("The play the film adapts.", default=None)
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class CrewMember:
    """A person behind the camera, by role."""

    role: str = doc("Job on the film, e.g. director.")
    name: str = doc("Name in English spelling.")
    cyrillic: str | None = doc("Name in Cyrillic.", default=None)
    aliases: tuple[str, ...] = doc("Other spellings of the name.", default=())
    note: str | None = doc("A short remark.", default=None)
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()
    gender: Gender | None = gender_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class CastMember:
    """An actor and the character they play."""

    name: str = doc("Actor's name in English spelling.")
    cyrillic: str | None = doc("Actor's name in Cyrillic.", default=None)
    aliases: tuple[str, ...] = doc("Other spellings of the actor's name.", default=())
    character: str = doc("Id of the character played (see [[characters]]).")
    note: str | None = doc("A short remark.", default=None)
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()
    gender: Gender | None = gender_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Nickname:
    """A character's nickname."""

    name: str = doc("The nickname in English.")
    cyrillic: str | None = doc("The nickname in Cyrillic.", default=None)
    meaning: str | None = doc("What it means or why it is used.", default=None)


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Relation:
    """What one character is to another."""

    target: str = doc("Id of the other character.")
    kind: RelationKind = doc("family, romance, marriage or comrades.")
    label: str = doc("What this character is to the target, e.g. 'son'.")
    since_act: int | None = doc(
        "The act in which the relation comes about or is revealed; absent means from the start.",
        bounds=ACT_RANGE,
        default=None,
    )


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class SpoilerFree:
    """A character as someone who has seen the film only up to some act may read about them."""

    up_to_act: int = doc(
        "Shown to a viewer who has seen up to this act, unless an earlier entry fits.", bounds=ACT_RANGE
    )
    description: str = doc("Who the character is, saying nothing that happens after that act.")
    name: str | None = doc(
        "The name to show instead, when the film has not yet given it; its other spellings are hidden too.",
        default=None,
    )


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class NameBasis:
    """How each of a character's names is known. Every name a character has must be marked,
    so that a reader can tell a sourced spelling from one the file's authors worked out."""

    cyrillic: ValueBasis | None = doc("How `cyrillic` is known: firm, single or derived.", default=None)
    full_name: ValueBasis | None = doc("How `full_name` is known: firm, single or derived.", default=None)
    full_name_cyrillic: ValueBasis | None = doc(
        "How `full_name_cyrillic` is known: firm, single or derived.", default=None
    )
    note: str | None = doc("Where a single or derived name comes from.", default=None)


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Character:
    """A character in the story."""

    id: str = doc("Stable id, lower case with hyphens.", format=ID_FORMAT)
    name: str = doc("Name as the film uses it.")
    cyrillic: str | None = doc("Name in Cyrillic.", default=None)
    full_name: str | None = doc("Full name where known.", default=None)
    full_name_cyrillic: str | None = doc("Full name in Cyrillic.", default=None)
    basis: NameBasis | None = doc(
        "How the names above are known; required for each of them the character has.", default=None
    )
    aliases: tuple[str, ...] = doc("Other spellings of the name.", default=())
    nicknames: tuple[Nickname, ...] = doc("Nicknames and what they mean.", default=())
    family: str | None = doc("Family the character belongs to, for grouping.", default=None)
    description: str | None = doc("Who the character is, in one sentence.", default=None)
    spoiler_free: tuple[SpoilerFree, ...] = doc(
        "Descriptions for viewers still watching, in act order; `description` holds after the last.",
        default=(),
    )
    relations: tuple[Relation, ...] = doc("Relations to other characters.", default=())
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()
    gender: Gender | None = gender_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Beat:
    """One event in an act."""

    text: str = doc("What happens.")
    characters: tuple[str, ...] = doc("Ids of the characters in it.", default=())


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Act:
    """A part of the plot, with its time and place."""

    number: int = doc("1, 2, 3 ... in order.", bounds=ACT_RANGE)
    title: str = doc("A short heading.")
    when: str | None = doc("When it happens, in words.", default=None)
    date: str | None = doc(
        "When it happens as an ISO date: YYYY, YYYY-MM or YYYY-MM-DD.",
        format=PARTIAL_DATE_FORMAT,
        default=None,
    )
    where: str | None = doc("Where it happens.", default=None)
    beats: tuple[Beat, ...] = doc("What happens, in order.", default=())
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Award:
    """A prize won or a nomination."""

    event: str = doc("Festival or awards body.")
    year: int = doc("Year of the ceremony.", bounds=YEAR_RANGE)
    date: datetime.date | None = doc("Day of the award, where known.", default=None)
    category: str = doc("Prize or category.")
    result: AwardResult = doc("won or nominated.")
    recipient: str = doc("Who or what received it.")
    person: str | None = doc("Name of the cast or crew member it went to, if a person.", default=None)
    note: str | None = doc("A short remark.", default=None)
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()
    confidence: Confidence | None = confidence_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class FactValue:
    """The one value a fact turns on, so a quiz can swap it for another of the same kind."""

    kind: FactValueKind = doc("year, date, number, person, place, title, organisation or name.")
    text: str = doc("The value exactly as it is written in the fact's text.")


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Fact:
    """A short statement about the film."""

    id: str = doc("Stable id, lower case with hyphens.", format=ID_FORMAT)
    topic: str = doc("history, production, reception, box-office, release, people, play or legacy.")
    text: str = doc("The fact, in one or two sentences.")
    value: FactValue | None = doc("The key value in the text, for quiz questions.", default=None)
    act: int | None = doc(
        "The latest act of the story the fact gives away (hidden by --up-to-act below it); absent: none.",
        bounds=ACT_RANGE,
        default=None,
    )
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()
    confidence: Confidence | None = confidence_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class CuratedQuestion:
    """A quiz question written by hand, beside the generated ones."""

    id: str = doc("Stable id, lower case with hyphens.", format=ID_FORMAT)
    topic: QuizTopic = doc("cast, crew, plot, characters, awards, titles, releases or facts.")
    difficulty: Literal["easy", "medium", "hard"] = doc("easy, medium or hard.")
    question: str = doc("The question; a true/false one has answer and wrong of 'True' and 'False'.")
    answer: str = doc("The right answer.")
    wrong: tuple[str, ...] = doc("Wrong options, one to three.")
    explanation: str = doc("One line shown after the question is answered.")
    act: int | None = doc(
        "The latest act the question reveals; absent: none.", bounds=ACT_RANGE, default=None
    )
    sources: tuple[str, ...] = sources_field()
    evidence: tuple[Evidence, ...] = evidence_field()


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class Dataset:
    """A whole film file."""

    schema_version: int = doc("Version of this file format.")
    bibliography: tuple[BibliographyEntry, ...] = doc("The sources records cite.", default=())
    film: Film = doc("The film itself.")
    crew: tuple[CrewMember, ...] = doc("Crew by role.", default=())
    cast: tuple[CastMember, ...] = doc("Cast in billing order.")
    characters: tuple[Character, ...] = doc("The characters.", default=())
    acts: tuple[Act, ...] = doc("The plot, act by act.")
    awards: tuple[Award, ...] = doc("Awards and nominations.", default=())
    facts: tuple[Fact, ...] = doc("History and reception as short statements.", default=())
    quiz: tuple[CuratedQuestion, ...] = doc("Hand-written quiz questions.", default=())

    def character(self, character_id: str) -> "Character":
        for character in self.characters:
            if character.id == character_id:
                return character
        raise KeyError(character_id)
