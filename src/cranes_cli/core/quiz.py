"""The quiz engine: questions generated from the dataset, chosen and shuffled by a seed.

Pure functions, no printing. Every question records the latest act it draws on (``act``), in
its right answer or any wrong option, so ``up_to_act`` can keep later acts out of a quiz.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from cranes_cli.core.choices import DIFFICULTIES as DIFFICULTIES
from cranes_cli.core.choices import TOPICS as TOPICS
from cranes_cli.core.choices import Difficulty
from cranes_cli.errors import NotFound, UsageProblem
from cranes_cli.model import Act, CastMember, Character, Dataset

TRUE_FALSE = ("True", "False")
MAX_OPTIONS = 4


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    difficulty: Difficulty
    prompt: str
    answer: str
    options: tuple[str, ...]  # the right answer is one of them; shuffled in a quiz
    explanation: str
    act: int | None = None  # the latest act the question draws on; None: none

    @property
    def is_true_false(self) -> bool:
        return set(self.options) == set(TRUE_FALSE)


@dataclass(frozen=True)
class Quiz:
    seed: int
    questions: tuple[Question, ...]


# ---------------------------------------------------------------------------------------
# Generation


def first_appearances(dataset: Dataset) -> dict[str, int]:
    """Each character's first act; characters in no beat are absent."""
    first: dict[str, int] = {}
    for act in dataset.acts:
        for beat in act.beats:
            for character_id in beat.characters:
                first.setdefault(character_id, act.number)
    return first


class _Pool:
    """Builds questions whose wrong options come from the same kind of value."""

    def __init__(self, dataset: Dataset, up_to_act: int | None) -> None:
        self.dataset = dataset
        self.limit = up_to_act
        self.first = first_appearances(dataset)

    def visible(self, act: int | None) -> bool:
        return act is None or self.limit is None or act <= self.limit

    def character_act(self, character: Character) -> int | None:
        return self.first.get(character.id)

    def visible_characters(self) -> list[Character]:
        return [c for c in self.dataset.characters if self.visible(self.character_act(c))]

    def visible_cast(self) -> list[tuple[CastMember, Character, int | None]]:
        """Cast members whose character is within the guard, with that character's first act."""
        found = []
        for member in self.dataset.cast:
            character = self.dataset.character(member.character)
            act = self.character_act(character)
            if self.visible(act):
                found.append((member, character, act))
        return found

    def choice(
        self,
        *,
        id: str,
        topic: str,
        difficulty: Difficulty,
        prompt: str,
        answer: str,
        candidates: Iterable[str],
        explanation: str,
        act: int | None = None,
    ) -> Question | None:
        """A multiple-choice question, or None when there is no wrong option to offer."""
        wrong = sorted({c for c in candidates if normalise(c) != normalise(answer)})
        if not wrong:
            return None
        # Deterministic per question id, so a question is the same in every quiz.
        picked = random.Random(id).sample(wrong, min(len(wrong), MAX_OPTIONS - 1))
        return Question(id, topic, difficulty, prompt, answer, (answer, *picked), explanation, act)

    @staticmethod
    def true_false(
        *,
        id: str,
        topic: str,
        difficulty: Difficulty,
        statement: str,
        true: bool,
        explanation: str,
        act: int | None = None,
    ) -> Question:
        answer = TRUE_FALSE[0] if true else TRUE_FALSE[1]
        return Question(
            id, topic, difficulty, f"True or false: {statement}", answer, TRUE_FALSE, explanation, act
        )


def _latest(*acts: int | None) -> int | None:
    known = [act for act in acts if act is not None]
    return max(known) if known else None


def _who_played(pool: _Pool) -> Iterator[Question | None]:
    cast = pool.visible_cast()
    actors = [member.name for member, _, _ in cast]
    for member, character, act in cast:
        yield pool.choice(
            id=f"who-played:{character.id}",
            topic="cast",
            difficulty="easy",
            prompt=f"Who played {character.name}?",
            answer=member.name,
            candidates=actors,
            explanation=f"{member.name} ({member.cyrillic or member.name}) played {character.name}.",
            act=act,
        )


def _whom_played(pool: _Pool) -> Iterator[Question | None]:
    names = [c.name for c in pool.visible_characters()]
    for member, character, act in pool.visible_cast():
        yield pool.choice(
            id=f"whom-played:{character.id}",
            topic="cast",
            difficulty="medium",
            prompt=f"Whom did {member.name} play?",
            answer=character.name,
            candidates=names,
            explanation=f"{member.name} played {character.name}"
            + (f": {character.description}" if character.description else "."),
            act=act,
        )


def _crew_role(pool: _Pool) -> Iterator[Question | None]:
    crew = pool.dataset.crew
    for member in crew:
        if sum(1 for other in crew if other.role == member.role) == 1:
            yield pool.choice(
                id=f"crew-role:{_slug(member.role)}",
                topic="crew",
                difficulty="medium",
                prompt=f"Who was responsible for the film's {member.role}?",
                answer=member.name,
                candidates=[other.name for other in crew],
                explanation=f"{member.role.capitalize()}: {member.name}.",
            )


def _awards(pool: _Pool) -> Iterator[Question | None]:
    awards = pool.dataset.awards
    for award in awards:
        key = f"{_slug(award.event)}-{award.year}-{_slug(award.category)}"
        verb = "won" if award.result == "won" else "was nominated for"
        yield pool.choice(
            id=f"award-category:{key}",
            topic="awards",
            difficulty="medium",
            prompt=f"At the {award.event} {award.year}, what did {award.recipient} win or get nominated for?",
            answer=award.category,
            candidates=[
                other.category
                for other in awards
                if other.recipient != award.recipient or other.category != award.category
            ],
            explanation=f"{award.recipient} {verb} {award.category} ({award.event} {award.year}).",
        )
        yield pool.choice(
            id=f"award-year:{key}",
            topic="awards",
            difficulty="hard",
            prompt=f"In which year did {award.recipient} receive the {award.event} {award.category} "
            f"{'award' if award.result == 'won' else 'nomination'}?",
            answer=str(award.year),
            candidates=[str(year) for year in _dataset_years(pool.dataset)],
            explanation=f"{award.event} {award.year}: {award.category}, {award.result}.",
        )
        yield pool.true_false(
            id=f"award-result:{key}",
            topic="awards",
            difficulty="medium",
            statement=f"{award.recipient} won the {award.category} at the {award.event} {award.year}.",
            true=award.result == "won",
            explanation=f"{award.recipient} {verb} it." + (f" {award.note}" if award.note else ""),
        )


def _event_order(pool: _Pool) -> Iterator[Question | None]:
    acts = [act for act in pool.dataset.acts if pool.visible(act.number)]
    for earlier in acts:
        later = [act for act in acts if act.number > earlier.number]
        if len(later) < 1 or not earlier.beats:
            continue
        first_beat = earlier.beats[0]
        others = [act.beats[0].text for act in later if act.beats]
        question = pool.choice(
            id=f"event-order:act-{earlier.number}",
            topic="plot",
            difficulty="hard",
            prompt="Which of these happens first in the film?",
            answer=first_beat.text,
            candidates=others,
            explanation=f"It opens act {earlier.number}, '{earlier.title}'.",
            act=None,
        )
        if question is not None:
            shown = [act.number for act in acts if act.beats and act.beats[0].text in question.options]
            yield replace(question, act=max(shown))


def _which_act(pool: _Pool) -> Iterator[Question | None]:
    acts = [act for act in pool.dataset.acts if pool.visible(act.number)]
    labels = [f"Act {act.number}: {act.title}" for act in acts]
    for act, label in zip(acts, labels, strict=True):
        for number, beat in enumerate(act.beats, start=1):
            yield pool.choice(
                id=f"which-act:{act.number}-{number}",
                topic="plot",
                difficulty="medium",
                prompt=f"In which act does this happen? {beat.text}",
                answer=label,
                candidates=labels,
                explanation=f"Beat {number} of act {act.number}{_setting(act)}.",
                act=max(a.number for a in acts),
            )


def _relations(pool: _Pool) -> Iterator[Question | None]:
    ds = pool.dataset
    visible_ids = {c.id for c in pool.visible_characters()}
    labels = sorted({r.label for c in ds.characters for r in c.relations})
    for character in ds.characters:
        for relation in character.relations:
            if character.id not in visible_ids or relation.target not in visible_ids:
                continue
            target = ds.character(relation.target)
            act = _latest(pool.character_act(character), pool.character_act(target), relation.since_act)
            if not pool.visible(act):
                continue
            yield pool.choice(
                id=f"relation:{character.id}-{target.id}",
                topic="characters",
                difficulty="medium",
                prompt=f"What is {character.name} to {target.name}?",
                answer=relation.label,
                candidates=labels,
                explanation=f"{character.name} is {target.name}'s {relation.label} ({relation.kind}).",
                act=act,
            )


def _nicknames(pool: _Pool) -> Iterator[Question | None]:
    all_names = [c.name for c in pool.visible_characters()]
    for character in pool.visible_characters():
        for nickname in character.nicknames:
            yield pool.choice(
                id=f"nickname-of:{character.id}-{_slug(nickname.name)}",
                topic="characters",
                difficulty="easy",
                prompt=f"Which character is nicknamed '{nickname.name}'"
                + (f" ({nickname.cyrillic})?" if nickname.cyrillic else "?"),
                answer=character.name,
                candidates=all_names,
                explanation=nickname.meaning or f"{character.name} is called {nickname.name}.",
                act=pool.character_act(character),
            )


def _setting(act: Act) -> str:
    """' (when, where)' for the parts an act has, or nothing."""
    known = ", ".join(part for part in (act.when, act.where) if part)
    return f" ({known})" if known else ""


def _titles(pool: _Pool) -> Iterator[Question | None]:
    film = pool.dataset.film
    titles = [t.title for t in film.other_titles]
    for other in film.other_titles:
        yield pool.choice(
            id=f"title:{_slug(other.language)}",
            topic="titles",
            difficulty="medium",
            prompt=f"Under which title was the film shown in {other.language}?",
            answer=other.title,
            candidates=titles,
            explanation=f"In {other.language}: {other.title}.",
        )
    originals = [film.original_title] if film.original_title else []
    if film.play is not None:
        originals.append(film.play.original_title)
        yield pool.choice(
            id="title:play",
            topic="titles",
            difficulty="hard",
            prompt=f"What is the original title of {film.play.author}'s play that the film adapts?",
            answer=film.play.original_title,
            candidates=[*originals, *titles],
            explanation=f"«{film.play.original_title}» ({film.play.title}), {film.play.year_written}.",
        )
    if film.original_title is None:
        return
    yield pool.choice(
        id="title:original",
        topic="titles",
        difficulty="easy",
        prompt=f"What is the original title of {film.title}?",
        answer=film.original_title,
        candidates=[*originals, *titles],
        explanation=f"{film.original_title} ({film.transliteration or film.original_title}).",
    )


def _releases(pool: _Pool) -> Iterator[Question | None]:
    film = pool.dataset.film
    for release in film.releases:
        yield pool.choice(
            id=f"release:{_slug(release.country)}",
            topic="releases",
            difficulty="hard",
            prompt=f"When was the film released {_in_country(release.country)}?",
            answer=release.date.isoformat(),
            candidates=[other.date.isoformat() for other in film.releases],
            explanation=f"{release.country}: {release.date.isoformat()}"
            + (f". {release.note}" if release.note else "."),
        )
    for entry in film.admissions:
        yield pool.choice(
            id=f"admissions:{_slug(entry.country)}",
            topic="releases",
            difficulty="hard",
            prompt=f"About how many tickets did the film sell {_in_country(entry.country)}?",
            answer=f"{entry.admissions:,}",
            candidates=[f"{other.admissions:,}" for other in film.admissions],
            explanation=f"{entry.country}: {entry.admissions:,} admissions"
            + (f". {entry.note}" if entry.note else "."),
        )


def _cast_true_false(pool: _Pool) -> Iterator[Question | None]:
    cast = pool.visible_cast()
    for index, (member, character, act) in enumerate(cast):
        # Alternate true and false statements; a false one names the next actor's character.
        _, other, other_act = cast[(index + 1) % len(cast)]
        true = index % 2 == 0 or other.id == character.id
        shown = character if true else other
        yield pool.true_false(
            id=f"played-tf:{character.id}",
            topic="cast",
            difficulty="easy",
            statement=f"{member.name} played {shown.name}.",
            true=true,
            explanation=f"{member.name} played {character.name}.",
            act=act if true else _latest(act, other_act),
        )


def _facts(pool: _Pool) -> Iterator[Question | None]:
    for fact in pool.dataset.facts:
        if fact.confidence in (None, "firm"):
            yield pool.true_false(
                id=f"fact:{fact.id}",
                topic="facts",
                difficulty="medium",
                statement=fact.text,
                true=True,
                explanation=f"True (sources: {', '.join(fact.sources)}).",
            )


def _curated(pool: _Pool) -> Iterator[Question | None]:
    for item in pool.dataset.quiz:
        yield Question(
            f"curated:{item.id}",
            item.topic,
            item.difficulty,
            item.question,
            item.answer,
            TRUE_FALSE if {item.answer, *item.wrong} == set(TRUE_FALSE) else (item.answer, *item.wrong),
            item.explanation,
            item.act,
        )


def _in_country(name: str) -> str:
    return f"in the {name}" if name.split()[0] in {"Soviet", "United", "Czech"} else f"in {name}"


GENERATORS: tuple[Callable[[_Pool], Iterator[Question | None]], ...] = (
    _who_played,
    _whom_played,
    _crew_role,
    _awards,
    _event_order,
    _which_act,
    _relations,
    _nicknames,
    _titles,
    _releases,
    _cast_true_false,
    _facts,
    _curated,
)


def question_pool(dataset: Dataset, up_to_act: int | None = None) -> list[Question]:
    """Every question the dataset can make, in a stable order, within the spoiler guard."""
    if up_to_act is not None and not 1 <= up_to_act <= len(dataset.acts):
        raise UsageProblem(f"there is no act {up_to_act}: acts run from 1 to {len(dataset.acts)}")
    pool = _Pool(dataset, up_to_act)
    questions: dict[str, Question] = {}
    for generator in GENERATORS:
        for question in generator(pool):
            if question is not None and pool.visible(question.act) and question.id not in questions:
                questions[question.id] = question
    return list(questions.values())


DEFAULT_COUNT = 10


def make_quiz(
    dataset: Dataset,
    *,
    seed: int,
    count: int | None = None,
    difficulties: Iterable[str] = (),
    topics: Iterable[str] = (),
    up_to_act: int | None = None,
    only_ids: Iterable[str] | None = None,
) -> Quiz:
    """Choose ``count`` questions (by default ten, or all there are if fewer) and shuffle their
    options; the same arguments give the same quiz."""
    if count is not None and count < 1:
        raise UsageProblem(f"--count must be at least 1, not {count}")
    wanted_difficulties, wanted_topics = set(difficulties), set(topics)
    candidates = [
        q
        for q in question_pool(dataset, up_to_act)
        if (not wanted_difficulties or q.difficulty in wanted_difficulties)
        and (not wanted_topics or q.topic in wanted_topics)
    ]
    if only_ids is not None:
        wanted = list(dict.fromkeys(only_ids))
        by_id = {q.id: q for q in candidates}
        candidates = [by_id[i] for i in wanted if i in by_id]
        count = min(count or DEFAULT_COUNT, len(candidates))
        if not candidates:
            raise NotFound("none of the missed questions can be asked with these options")
    if not candidates:
        raise UsageProblem("no questions match these options (try fewer --topic or --difficulty limits)")
    if count is None:
        count = min(DEFAULT_COUNT, len(candidates))
    if count > len(candidates):
        many = len(candidates)
        raise UsageProblem(
            f"only {many} question{'s' if many > 1 else ''} can be made with these options; "
            f"ask for --count {many} or fewer"
        )
    rng = random.Random(seed)
    chosen = _varied_sample(rng, candidates, count)
    shuffled = []
    for question in chosen:
        options = list(question.options)
        if not question.is_true_false:
            rng.shuffle(options)
        shuffled.append(replace(question, options=tuple(options)))
    return Quiz(seed, tuple(shuffled))


def _varied_sample(rng: random.Random, candidates: list[Question], count: int) -> list[Question]:
    """``count`` questions taking kinds in turn (who-played, relation, ...), so a quiz is not
    all of the most numerous kind; the order is then shuffled."""
    kinds: dict[str, list[Question]] = {}
    for question in candidates:
        kinds.setdefault(question.id.split(":")[0], []).append(question)
    queues = list(kinds.values())
    for queue in queues:
        rng.shuffle(queue)
    rng.shuffle(queues)
    chosen: list[Question] = []
    while len(chosen) < count:
        for queue in queues:
            if queue and len(chosen) < count:
                chosen.append(queue.pop())
    rng.shuffle(chosen)
    return chosen


# ---------------------------------------------------------------------------------------
# Answers


@dataclass(frozen=True)
class Verdict:
    option: str  # the option the answer was taken to mean
    correct: bool
    corrected_from: str | None = None  # set when a misspelling was accepted


@dataclass
class Session:
    """A quiz being played: the questions answered so far, and whether each was right."""

    quiz: Quiz
    answered: list[tuple[Question, bool]] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(correct for _, correct in self.answered)

    @property
    def missed(self) -> list[Question]:
        return [question for question, correct in self.answered if not correct]

    @property
    def unanswered(self) -> int:
        return len(self.quiz.questions) - len(self.answered)

    @property
    def percent(self) -> int:
        return round(100 * self.score / len(self.answered)) if self.answered else 0


_TRUE_WORDS = {"t", "true", "y", "yes"}
_FALSE_WORDS = {"f", "false", "n", "no"}


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w\s]", " ", stripped).split())


def judge(question: Question, reply: str) -> Verdict | None:
    """What a reply means: a letter, a number, the option's text (small typos forgiven), or for
    true/false also yes/no. None when it means nothing, so the question is asked again."""
    text = normalise(reply)
    if not text:
        return None
    options = question.options
    chosen: str | None = None
    corrected: str | None = None
    if len(text) == 1 and "a" <= text <= chr(ord("a") + len(options) - 1):
        chosen = options[ord(text) - ord("a")]
    elif text.isdigit() and 1 <= int(text) <= len(options):
        chosen = options[int(text) - 1]
    elif question.is_true_false and text in _TRUE_WORDS | _FALSE_WORDS:
        chosen = TRUE_FALSE[0] if text in _TRUE_WORDS else TRUE_FALSE[1]
    else:
        exact = [option for option in options if normalise(option) == text]
        if exact:
            chosen = exact[0]
        else:
            chosen = _near_miss(text, options)
            corrected = reply.strip() if chosen is not None else None
    if chosen is None:
        return None
    return Verdict(chosen, chosen == question.answer, corrected)


def _near_miss(text: str, options: tuple[str, ...]) -> str | None:
    """The one option a reply is a small typo of, if exactly one is close enough."""
    import difflib

    scored = [(difflib.SequenceMatcher(None, text, normalise(option)).ratio(), option) for option in options]
    close = [option for ratio, option in scored if ratio >= 0.8]
    return close[0] if len(close) == 1 else None


def _dataset_years(dataset: Dataset) -> set[int]:
    film = dataset.film
    years = {film.year, *(a.year for a in dataset.awards), *(r.date.year for r in film.releases)}
    if film.play is not None:
        years.add(film.play.year_written)
    return years


def _slug(text: str) -> str:
    return "-".join(normalise(text).split())
