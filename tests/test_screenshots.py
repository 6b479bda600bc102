"""The README's screenshots show what the commands print today."""

from __future__ import annotations

import pytest

from .conftest import ROOT, load_script

SCRIPT = load_script("screenshots")


@pytest.mark.parametrize("name", sorted(SCRIPT.SHOTS))
def test_screenshot_shows_what_the_command_prints(name: str) -> None:
    """Compares the text, not the SVG bytes, so that another Rich version drawing the same
    screen the same way still passes. Run `python scripts/screenshots.py` after a change."""
    picture = (ROOT / "docs" / "screenshots" / f"{name}.svg").read_text(encoding="utf-8")
    printed = SCRIPT.capture(SCRIPT.SHOTS[name]).export_text(styles=False)
    assert SCRIPT.text_of_svg(picture) == [line.rstrip() for line in printed.rstrip().splitlines()]


def test_screenshots_are_in_colour_and_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, args in SCRIPT.SHOTS.items():
        picture = (ROOT / "docs" / "screenshots" / f"{name}.svg").read_text(encoding="utf-8")
        assert f"cranes {' '.join(args)}".replace(" ", "&#160;") in picture  # the window title
        assert "font-weight: bold" in picture
        assert f"](docs/screenshots/{name}.svg)" in readme


def test_a_changed_screen_would_be_caught() -> None:
    picture = (ROOT / "docs" / "screenshots" / "cast.svg").read_text(encoding="utf-8")
    altered = picture.replace("Samoilova", "Samoylova", 1)
    printed = SCRIPT.capture(SCRIPT.SHOTS["cast"]).export_text(styles=False)
    assert SCRIPT.text_of_svg(altered) != [line.rstrip() for line in printed.rstrip().splitlines()]


def test_relationship_picture_draws_every_character_and_relation_of_cranes_graph() -> None:
    """Compares what the picture says, not its coordinates (floating point may round a last
    digit differently elsewhere). Run `python scripts/graph_image.py` after a change."""
    import html
    import re

    script = load_script("graph_image")
    nodes, edges = script.parse(script.dot_text())
    assert len(edges) >= 14
    picture = (ROOT / "docs" / "relationships.svg").read_text(encoding="utf-8")
    texts = [html.unescape(text) for text in re.findall(r"<text [^>]*>([^<]*)</text>", picture)]
    expected = [label for _, _, label, _ in edges] + [label for _, label in nodes]
    legend = [text for text in texts if text.startswith("■ ")]
    assert sorted(text for text in texts if text not in legend) == sorted(expected)
    assert len(re.findall(r'<path class="relation"', picture)) == len(edges)
    assert "](docs/relationships.svg)" in (ROOT / "README.md").read_text(encoding="utf-8")
