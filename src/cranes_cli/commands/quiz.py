"""The quiz commands: quiz (make, print, export or play a quiz, with the history's plans) and
stats (what the history says). The machinery is below: ``history.quizzes`` plans from and
records into the history, ``commands.quiz_play`` is the play loop."""

from __future__ import annotations

from cranes_cli.commands.base import MAX_SEED, draw, emit, spoilers, whole_film
from cranes_cli.errors import UsageProblem

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from cranes_cli.environment import Environment


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
    from cranes_cli.core.quiz import make_quiz
    from cranes_cli.film.identity import film_id
    from cranes_cli.history import quizzes
    from cranes_cli.render import quiz_views

    export = "markdown" if handout else export
    if seed is not None and not 0 <= seed <= MAX_SEED:
        raise UsageProblem(f"--seed must be from 0 to {MAX_SEED} (2**53 - 1), not {seed}")
    if again and seed is None:
        raise UsageProblem(
            "--again needs a --seed: it replays the quiz of that seed (cranes quiz --seed N --again)"
        )
    if encode is not None and export != "opentdb":
        raise UsageProblem("--encode is for --export opentdb only")
    whole = whole_film(env)  # the engine applies the guard itself and must see what it hides
    limit, film = env.guard, film_id(whole.film.title, whole.film.year)
    if limit is not None:
        spoilers.check_act(whole, limit)  # before the history is opened, let alone written
    playing = not (export or json_)
    record = quizzes.open_history(env, film) if playing or missed or due or again else None
    try:
        if due and json_:
            emit(env, quizzes.due_questions(record, whole, limit, film))
            return None
        plan = quizzes.plan(
            env, record, film, whole, limit, seed, missed=missed, due=due, again=again, playing=playing
        )
        made = make_quiz(
            whole,
            seed=plan.seed,
            count=count,
            difficulties=difficulty,
            topics=topic,
            up_to_act=limit,
            only_ids=plan.only_ids,
            prefer=plan.prefer,
        )
        if playing:
            from cranes_cli.commands import quiz_play

            again = plan.prefer is not None
            replay = quizzes.replay_command(made, difficulty, topic, env.up_to_act_option, missed, due, again)
            hooks = quizzes.play_hooks(env, record, film, made, plan, missed)
            return quiz_play.play(env, made, replay, *hooks)
    finally:
        if record is not None:
            record.connection.close()
    if json_:
        emit(env, quiz_views.open_trivia(made))
    else:
        from cranes_cli.render import exports

        text = exports.export(made, export or "markdown", whole.film.title, whole.film.year, encode)
        env.stdout.write_bytes(text.encode("utf-8"))
    return None


def stats(env: Environment, json_: bool = False) -> None:
    """What the quiz history says of this film's quizzes. Under the spoiler guard the
    questions missed most are only those a quiz with the same guard could ask."""
    from cranes_cli.history import quizzes
    from cranes_cli.render import stats_views

    dataset = whole_film(env)
    found = quizzes.stats(env, dataset)
    if json_:
        return emit(env, stats_views.payload(found))
    draw(env, stats_views.view(found, env.width))
