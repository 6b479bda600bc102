"""What completion offers from outside the command spec, and the shells' own scripts: below
``app``, ``route`` and ``completion``, which all use it, and importing none of them.

- :func:`from_file`: act numbers, scene ids and names from the film file in use.
- :func:`serve_script`: ``--show-completion SHELL`` and ``--install-completion SHELL``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from cranes_cli.environment import Environment

VARIABLE = "_CRANES_COMPLETE"  # the environment variable a shell's script sets to ask


def from_file(completer: str, incomplete: str, env: Environment) -> list[tuple[str, str]]:
    """Act numbers, scene ids or names from the film file in use that start with what was typed, within
    the spoiler guard (``--up-to-act`` as typed, else $CRANES_UP_TO_ACT); a file that cannot be
    read offers nothing."""
    from cranes_cli.core import completion
    from cranes_cli.errors import CranesError
    from cranes_cli.film.reading import read_document

    try:
        document = read_document(env.data)
        guard = env.guard
    except (CranesError, OSError, ValueError):
        return []
    if completer == "acts":
        return completion.acts(document, incomplete, guard)
    if completer == "scenes":
        return completion.scenes(document, incomplete, guard)
    return completion.names(document, incomplete, guard)


SCRIPT_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def serve_script(env: Environment, action: str, shell: str) -> int:
    """``--show-completion SHELL`` prints the completion script of the shell named;
    ``--install-completion SHELL`` installs it where that shell reads it (Typer's scripts and
    places), whichever shell cranes runs in, and says where. Any other shell is a usage error."""
    from cranes_cli.core.text import shown
    from cranes_cli.errors import CranesError, UsageProblem

    if shell not in SCRIPT_SHELLS:
        names = ", ".join(SCRIPT_SHELLS[:-1]) + " or " + SCRIPT_SHELLS[-1]
        raise UsageProblem(f"--{action}-completion takes a shell: {names}, not {shown(shell)}")
    from typer._completion_shared import get_completion_script, install

    from cranes_cli.unsafe import escape

    if action == "show":
        env.stdout.write(get_completion_script(prog_name="cranes", complete_var=VARIABLE, shell=shell) + "\n")
        return 0
    try:
        _, path = install(shell=shell, prog_name="cranes", complete_var=VARIABLE)
    except OSError as problem:
        raise CranesError(f"cannot install {shell} completion: {problem.strerror or problem}") from None
    env.stdout.write(f"{shell} completion installed in {escape(str(path))}\n")
    env.stdout.write("Completion will take effect once you restart the terminal\n")
    return 0
