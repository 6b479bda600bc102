"""Quiz quality: the rules of docs/quiz.md, checked over every question of the whole pool of
each film file (and of every spoiler-guarded pool), and over many seeds for whole quizzes.

The checks use their own text handling (not the engine's), so a rule broken in the engine
cannot be hidden by the same mistake in the test.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from cranes_cli.core import quiz
from cranes_cli.core.quiz import Question
from cranes_cli.core.quiz.session import Session
from cranes_cli.errors import UsageProblem
from cranes_cli.film import load
from cranes_cli.film.model import Dataset
from cranes_cli.render import quiz_views

from .conftest import ROOT, Invoke

FILMS = {
    "cranes": ROOT / "data" / "film.toml",
    "lighthouse": ROOT / "examples" / "the-lighthouse-keepers.toml",
}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_IN_WORDS = rf"^\d{{1,2}} ({MONTHS}) \d{{4}}$"
NEGATIONS = {"not", "never", "no", "nor", "none", "neither", "nt"}
KIN = {
    "father": "male", "son": "male", "brother": "male", "grandfather": "male", "grandson": "male",
    "uncle": "male", "nephew": "male", "husband": "male", "mother": "female", "daughter": "female",
    "sister": "female", "grandmother": "female", "granddaughter": "female", "aunt": "female",
    "niece": "female", "wife": "female", "cousin": "either",
}  # fmt: skip
STOP = {
    "the",
    "a",
    "an",
    "and",
    "of",
    "to",
    "in",
    "for",
    "what",
    "which",
    "who",
    "whom",
    "this",
    "film",
    "did",
}


def plain(text: str) -> str:
    """Case, accents and punctuation ignored (the test's own normaliser)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


def contains(text: str, phrase: str) -> bool:
    return bool(phrase) and f" {plain(phrase)} " in f" {plain(text)} "


def texts(question: Question) -> list[str]:
    return [question.prompt, *question.options, question.explanation]


def shown(question: Question) -> str:
    """What a player has read once the question is over: its text, its answer, its explanation."""
    return " \n ".join([question.prompt, question.answer, question.explanation])


def is_mc(question: Question) -> bool:
    return not question.is_true_false


@pytest.fixture(scope="module", params=sorted(FILMS))
def film(request: pytest.FixtureRequest) -> Dataset:
    return load.load_path(FILMS[request.param])


def pools(dataset: Dataset) -> Iterator[tuple[int | None, list[Question]]]:
    yield None, quiz.question_pool(dataset)
    for act in range(1, len(dataset.acts) + 1):
        yield act, quiz.question_pool(dataset, up_to_act=act)


def every_question(dataset: Dataset) -> Iterator[Question]:
    for _, pool in pools(dataset):
        yield from pool


def genders(dataset: Dataset) -> dict[str, str]:
    """Gender of every name a question can offer: actors, crew, characters (as written in
    running text too: 'Boris, the boy' is also 'the boy Boris')."""
    found: dict[str, str] = {}
    for member in (*dataset.cast, *dataset.crew):
        if member.gender:
            found[plain(member.name)] = member.gender
    for character in dataset.characters:
        if character.gender:
            found[plain(character.name)] = character.gender
            for view in character.spoiler_free:
                if view.name:
                    found[plain(view.name)] = character.gender
            base, _, rest = character.name.partition(", ")
            found[plain(f"{rest} {base}")] = character.gender
            found[plain(f"the {character.name}")] = character.gender  # 'the grandmother'
    return found


# --- rule 1 ------------------------------------------------------------------------------


def test_rule_1_three_distinct_wrong_answers(film: Dataset) -> None:
    for question in every_question(film):
        if is_mc(question):
            assert len(question.options) == 4, question
            assert len({plain(option) for option in question.options}) == 4, question
            assert question.options.count(question.answer) == 1, question


def test_rule_1_the_pool_is_at_least_as_large_as_before(dataset: Dataset) -> None:
    assert len(quiz.question_pool(dataset)) >= 90


# --- rule 2 ------------------------------------------------------------------------------


def test_rule_2_wrong_answers_are_of_the_same_kind_and_gender(film: Dataset) -> None:
    gender_of = genders(film)
    for question in every_question(film):
        if not is_mc(question) or question.id.startswith("curated:"):
            continue
        keys = [plain(option) for option in question.options]
        answer = plain(question.answer)
        if answer in gender_of:
            assert all(gender_of.get(key) == gender_of[answer] for key in keys), question
        elif answer in KIN:
            kinds = {KIN.get(key) for key in keys}
            assert None not in kinds, question
            assert len(kinds - {"either"}) <= 1, question
        elif re.fullmatch(DATE_IN_WORDS, question.answer):
            assert all(re.fullmatch(DATE_IN_WORDS, option) for option in question.options), question
        elif re.fullmatch(r"\d{1,2} [A-Z][a-z]+", question.answer):
            assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+", option) for option in question.options), question
        elif re.fullmatch(r"\d{4}", question.answer):
            assert all(re.fullmatch(r"\d{4}", option) for option in question.options), question
        elif re.fullmatch(r"Act \d+", question.answer):
            assert all(re.fullmatch(r"Act \d+", option) for option in question.options), question
        elif re.search(r"\d", question.answer):
            shape = r"[\d.]+ million|[\d,]+"
            assert all(re.fullmatch(shape, option) for option in question.options), question


def test_rule_2_no_second_right_answer(film: Dataset) -> None:
    characters = {c.id: c for c in film.characters}
    for question in every_question(film):
        if not is_mc(question):
            continue
        kind, _, record = question.id.partition(":")
        wrong = [plain(option) for option in question.options if option != question.answer]
        if kind == "who-played":
            actors = {plain(m.name) for m in film.cast if m.character == record}
            assert not actors & set(wrong), question
        elif kind == "whom-played":
            played = [m for m in film.cast if m.character == record]
            names = {
                plain(characters[m.character].name) for p in played for m in film.cast if m.name == p.name
            }
            assert not names & set(wrong), question
        elif kind == "relation":
            relations = {
                (c.id, r.target): r for c in film.characters for r in c.relations
            }  # what each character is to another
            pair = next((a, b) for (a, b) in relations if record == f"{a}-{b}")
            labels = {plain(r.label) for key, r in relations.items() if set(key) == set(pair)}
            assert not labels & set(wrong), question
            if question.prompt.startswith("Who is"):
                love = {"romance", "marriage"}
                kinds = love if relations[pair].kind in love else {relations[pair].kind}
                target = pair[1]
                same_kind = {
                    plain(characters[other].name)
                    for (a, b), r in relations.items()
                    if r.kind in kinds and target in (a, b)
                    for other in (a, b)
                }
                assert not same_kind & set(wrong), question


# --- rule 3 ------------------------------------------------------------------------------


def test_rule_3_about_half_of_the_true_false_questions_are_false(film: Dataset) -> None:
    answers = Counter(q.answer for q in quiz.question_pool(film) if q.is_true_false)
    share = answers["True"] / sum(answers.values())
    assert 0.3 <= share <= 0.7, answers


def test_rule_3_a_false_statement_swaps_one_value_and_the_explanation_states_the_truth(
    film: Dataset,
) -> None:
    for question in every_question(film):
        if not question.is_true_false or question.answer != "False" or question.id.startswith("curated:"):
            continue
        truth = getattr(question, "truth", None)
        assert truth, question
        statement = question.prompt.removeprefix("True or false: ")
        assert statement != truth
        assert truth in question.explanation, question
        said, real = plain(statement).split(), plain(truth).split()
        assert not (set(said) - set(real)) & NEGATIONS, question  # never made false by negation
        start = 0
        while start < min(len(said), len(real)) and said[start] == real[start]:
            start += 1
        end = 0
        while end < min(len(said), len(real)) - start and said[-1 - end] == real[-1 - end]:
            end += 1
        assert len(said) - start - end <= 4 and len(real) - start - end <= 4, question  # one value


# --- rule 4 ------------------------------------------------------------------------------


def test_rule_4_options_do_not_answer_by_their_form(film: Dataset) -> None:
    titles = [act.title for act in film.acts]
    other_titles = {plain(t.title) for t in film.film.other_titles}
    for question in every_question(film):
        if not is_mc(question):
            continue
        for option in question.options:
            assert not any(contains(option, title) for title in titles), question
        scripts = {any("\u0400" <= char <= "\u04ff" for char in option) for option in question.options}
        assert len(scripts) == 1, question  # no option alone in another alphabet
        assert len({plain(o) for o in question.options} & other_titles) <= 1, question  # languages
        prompt_words = {w for w in plain(question.prompt).split() if len(w) > 3 and w not in STOP}
        sharing = [o for o in question.options if prompt_words & set(plain(o).split())]
        assert sharing != [question.answer], question  # the only option echoing the question
        capitals = {option[:1].isupper() for option in question.options}
        assert len(capitals) == 1, question


# --- rule 5 ------------------------------------------------------------------------------


def value_answer(question: Question, dataset: Dataset) -> bool:
    """Answers that a text can state outright: years, dates, figures, titles, prizes."""
    film = dataset.film
    titles = {plain(t) for t in (film.original_title, film.transliteration) if t}
    titles |= {plain(t.title) for t in film.other_titles} | {plain(a.category) for a in dataset.awards}
    return not question.is_true_false and (
        (bool(re.search(r"\d", question.answer)) and not question.answer.startswith("Act "))
        or plain(question.answer) in titles
    )


@pytest.mark.parametrize(("count", "seeds"), [(10, 100), (30, 25)])
def test_rule_5_questions_of_one_quiz_never_answer_each_other(film: Dataset, count: int, seeds: int) -> None:
    cast = {m.character: m for m in film.cast}
    characters = {c.id: c for c in film.characters}
    for seed in range(seeds):
        try:
            made = quiz.make_quiz(film, seed=seed, count=count)
        except Exception:
            made = quiz.make_quiz(film, seed=seed)
        said = [f" {plain(shown(q))} " for q in made.questions]
        prompts = [f" {plain(q.prompt)} " for q in made.questions]
        for later_index, later in enumerate(made.questions):
            answer = f" {plain(later.answer)} " if value_answer(later, film) else None
            kind, _, record = later.id.partition(":")
            names = None
            if kind == "play-author" and film.film.play is not None:
                names = (f" {plain(film.film.play.author.split()[-1])} ", " play ")
            if kind in ("who-played", "whom-played", "played-tf") and record in cast:
                names = (
                    f" {plain(cast[record].name.split()[-1])} ",
                    f" {plain(characters[record].name.split(',')[0])} ",
                )
            for earlier_index, earlier in enumerate(made.questions[:later_index]):
                asks = getattr(later, "asks", frozenset())
                assert not asks & getattr(earlier, "reveals", frozenset()), (seed, earlier, later)
                assert answer is None or answer not in said[earlier_index], (seed, earlier.id, later.id)
                if names is not None:
                    assert not all(name in said[earlier_index] for name in names), (
                        seed,
                        earlier.id,
                        later.id,
                    )
            # A handout shows every question at once.
            if answer is not None:
                assert not any(answer in prompt for prompt in prompts), (seed, later.id)


# --- rule 6 ------------------------------------------------------------------------------


def later_content(dataset: Dataset, act: int) -> tuple[list[str], list[str], list[str]]:
    """What must not show before act ``act`` is over: later beats, later characters' names,
    the labels of relations that come about later, and descriptions that tell more than the
    film has shown by then (where the file gives a spoiler-free one for that act)."""
    first = quiz.first_appearances(dataset)
    visible = [c for c in dataset.characters if first.get(c.id, 0) <= act]
    hidden = [c for c in dataset.characters if first.get(c.id, 0) > act]
    # A character the film has not yet named ("The boy") hides the later name too.
    views = {c.id: next((v for v in c.spoiler_free if v.up_to_act >= act), None) for c in visible}
    unnamed = [c for c in visible if views[c.id] is not None and views[c.id].name]
    visible_names = [views[c.id].name if c in unnamed else c.name for c in visible]
    names = []
    for character in [*hidden, *unnamed]:
        base, _, rest = character.name.partition(", ")
        for name in (character.name, f"{rest} {base}".strip(), *character.aliases):
            if not any(contains(shown, name) for shown in visible_names):
                names.append(name)
    beats = [beat.text for later in dataset.acts[act:] for beat in later.beats]
    beats += [
        c.description
        for c in dataset.characters
        if c.description and any(entry.up_to_act >= act for entry in getattr(c, "spoiler_free", ()))
    ]
    now = {plain(r.label) for c in dataset.characters for r in c.relations if (r.since_act or 0) <= act}
    labels = [
        r.label
        for c in dataset.characters
        for r in c.relations
        if (r.since_act or 0) > act and plain(r.label) not in now
    ]
    return beats, names, labels


def test_rule_6_nothing_after_the_guard_is_shown(film: Dataset) -> None:
    for act, pool in pools(film):
        if act is None:
            continue
        beats, names, labels = later_content(film, act)
        for question in pool:
            assert question.act is None or question.act <= act
            for text in texts(question):
                later_beat = any(beat in text or (text in beat and len(text) > 25) for beat in beats)
                assert not later_beat, (act, question)
                assert not any(contains(text, name) for name in names), (act, question)
                assert not any(contains(text, label) for label in labels), (act, question)


def test_rule_6_covers_the_handout_and_the_summary(film: Dataset) -> None:
    for act in range(1, len(film.acts)):
        beats, names, labels = later_content(film, act)
        pool = tuple(quiz.question_pool(film, up_to_act=act))  # every question, as one quiz
        made = quiz.Quiz(3, pool)
        session = Session(made, [(question, False) for question in pool])
        for text in (quiz_views.handout(made, film.film.title), quiz_views.plain_summary(session, "x")):
            assert not any(contains(text, name) for name in names)
            assert not any(contains(text, label) for label in labels)
            assert not any(quiz_views.md(beat)[:40] in text or beat[:40] in text for beat in beats)


# --- rule 7 ------------------------------------------------------------------------------

BAD_ENGLISH = [
    r"\d{4}-\d{2}-\d{2}",  # ISO dates
    r"(?i:sources?): (?:seed\b|[A-Z]{3,}[-_A-Z]*(?![\w,]))",  # source keys, not a site's name
    r"\b(?:won|win|received?) (?:Palme|Special)\b",  # prizes without their article
    r"\bin (?:Soviet Union|United States|United Kingdom|Netherlands)\b",
    r"\b1 questions\b",
    r"responsible for the film's",
    r"\b(\w+(?: \w+)*) \(\1\)",  # a name repeated in brackets
]


def test_rule_7_written_as_a_person_would(film: Dataset) -> None:
    sites = {entry.site.split(", ")[0] for entry in film.bibliography if entry.site}
    # A key that is also its site's name (INA) is shown as the site, which is allowed.
    upper_keys = [e.key for e in film.bibliography if not e.key.islower() and e.key not in sites]
    comma_names = [c.name for c in film.characters if ", " in c.name]
    for question in every_question(film):
        for text in texts(question):
            for pattern in BAD_ENGLISH:
                assert not re.search(pattern, text), (pattern, text)
            assert not any(re.search(rf"\b{re.escape(key)}\b", text) for key in upper_keys), text
            if not question.id.startswith("curated:"):
                assert not any(name in text for name in comma_names), text
        if question.id.startswith(("release:", "release-tf:")):
            assert re.fullmatch(DATE_IN_WORDS, question.answer) or question.is_true_false, question


def test_rule_7_json_and_handout_read_the_same(invoke: Invoke) -> None:
    result = invoke("quiz", "--json", "--seed", "5", "--count", "30")
    for record in json.loads(result.stdout)["results"]:
        for text in [
            record["question"],
            record["correct_answer"],
            *record["incorrect_answers"],
            record["explanation"],
        ]:
            assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    one = invoke("quiz", "--handout", "--seed", "5", "--count", "1")
    assert "1 question (seed 5)" in one.stdout


# --- rule 8 ------------------------------------------------------------------------------


def test_rule_8_difficulty_comes_from_evidence(dataset: Dataset) -> None:
    pool = quiz.question_pool(dataset)
    leads = {member.character for member in dataset.cast[:2]}
    for question in pool:
        if question.is_true_false:
            assert question.difficulty != "hard", question  # a coin toss is not hard
        kind, _, record = question.id.partition(":")
        if kind in ("who-played", "whom-played", "played-tf") and record in leads:
            assert question.difficulty == "easy", question
    by_kind: dict[str, set[str]] = {}
    for question in pool:
        by_kind.setdefault(question.id.split(":")[0], set()).add(question.difficulty)
    assert {d for levels in by_kind.values() for d in levels} == {"easy", "medium", "hard"}
    assert sum(len(levels) > 1 for levels in by_kind.values()) >= 3  # not one level per kind


def test_rule_8_is_documented() -> None:
    text = (ROOT / "docs" / "quiz.md").read_text(encoding="utf-8")
    assert "## Difficulty" in text


# --- rule 9 ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 7, 1234])
def test_rule_9_same_seed_same_quiz_in_every_form(invoke: Invoke, seed: int, tmp_path: Path) -> None:
    args = ["quiz", "--seed", str(seed), "--count", "10"]
    records = json.loads(invoke(*args, "--json").stdout)["results"]
    handout = invoke(*args, "--handout").stdout
    played = invoke(*args, input="a\n" * 10, env={"CRANES_HOME": str(tmp_path)}).stdout
    questions = handout.split("## Answer key")[0]
    for number, record in enumerate(records, start=1):
        assert f"\n{number}. {quiz_views.md(record['question'])}\n" in questions
        assert f"Question {number} of 10" in played and f"\n{record['question']}\n" in played
        shown = re.findall(rf"(?ms)^{number}\. .*?\n\n(.*?)\n\n", questions)[0]
        handed = [line.strip() for line in shown.splitlines()]
        asked = played.split(f"Question {number} of 10")[1].split("\n")[2 : 2 + len(handed)]
        assert [line.strip() for line in asked] == [re.sub(r"\\(.)", r"\1", line) for line in handed]
        # The same options, in the same order (JSON lists the wrong ones in the order shown).
        wrong_in_order = [
            line[3:] for line in (a.strip() for a in asked) if line[3:] != record["correct_answer"]
        ]
        assert wrong_in_order == record["incorrect_answers"]


# --- the audit: what a player reads, question by question ---------------------------------
# Each check below was written after reading the whole pool as a player would; each failed on
# the generator (or the data wording) it was written against.

PRONOUNS = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}  # fmt: skip
THING_PRONOUNS = {"it", "its", "they", "them", "their"}
PERSON_NOUNS = {
    "male": {"boy", "man", "soldier", "father", "son", "brother", "grandson", "husband", "actor", "keeper"},
    "female": {"girl", "woman", "mother", "daughter", "grandmother", "wife", "sister", "actress", "heroine"},
    "either": {
        "sweetheart",
        "cinematographer",
        "director",
        "composer",
        "president",
        "censor",
        "official",
        "guest",
        "author",
    },
}


def statements(question: Question) -> list[str]:
    """The texts a player must understand on their own, with no sentence before them: a
    true/false statement, the event in a 'which act' question, the options of 'which first'."""
    if question.id.startswith("curated:"):
        return []
    if question.is_true_false:
        text = question.prompt.removeprefix("True or false: ")
        return [re.sub(r"^This happens in act \d+: ", "", text)]
    if question.kind == "which-act":
        return [question.prompt.split("? ", 1)[1]]
    if question.kind == "event-order":
        return list(question.options)
    return []


def name_genders(dataset: Dataset) -> dict[str, str]:
    """Every word of a person's name (first names and surnames) with that person's gender."""
    found: dict[str, str] = {}
    people = [(p.name, p.gender) for p in (*dataset.cast, *dataset.crew)]
    people += [(c.name, c.gender) for c in dataset.characters]
    for name, gender in people:
        for word in plain(name).split():
            if gender and word not in {"the", "boy", "girl"}:
                found[word] = gender if found.get(word, gender) == gender else "either"
    return found


def dangling(text: str, genders: dict[str, str]) -> str | None:
    """The first pronoun of ``text`` that points at nobody the text has named, if any."""
    words = re.findall(r"[\w']+", text)
    if words and words[0].lower() in {*PRONOUNS, *THING_PRONOUNS}:
        return words[0]
    # 'In France it sold ...', 'Made after ..., it became ...': the subject is missing.
    opening = re.match(
        r"^(?:[^,;:]{1,90}, |(?:In|On|At|During|After|Before) [^,;:]{1,40}? )(it|its|they|their)\b", text
    )
    if opening:
        return opening[1]
    named: set[str] = set()
    for word in words:
        lowered = plain(re.sub(r"['’]s$", "", word))
        if lowered in PRONOUNS:
            if not named & {PRONOUNS[lowered], "either"}:
                return word
            continue
        gender = genders.get(lowered) if word[:1].isupper() else None
        gender = gender or next(
            (g for g, nouns in PERSON_NOUNS.items() if lowered.rstrip("s") in nouns), None
        )
        if gender:
            named.add(gender)
    return None


def test_audit_statements_stand_alone(film: Dataset) -> None:
    """'In France it sold about 5.4 million tickets.', 'She looks for him at the assembly
    point': a statement shown on its own names whom its pronouns point at."""
    genders = name_genders(film)
    found = {
        (question.id, text)
        for question in every_question(film)
        for text in statements(question)
        if dangling(text, genders)
    }
    assert not found, sorted(found)


def test_audit_dangling_finds_what_it_should() -> None:
    genders = {"veronika": "female", "mark": "male", "boris": "male"}
    for text in (
        "In France it sold about 5.4 million tickets.",
        "She looks for him at the assembly point.",
        "Made after 1956, it became a landmark.",
        "During another raid Mark pushes himself on her.",
        "Their commander punishes them.",
    ):
        assert dangling(text, genders), text
    for text in (
        "Veronika reaches the flat after Boris has gone; his grandmother gives her the squirrel.",
        "Believing Boris still alive, his family holds the marriage against Veronika.",
        "A wounded soldier breaks down over a letter saying his girl has left him.",
    ):
        assert not dangling(text, genders), text


def test_audit_true_false_explanations_state_the_fact(film: Dataset) -> None:
    """'True.' alone teaches nothing: a false statement's explanation states the truth, a true
    one's adds something else."""
    for question in every_question(film):
        if not question.is_true_false or question.id.startswith("curated:"):
            continue
        statement = question.prompt.removeprefix("True or false: ")
        if question.answer == "False":
            assert question.truth and question.truth in question.explanation, question
        else:
            assert question.explanation and statement not in question.explanation, question


def test_audit_sources_are_cited_by_site_and_title(film: Dataset) -> None:
    """'(Sources: The Cranes Are Flying)' cannot be looked up: each source is named by its site
    (or publisher) and its title; never a source key, never the project's own seed."""
    sites = {entry.site.split(", ")[0] for entry in film.bibliography if entry.site}
    seeds = {entry.title for entry in film.bibliography if entry.kind == "seed"}
    for question in every_question(film):
        for cited in re.findall(r"Sources?: (.*)$", question.explanation):
            for item in cited.rstrip(".").split("; "):
                assert any(item.startswith(f"{site}, “") for site in sites), (item, question.id)
                assert item.endswith("”") and not any(title in item for title in seeds), item


FRAGMENTS = [
    r"(?:^|[.;] )(?:Won|Cited|Released|Nominated|Shown|Made|Given|Adapted) (?:by|as|in|for|at)\b",
    r"(?:^|[.;] )(?:An? )?(?:invented|made-up) \w+\.",
    r"(?:^|[.;] )(?:\w+ )?(?:release|premiere), ",
    r"(?:^|[.;] )About [\d.,]+(?: million)?;",
    r"(?:^|[.;] )The only \w+ \w+ to\b",
    r"(?:^|[.;] )\w+'s (?:pet name|nickname) for (?:her|him)\b",
]


def test_audit_explanations_are_sentences(film: Dataset) -> None:
    """'Won by Simone Signoret.', 'French release, a few weeks after the Palme d'Or.': an
    explanation is made of sentences, not of notes taken from a table."""
    for question in every_question(film):
        if question.id.startswith("curated:"):
            continue
        for pattern in FRAGMENTS:
            assert not re.search(pattern, question.explanation), (pattern, question.explanation)


def test_audit_figures_are_written_as_a_person_says_them(film: Dataset) -> None:
    """'17.0 million' is not how anyone writes a figure."""
    for question in every_question(film):
        for text in texts(question):
            assert not re.search(r"\b\d+\.0 million\b", text), text


def test_audit_award_years_are_never_before_the_film(film: Dataset) -> None:
    """A film cannot win a prize before it is made: such a year is no wrong answer at all."""
    for question in every_question(film):
        if question.kind == "award-year":
            assert all(int(option) >= film.film.year for option in question.options), question


def test_audit_no_family_word_answers_a_question_by_a_name(film: Dataset) -> None:
    """'What is Boris to Grandmother?' is answered by the name: 'grandson'."""
    kin_names = {plain(c.name) for c in film.characters if plain(c.name) in KIN}
    for question in every_question(film):
        if question.kind == "relation" and plain(question.answer) in KIN:
            assert not any(contains(question.prompt, name) for name in kin_names), question


def test_audit_no_two_options_share_a_name(film: Dataset) -> None:
    """'Boris' beside 'The boy Boris' reads as the same answer twice."""
    for question in every_question(film):
        if not is_mc(question) or question.id.startswith("curated:"):
            continue
        words = [
            set(plain(option).split()) - {"the", "boy", "girl", "old", "young"} for option in question.options
        ]
        for i, one in enumerate(words):
            for other in words[i + 1 :]:
                if one and other and (one <= other or other <= one):
                    raise AssertionError(question)


def test_audit_a_swapped_value_is_of_the_same_sort(film: Dataset) -> None:
    """'Kalatozov served for a time in Vladimir as a Soviet cultural attaché', 'a children's
    rhyme, «Mon Oncle»', 'his camerawork on Palme d'Or (1976)': a value swapped for one of
    another sort (a town for a country, a film for a rhyme, a prize for a film) gives the false
    statement away. Checked on every fact with a marked value, firm or not."""
    from cranes_cli.core.quiz.make import swapped_value, unread_pool

    ctx, _ = unread_pool(film)
    countries = {plain(r.country) for r in film.film.releases} | {
        plain(a.country) for a in film.film.admissions
    }
    countries |= {plain(film.film.country or "")}
    prizes = {plain(award.category) for award in film.awards}

    def cyrillic(text: str) -> bool:
        return bool(re.search("[\u0400-\u04ff]", text))

    for fact in film.facts:
        if fact.value is None or fact.value.kind not in ("place", "title"):
            continue
        false = swapped_value(ctx, fact, f"fact:{fact.id}")
        if false is None:
            continue
        start = 0
        while false[start] == fact.text[start]:
            start += 1
        end = 0
        while false[-1 - end] == fact.text[-1 - end]:
            end += 1
        old = plain(fact.value.text)
        new = plain(false[start : len(false) - end]).removeprefix("the ")
        new = next((plain(word) for word in [*countries, *prizes] if plain(word).endswith(new)), new)
        if fact.value.kind == "place":
            assert (new in countries) == (old in countries), (fact.id, false)
        else:
            assert cyrillic(false[start : len(false) - end]) == cyrillic(fact.value.text), (fact.id, false)
            assert (new in prizes) == (old in prizes), (fact.id, false)


def test_audit_the_story_s_start_and_end_are_not_hard_to_place(film: Dataset) -> None:
    """'In which act does this happen? Echoing the opening, Veronika looks up as cranes fly
    over Moscow once more.' was marked hard: the last scene (or the German invasion in act 1)
    is the easiest of all to place."""
    ends = {f"which-act:{film.acts[0].number}-", f"which-act:{film.acts[-1].number}-"}
    for question in every_question(film):
        if question.id.startswith(tuple(ends)):
            assert question.difficulty != "hard", question


def test_audit_a_statement_starts_with_a_capital(film: Dataset) -> None:
    """'True or false: no Soviet film had won ...' beside 'True or false: The film ...'."""
    for question in every_question(film):
        statement = question.prompt.partition("True or false: ")[2]
        assert not statement[:1].islower(), question


def test_audit_no_capital_in_the_middle_of_a_sentence(film: Dataset) -> None:
    """'It happens in act 4 (Later in the war, Siberia).', 'This happens in act 2: A storm
    breaks ...': a setting or an event inside a sentence is written small (names keep their
    capital)."""
    common = r"(?:The|A|An|After|Before|Later|During|Dawn|Midwinter|Spring|Summer|Autumn|Winter)"
    for question in every_question(film):
        if question.kind == "which-act":
            for text in (question.prompt, question.explanation):
                assert not re.search(rf"[^.?] \(?{common}\b", text), text


def test_audit_no_release_date_before_the_premiere(film: Dataset) -> None:
    """'When was the film released in France?' offered 9 September 1957, a month before the
    Soviet premiere: no wrong date comes before the film's first release (or before the year
    it was made, for the first release itself)."""
    import datetime

    def day(text: str) -> datetime.date:
        return datetime.datetime.strptime(text, "%d %B %Y").date()

    first = min(release.date for release in film.film.releases)
    for question in every_question(film):
        if question.kind == "release":
            floor = datetime.date(film.film.year, 1, 1) if day(question.answer) == first else first
            assert all(day(option) >= floor for option in question.options), question


def test_audit_an_answer_already_shown_is_not_repeated(invoke: Invoke, tmp_path: Path) -> None:
    """'**b) False**: False. Volodya is ...': beside an answer already shown, the explanation
    does not say True or False again."""
    handout = invoke("quiz", "--handout", "--seed", "1", "--count", "10").stdout
    assert not re.search(r"\*\*[a-d]\\?\) (True|False)\*\*: \1\.", handout), handout
    played = invoke(
        "quiz", "--seed", "1", "--count", "10", input="b\n" * 10, env={"CRANES_HOME": str(tmp_path)}
    )
    assert not re.search(r"the answer is [a-d]\) (True|False)\.\n\1\.", played.stdout), played.stdout


def test_audit_an_event_after_a_colon_is_written_small(film: Dataset) -> None:
    """'This happens in act 1: With nowhere to go, Veronika ...' under --up-to-act, where
    'which act' is asked as true/false: after the colon only a name keeps its capital."""
    names = {plain(word) for c in film.characters for word in c.name.replace(",", " ").split()}
    names |= {plain(word) for m in film.cast for word in m.name.split()}
    for question in every_question(film):
        found = re.match(r"True or false: This happens in act \d+: (\w+)", question.prompt)
        if found and found[1][:1].isupper():
            assert plain(found[1]) in names - {"the"}, question.prompt


# --- after the adversarial review --------------------------------------------------------


def test_review_no_question_names_a_character_the_guard_hides(film: Dataset) -> None:
    """Under --up-to-act N no question (hand-written ones included) names a character first
    seen after act N (or in no act, before the last), nor the actor who plays one."""
    first = quiz.first_appearances(film)
    for act, pool in pools(film):
        if act is None or act == len(film.acts):
            continue
        hidden = {c.id for c in film.characters if first.get(c.id, act + 1) > act}
        if not hidden:
            continue
        names = [n for c in film.characters if c.id in hidden for n in (c.name, *c.aliases)]
        names += [m.name for m in film.cast if m.character in hidden]
        for question in pool:
            found = [name for name in names if contains(" \n ".join(texts(question)), name)]
            assert not found, (act, found, question)


def test_review_the_cli_quiz_under_the_guard_hides_chernov(invoke: Invoke) -> None:
    result = invoke("quiz", "--up-to-act", "1", "--json", "--count", "30", "--seed", "1")
    assert result.exit_code == 0, result.output
    assert "Chernov" not in result.output and "Kokovkin" not in result.output


def test_review_no_which_act_question_with_one_act_in_view(film: Dataset) -> None:
    """With only act 1 in view, 'This happens in act 1' could only ever be true."""
    for question in quiz.question_pool(film, up_to_act=1):
        assert question.kind != "which-act", question


def test_review_year_answers_are_not_always_at_one_end(film: Dataset) -> None:
    """Wrong years fall on both sides of the answer where they can: over the pool the answer
    is neither always the earliest nor always the latest option."""
    years = [q for q in quiz.question_pool(film) if is_mc(q) and all(o.isdigit() for o in q.options)]
    assert years
    positions = [sorted(int(o) for o in q.options).index(int(q.answer)) for q in years]
    assert any(p > 0 for p in positions) and any(p < 3 for p in positions), positions
    for question in years:
        answer = int(question.answer)
        below = [int(o) for o in question.options if int(o) < answer]
        if question.kind in ("film-year", "play-year"):
            assert below and len(below) < 3, question
        if question.kind == "award-year" and answer > film.film.year:
            assert below and len(below) < 3, question


def test_review_missed_or_due_without_count_asks_what_can_be_asked(film: Dataset) -> None:
    """Two questions that ask the same fact cannot share a quiz; without --count, --missed and
    --due just ask the one that can be asked (as a plain quiz does), not fail with exit 2."""
    pool = quiz.question_pool(film, up_to_act=1)
    pairs = [(a, b) for a in pool for b in pool if a.id < b.id and a.asks & b.asks]
    assert pairs
    one, other = pairs[0]
    made = quiz.make_quiz(film, seed=1, up_to_act=1, only_ids=[one.id, other.id])
    assert len(made.questions) == 1
    with pytest.raises(UsageProblem, match="--count 1 or fewer"):
        quiz.make_quiz(film, seed=1, count=2, up_to_act=1, only_ids=[one.id, other.id])


@pytest.mark.parametrize("format_", ["quizlet", "anki", "gift"])
def test_review_exports_do_not_repeat_the_verdict(invoke: Invoke, format_: str) -> None:
    """'True: True. The film sold...' says the verdict twice; the export shows it once, as play
    mode and the handout do (--json and the CSV keep the explanation whole)."""
    result = invoke("quiz", "--export", format_, "--seed", "1", "--count", "30")
    assert result.exit_code == 0, result.stderr
    for verdict in ("True", "False"):
        for repeated in (f"{verdict}: {verdict}.", f"<b>{verdict}</b><br>{verdict}.", f"####{verdict}."):
            assert repeated not in result.stdout, (repeated, result.stdout)
    assert "True" in result.stdout or "TRUE" in result.stdout


def test_review_a_character_named_by_a_family_word_is_the_grandmother(film: Dataset) -> None:
    """'Who played Grandmother?' and "Grandmother's grandson" read badly: in running text a
    character whose name is a family word is 'the grandmother'."""
    kin_named = [c.name for c in film.characters if plain(c.name) in KIN]
    for question in every_question(film):
        if question.id.startswith(("curated:", "fact:")):
            continue
        for text in texts(question):
            for name in kin_named:
                for match in re.finditer(rf"\b{re.escape(name)}\b", text):
                    assert match.start() == 0 and text == name, (name, text)


def test_review_a_date_with_an_age_worked_out_from_it_is_not_swapped(dataset: Dataset) -> None:
    """'born on 4 July 1934, so she turned 24 during the 1958 festival' contradicts itself."""
    pool = {q.id: q for q in quiz.question_pool(dataset)}
    dates = rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b|\b1[89]\d\d\b|\b20\d\d\b"
    for question in pool.values():
        if question.truth is not None and re.search(r"\b(?:turned|aged) \d+", question.truth):
            # Another part (the age itself) may be swapped, never the date it is counted from.
            assert re.findall(dates, question.prompt) == re.findall(dates, question.truth), question


def test_review_the_premiere_date_is_not_always_the_earliest_option(dataset: Dataset) -> None:
    """The first release may have been any day from the start of the year the film was made:
    one wrong date falls in that span, none before it."""
    import datetime

    first = min(dataset.film.releases, key=lambda release: release.date)
    pool = {q.id: q for q in quiz.question_pool(dataset)}
    question = next(
        q for q in pool.values() if q.kind == "release" and q.answer.endswith(str(first.date.year))
    )
    days = [datetime.datetime.strptime(option, "%d %B %Y").date() for option in question.options]
    assert any(day < first.date for day in days), question
    assert all(day >= datetime.date(dataset.film.year, 1, 1) for day in days), question
