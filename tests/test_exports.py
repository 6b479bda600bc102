"""Quiz exports (--export): each format read back the way its own consumer reads it, with the
standard library; tests/test_export_consumers.py feeds them to the real consumers."""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cranes_cli.core import quiz
from cranes_cli.core.choices import EXPORT_FORMATS
from cranes_cli.film.model import Dataset
from cranes_cli.render import exports, quiz_views

from .conftest import OPEN_TRIVIA_KEYS, Invoke

NASTY = "a~b=c#d{e}f:g\\h \"q\" 's' <i>&amp;\ttab\nline\x1b[31m\u2028end"
# Every character GIFT gives a meaning to, and the backslash that escapes them.
GIFT_SPECIAL = "~=#{}:\\"


def nasty_quiz() -> quiz.Quiz:
    multiple = quiz.Question(
        "x:1",
        "cast",
        "easy",
        f"Who? {NASTY}",
        f"R {NASTY}",
        (f"R {NASTY}", "W1 }", "W2 {", "W3 ="),
        f"why {NASTY}",
    )
    true_false = quiz.Question(
        "x:2", "facts", "hard", f"True or false: {NASTY}", "False", quiz.TRUE_FALSE, "w"
    )
    return quiz.Quiz(7, (multiple, true_false))


def made(dataset: Dataset, seed: int = 1, count: int = 10) -> quiz.Quiz:
    return quiz.make_quiz(dataset, seed=seed, count=count)


@pytest.mark.parametrize("format_", EXPORT_FORMATS)
def test_every_export_is_deterministic_and_on_stdout(invoke: Invoke, format_: str) -> None:
    first = invoke("quiz", "--export", format_, "--seed", "5", "--count", "6")
    second = invoke("quiz", "--export", format_, "--seed", "5", "--count", "6")
    assert first.exit_code == 0, first.stderr
    assert first.stderr == ""
    assert first.stdout == second.stdout
    assert first.stdout != invoke("quiz", "--export", format_, "--seed", "6", "--count", "6").stdout


def test_handout_is_the_markdown_export(invoke: Invoke) -> None:
    handout = invoke("quiz", "--handout", "--seed", "3", "--count", "4")
    assert handout.exit_code == 0
    assert handout.stdout == invoke("quiz", "--export", "markdown", "--seed", "3", "--count", "4").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--handout", "--json"), "--handout and --json cannot be used together"),
        (("--export", "csv", "--json"), "--export and --json cannot be used together"),
        (("--export", "anki", "--handout"), "--handout and --export cannot be used together"),
        (("--encode", "base64"), "--encode is for --export opentdb only"),
        (("--export", "gift", "--encode", "base64"), "--encode is for --export opentdb only"),
    ],
)
def test_conflicting_outputs_are_usage_errors(invoke: Invoke, args: tuple[str, ...], message: str) -> None:
    result = invoke("quiz", "--seed", "1", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"cranes: {message}")
    assert result.stderr.count("\n") == 1


def test_unknown_format_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("quiz", "--export", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not one of" in result.stderr


# --- Open Trivia DB ---------------------------------------------------------------------------

DECODERS = {"html": html.unescape, "url3986": unquote, "base64": lambda text: base64.b64decode(text).decode()}


@pytest.mark.parametrize("encode", [None, "html", "url3986", "base64"])
def test_opentdb_is_strictly_open_trivia_db(invoke: Invoke, dataset: Dataset, encode: str | None) -> None:
    args = ("--encode", encode) if encode else ()
    result = invoke("quiz", "--export", "opentdb", "--seed", "2", "--count", "8", *args)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["response_code", "results"]
    assert document["response_code"] == 0
    decode = DECODERS[encode or "html"]  # html is Open Trivia DB's default
    for result_, question in zip(document["results"], made(dataset, 2, 8).questions, strict=True):
        assert list(result_) == OPEN_TRIVIA_KEYS
        assert decode(result_["category"]) == "Entertainment: Film"
        assert decode(result_["type"]) == ("boolean" if question.is_true_false else "multiple")
        assert decode(result_["difficulty"]) == question.difficulty
        assert decode(result_["question"]) == question.prompt
        assert decode(result_["correct_answer"]) == question.answer
        wrong = [option for option in question.options if option != question.answer]
        assert [decode(option) for option in result_["incorrect_answers"]] == wrong


@pytest.mark.parametrize("encode", ["html", "url3986", "base64"])
def test_opentdb_encodings_round_trip_any_text(encode: str) -> None:
    document = json.loads(exports.open_trivia_db(nasty_quiz(), encode))
    assert DECODERS[encode](document["results"][0]["question"]) == f"Who? {NASTY}"
    if encode == "html":  # as PHP's htmlspecialchars(ENT_QUOTES) writes it
        assert "&#039;s&#039; &lt;i&gt;&amp;amp;" in document["results"][0]["question"]
    else:
        assert re.fullmatch(r"[A-Za-z0-9%+/=._~-]*", document["results"][0]["question"])


# --- Anki ---------------------------------------------------------------------------------------


def test_anki_header_and_rows(dataset: Dataset) -> None:
    text = exports.anki(made(dataset), dataset.film.title, dataset.film.year)
    lines = text.splitlines()
    assert lines[:6] == [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:The Cranes Are Flying (1957)",
        "#guid column:1",
        "#tags column:4",
    ]
    rows = [line.split("\t") for line in lines[6:]]
    assert len(rows) == 10
    assert all(len(row) == 4 for row in rows)
    for row, question in zip(rows, made(dataset).questions, strict=True):
        assert row[0] == exports.guid("The Cranes Are Flying (1957)", question)
        assert html.unescape(row[1]).startswith(question.prompt)
        assert row[3].split() == ["cranes", question.topic, question.difficulty]


def test_anki_guid_is_stable_per_film_and_question(dataset: Dataset) -> None:
    question = made(dataset).questions[0]
    (again,) = quiz.make_quiz(dataset, seed=99, only_ids=[question.id]).questions
    film = exports.film_key(dataset.film.title, dataset.film.year)
    assert exports.guid(film, question) == exports.guid(film, again)
    assert exports.guid(film, question) != exports.guid(
        exports.film_key("The Lighthouse Keepers", 1957), question
    )
    assert exports.guid(film, question) != exports.guid(film, made(dataset).questions[1])


def test_anki_fields_cannot_split_a_row() -> None:
    lines = exports.anki(nasty_quiz(), "T", 2000).splitlines()
    assert len(lines) == 6 + 2
    assert all(line.count("\t") == 3 for line in lines[6:])
    assert not any(char in '\x1b\u2028"' for char in "".join(lines))


# --- GIFT ---------------------------------------------------------------------------------------


def unescaped_gift_specials(text: str) -> list[str]:
    """GIFT's special characters that no backslash escapes."""
    return re.findall(r"(?<!\\)(?:\\\\)*([~=#{}:])", text)


@given(st.text())
def test_gift_text_escapes_every_special_character(text: str) -> None:
    escaped = exports.gift_text(text)
    assert unescaped_gift_specials(escaped) == []
    assert "\n" not in escaped
    # Reading the escapes back gives the text (on one line).
    assert re.sub(r"\\(.)", r"\1", escaped) == exports.one_line(text)


def test_gift_questions(dataset: Dataset) -> None:
    text = exports.gift(made(dataset), dataset.film.title, dataset.film.year)
    blocks = [block for block in text.split("\n\n") if block.startswith("::")]
    assert len(blocks) == 10
    for block, question in zip(blocks, made(dataset).questions, strict=True):
        if question.is_true_false:
            assert ("{TRUE####" if question.answer == "True" else "{FALSE####") in block
            assert "True or false" not in block
        else:
            assert block.count("\n\t=") == 1
            assert block.count("\n\t~") == len(question.options) - 1
            assert f"\t={exports.gift_text(question.answer)}\n" in block


def test_gift_escapes_the_film_file() -> None:
    text = exports.gift(nasty_quiz(), "T", 2000)
    assert "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h" in text
    assert "\x1b" not in text
    # The only unescaped specials are GIFT's own markup.
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    assert "".join(unescaped_gift_specials(body)) == "::::{=~~~####}::::{####}"


# --- Quizlet and CSV ----------------------------------------------------------------------------


def test_quizlet_one_term_and_definition_a_line(dataset: Dataset) -> None:
    lines = exports.quizlet(made(dataset), dataset.film.title, dataset.film.year).splitlines()
    assert len(lines) == 10
    for line, question in zip(lines, made(dataset).questions, strict=True):
        term, definition = line.split("\t")
        assert term.startswith(question.prompt)
        assert definition.startswith(question.answer)
    nasty = exports.quizlet(nasty_quiz(), "T", 2000).splitlines()
    assert len(nasty) == 2
    assert all(line.count("\t") == 1 for line in nasty)


def test_csv_is_rfc_4180_with_a_header(dataset: Dataset) -> None:
    text = exports.csv_text(made(dataset), dataset.film.title, dataset.film.year)
    assert text.endswith("\r\n")
    assert text.count("\r\n") == 11 and text.count("\n") == 11
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(exports.CSV_COLUMNS)
    for row, question in zip(rows, made(dataset).questions, strict=True):
        assert row["id"] == question.id
        assert row["question"] == question.prompt
        assert row[f"option_{row['answer_letter']}"] == question.answer == row["answer"]
        assert row["explanation"] == question.explanation


def test_csv_quotes_hostile_text() -> None:
    text = exports.csv_text(nasty_quiz(), "T", 2000)
    assert text.count("\r\n") == 3
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1][5] == exports.one_line(f"Who? {NASTY}")
    assert "\x1b" not in text


def test_markdown_export_is_the_handout(dataset: Dataset) -> None:
    quiz_ = made(dataset)
    assert exports.export(quiz_, "markdown", "T", 1957) == quiz_views.handout(quiz_, "T")


# --- Each consumer's own markup ------------------------------------------------------------------

# Text from a film file written in the markup of the programs that read the exports: Anki's
# media, speech, LaTeX, MathJax and cloze; HTML that runs script; GIFT's format markers; what a
# spreadsheet reads as a formula.
CONSUMER_MARKUP = [
    "[sound:evil.mp3]",
    "[anki:tts lang=en_US]spoken[/anki:tts]",
    "[latex]\\input{/etc/passwd}[/latex]",
    "[$]x^2[/$]",
    "[$$]y[/$$]",
    "{{c1::hidden}}",
    "{{c2::a::hint}}",
    "\\(x\\)",
    "\\[y\\]",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[html]<b>bold</b>",
    "[plain]",
    "[markdown]*x*",
    "[moodle]",
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "&amp;",
]
consumer_text = st.one_of(
    st.sampled_from(CONSUMER_MARKUP),
    st.lists(st.one_of(st.sampled_from(CONSUMER_MARKUP), st.text(max_size=8)), min_size=1, max_size=4).map(
        "".join
    ),
)


def quiz_of(text: str) -> quiz.Quiz:
    """A multiple-choice and a true/false question with ``text`` in every field from the film."""
    options = (text, f"W1 {text}", f"{text} W2", "W3")
    multiple = quiz.Question("x:1", "cast", "easy", text, text, options, text)
    true_false = quiz.Question(
        "x:2", "facts", "hard", f"True or false: {text}", "True", quiz.TRUE_FALSE, text
    )
    return quiz.Quiz(7, (multiple, true_false))


ANKI_LIVE = re.compile(r"\[sound:|\[anki:tts|\[latex\]|\[\$\$?\]|\{\{c\d+::|\\[(\[]", re.IGNORECASE)
MATHJAX = re.compile(r"\\[(\[]")


def anki_fields(text: str) -> list[str]:
    return [field for line in text.splitlines()[6:] for field in line.split("\t")[1:3]]


@given(consumer_text)
def test_anki_markup_from_the_film_is_never_live(text: str) -> None:
    fields = anki_fields(exports.anki(quiz_of(text), "T", 2000))
    for field in fields:
        # What Anki matches (on the field's HTML) and what MathJax matches (on the page's text,
        # an element ending the text it searches).
        assert not ANKI_LIVE.search(field)
        assert not any(MATHJAX.search(html.unescape(part)) for part in re.split(r"<[^>]*>", field))
        assert not re.search(r"<(?!/?(b|br|span)>)", field), field
    # Anki shows the text as it is.
    shown = html.unescape(re.sub(r"<[^>]*>", "", fields[0].split("<br>")[0]))
    assert shown == exports.one_line(text)


def gift_read(text: str) -> list[str]:
    """The texts Moodle's GIFT import reads in a question line (after the title): GIFT's
    escapes undone."""
    return [re.sub(r"\\(.)", r"\1", part) for part in re.split(r"(?<!\\)(?:\{|\}|####|\t[=~])", text)]


@given(consumer_text)
def test_gift_declares_html_and_no_text_brings_markup_or_a_format(text: str) -> None:
    exported = exports.gift(quiz_of(text), "T", 2000)
    questions = [line for line in exported.splitlines() if line.startswith("::")]
    assert len(questions) == 2
    for line in questions:
        body = line.split("::", 2)[2]
        assert body.startswith("[html]")
        read = gift_read(body.removeprefix("[html]"))
        assert all("<" not in part and not part.strip().startswith("[") for part in read)
    # Moodle shows the question as it is.
    prompt = gift_read(questions[0].split("::", 2)[2].removeprefix("[html]"))[0]
    assert html.unescape(prompt) == exports.one_line(text)
    assert unescaped_gift_specials("\n".join(questions).replace("[html]", "")).count("{") == 2


@given(consumer_text)
def test_csv_never_starts_a_cell_with_a_formula(text: str) -> None:
    rows = list(csv.reader(io.StringIO(exports.csv_text(quiz_of(text), "T", 2000), newline="")))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
        cells = [row[5], row[10], row[12]] if row[4] == "multiple" else [row[12]]
        for cell in cells:
            assert cell.removeprefix("'") == exports.one_line(text) or cell == exports.one_line(text)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_prefixes_a_formula_with_an_apostrophe(start: str) -> None:
    # A tab or CR never starts a cell (a text is on one line, its ends stripped): = + - @ do.
    expected = "HYPERLINK(1)" if start in "\t\r" else f"'{start}HYPERLINK(1)"
    assert exports.csv_cell(f"{start}HYPERLINK(1)") == expected
    assert exports.csv_cell(f"{start}=1+1") == "'=1+1" if start in "\t\r" else f"'{start}=1+1"
    formula = f'=HYPERLINK("http://evil.example","{start}")'
    row = list(csv.reader(io.StringIO(exports.csv_text(quiz_of(formula), "T", 2000), newline="")))[1]
    assert row[5] == "'" + exports.one_line(formula)
    assert exports.csv_cell("1+1") == "1+1"
