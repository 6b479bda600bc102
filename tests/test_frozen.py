"""cranes_cli.frozen keeps what @dataclass(frozen=True) promised the model's records."""

import dataclasses

import pytest

from cranes_cli.film.load import load_path
from cranes_cli.frozen import dataclass


def test_model_records_refuse_assignment_and_deletion() -> None:
    film = load_path().film
    with pytest.raises(dataclasses.FrozenInstanceError):
        film.title = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        film.new_attribute = 1  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del film.title  # type: ignore[misc]
    assert dataclasses.replace(film, title="other").title == "other"


def test_frozen_value_class_keeps_its_value_hash() -> None:
    @dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0

    assert Point(1) == Point(1, 0) and hash(Point(1)) == hash(Point(1, 0))
    with pytest.raises(dataclasses.FrozenInstanceError):
        Point(1).x = 2  # type: ignore[misc]
