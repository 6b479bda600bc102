"""The ``cranes`` entry point: make the run's ``Environment``, then answer shell completion
(``cli.completion``), run a plainly valid invocation straight away (``cli.route``), or hand
the rest to the Typer app (``cli.app``), all three read from ``cli.spec``.

Ctrl-C is reported here and nowhere else (the quiz's own, which shows the score so far, aside):
one line and status 130, not a traceback, at any point of the run. Imports happen inside
:func:`main`, so that this holds during start-up too.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> None:
    """The console script: ``cranes``."""
    # A run is short and makes few reference cycles, but loading the film allocates enough to
    # start a dozen collections on the way (2-3 ms); mypy raises the threshold for the same reason.
    gc.set_threshold(100_000)
    try:
        _main(list(sys.argv[1:] if argv is None else argv))
    except BaseException as problem:
        if not _is_ctrl_c(problem):
            raise
        if sys.stderr is not None:
            try:
                sys.stderr.write("cranes: interrupted\n")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
        sys.exit(INTERRUPTED)


def _is_ctrl_c(problem: BaseException) -> bool:
    """KeyboardInterrupt, or errors.Interrupted, as the Typer app carries it here. (Looked up
    among the imported modules: Ctrl-C may have cut the import of cranes_cli.errors short, and
    then no Interrupted can have been raised.)"""
    errors = sys.modules.get("cranes_cli.errors")
    interrupted = getattr(errors, "Interrupted", KeyboardInterrupt)
    return isinstance(problem, (KeyboardInterrupt, interrupted))


def _main(args: list[str]) -> None:
    from cranes_cli.errors import ExitCode, OutputClosed, WriteFailed

    if sys.stdout is None:  # started with stdout closed (cranes cast >&-): nowhere to put data
        from cranes_cli.environment import error

        error("standard output is closed; nothing can be printed")
        sys.exit(ExitCode.FAILURE)
    from cranes_cli.environment import Environment

    env = Environment.from_process()
    previous, sys.stdout = sys.stdout, env.stdout  # the one writer, for Typer's help too
    previous_stderr = sys.stderr
    try:
        if "_CRANES_COMPLETE" in env.environ:
            from cranes_cli.cli.completion import answer

            completed = answer(env)
            if completed is not None:
                env.stdout.write(completed[0])
                sys.exit(completed[1])
        asked = _help_asked(args)
        if asked is not None:  # as git and gh: cranes help [COMMAND]
            from cranes_cli.cli.app import show_help
            from cranes_cli.commands.base import run

            sys.exit(run(env, lambda: show_help(env, asked)))
        from cranes_cli.cli.route import fast_route

        body = None if any(name.endswith("_COMPLETE") for name in env.environ) else fast_route(args)
        if body is not None:
            from cranes_cli.commands.base import run

            sys.exit(run(env, lambda: body(env)))
        from cranes_cli.cli.app import app
        from cranes_cli.render.escape import EscapingWriter

        if sys.stderr is not None:  # the parser's usage errors quote what was typed
            sys.stderr = EscapingWriter(sys.stderr)
        app(args=args, prog_name="cranes", obj=env)
    except OutputClosed:
        sys.exit(ExitCode.OK)
    except WriteFailed as problem:
        env.error(problem.message)
        sys.exit(ExitCode.FAILURE)
    finally:
        sys.stdout, sys.stderr = previous, previous_stderr


def _help_asked(args: list[str]) -> tuple[str, ...] | None:
    """For ``cranes [--data F] help [COMMAND]``, the command whose help is asked (none: the
    program's); None for any other command line. Options after ``help`` change nothing, and
    ``help help`` (or ``help --help``) is the program's help."""
    rest = args
    while rest[:1] == ["--data"] or (rest and rest[0].startswith("--data=")):
        rest = rest[2:] if rest[0] == "--data" else rest[1:]
    if rest[:1] != ["help"]:
        return None
    words = [word for word in rest[1:] if not word.startswith("-")]
    return tuple(word for word in words[:1] if word != "help")
