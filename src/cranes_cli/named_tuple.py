"""``typing.NamedTuple`` without importing ``typing``, for the modules shell completion loads
on every Tab press: importing ``typing``, and compiling each field's annotation as
``typing.NamedTuple`` does, cost more than the rest of the answer.

Modules import it at run time only (``TYPE_CHECKING = False``, then ``typing.NamedTuple``
under ``if TYPE_CHECKING:``), so the type checker still sees the real thing. As with
``typing.NamedTuple``: fields are the annotated names, in order, and fields with defaults come
last; methods and properties are kept.

It stays because a benchmark shows a start-up goal fails without it: every ratio to the floor
within 0.05 of the version before (docs/development.md). With ``typing.NamedTuple`` for the
spec, the reader and the environment instead (commit 2c8addd; completion never loads the
model, so ``frozen`` plays no part here), in the same rounds on Python 3.11, ``cranes <Tab>``
took 0.78x the floor against 0.60x with this module (wall clock, ``bench/startup.py``'s method,
25 rounds; CPU time: 0.73x against 0.60x, 20 rounds); the commands, which import ``typing``
anyway, barely differ. Measure again with ``python bench/startup.py --against 2c8addd``.
"""

import collections


class _Maker(type):
    def __new__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, object]) -> type:
        if not bases:  # NamedTuple itself
            return super().__new__(cls, name, bases, namespace)
        annotations = namespace.get("__annotations__", {})
        assert isinstance(annotations, dict)
        fields = tuple(annotations)
        defaults = [namespace[field] for field in fields if field in namespace]
        if not fields or any(field not in namespace for field in fields[len(fields) - len(defaults) :]):
            raise TypeError(
                f"{name}: fields (annotated, with defaults last) are needed, as by typing.NamedTuple"
            )
        module = str(namespace["__module__"])
        base = collections.namedtuple(name, fields, defaults=defaults, module=module)  # type: ignore[misc]
        body = {key: value for key, value in namespace.items() if key not in fields}
        return type(name, (base,), {**body, "__slots__": ()})


class NamedTuple(metaclass=_Maker):
    """Subclass it as ``typing.NamedTuple``; the subclass is a ``collections.namedtuple``."""
