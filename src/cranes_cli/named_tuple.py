"""``typing.NamedTuple`` without importing ``typing``, for the modules shell completion loads
on every Tab press: importing ``typing``, and compiling each field's annotation as
``typing.NamedTuple`` does, cost more than the rest of the answer.

Modules import it at run time only (``TYPE_CHECKING = False``, then ``typing.NamedTuple``
under ``if TYPE_CHECKING:``), so the type checker still sees the real thing. As with
``typing.NamedTuple``: fields are the annotated names, in order, and fields with defaults come
last; methods and properties are kept.
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
