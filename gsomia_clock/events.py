"""The history of an agreement: what each party did, and on which day; one small class per kind.

>>> from datetime import date
>>> Notice(date(2019, 8, 23), "KR", note="note verbale").describe()
'2019-08-23 notice by KR: note verbale'
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal, Self, final, get_args

from .values import Value

__all__ = [
    "EVENT_CLASSES",
    "EVENT_KINDS",
    "POLICIES",
    "Defer",
    "Event",
    "EventKind",
    "Extend",
    "Join",
    "Notice",
    "Policy",
    "Resume",
    "ResumeOperation",
    "Revoke",
    "Suspend",
    "SuspendOperation",
    "Terminate",
]

EventKind = Literal[
    "notice",
    "revoke",
    "suspend",
    "resume",
    "extend",
    "defer",
    "join",
    "terminate",
    "suspend-operation",
    "resume-operation",
]
Policy = Literal["immediate", "remaining", "restart"]
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
POLICIES: tuple[Policy, ...] = get_args(Policy)


def _check(event: _Event) -> None:
    """Every field of the type it is declared with: a wrong one is a TypeError naming it."""
    kind = type(event)
    for name in kind._fields:
        value = getattr(event, name)
        wanted = kind.__annotations__[name]  # a string: this module's annotations are postponed
        if value is None and "None" in wanted:
            continue
        if "date" in wanted and type(value) is not dt.date:
            raise TypeError(f"{kind.__name__}.{name}: {value!r} is not a datetime.date")
        if "str" in wanted and not isinstance(value, str):
            raise TypeError(f"{kind.__name__}.{name}: {value!r} is not a string")
    policy = getattr(event, "on_resume", "immediate")
    if policy not in POLICIES:
        raise TypeError(f"Suspend.on_resume: {policy!r} is not one of {', '.join(POLICIES)}")


class _Event(Value):
    """What every kind shares: its day, who acted (or None), a note, and one line describing it."""

    __slots__ = ()
    kind: ClassVar[EventKind]
    # What a catalog's event table of this kind may give beside date, kind and note, and what it
    # must: read from the constructor (a field with no default is required), so said once.
    takes: ClassVar[tuple[str, ...]] = ()
    needs: ClassVar[tuple[str, ...]] = ()
    date: dt.date
    party: str | None  # who acted; None for what the parties do together
    note: str | None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__init__
        while hasattr(init, "__wrapped__"):  # a decorated constructor's own, as inspect reads it
            init = init.__wrapped__
        optional = len(init.__defaults__ or ())
        cls.takes = tuple(name for name in cls._fields if name not in ("date", "note"))
        cls.needs = tuple(name for name in cls._fields[: len(cls._fields) - optional][1:])

    @classmethod
    def _checked(cls, *fields: Any) -> Self:
        """An event whose fields, in their order, the catalog reader has checked already (with
        better messages): made without checking them again."""
        made = cls.__new__(cls)
        made._fill(*fields)
        return made

    def _extra(self) -> str:
        return ""

    def describe(self) -> str:
        """`2019-08-23 notice by KR: note verbale`."""
        who = f" by {self.party}" if self.party else ""
        note = f": {self.note}" if self.note else ""
        return f"{self.date.isoformat()} {self.kind}{who}{self._extra()}{note}"


@final
class Notice(_Event):
    """The party's notice of withdrawal, received that day; `effective` a later day it names."""

    kind: ClassVar[EventKind] = "notice"
    __slots__ = ("date", "effective", "note", "party")
    date: dt.date
    party: str
    effective: dt.date | None
    note: str | None

    def __init__(
        self, date: dt.date, party: str, effective: dt.date | None = None, note: str | None = None
    ) -> None:
        self._fill(date, party, effective, note)
        _check(self)

    def _extra(self) -> str:
        return f", effective {self.effective.isoformat()}" if self.effective else ""


@final
class Revoke(_Event):
    """The party withdraws its pending or suspended notice before it takes effect."""

    kind: ClassVar[EventKind] = "revoke"
    __slots__ = ("date", "note", "party")
    date: dt.date
    party: str
    note: str | None

    def __init__(self, date: dt.date, party: str, note: str | None = None) -> None:
        self._fill(date, party, note)
        _check(self)


@final
class Suspend(_Event):
    """The party halts its pending notice; `on_resume` says how a later resume dates the effect."""

    kind: ClassVar[EventKind] = "suspend"
    __slots__ = ("date", "note", "on_resume", "party")
    date: dt.date
    party: str
    on_resume: Policy
    note: str | None

    def __init__(
        self, date: dt.date, party: str, on_resume: Policy = "immediate", note: str | None = None
    ) -> None:
        self._fill(date, party, on_resume, note)
        _check(self)

    def _extra(self) -> str:
        return f" (on resume: {self.on_resume})"


@final
class Resume(_Event):
    """The party lifts the suspension of its notice."""

    kind: ClassVar[EventKind] = "resume"
    __slots__ = ("date", "note", "party")
    date: dt.date
    party: str
    note: str | None

    def __init__(self, date: dt.date, party: str, note: str | None = None) -> None:
        self._fill(date, party, note)
        _check(self)


@final
class Extend(_Event):
    """The current term now ends after `until` (inclusive); later renewals run on from there."""

    kind: ClassVar[EventKind] = "extend"
    __slots__ = ("date", "note", "until")
    date: dt.date
    until: dt.date
    note: str | None
    party = None  # what the parties do together

    def __init__(self, date: dt.date, until: dt.date, note: str | None = None) -> None:
        self._fill(date, until, note)
        _check(self)

    def _extra(self) -> str:
        return f" until {self.until.isoformat()}"


@final
class Defer(_Event):
    """The party's pending notice now takes effect on `until` + 1 day."""

    kind: ClassVar[EventKind] = "defer"
    __slots__ = ("date", "note", "party", "until")
    date: dt.date
    party: str
    until: dt.date
    note: str | None

    def __init__(self, date: dt.date, party: str, until: dt.date, note: str | None = None) -> None:
        self._fill(date, party, until, note)
        _check(self)

    def describe(self) -> str:
        note = f": {self.note}" if self.note else ""
        return (
            f"{self.date.isoformat()} defer of {self.party}'s notice "
            f"until {self.until.isoformat()}{note}"
        )


@final
class Join(_Event):
    """The party is bound from `effective` (a new party, or one that had left)."""

    kind: ClassVar[EventKind] = "join"
    __slots__ = ("date", "effective", "note", "party")
    date: dt.date
    party: str
    effective: dt.date
    note: str | None

    def __init__(
        self, date: dt.date, party: str, effective: dt.date, note: str | None = None
    ) -> None:
        self._fill(date, party, effective, note)
        _check(self)

    def _extra(self) -> str:
        return f", effective {self.effective.isoformat()}"


@final
class Terminate(_Event):
    """The agreement ends for every party: the day is the first no longer in force."""

    kind: ClassVar[EventKind] = "terminate"
    __slots__ = ("date", "note")
    date: dt.date
    note: str | None
    party = None  # what the parties do together

    def __init__(self, date: dt.date, note: str | None = None) -> None:
        self._fill(date, note)
        _check(self)


@final
class SuspendOperation(_Event):
    """The party stops performing the agreement from `effective` (default: that day), and stays
    bound: no state, term or notice changes."""

    kind: ClassVar[EventKind] = "suspend-operation"
    __slots__ = ("date", "effective", "note", "party")
    date: dt.date
    party: str
    effective: dt.date | None
    note: str | None

    def __init__(
        self, date: dt.date, party: str, effective: dt.date | None = None, note: str | None = None
    ) -> None:
        self._fill(date, party, effective, note)
        _check(self)

    @property
    def first_day(self) -> dt.date:
        return self.effective or self.date

    def _extra(self) -> str:
        return f", effective {self.effective.isoformat()}" if self.effective else ""


@final
class ResumeOperation(_Event):
    """The party performs the agreement again from that day."""

    kind: ClassVar[EventKind] = "resume-operation"
    __slots__ = ("date", "note", "party")
    date: dt.date
    party: str
    note: str | None

    def __init__(self, date: dt.date, party: str, note: str | None = None) -> None:
        self._fill(date, party, note)
        _check(self)


Event = (
    Notice
    | Revoke
    | Suspend
    | Resume
    | Extend
    | Defer
    | Join
    | Terminate
    | SuspendOperation
    | ResumeOperation
)
EVENT_CLASSES: dict[str, type[Event]] = {  # by kind
    kind.kind: kind
    for kind in (
        Notice, Revoke, Suspend, Resume, Extend, Defer, Join, Terminate, SuspendOperation,
        ResumeOperation,
    )
}  # fmt: skip
