"""Exports fed to the real programs that read them, installed from PyPI with the `consumers`
extra (`pip install -e '.[test,consumers]'`, as .ci/run does); each test skips without its
package.

- Anki (`anki`, the library of the Anki desktop app): the text import, twice, into a fresh
  collection: the second import matches the notes already there by GUID.
- Moodle's GIFT, read by `pygiftparserrgmf` (a lex/yacc GIFT parser).
- Open Trivia DB clients: `pyopentdb` builds its objects from the response's keys and refuses
  any other key (our `--json` has more); `Python-Trivia-API` (`pytrivia`) asks the API for
  base64 and decodes every text.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from cranes_cli.core import quiz
from cranes_cli.film.model import Dataset
from cranes_cli.render import exports

from .conftest import Invoke


def made(dataset: Dataset, seed: int, count: int = 10) -> quiz.Quiz:
    return quiz.make_quiz(dataset, seed=seed, count=count)


def test_anki_imports_twice_without_duplicates(dataset: Dataset, tmp_path: Path) -> None:
    collection_module = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportCsvRequest

    title, year = dataset.film.title, dataset.film.year
    first = made(dataset, 1)
    asked = {q.id for q in first.questions}
    # another seed's quiz that shares a question with the first, so a re-import has something to find
    second = next(
        other
        for other in map(lambda seed: made(dataset, seed), range(2, 200))
        if asked & {q.id for q in other.questions}
    )
    files = []
    for name, quiz_ in (("first", first), ("again", first), ("second", second)):
        path = tmp_path / f"{name}.txt"
        path.write_text(exports.anki(quiz_, title, year), encoding="utf-8")
        files.append(path)

    collection = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        counts = []
        for path in files:
            metadata = collection.get_csv_metadata(path=str(path), delimiter=None)
            assert metadata.is_html
            collection.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))
            counts.append(collection.note_count())
        unique = len({q.id for q in (*first.questions, *second.questions)})
        assert counts == [10, 10, unique]
        assert "The Cranes Are Flying (1957)" in [deck.name for deck in collection.decks.all_names_and_ids()]
        note = collection.get_note(collection.find_notes("tag:cranes")[0])
        assert note.guid.startswith("cranes-")
    finally:
        collection.close()


def test_gift_is_read_by_a_gift_parser(dataset: Dataset) -> None:
    parser = pytest.importorskip("pygiftparser.parser")
    from pygiftparser.gift import MultipleChoiceRadio, TrueFalse

    quiz_ = made(dataset, 4, 12)
    parsed = parser.parse(exports.gift(quiz_, dataset.film.title, dataset.film.year))
    assert len(parsed.questions) == 12
    for number, (read, question) in enumerate(zip(parsed.questions, quiz_.questions, strict=True), start=1):
        assert read.name == f"{number}. {question.id}"
        # The parser keeps the format marker Moodle reads: the texts are HTML.
        assert read.text.startswith("[html]")
        text = html.unescape(read.text.removeprefix("[html]"))
        if question.is_true_false:
            assert isinstance(read.answer, TrueFalse)
            assert text == question.prompt.removeprefix("True or false: ")
            assert read.answer.options[0].text == question.answer
        else:
            assert isinstance(read.answer, MultipleChoiceRadio)
            assert text == question.prompt
            options = [(option.prefix, html.unescape(option.text)) for option in read.answer.options]
            assert options == [("=" if o == question.answer else "~", o) for o in question.options]


def test_gift_parser_reads_escaped_specials_in_titles_and_questions() -> None:
    parser = pytest.importorskip("pygiftparser.parser")
    question = quiz.Question("odd:1", "cast", "easy", "Is a~b=c#d{e}f:g?", "yes", ("yes", "no", "n", "o"), "")
    (read,) = parser.parse(exports.gift(quiz.Quiz(1, (question,)), "T", 2000)).questions
    assert read.name == "1. odd:1"
    assert read.text == "[html]Is a~b=c#d{e}f:g?"
    assert len(read.answer.options) == 4


def test_gift_parser_reads_html_and_format_markers_from_the_film_as_text() -> None:
    parser = pytest.importorskip("pygiftparser.parser")
    hostile = ("[html]<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[plain]x", "&lt;")
    question = quiz.Question("odd:2", "cast", "easy", hostile[0], hostile[1], hostile, hostile[2])
    (read,) = parser.parse(exports.gift(quiz.Quiz(1, (question,)), "T", 2000)).questions
    assert read.text == "[html]&#91;html]&lt;script&gt;alert(1)&lt;/script&gt;"
    # The parser leaves GIFT's escapes in answers (Moodle's import undoes them).
    texts = [re.sub(r"\\(.)", r"\1", option.text) for option in read.answer.options]
    assert all("<" not in text and not text.startswith("[") for text in texts)
    assert [html.unescape(text) for text in texts] == list(hostile)


def test_anki_shows_the_film_s_markup_as_text(tmp_path: Path) -> None:
    collection_module = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportCsvRequest

    markup = "[sound:evil.mp3] [anki:tts lang=en_US]hi[/anki:tts] [latex]x[/latex] [$]y[/$] {{c1::z}} \\(w\\)"
    question = quiz.Question("odd:3", "cast", "easy", markup, "yes", ("yes", "no", "n", "o"), markup)
    path = tmp_path / "hostile.txt"
    path.write_text(exports.anki(quiz.Quiz(1, (question,)), "T", 2000), encoding="utf-8")
    collection = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        metadata = collection.get_csv_metadata(path=str(path), delimiter=None)
        collection.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))
        card = collection.get_note(collection.find_notes("")[0]).cards()[0]
        assert card.question_av_tags() == [] and card.answer_av_tags() == []
        shown = card.answer()
        assert "<img" not in shown and "latex-" not in shown
        text = html.unescape(re.sub(r"<[^>]*>", "", card.question().split("<br>")[0]))
        assert markup in text
    finally:
        collection.close()


@pytest.mark.parametrize("encode", [None, "html"])
def test_pyopentdb_reads_the_opentdb_export(invoke: Invoke, dataset: Dataset, encode: str | None) -> None:
    response_module = pytest.importorskip("pyopentdb.model.QuestionResponse")
    args = ("--encode", encode) if encode else ()
    result = invoke("quiz", "--export", "opentdb", "--seed", "1", "--count", "10", *args)
    response = response_module.QuestionResponse(**json.loads(result.stdout))
    assert response.response_code.name == "SUCCESS"
    for read, question in zip(response.results, made(dataset, 1).questions, strict=True):
        assert read.question == question.prompt
        assert read.answer == question.answer
        assert sorted(read.choices) == sorted(question.options)


def test_pyopentdb_refuses_our_richer_json(invoke: Invoke) -> None:
    """Why --export opentdb exists: --json has keys the client does not know."""
    response_module = pytest.importorskip("pyopentdb.model.QuestionResponse")
    document = json.loads(invoke("quiz", "--json", "--seed", "1").stdout)
    with pytest.raises(TypeError):
        response_module.QuestionResponse(**document)


def test_pytrivia_decodes_the_base64_export(invoke: Invoke, dataset: Dataset) -> None:
    helpers = pytest.importorskip("pytrivia.__helpers")
    result = invoke("quiz", "--export", "opentdb", "--encode", "base64", "--seed", "1", "--count", "10")
    decoded = helpers.decode_dict(json.loads(result.stdout))
    assert decoded["response_code"] == 0
    for read, question in zip(decoded["results"], made(dataset, 1).questions, strict=True):
        assert read["category"] == "Entertainment: Film"
        assert read["question"] == question.prompt
        assert read["correct_answer"] == question.answer
        assert read["incorrect_answers"] == [o for o in question.options if o != question.answer]
