"""Fixtures only: the bundled catalog and GSOMIA (shared helpers live in tests/helpers.py)."""

from __future__ import annotations

import pytest

from gsomia_clock import Agreement, Catalog, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def gsomia(catalog: Catalog) -> Agreement:
    return catalog["gsomia"]
