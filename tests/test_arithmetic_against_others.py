"""Our month and year arithmetic held against two independent implementations of the same rule.

pendulum's `Date.add`/`subtract` and dateutil's `relativedelta` both move a day by years and
months first, keeping the day of the month clamped to the month's end, then by weeks and days: the
contract's rule. So wherever we apply one duration (or one sum of durations) in one step, the three
must land on the same day. Where they differ by definition — a chain of additions, pendulum's
`diff` — nothing is compared here (docs/why-not-pendulum.md shows why).

pendulum is in the test extra only, and the package never needs it (the last tests here). Without
it the laws are skipped; CI's core stage installs it too, so that they also hold against the
newest python-dateutil there.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from gsomia_clock import Boundaries, Duration, Window
from gsomia_clock.terms import Terms

from .strategies import (
    days,
    days_in_force,
    durations,
    notice_agreements,
    period_agreements,
    positive_durations,
    recent_days,
    windows,
)

ONE_DAY = timedelta(days=1)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pendulum() -> ModuleType:
    return pytest.importorskip("pendulum")


def _fields(*multiples: tuple[int, Duration]) -> dict[str, int]:
    """The calendar fields of a sum of multiples of durations, summed field by field (as a term
    and k renewals are) before anything is applied: keywords of `add` and of `relativedelta`."""
    return {
        name: sum(n * getattr(duration, name) for n, duration in multiples)
        for name in ("years", "months", "weeks", "days")
    }


def _added(pendulum: ModuleType, day: date, fields: dict[str, int]) -> tuple[date, date]:
    """`day` + the fields in one step, by pendulum and by relativedelta."""
    return pendulum.date(day.year, day.month, day.day).add(**fields), day + relativedelta(**fields)


def _subtracted(pendulum: ModuleType, day: date, fields: dict[str, int]) -> tuple[date, date]:
    """`day` − the fields in one step, by pendulum and by relativedelta."""
    return (
        pendulum.date(day.year, day.month, day.day).subtract(**fields),
        day - relativedelta(**fields),
    )


@given(days, durations)
def test_a_duration_added_to_a_day_lands_where_pendulum_and_relativedelta_put_it(
    pendulum: ModuleType, day: date, duration: Duration
) -> None:
    landed = duration.add_to(day)
    assert _added(pendulum, day, _fields((1, duration))) == (landed, landed)


@given(days, durations)
def test_a_duration_taken_from_a_day_lands_where_pendulum_and_relativedelta_put_it(
    pendulum: ModuleType, day: date, duration: Duration
) -> None:
    landed = duration.subtract_from(day)
    assert _subtracted(pendulum, day, _fields((1, duration))) == (landed, landed)


@given(recent_days, positive_durations, positive_durations, st.integers(0, 60))
def test_a_term_end_is_where_pendulum_and_relativedelta_put_in_force_plus_the_terms(
    pendulum: ModuleType, in_force: date, term: Duration, renewal: Duration, k: int
) -> None:
    end = Terms.from_catalog(in_force, term, renewal).end(k)
    assert _added(pendulum, in_force, _fields((1, term), (k, renewal))) == (end, end)


@given(recent_days, positive_durations, st.integers(-60, 60))
def test_a_period_boundary_is_where_pendulum_and_relativedelta_put_the_anchor_plus_n_periods(
    pendulum: ModuleType, anchor: date, every: Duration, n: int
) -> None:
    boundary = Boundaries(every, (anchor,)).end(n)
    assert _added(pendulum, anchor, _fields((n, every))) == (boundary, boundary)


@given(recent_days, windows, st.integers(0, 60))
def test_a_notice_window_opens_and_closes_where_pendulum_and_relativedelta_put_it(
    pendulum: ModuleType, start: date, window: Window, k: int
) -> None:
    opens = window.opening(start, k)
    assert _added(pendulum, start, _fields((1, window.first), (k, window.every))) == (opens, opens)
    # Its last day is the opening day + length − 1 day.
    by_pendulum, by_relativedelta = _added(pendulum, opens, _fields((1, window.length)))
    held = window.holding(start, opens)
    assert held == (opens, by_pendulum - ONE_DAY) == (opens, by_relativedelta - ONE_DAY)


@given(st.data())
def test_an_effect_after_notice_is_where_pendulum_and_relativedelta_put_receipt_plus_notice(
    pendulum: ModuleType, data: st.DataObject
) -> None:
    agreement = data.draw(notice_agreements("after-notice"))
    received = data.draw(days_in_force(agreement))
    (clause,) = agreement.exits
    effective = agreement.can_withdraw("AA", on=received).effective
    assert _added(pendulum, received, _fields((1, clause.notice))) == (effective, effective)


@given(st.data())
def test_a_last_notice_day_is_the_end_less_notice_and_a_day_as_pendulum_and_relativedelta_count(
    pendulum: ModuleType, data: st.DataObject
) -> None:
    agreement = data.draw(notice_agreements("end-of-term") | period_agreements())
    answer = agreement.can_withdraw("AA", on=data.draw(days_in_force(agreement)))
    (clause,) = agreement.exits
    by_pendulum, by_relativedelta = _subtracted(
        pendulum, answer.effective, _fields((1, clause.notice))
    )
    assert answer.last_notice_day == by_pendulum - ONE_DAY == by_relativedelta - ONE_DAY


# -- pendulum is the tests' second opinion, never the package's need --------------------------


def test_pendulum_is_asked_for_by_the_test_extra_alone() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not [r for r in project["dependencies"] if r.startswith("pendulum")]
    assert [r for r in project["optional-dependencies"]["test"] if r.startswith("pendulum")]


def test_no_module_of_the_package_loads_pendulum() -> None:
    probe = (
        "import importlib, pkgutil, sys, gsomia_clock\n"
        "for m in pkgutil.iter_modules(gsomia_clock.__path__):\n"
        "    if m.name != '__main__':\n"
        "        importlib.import_module('gsomia_clock.' + m.name)\n"
        "print('pendulum' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "False"
