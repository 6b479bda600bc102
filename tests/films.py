"""Small film files the tests and the scaling benchmark build on: a minimal valid film, and
hostile variants of it grown to a given size."""

from __future__ import annotations

MINIMAL = """\
schema_version = 1

[film]
title = "Minimal"
year = 2000

[[cast]]
name = "Ann Actor"
character = "hero"

[[characters]]
id = "hero"
name = "The Hero"

[[acts]]
number = 1
title = "Everything happens"
"""


def unknown_keys(count: int) -> str:
    """The minimal film with ``count`` keys the format does not know."""
    return MINIMAL.replace("year = 2000", "year = 2000\n" + "".join(f"key{n} = {n}\n" for n in range(count)))


def broken_references(count: int) -> str:
    """The minimal film with ``count`` cast members playing characters that do not exist (each
    one letter off a character that does)."""
    return MINIMAL + "".join(
        f'\n[[characters]]\nid = "character-{n}"\nname = "C{n}"\n\n'
        f'[[cast]]\nname = "A{n}"\ncharacter = "charactr-{n}"\n'
        for n in range(count)
    )
