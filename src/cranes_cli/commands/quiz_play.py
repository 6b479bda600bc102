"""Playing a quiz: one question at a time on a terminal (Rich) or one answer per line from a
pipe (plain text). Ctrl-C or the end of input stops early with the score so far.

A reply from a pipe is read in bounded pieces and decoded leniently: a line longer than
``MAX_REPLY`` characters (``cranes quiz < /dev/zero``) ends the quiz with a message rather than
filling memory, and bytes that are not text in the stream's encoding cannot crash it."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO, cast

from cranes_cli.core.quiz import Question, Quiz
from cranes_cli.core.quiz.judge import MAX_REPLY, Verdict, judge
from cranes_cli.core.quiz.session import Session
from cranes_cli.errors import ExitCode
from cranes_cli.render import quiz_views, terminal

if TYPE_CHECKING:
    from cranes_cli.environment import Environment

REASK = "Answer with a letter, a number or the option's text."


class ReplyTooLong(Exception):
    """A line of input longer than any reply can be."""


class _Terminal:
    """Rich screens; replies typed at a prompt."""

    def __init__(self, env: Environment) -> None:
        self.console = terminal.console(env)
        # Rich reads the process's own stdin with input(), which keeps line editing; any other
        # stream it reads line by line.
        self.stream = None if env.stdin is sys.stdin else cast("TextIO | None", env.stdin)

    def ask(self, question: Question, number: int, total: int, score: int) -> None:
        self.console.print(quiz_views.rich_question(question, number, total, score))

    def read(self) -> str | None:
        try:
            return self.console.input("Your answer: ", stream=self.stream)
        except EOFError:
            return None

    def reask(self) -> None:
        self.console.print(REASK, style="yellow")

    def verdict(self, question: Question, verdict: Verdict) -> None:
        self.console.print(quiz_views.rich_verdict(question, verdict))
        self.console.print()

    def summary(self, session: Session, replay: str) -> None:
        self.console.print(quiz_views.rich_summary(session, replay))


class _Pipe:
    """Plain text out; one reply per line in."""

    def __init__(self, env: Environment) -> None:
        self.env = env

    def _write(self, text: str) -> None:
        self.env.stdout.write(text)

    def ask(self, question: Question, number: int, total: int, score: int) -> None:
        self._write(quiz_views.plain_question(question, number, total, score))

    def read(self) -> str | None:
        stream = self.env.stdin
        if stream is None:
            return None
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            line = stream.readline(MAX_REPLY + 2)
        else:
            # Up to four bytes a character in UTF-8; the limit is checked again after decoding.
            raw = buffer.readline(4 * MAX_REPLY + 2)
            line = raw.decode(getattr(stream, "encoding", None) or "utf-8", errors="replace")
        if not line:
            return None
        if len(line.rstrip("\r\n")) > MAX_REPLY or (not line.endswith("\n") and len(line) > MAX_REPLY):
            raise ReplyTooLong
        return line

    def reask(self) -> None:
        self._write(REASK + "\n")

    def verdict(self, question: Question, verdict: Verdict) -> None:
        self._write(quiz_views.plain_verdict(question, verdict))

    def summary(self, session: Session, replay: str) -> None:
        self._write(quiz_views.plain_summary(session, replay))


def play(
    env: Environment,
    quiz: Quiz,
    replay: str,
    on_finish: Callable[[Session], None],
    on_answer: Callable[[Question, Verdict, float], None] | None = None,
) -> int:
    """Ask every question; return the exit status: 0 done, or input ended after an answer;
    1 input ended before the first answer, or a reply too long; 130 Ctrl-C.
    ``on_answer`` is told each answer as it is given, with the seconds it took."""
    screen = _Terminal(env) if env.stdin_is_terminal and env.stdout_is_terminal else _Pipe(env)
    session = Session(quiz)
    status: int = ExitCode.OK
    try:
        for number, question in enumerate(quiz.questions, start=1):
            screen.ask(question, number, len(quiz.questions), session.score)
            asked = time.monotonic()
            verdict = None
            while verdict is None:
                reply = screen.read()
                if reply is None:
                    raise EOFError
                verdict = judge(question, reply)
                if verdict is None:
                    screen.reask()
            session.answered.append((question, verdict.correct))
            if on_answer is not None:
                on_answer(question, verdict, time.monotonic() - asked)
            screen.verdict(question, verdict)
    except EOFError:
        if not session.answered:
            env.error("input ended before the first answer")
            return ExitCode.FAILURE
    except ReplyTooLong:
        env.error(f"a reply longer than {MAX_REPLY} characters: stopping the quiz")
        status = ExitCode.FAILURE
    except KeyboardInterrupt:
        env.stdout.write("\n")
        if not session.answered:
            env.error("interrupted before the first answer")
        status = ExitCode.INTERRUPTED
    if session.answered:
        screen.summary(session, replay)
        on_finish(session)
    return status
