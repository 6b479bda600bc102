"""The stand-in for typing.NamedTuple that shell completion's modules use: it must behave as
typing.NamedTuple does for what those modules ask of it, and cost no import of typing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cranes_cli.named_tuple import NamedTuple


class Point(NamedTuple):
    """A point."""

    x: int
    y: int = 0
    label: str = "origin"

    @property
    def total(self) -> int:
        return self.x + self.y

    def moved(self, by: int) -> Point:
        return self._replace(x=self.x + by)


def test_fields_defaults_methods_and_properties_as_typing_namedtuple() -> None:
    point = Point(1)
    assert (point.x, point.y, point.label) == (1, 0, "origin")
    assert point == (1, 0, "origin") and isinstance(point, tuple)
    assert Point._fields == ("x", "y", "label")
    assert point.total == 1 and point.moved(2) == Point(3)
    assert Point(1, label="a") == Point(x=1, y=0, label="a")
    assert repr(Point(1)) == "Point(x=1, y=0, label='origin')"
    assert Point.__doc__ == "A point." and Point.__module__ == __name__


def test_a_field_without_default_after_one_with_is_refused_as_by_typing() -> None:
    with pytest.raises(TypeError):

        class Wrong(NamedTuple):
            a: int = 1
            b: int


def test_a_class_without_fields_is_refused() -> None:
    """As on Python 3.14 without ``from __future__ import annotations``, where the class body
    has no ``__annotations__`` to read: better an error than a tuple with no fields."""
    with pytest.raises(TypeError):

        class Empty(NamedTuple):
            pass


def test_fields_cannot_be_assigned_and_no_dict_is_made() -> None:
    point = Point(1)
    with pytest.raises(AttributeError):
        point.x = 2  # type: ignore[misc]
    assert not hasattr(point, "__dict__")


def test_shell_completion_imports_no_typing() -> None:
    code = (
        "import os, sys\n"
        "os.environ.update(_CRANES_COMPLETE='complete_bash', COMP_WORDS='cranes ', COMP_CWORD='1')\n"
        "from cranes_cli.cli import main\n"
        "try: main([])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('typing', 'contextlib', 'inspect', 'dataclasses') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"
