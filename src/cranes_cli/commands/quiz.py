"""The quiz commands: quiz (make, print, export or play a quiz, with the history's plans) and
stats (what the history says). The machinery is below: ``history.quizzes`` plans from and
records into the history, ``commands.quiz_play`` is the play loop."""

from __future__ import annotations

from cranes_cli.commands.base import MAX_SEED, draw, emit, spoilers, whole_film
from cranes_cli.errors import UsageProblem

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from cranes_cli.core.quiz import Quiz
    from cranes_cli.environment import Environment
    from cranes_cli.film.model import Dataset
    from cranes_cli.history.database import History
    from cranes_cli.history.quizzes import Plan


def quiz(
    env: Environment,
    count: int | None = None,
    seed: int | None = None,
    difficulty: tuple[str, ...] = (),
    topic: tuple[str, ...] = (),
    missed: bool = False,
    due: bool = False,
    again: bool = False,
    handout: bool = False,
    export: str | None = None,
    encode: str | None = None,
    json_: bool = False,
) -> int | None:
    """Make a quiz; print it (--json, --export) or play it, keeping its answers in the history."""
    from cranes_cli.film.identity import film_id
    from cranes_cli.history import quizzes

    export = "markdown" if handout else export
    _check_options(seed, again, export, encode)
    whole = whole_film(env)  # the engine applies the guard itself and must see what it hides
    film = film_id(whole.film.title, whole.film.year)
    if env.guard is not None:
        spoilers.check_act(whole, env.guard)  # before the history is opened, let alone written
    playing = not (export or json_)
    if not (playing or missed or due or again):
        plan = quizzes.plan(
            None, film, whole, env.guard, seed, missed=False, due=False, again=False, playing=False
        )
        _print(env, whole, _make(env, whole, plan, count, difficulty, topic), export, encode)
        return None
    with quizzes.opened(env, film, write=playing, needed=missed or due) as record:
        if due and json_:
            emit(env, quizzes.due_questions(record, whole, env.guard, film))
            return None
        plan = quizzes.plan(
            record, film, whole, env.guard, seed, missed=missed, due=due, again=again, playing=playing
        )
        made = _make(env, whole, plan, count, difficulty, topic)
        if playing:
            return _play(env, record, film, made, plan, (difficulty, topic, missed, due))
    _print(env, whole, made, export, encode)
    return None


def _play(
    env: Environment,
    record: History | None,
    film: str,
    made: Quiz,
    plan: Plan,
    options: tuple[tuple[str, ...], tuple[str, ...], bool, bool],
) -> int:
    """Play the quiz, each answer recorded as it is given; the closing hint replays it."""
    from cranes_cli.commands import quiz_play
    from cranes_cli.history import quizzes

    difficulty, topic, missed, due = options
    again = plan.prefer is not None
    replay = quizzes.replay_command(made, difficulty, topic, env.up_to_act_option, missed, due, again)
    recorder = quizzes.Recorder(env, record, film, made, quizzes.run_kind(plan, missed))
    return quiz_play.play(env, made, replay, recorder.finish, recorder.answer)


def _check_options(seed: int | None, again: bool, export: str | None, encode: str | None) -> None:
    if seed is not None and not 0 <= seed <= MAX_SEED:
        raise UsageProblem(f"--seed must be from 0 to {MAX_SEED} (2**53 - 1), not {seed}")
    if again and seed is None:
        raise UsageProblem(
            "--again needs a --seed: it replays the quiz of that seed (cranes quiz --seed N --again)"
        )
    if encode is not None and export != "opentdb":
        raise UsageProblem("--encode is for --export opentdb only")


def _make(
    env: Environment,
    whole: Dataset,
    plan: Plan,
    count: int | None,
    difficulty: tuple[str, ...],
    topic: tuple[str, ...],
) -> Quiz:
    from cranes_cli.core.quiz import make_quiz

    return make_quiz(
        whole,
        seed=plan.seed,
        count=count,
        difficulties=difficulty,
        topics=topic,
        up_to_act=env.guard,
        only_ids=plan.only_ids,
        prefer=plan.prefer,
    )


def _print(env: Environment, whole: Dataset, made: Quiz, export: str | None, encode: str | None) -> None:
    """The quiz as --json (Open Trivia DB's shape) or in an --export format."""
    if export is None:
        from cranes_cli.render import quiz_views

        emit(env, quiz_views.open_trivia(made))
        return
    from cranes_cli.render import exports

    text = exports.export(made, export, whole.film.title, whole.film.year, encode)
    env.stdout.write_bytes(text.encode("utf-8"))


def stats(env: Environment, json_: bool = False) -> None:
    """What the quiz history says of this film's quizzes. Under the spoiler guard the
    questions missed most are only those a quiz with the same guard could ask."""
    from cranes_cli.history import quizzes
    from cranes_cli.render import stats_views

    found, path = quizzes.stats(env, whole_film(env))
    if json_:
        return emit(env, stats_views.payload(found, path))
    draw(env, stats_views.view(found, stats_views.home_relative(path, env.home), env.width))
