"""How a quiz looks: plain text for pipes, Rich on a terminal, Markdown for a handout, and
Open Trivia DB JSON for other tools."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from cranes_cli.core.quiz import Question, Quiz

if TYPE_CHECKING:
    from cranes_cli.core.quiz.judge import Verdict
    from cranes_cli.core.quiz.session import Session

LETTERS = "abcdefghij"


def shown_reply(reply: str, limit: int = 40) -> str:
    """A player's own words, safe to echo: what a terminal would obey is written as a visible
    escape (``\\x1b``), and a long reply is cut short."""
    from cranes_cli.unsafe import escape

    cleaned = escape(reply.strip())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def option_lines(question: Question) -> list[str]:
    return [f"{LETTERS[index]}) {option}" for index, option in enumerate(question.options)]


def letter_of(question: Question, option: str) -> str:
    return LETTERS[question.options.index(option)]


# --- plain text -----------------------------------------------------------------------


def told(question: Question) -> str:
    """The explanation beside an answer already shown: without the explanation's own leading
    'True.' or 'False.' (kept in --json and the CSV, where the explanation stands alone)."""
    lead = f"{question.answer}. "
    if question.is_true_false and question.explanation.startswith(lead):
        return question.explanation[len(lead) :]
    return question.explanation


def plain_question(question: Question, number: int, total: int, score: int) -> str:
    header = f"Question {number} of {total} [{question.topic}, {question.difficulty}] (score so far: {score})"
    return "\n".join([header, question.prompt, *(f"  {line}" for line in option_lines(question))]) + "\n"


def stop(answer: str) -> str:
    """The answer as the end of a sentence: one full stop, not two ('... runs for Fyodor.')."""
    return answer if answer.endswith((".", "!", "?")) else f"{answer}."


def plain_verdict(question: Question, verdict: Verdict) -> str:
    lines = []
    if verdict.corrected_from is not None:
        took = shown_reply(verdict.corrected_from)
        lines.append(f"(took '{took}' as {letter_of(question, verdict.option)}) {verdict.option})")
    right = f"{letter_of(question, question.answer)}) {stop(question.answer)}"
    lines.append("Right!" if verdict.correct else f"Wrong: the answer is {right}")
    lines.append(told(question))
    return "\n".join(lines) + "\n\n"


def plain_summary(session: Session, replay: str) -> str:
    lines = [f"Score: {session.score} of {len(session.answered)} ({session.percent}%)"]
    if session.unanswered:
        lines[0] += f", {session.unanswered} not answered"
    if session.missed:
        lines.append("Missed:")
        for question in session.missed:
            lines.append(f"  - {question.prompt}")
            lines.append(f"    Answer: {stop(question.answer)} {told(question)}")
    lines.append(
        f"Seed {session.quiz.seed}; replay with: {replay}" if replay else f"Seed {session.quiz.seed}"
    )
    return "\n".join(lines) + "\n"


# --- Rich -------------------------------------------------------------------------------


def rich_question(question: Question, number: int, total: int, score: int) -> Any:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    body = Table.grid(padding=(0, 1))
    body.add_column(style="bold cyan", justify="right")
    body.add_column(ratio=1)
    body.add_row(Text(""), Text(question.prompt, style="bold"))
    body.add_row(Text(""), Text(""))
    for index, option in enumerate(question.options):
        body.add_row(Text(f"{LETTERS[index]})"), Text(option))
    title = Text(f"Question {number} of {total} · score {score}", style="bold")
    subtitle = Text(f"{question.topic} · {question.difficulty}", style="dim")
    return Panel(
        body, title=title, subtitle=subtitle, title_align="left", subtitle_align="right", padding=(1, 2)
    )


def rich_verdict(question: Question, verdict: Verdict) -> Any:
    from rich.text import Text

    text = Text()
    if verdict.corrected_from is not None:
        text.append(f"Took '{shown_reply(verdict.corrected_from)}' as: {verdict.option}\n", style="dim")
    if verdict.correct:
        text.append("Right! ", style="bold green")
    else:
        text.append("Wrong: ", style="bold red")
        text.append(f"the answer is {letter_of(question, question.answer)}) {stop(question.answer)} ")
    text.append(told(question), style="dim")
    return text


def rich_summary(session: Session, replay: str) -> Any:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    headline = Text(f"Score: {session.score} of {len(session.answered)} ({session.percent}%)", style="bold")
    if session.unanswered:
        headline.append(f", {session.unanswered} not answered", style="dim")
    parts: list[Any] = [headline]
    if session.missed:
        table = Table(title=Text("Missed questions"), title_justify="left", show_lines=True)
        table.add_column("Question", ratio=2)
        table.add_column("Answer", style="bold green", ratio=1)
        table.add_column("Why", style="dim", ratio=2)
        for question in session.missed:
            table.add_row(Text(question.prompt), Text(question.answer), Text(told(question)))
        parts.append(table)
    seed = f"Seed {session.quiz.seed}"
    parts.append(Text(f"{seed}; replay with: {replay}" if replay else seed, style="dim"))
    return Group(*parts)


# --- Markdown handout --------------------------------------------------------------------


def handout(quiz: Quiz, film_title: str) -> str:
    count = len(quiz.questions)
    lines = [
        f"# {md(film_title)}: quiz",
        "",
        f"{count} question{'' if count == 1 else 's'} (seed {quiz.seed}).",
        "",
    ]
    for number, question in enumerate(quiz.questions, start=1):
        lines.append(f"{number}. {md(question.prompt)}")
        lines.append("")
        lines.extend(f"    {md(line)}  " for line in option_lines(question))
        lines.append("")
    lines.extend(["## Answer key", ""])
    for number, question in enumerate(quiz.questions, start=1):
        right = f"{letter_of(question, question.answer)}) {question.answer}"
        lines.append(f"{number}. **{md(right)}**: {md(told(question))}")
    return "\n".join(lines) + "\n"


# Patterns, not compiled at import: only the handout uses them (re caches them on first use).
# Characters that start Markdown or HTML constructs anywhere in a line: emphasis, code,
# links and images, raw HTML and comments, entities, headings, tables, strikethrough.
_MARKDOWN = r"([\\`*_{}\[\]<>#|~&!])"
BREAKS = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+"
# Bare addresses that GitHub-flavoured Markdown would turn into links.
_AUTOLINK = r"(?i)(?<=\w):(?=//)|(?<=\bwww)\."


def md(text: str) -> str:
    """Text from the film file as one line of inert Markdown: line breaks and control
    characters become a space (so nothing can leave its list item), and every character
    Markdown or HTML would read as markup is backslash-escaped."""
    unbroken = re.sub(BREAKS, " ", text)
    return re.sub(_AUTOLINK, lambda match: "\\" + match.group(), re.sub(_MARKDOWN, r"\\\1", unbroken))


# --- Open Trivia DB JSON -----------------------------------------------------------------


def open_trivia(quiz: Quiz) -> dict[str, Any]:
    return {
        "response_code": 0,
        "seed": quiz.seed,
        "results": [
            {
                "category": "Entertainment: Film",
                "type": "boolean" if question.is_true_false else "multiple",
                "difficulty": question.difficulty,
                "question": question.prompt,
                "correct_answer": question.answer,
                "incorrect_answers": [option for option in question.options if option != question.answer],
                "id": question.id,
                "topic": question.topic,
                "act": question.act,
                "explanation": question.explanation,
            }
            for question in quiz.questions
        ],
    }
