"""The package's values: fields are their whole content, and nothing changes them once made."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
from datetime import UTC, date, datetime
from typing import ClassVar

import pytest

from gsomia_clock import Agreement, Catalog, Duration, Exit, Extend, Notice, Status, Suspend
from gsomia_clock.agenda import agenda
from gsomia_clock.values import Value, plain


def test_two_durations_written_differently_but_equal_in_fields_are_one_value() -> None:
    assert Duration.parse("P1Y") == Duration(years=1)
    assert hash(Duration.parse("P1Y")) == hash(Duration(years=1))
    assert Duration(years=1) != Duration(months=12)  # a year is not twelve months' arithmetic
    assert Duration(days=7) != Duration(weeks=1)


def test_values_of_different_kinds_are_never_equal_even_with_the_same_fields() -> None:
    notice = Notice(date(2019, 8, 23), "KR")
    assert notice != Suspend(date(2019, 8, 23), "KR")
    assert notice.__eq__(("KR",)) is NotImplemented


def test_a_field_cannot_be_assigned_nor_deleted() -> None:
    notice = Notice(date(2019, 8, 23), "KR")
    with pytest.raises(AttributeError, match="cannot assign to field 'party'"):
        notice.party = "JP"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="cannot delete field 'party'"):
        del notice.party
    assert notice.party == "KR"


def test_replace_goes_through_the_checks_of_the_constructor() -> None:
    clause = Exit("end-of-term", Duration(days=90))
    assert clause.replace(notice=Duration(months=3)) == Exit("end-of-term", Duration(months=3))
    with pytest.raises(TypeError, match=r"Exit\.effect"):
        clause.replace(effect="whenever")
    with pytest.raises(TypeError, match="has no field 'notise'"):
        clause.replace(notise=Duration(days=1))


def test_a_value_pickles_to_an_equal_one_and_copies_are_itself(gsomia: Agreement) -> None:
    for value in (
        Duration(years=1, days=3),
        Exit("after-notice", Duration(months=6), not_before=Duration(years=5)),
        Extend(date(2020, 1, 1), until=date(2021, 12, 31), note="by exchange of notes"),
        gsomia.status(on="2019-09-01"),
        gsomia.can_withdraw("JP", on="2019-08-24"),
    ):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.copy(value) is value
        assert copy.deepcopy(value) is value


def test_repr_names_every_field_and_only_fields() -> None:
    assert repr(Duration(days=90)) == (
        "Duration(years=0, months=0, weeks=0, days=90, hours=0, minutes=0, seconds=0)"
    )
    assert repr(Extend(date(2020, 1, 1), date(2021, 1, 1))) == (
        "Extend(date=datetime.date(2020, 1, 1), until=datetime.date(2021, 1, 1), note=None)"
    )


def test_an_extension_is_by_the_parties_together() -> None:
    extension = Extend(date(2020, 1, 1), date(2021, 1, 1))
    assert extension.party is None
    assert "party" not in Extend._fields


def test_positional_patterns_match_fields_in_order() -> None:
    match Notice(date(2019, 8, 23), "KR"):
        case Notice(day, party):
            assert (day, party) == (date(2019, 8, 23), "KR")
        case _:  # pragma: no cover - the case above must match
            pytest.fail("a notice did not match its own fields")


def test_an_agreement_compares_by_its_catalog_fields_not_its_caches(gsomia: Agreement) -> None:
    again = gsomia.replace()
    assert again == gsomia and hash(again) == hash(gsomia)
    gsomia.status(on="2019-09-01")  # fills gsomia's remembered answers, not again's
    assert again == gsomia
    assert "remembered" not in Agreement._fields and "timelines" not in Agreement._fields


def test_a_status_holds_its_fields_and_nothing_else(gsomia: Agreement) -> None:
    status = gsomia.status(on="2019-09-01")
    assert tuple(vars(status)) == Status._fields


def test_every_value_of_the_register_is_made_again_from_its_fields(catalog: Catalog) -> None:
    """`replace()` and pickling make a value again by passing its fields to its constructor:
    this holds only when the constructor takes the fields, in their order."""
    values: list[Value] = []
    for agreement in catalog.values():
        timeline = agreement.timeline()
        values += [agreement, *agreement.exits, *agreement.events, *timeline.snapshots]
        values += [s for snapshot in timeline.snapshots for s in snapshot.standings]
        values += [c.period for c in agreement.exits if c.period is not None]
        values += [c.window for c in agreement.exits if c.window is not None]
        values += list(agreement.deadlines("2019-01-01", "2021-12-31"))
        values += list(agreement.history())
    gsomia = catalog["gsomia"]
    suspended = gsomia.can_withdraw("KR", on="2020-01-01")
    values += [suspended, *suspended.readings, gsomia.status(on="2019-09-01")]
    values += [gsomia.timeline().snapshots[1].standings[0].notice, *agenda([gsomia])]
    kinds = {type(v) for v in values}
    assert len(kinds) >= 20, kinds
    for value in values:
        assert value.replace() == value, value
        assert pickle.loads(pickle.dumps(value)) == value, value
        assert all(hasattr(value, name) for name in type(value)._fields)


def test_status_never_loads_what_it_does_not_need() -> None:
    """`dataclasses` (and `inspect` behind it) and the calendar libraries cost start-up time
    that `status` has no use for. (`pathlib` neither, but an editable install loads it.)"""
    probe = (
        "import io, sys, contextlib\n"
        "from gsomia_clock.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['status', 'gsomia'])\n"
        "heavy = ('dataclasses', 'inspect', 'icalendar', 'pendulum', 'holidays')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]"


def test_the_library_leaves_the_garbage_collector_as_the_program_set_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pausing cyclic collection is the program's choice: the command line makes it, the
    library never does (reading a catalog, compiling histories, answering)."""
    import gc

    from gsomia_clock import load_catalog
    from gsomia_clock.catalog import bundled_file, read_catalog
    from gsomia_clock.cli.collector import no_cyclic_gc

    calls: list[str] = []
    for name in ("disable", "enable", "freeze"):
        monkeypatch.setattr(gc, name, lambda name=name: calls.append(name))
    catalog = load_catalog()
    read_catalog(bundled_file())
    catalog.agenda(within=Duration(years=1))
    assert catalog["gsomia"].status(on="2019-09-01").state == "notice-pending"
    assert calls == []
    with no_cyclic_gc():
        assert calls == ["disable"]
    assert calls == ["disable", "enable"]


# -- values as JSON holds them ----------------------------------------------------------------


def test_days_and_instants_are_written_in_iso_8601() -> None:
    assert plain(date(2019, 8, 24)) == "2019-08-24"
    instant = datetime(2019, 8, 25, tzinfo=UTC)
    assert plain(instant) == "2019-08-25T00:00:00+00:00"


def test_tuples_become_lists_all_the_way_down() -> None:
    assert plain((date(2019, 8, 24), ("a", date(2020, 8, 24)))) == [
        "2019-08-24",
        ["a", "2020-08-24"],
    ]


def test_other_values_are_kept_as_they_are() -> None:
    assert plain("notice-pending") == "notice-pending"
    assert plain(None) is None
    assert plain(["2019"]) == ["2019"]


# -- answers made by their query, past the constructor's checks --------------------------------


def test_an_answer_changed_past_its_checks_differs_in_that_field_only(gsomia: Agreement) -> None:
    answer = gsomia.status(on="2024-01-01")
    later = answer._changed(on=date(2024, 1, 2))
    assert later.on == date(2024, 1, 2)
    assert answer.on == date(2024, 1, 1)
    assert type(later) is type(answer)
    assert later.reason == answer.reason
    assert later == gsomia.status(on="2024-01-02")


def test_only_a_value_keeping_its_fields_in_a_dictionary_is_changed_past_its_checks(
    gsomia: Agreement,
) -> None:
    with pytest.raises(TypeError, match="Duration keeps its fields in slots"):
        Duration(months=3)._changed(days=2)
    with pytest.raises(TypeError, match="Agreement keeps its fields in slots"):
        gsomia._changed(name="Another name")


def test_an_unchecked_answer_has_exactly_the_fields_given(gsomia: Agreement) -> None:
    answer = gsomia.status(on="2024-01-01")
    made = Status._unchecked(*(getattr(answer, name) for name in Status._fields))
    assert type(made) is Status
    assert made == answer
    assert made.to_dict() == answer.to_dict()
    assert vars(made) == vars(answer)


def test_an_unchecked_answer_missing_a_field_or_with_one_too_many_is_refused(
    gsomia: Agreement,
) -> None:
    fields = [getattr(gsomia.status(on="2024-01-01"), name) for name in Status._fields]
    with pytest.raises(TypeError, match="missing"):
        Status._unchecked(*fields[:-1])
    with pytest.raises(TypeError, match="positional"):
        Status._unchecked(*fields, "one more")


def test_an_unchecked_slotted_value_is_made_as_its_constructor_makes_it() -> None:
    made = Duration._unchecked(*Duration(months=3)._values())
    assert made == Duration(months=3)
    assert made.words() == "3 months"


# -- the base itself, on classes made here (so that its class-making code runs in the test) ----


def test_a_class_of_one_field_two_fields_or_none_compares_and_copies_by_them() -> None:
    class One(Value):
        __slots__ = ("only",)
        only: int

        def __init__(self, only: int) -> None:
            self._fill(only)

    class Two(Value):
        __slots__ = ("left", "right")
        left: int
        right: str

        def __init__(self, left: int, right: str) -> None:
            self._fill(left, right)

    class Empty(Value):
        __slots__ = ()

    assert (One._fields, Two._fields, Empty._fields) == (("only",), ("left", "right"), ())
    assert One.__match_args__ == ("only",) and Two.__match_args__ == ("left", "right")
    assert One(1) == One(1) != One(2) and hash(One(1)) != hash(One(2))
    assert Two(1, "a") == Two(1, "a") != Two(1, "b") and hash(Two(1, "a")) != hash(Two(2, "a"))
    assert (
        Empty() == Empty()
        and repr(Empty())
        == "test_a_class_of_one_field_two_fields_or_none_compares_and_copies_by_them.<locals>.Empty()"
    )
    assert One(5).replace() == One(5) and Two(1, "a").replace(right="b") == Two(1, "b")
    assert Empty().replace() == Empty() and Empty()._values() == ()


def test_class_variables_and_private_names_are_no_fields_and_fields_may_be_named() -> None:
    class Kept(Value):
        __slots__ = ("_cache", "day", "size")
        kind: ClassVar[str] = "kept"
        day: int
        _cache: int
        size: int

        def __init__(self, day: int, size: int) -> None:
            self._fill(day, size)
            object.__setattr__(self, "_cache", day * size)

    class Named(Value):
        __slots__ = ("a", "b", "derived")
        _fields = ("a", "b")
        a: int
        b: int
        derived: int

        def __init__(self, a: int, b: int) -> None:
            self._fill(a, b)
            object.__setattr__(self, "derived", a + b)

    assert Kept._fields == ("day", "size") and Kept(2, 3)._cache == 6
    assert Named._fields == ("a", "b") and Named(1, 2) == Named(1, 2)
    assert "derived" not in repr(Named(1, 2))


def test_a_constructor_that_fills_too_few_or_too_many_fields_fails() -> None:
    class Short(Value):
        __slots__ = ("a", "b")
        a: int
        b: int

        def __init__(self, a: int) -> None:
            self._fill(a)

    with pytest.raises(TypeError, match=r"missing 1 required positional argument"):
        Short(1)

    class Long(Value):
        __slots__ = ("a",)
        a: int

        def __init__(self, a: int) -> None:
            self._fill(a, a)

    with pytest.raises(TypeError, match=r"takes 2 positional arguments but 3 were given"):
        Long(1)


def test_replace_names_the_class_and_the_unknown_field() -> None:
    with pytest.raises(TypeError, match=r"^Duration has no field 'dayz'$"):
        Duration(days=1).replace(dayz=2)


def test_different_values_hash_apart() -> None:
    hashes = {hash(Duration(days=n)) for n in range(50)}
    assert len(hashes) == 50


def test_every_public_name_is_found_where_the_package_says() -> None:
    import gsomia_clock

    assert sorted(gsomia_clock._HOMES) == sorted(gsomia_clock.__all__)
    for name in gsomia_clock.__all__:
        found = getattr(gsomia_clock, name)
        assert getattr(found, "__name__", name) == name  # `Event` is a union of the kinds
    with pytest.raises(AttributeError, match="has no attribute 'Nothing'"):
        gsomia_clock.Nothing  # noqa: B018


def _fresh(slotted: bool) -> type[Value]:
    """A value class of 21 fields, a number no class of the package has: its `_fill` is written
    for it here, at its first value, not taken from the ones written before."""
    names = tuple(f"f{n}" for n in range(21))
    body: dict[str, object] = {
        "__annotations__": dict.fromkeys(names, "int"),
        "__init__": lambda self, *values: self._fill(*values),
    }
    if slotted:
        body["__slots__"] = names
    return type("Fresh", (Value,), body)


@pytest.mark.parametrize("slotted", [True, False], ids=["in slots", "in a dictionary"])
def test_a_class_of_a_new_number_of_fields_sets_each_field_once_in_its_place(
    slotted: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gsomia_clock import values

    monkeypatch.setattr(values, "_FILLS", {})  # written here, not found from an earlier test
    made = _fresh(slotted)
    value = made(*range(21))
    assert [getattr(value, f"f{n}") for n in range(21)] == list(range(21))
    assert value == made(*range(21)) != made(*range(1, 22))
    assert made._unchecked(*range(21)) == value
    with pytest.raises(TypeError):
        made(*range(20))
    with pytest.raises(TypeError):
        made(*range(22))
    with pytest.raises(AttributeError):
        value.f0 = 5
    if slotted:
        assert not hasattr(value, "__dict__")
        with pytest.raises(TypeError, match="keeps its fields in slots"):
            value._changed(f0=5)
    else:
        assert value.__dict__ == {f"f{n}": n for n in range(21)}
        changed = value._changed(f3=30)
        assert changed.f3 == 30 and value.f3 == 3 and changed.f20 == 20
        assert type(changed) is made
