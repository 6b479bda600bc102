"""``@dataclass(frozen=True)`` at a third of the import cost.

For a frozen class the standard library compiles three functions from source (``__init__``,
``__setattr__``, ``__delattr__``); that was two thirds of ``cranes_cli.film.model``'s import, paid
by every command. Here ``dataclass`` builds the class unfrozen (one function) and installs the
two shared functions below, which refuse what a frozen dataclass refuses once ``__init__`` has
set the fields. Modules import it at run time only: the type checker sees the standard
``dataclass``, so it still checks that nothing assigns to a field.

It stays because a benchmark shows a start-up goal fails without it: every ratio to the floor
within 0.05 of the version before (docs/development.md). With the standard library's frozen
dataclasses instead (commit 2c8addd), in the same rounds on Python 3.11 (CPU time, 20 rounds,
``bench/startup.py``'s cases): ``cranes cast --json`` 1.83x the floor against 1.71x with this
module and ``named_tuple``, 1.86x with ``named_tuple`` alone; ``cranes cast`` 2.85x against
2.65x, 2.73x with ``named_tuple`` alone. Measure again with
``python bench/startup.py --against 2c8addd``.
"""

from dataclasses import FrozenInstanceError
from dataclasses import dataclass as _dataclass
from typing import Any


def _set(self: object, name: str, value: object) -> None:
    if name in self.__dict__ or name not in self.__dataclass_fields__:  # type: ignore[attr-defined]
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _delete(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def dataclass(cls: Any = None, /, *, frozen: bool = False, **options: Any) -> Any:
    """``dataclasses.dataclass`` with the same arguments; a frozen class keeps its value
    hash when it compares by value, as a frozen dataclass has."""

    def wrap(cls: Any) -> Any:
        if not frozen:
            return _dataclass(cls, **options)
        made = _dataclass(cls, unsafe_hash=options.pop("eq", True), **options)
        made.__setattr__ = _set
        made.__delattr__ = _delete
        return made

    return wrap if cls is None else wrap(cls)
