"""Read-only records declared as typing.NamedTuple declares them, without importing typing.

`class Part(Record)` with annotated fields (and defaults) is a NamedTuple to
mypy. At run time it is a collections.namedtuple class with the methods of the
body added. typing.NamedTuple itself cost every `tdd-tui list` and `export`
about 8 ms: importing typing, then compiling each field's annotation.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:

    class _RecordType(type):
        def __new__(mcs, name, bases, namespace):
            if not bases:  # Record itself
                return super().__new__(mcs, name, bases, namespace)
            fields = tuple(namespace.get("__annotations__", ()))
            defaults = [namespace[field] for field in fields if field in namespace]
            if [f for f in fields if f in namespace] != list(fields[len(fields) - len(defaults) :]):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            tuple_type = namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
            body = {
                k: v for k, v in namespace.items() if k not in fields and k != "__annotations__"
            }
            return type(name, (tuple_type,), {**body, "__slots__": ()})

    class Record(metaclass=_RecordType):
        """Subclass with annotated fields, as with typing.NamedTuple."""


__all__ = ["Record"]
