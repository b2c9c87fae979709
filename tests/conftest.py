"""Fixtures only: the bundled catalog and GSOMIA (shared helpers live in tests/helpers.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from gsomia_clock import Agreement, Catalog, load_catalog


@pytest.fixture(autouse=True, scope="session")
def _cache_of_our_own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The agenda's index (index.py) goes to a folder of the test run, never to the user's."""
    before = os.environ.get("GSOMIA_CLOCK_CACHE")
    os.environ["GSOMIA_CLOCK_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["GSOMIA_CLOCK_CACHE"]
    else:
        os.environ["GSOMIA_CLOCK_CACHE"] = before


# A fresh catalog for each test: agreements remember their compiled histories and the answers
# they gave (memo.py), and a test must reckon what it checks itself, or a mutation run could not
# tell which tests check which code.
@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def gsomia(catalog: Catalog) -> Agreement:
    return catalog["gsomia"]
