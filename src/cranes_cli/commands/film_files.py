"""The commands about film files themselves: validate and schema."""

from __future__ import annotations

from cranes_cli.commands.base import emit, payloads
from cranes_cli.errors import ExitCode

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from cranes_cli.environment import Environment


def validate(env: Environment, paths: tuple[str, ...] = (), json_: bool = False) -> int:
    """Check film files (by default the one in use); exit 1 if any has a problem."""
    from cranes_cli.film import load, reading

    files = paths or (env.data or reading.bundled_path(),)
    reports = [(path, load.problems_in(path)) for path in files]
    if json_:
        emit(env, payloads.validate(reports))
    else:
        from cranes_cli.render import lines

        env.stdout.write(lines.validate(reports))
    return ExitCode.FAILURE if any(problems for _, problems in reports) else ExitCode.OK


def schema(env: Environment) -> None:
    from cranes_cli.film.schema import dumps

    env.stdout.write_bytes(dumps().encode("utf-8"))
