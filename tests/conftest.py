"""Fixtures, and the one Hypothesis profile of the suite (shared helpers live in
tests/helpers.py, strategies in tests/strategies.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

from gsomia_clock import Agreement, Catalog, load_catalog

# Every property test: GSOMIA_CLOCK_EXAMPLES examples (150 unless set), no deadline (a first
# example that loads `holidays` or compiles a history takes longer than any other). A test asks
# for other settings only where it must; the long fuzz run and mutation runs load their own.
settings.register_profile(
    "gsomia", max_examples=int(os.environ.get("GSOMIA_CLOCK_EXAMPLES", "150")), deadline=None
)
settings.load_profile("gsomia")


@pytest.fixture(autouse=True, scope="session")
def _folders_of_our_own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The agenda's index (cli/agenda_cache.py) and the changes kept to be undone (cli/journal.py)
    go to folders of the test run, never to the user's, and the user's settings
    (cli/settings.py) are not read: a settings folder of the run's own, empty, and none of the
    variables that name settings."""
    names = ("GSOMIA_CLOCK_CACHE", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "GSOMIA_CLOCK_CONFIG",
             "GSOMIA_CLOCK_NO_BUNDLED", "GSOMIA_CLOCK_CATALOG")  # fmt: skip
    before = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ.pop(name, None)
    os.environ["GSOMIA_CLOCK_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config"))
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))  # locks, undo
    yield
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


# A fresh catalog for each test: agreements remember their compiled histories and the answers
# they gave (remembered.py), clauses and schedules the words they wrote; a test must reckon what
# it checks itself, or a mutation run could not tell which tests check which code.
@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def gsomia(catalog: Catalog) -> Agreement:
    return catalog["gsomia"]
