"""A made quiz in the formats other tools import: Anki, Moodle (GIFT), Quizlet, Open Trivia
DB, CSV, and the Markdown handout.

Pure functions of a quiz and the film's identity: the same seed gives the same bytes. Each
format escapes text from the film file for its own reader, markup of the reader's own
included: HTML and Anki's field markup (``[sound:…]``, ``[latex]``, ``{{c1::…}}``, MathJax's
``\\(``) for Anki; GIFT's backslashes in an explicit ``[html]`` text for Moodle; HTML entities
for Open Trivia DB; RFC 4180 quoting, and a ``'`` before anything a spreadsheet would read as
a formula, for CSV. No format lets a tab, a line break or a control character from the file
split or forge a record. (docs/study.md says what each format escapes.)
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import re
from collections.abc import Callable
from urllib.parse import quote

from cranes_cli.core.choices import ENCODINGS, EXPORT_FORMATS
from cranes_cli.core.quiz import Question, Quiz
from cranes_cli.core.quiz.question import TRUE_OR_FALSE
from cranes_cli.render.quiz_views import BREAKS, LETTERS, handout, open_trivia, option_lines, told
from cranes_cli.unsafe import for_json

__all__ = ["ENCODINGS", "EXPORT_FORMATS", "export", "film_key", "guid"]

# Open Trivia DB's own six keys of a question, in its order (quiz --json adds ours after them).
OPEN_TRIVIA_KEYS = ("category", "type", "difficulty", "question", "correct_answer", "incorrect_answers")


def one_line(text: str) -> str:
    """Line breaks, tabs and every other control or separator character: one space in a field."""
    return re.sub(BREAKS, " ", text).strip()


def film_key(title: str, year: int) -> str:
    """What tells two films apart in an export: the title and the year."""
    return f"{one_line(title)} ({year})"


def guid(film: str, question: Question) -> str:
    """Anki's note id for a question: the same for the same film and question id in every
    export, so a newer export updates the cards already imported instead of adding more."""
    digest = hashlib.sha256(f"cranes\0{film}\0{question.id}".encode()).hexdigest()
    return f"cranes-{digest[:20]}"


# --- Anki -------------------------------------------------------------------------------


# Anki reads markup of its own in a field's HTML: [sound:…], [anki:tts]…[/anki:tts],
# [latex]…, [$]…, [$$]…, {{c1::…}} (in a cloze note), and MathJax reads \(…\) and \[…\] in the
# card. Brackets and braces become character references, which Anki shows but never parses;
# a backslash is followed by an empty element, which ends the text MathJax searches.
_ANKI_MARKUP = {"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;", "\\": "&#92;<span></span>"}
_ANKI_SPECIAL = re.compile(r"[\[\]{}\\]")


def _anki_field(text: str) -> str:
    escaped = html.escape(one_line(text), quote=True)
    return _ANKI_SPECIAL.sub(lambda match: _ANKI_MARKUP[match.group()], escaped)


def _tag(text: str) -> str:
    """An Anki tag: no spaces (they separate tags), nothing but letters, digits and - _ :."""
    return re.sub(r"[^\w:-]+", "_", text).strip("_") or "_"


def anki(quiz: Quiz, film_title: str, year: int) -> str:
    """Anki's text import (File > Import): tab-separated, HTML fields, with the header lines
    Anki reads for the separator, note type, deck, tags column and GUID column."""
    film = film_key(film_title, year)
    lines = [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        f"#deck:{film.replace(':', '-')}",  # '::' would make a subdeck
        "#guid column:1",
        "#tags column:4",
    ]
    for question in quiz.questions:
        front = "<br>".join(
            [_anki_field(question.prompt)]
            + ([] if question.is_true_false else [_anki_field(line) for line in option_lines(question)])
        )
        back = f"<b>{_anki_field(question.answer)}</b><br>{_anki_field(told(question))}"
        tags = " ".join(["cranes", _tag(question.topic), _tag(question.difficulty)])
        lines.append("\t".join([guid(film, question), front, back, tags]))
    return "\n".join(lines) + "\n"


# --- GIFT (Moodle) --------------------------------------------------------------------------

_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")
# Every question's text is declared HTML (GIFT's [html] marker), and answers and feedback
# follow the question's format: each text is HTML-escaped, and a "[" is written as &#91; so
# that no text from the film can begin with a format marker of its own ([html], [plain]...).
GIFT_FORMAT = "[html]"


def gift_html(text: str) -> str:
    """Text for a GIFT question in the [html] format: one line, HTML-escaped (``< > &``, and
    ``[`` as ``&#91;``), then GIFT-escaped (:func:`gift_text`)."""
    return gift_text(html.escape(one_line(text), quote=False).replace("[", "&#91;"))


def gift_text(text: str) -> str:
    """Text for GIFT: one line, GIFT's special characters ``~ = # { } :`` and the backslash
    escaped with a backslash, as Moodle's own GIFT export writes them."""
    return _GIFT_SPECIAL.sub(r"\\\1", one_line(text))


def gift(quiz: Quiz, film_title: str, year: int) -> str:
    """Moodle's GIFT: ``::title::[html]question{=right ~wrong}`` or ``{TRUE}``/``{FALSE}``,
    with the explanation as general feedback (``####``). The title is plain text to Moodle;
    the question, answers and feedback are HTML (:func:`gift_html`)."""
    lines = [f"// {one_line(film_key(film_title, year))}: quiz, seed {quiz.seed}", ""]
    for number, question in enumerate(quiz.questions, start=1):
        title = gift_text(f"{number}. {question.id}")
        feedback = f"####{gift_html(told(question))}"
        if question.is_true_false:
            statement = question.prompt.removeprefix(TRUE_OR_FALSE)
            answer = "TRUE" if question.answer == "True" else "FALSE"
            lines.append(f"::{title}::{GIFT_FORMAT}{gift_html(statement)}{{{answer}{feedback}}}")
        else:
            lines.append(f"::{title}::{GIFT_FORMAT}{gift_html(question.prompt)}{{")
            for option in question.options:
                mark = "=" if option == question.answer else "~"
                lines.append(f"\t{mark}{gift_html(option)}")
            lines.append(f"\t{feedback}")
            lines.append("}")
        lines.append("")
    return "\n".join(lines)


# --- Quizlet ------------------------------------------------------------------------------


def quizlet(quiz: Quiz, film_title: str, year: int) -> str:
    """Quizlet's import: one ``term<TAB>definition`` line per question (the question with its
    options; the answer and why)."""
    lines = []
    for question in quiz.questions:
        term = one_line(question.prompt)
        if not question.is_true_false:
            term += " " + " ".join(one_line(line) for line in option_lines(question))
        lines.append(f"{term}\t{one_line(question.answer)}: {one_line(told(question))}")
    return "\n".join(lines) + "\n"


# --- Open Trivia DB -----------------------------------------------------------------------


def _html(text: str) -> str:
    # PHP's htmlspecialchars with ENT_QUOTES, as Open Trivia DB's default encoding writes.
    return html.escape(text, quote=True).replace("&#x27;", "&#039;")


def _url3986(text: str) -> str:
    return quote(text, safe="")


def _base64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


ENCODERS: dict[str, Callable[[str], str]] = {"html": _html, "url3986": _url3986, "base64": _base64}


def open_trivia_db(quiz: Quiz, encode: str = "html") -> str:
    """Strictly Open Trivia DB's response: ``response_code`` and ``results``, each result with
    its six keys, every text encoded as the API's ``encode`` parameter would (``html``: HTML
    entities, its default; ``url3986``: percent-encoding; ``base64``)."""
    encoder = ENCODERS[encode]

    def encoded(value: str | list[str]) -> str | list[str]:
        return encoder(value) if isinstance(value, str) else [encoder(item) for item in value]

    ours = open_trivia(quiz)["results"]
    results = [{key: encoded(result[key]) for key in OPEN_TRIVIA_KEYS} for result in ours]
    document = {"response_code": 0, "results": results}
    return for_json(json.dumps(document, ensure_ascii=False, separators=(",", ":"))) + "\n"


# --- CSV ------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "number",
    "id",
    "topic",
    "difficulty",
    "type",
    "question",
    *(f"option_{letter}" for letter in LETTERS[:4]),
    "answer",
    "answer_letter",
    "explanation",
)


# What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A text cell: on one line, and with a ``'`` before it if it starts like a formula, as
    OWASP recommends (LibreOffice and Excel then show it as text)."""
    cell = one_line(text)
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_text(quiz: Quiz, film_title: str, year: int) -> str:
    """RFC 4180: a header row, CRLF line ends, a field with a comma or a quote quoted; texts
    on one line (a record is one line, for line-oriented tools too), none read as a formula
    (:func:`csv_cell`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for number, question in enumerate(quiz.questions, start=1):
        options = [*question.options, "", "", "", ""][:4]
        writer.writerow(
            [
                number,
                csv_cell(question.id),
                question.topic,
                question.difficulty,
                "boolean" if question.is_true_false else "multiple",
                csv_cell(question.prompt),
                *(csv_cell(option) for option in options),
                csv_cell(question.answer),
                LETTERS[question.options.index(question.answer)],
                csv_cell(question.explanation),
            ]
        )
    return out.getvalue()


def export(quiz: Quiz, format_: str, film_title: str, year: int, encode: str | None = None) -> str:
    """The quiz in one of ``EXPORT_FORMATS``; ``encode`` only for ``opentdb``."""
    if format_ == "opentdb":
        return open_trivia_db(quiz, encode or "html")
    if format_ == "markdown":
        return handout(quiz, film_title)
    writers: dict[str, Callable[[Quiz, str, int], str]] = {
        "anki": anki,
        "gift": gift,
        "quizlet": quizlet,
        "csv": csv_text,
    }
    return writers[format_](quiz, film_title, year)
