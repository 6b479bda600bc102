"""The commands of what people remember: ``quotes`` (lines, in Russian with our English) and
``scenes`` (the remembered sequences and how they were shot), both under the spoiler guard."""

from __future__ import annotations

from cranes_cli.commands.base import guarded, hidden_hint, load_section, lookup, notes, show, whole_film
from cranes_cli.errors import NotFound, UsageProblem

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from rich.console import RenderableType

    from cranes_cli.environment import Environment


def quotes(env: Environment, act: int | None = None, cite: bool = False, json_: bool = False) -> None:
    from cranes_cli.core import scenes as found
    from cranes_cli.render import scene_payloads

    whole = whole_film(env)  # the act numbers an --act may name are the whole film's
    lookup.require(whole.quotes, "quotes")
    limit = env.guard
    if act is not None and limit is not None and limit < act <= len(whole.acts):
        raise UsageProblem(f"act {act} comes after the spoiler guard: acts 1 to {limit} can be shown")
    dataset = guarded(env, whole)
    lines = found.quote_lines(dataset, act, total_acts=len(whole.acts))
    if not lines:
        where = f" in act {act}" if act is not None else ""
        raise hidden_hint(env, NotFound(f"this film file has no quotes{where}"))

    def view() -> RenderableType:
        from cranes_cli.render import scene_views

        return scene_views.quotes(lines, notes(dataset, cite), dataset.film.play)

    show(env, json_, lambda: scene_payloads.quotes(lines), view, dataset)


def scenes(env: Environment, words: tuple[str, ...] = (), cite: bool = False, json_: bool = False) -> None:
    from cranes_cli.core import scenes as found
    from cranes_cli.render import scene_payloads

    dataset = load_section(env, "scenes", lambda film: film.scenes)
    if not dataset.scenes:
        raise hidden_hint(env, NotFound("this film file has no scenes"))
    lines = found.scene_lines(dataset)
    if words:
        try:
            lines = [found.find_scene(lines, " ".join(words))]
        except NotFound as problem:
            raise hidden_hint(env, problem) from None

    def view() -> RenderableType:
        from cranes_cli.render import scene_views

        if words:
            return scene_views.scene(lines[0], notes(dataset, cite), dataset.film.play)
        return scene_views.scenes(lines, notes(dataset, cite), dataset.film.play)

    show(env, json_, lambda: scene_payloads.scenes(lines), view, dataset)
