"""Fixtures only: the bundled catalog and GSOMIA (shared helpers live in tests/helpers.py)."""

from __future__ import annotations

import pytest

from gsomia_clock import Agreement, Catalog, load_catalog


# A fresh catalog for each test: agreements remember their compiled histories and the answers
# they gave (memo.py), and a test must reckon what it checks itself, or a mutation run could not
# tell which tests check which code.
@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def gsomia(catalog: Catalog) -> Agreement:
    return catalog["gsomia"]
