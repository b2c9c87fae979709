"""Immutable values: classes whose fields are their whole content.

A value class declares its fields as annotations, in the order its `__init__` takes them (a
name with a leading underscore is no field; a class keeping derived attributes beside its fields
names them in `_fields`), lists them in `__slots__` unless it keeps them in a dictionary, and
sets them in its `__init__` through `_fill`. This base gives it the rest: equality and hashing
by its fields, a `repr`, a `replace` that goes through `__init__` again (and so through its
checks), pickling by its fields, and no assignment after `__init__`. A query that has made its
values consistent itself builds its answer with `_unchecked` (whenever's
`Date._from_py_unchecked`) and re-dates it with `_changed`, past the public constructor's checks;
`plain` writes a field as JSON holds it.

`dataclasses` would write the same methods, but it compiles them from source text every time
the program starts: about 0.7 ms a class, and 7 ms more to import `inspect`, which was half of
the start-up of `gsomia-clock status`. The methods here are compiled once, into the bytecode
cache, like any other; all but `_fill`, which is written out for each number of fields (a dozen,
60 µs each), or for a class keeping its fields in a dictionary (an answer), for its names when
its first value is made: a value is made over and over as a history is compiled, and a loop over
its fields was 7% of the first agenda of a large register.

>>> class Pair(Value):
...     __slots__ = ("left", "right")
...     left: int
...     right: int
...
...     def __init__(self, left: int, right: int = 0) -> None:
...         self._fill(left, right)
>>> Pair(1, 2) == Pair(1, 2), Pair(1, 2).replace(right=3)
(True, Pair(left=1, right=3))
>>> Pair(1, 2).left = 5
Traceback (most recent call last):
    ...
AttributeError: cannot assign to field 'left'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import attrgetter
from types import MemberDescriptorType
from typing import Any, ClassVar, Self

__all__ = ["Value", "plain"]

_set = object.__setattr__


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """What sets field `name` once: its slot's own setter (C, past `__setattr__`), or for a
    field kept in the instance's dictionary, `object.__setattr__`."""
    slot = getattr(cls, name, None)
    if isinstance(slot, MemberDescriptorType):
        return slot.__set__
    return lambda value, field: _set(value, name, field)


_FILLS: dict[int | tuple[str, ...], Callable[..., None]] = {}


def _filler(count: int) -> Callable[..., None]:
    """A `_fill` of `count` fields: each field's setter called in turn, without a loop, and no
    more or fewer values taken than there are fields (a TypeError). Written once per count."""
    found = _FILLS.get(count)
    if found is None:
        names = [f"v{place}" for place in range(count)]
        calls = "".join(f"\n    s[{place}](self, {name})" for place, name in enumerate(names))
        source = f"def _fill(self, {', '.join(names)}):\n    s = self._setters{calls}"
        namespace: dict[str, Any] = {}
        exec(compile(source, f"<Value._fill of {count} fields>", "exec"), namespace)
        found = _FILLS[count] = namespace["_fill"]
    return found


def _dict_filler(names: tuple[str, ...]) -> Callable[..., None]:
    """A `_fill` for a class that keeps all its fields in the instance's dictionary: the
    dictionary made in one step (an answer of 16 fields is made thousands of times a second)."""
    found = _FILLS.get(names)
    if found is None:
        values = [f"v{place}" for place in range(len(names))]
        items = ", ".join(f"{name!r}: {value}" for name, value in zip(names, values, strict=True))
        source = f"def _fill(self, {', '.join(values)}):\n    _set(self, '__dict__', {{{items}}})"
        namespace: dict[str, Any] = {"_set": _set}
        exec(compile(source, f"<Value._fill of {', '.join(names)}>", "exec"), namespace)
        found = _FILLS[names] = namespace["_fill"]
    return found


def _first_fill(value: Any, *values: Any) -> None:
    """A class's `_fill` until its first value is made: then the one written for it (a
    class a command never uses costs that command's start-up nothing)."""
    cls = type(value)
    names = cls._fields
    cls._fill = fill = _dict_filler(names) if cls._dict_kept else _filler(len(names))
    fill(value, *values)


def _dict_changed(value: Any, **changes: Any) -> Any:
    """`Value._changed` for a class keeping its fields in the instance's dictionary: no check
    on each call (an answer is re-dated for every day of its span)."""
    made = object.__new__(type(value))
    _set(made, "__dict__", value.__dict__ | changes)
    return made


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as one tuple, read in C (`attrgetter` of one name gives no tuple)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda value: (get(value),)
    return lambda value: ()


class Value:
    """The base of every immutable value of the package."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()  # what is compared, hashed, shown and pickled
    __match_args__: ClassVar[tuple[str, ...]] = ()
    _get: ClassVar[Callable[[Any], tuple[Any, ...]]] = staticmethod(_getter(()))
    _places: ClassVar[dict[str, int]] = {}  # each field's place in `_fields`
    _setters: ClassVar[tuple[Callable[[Any, Any], None], ...]] = ()
    # Sets the fields, in their order, once: for `__init__` only (each class's, from `_filler`).
    _fill: ClassVar[Callable[..., None]]
    _dict_kept: ClassVar[bool] = False  # its fields, and nothing else, kept in its dictionary

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_fields" not in vars(cls):  # the annotations of its own body, in their order
            cls._fields = tuple(
                name
                for name, kind in vars(cls).get("__annotations__", {}).items()
                if not name.startswith("_") and not str(kind).startswith("ClassVar")
            )
        cls.__match_args__ = cls._fields  # type: ignore[misc]
        cls._get = staticmethod(_getter(cls._fields))
        cls._places = {name: place for place, name in enumerate(cls._fields)}
        cls._setters = tuple(_setter(cls, name) for name in cls._fields)
        slotted = any(
            isinstance(getattr(cls, name, None), MemberDescriptorType) for name in cls._fields
        )
        cls._dict_kept = bool(cls._fields) and not slotted and bool(cls.__dictoffset__)
        if cls._dict_kept:
            cls._changed = _dict_changed  # type: ignore[method-assign,assignment]
        cls._fill = _first_fill  # written when the first value is made

    def _values(self) -> tuple[Any, ...]:
        return type(self)._get(self)

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed, made (and so checked) by the class's `__init__`."""
        values = list(self._values())
        places = self._places
        for name, value in changes.items():
            place = places.get(name)
            if place is None:
                raise TypeError(f"{type(self).__name__} has no field {name!r}")
            values[place] = value
        return type(self)(*values)

    __replace__ = replace  # copy.replace, from Python 3.13

    @classmethod
    def _unchecked(cls, *values: Any) -> Self:
        """A value from fields its maker has already made consistent, in their order: set in one
        step, without `__init__`'s checks (the laws in the test suite re-check every answer
        they draw). For the queries' own answers, made over and over."""
        made = object.__new__(cls)
        cls._fill(made, *values)
        return made

    def _changed(self, **changes: Any) -> Self:
        """A copy with some fields changed, not checked again: for an answer re-dated within
        the span its query said it holds for (where the query keeps it consistent). Only for a
        value that keeps its fields, and nothing else, in its dictionary (`_dict_filler` sets
        it whole), which gets `_dict_changed` instead: copied in one step."""
        raise TypeError(f"{type(self).__name__} keeps its fields in slots, not a dictionary")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        return type(self), self._values()

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return self


def plain(value: Any) -> Any:
    """A field as JSON holds it: days and instants in ISO 8601, tuples as lists.

    >>> from datetime import date
    >>> plain(date(2019, 8, 24)), plain((date(2019, 8, 24), None))
    ('2019-08-24', ['2019-08-24', None])
    """
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return value
