"""Shared helpers: the bundled catalog, and agreements written inline as TOML."""

from __future__ import annotations

import textwrap

import pytest

from gsomia_clock import Agreement, Catalog, load_catalog
from gsomia_clock.catalog import read_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def gsomia(catalog: Catalog) -> Agreement:
    return catalog["gsomia"]


def agreement(toml: str) -> Agreement:
    """The single agreement of an inline catalog (indentation is stripped)."""
    (found,) = read_catalog(textwrap.dedent(toml).encode(), name="inline.toml")
    return found


MINIMAL = """
[[agreement]]
id = "x"
name = "X"
parties = ["AA", "BB"]
in_force = 2020-01-01
"""

GSOMIA_LIKE = """
[[agreement]]
id = "evergreen"
name = "An evergreen agreement"
parties = ["AA", "BB"]
in_force = 2016-11-23
timezone = "Asia/Seoul"
term = "P1Y"
renewal = "P1Y"

[[agreement.exit]]
effect = "end-of-term"
notice = "P90D"
"""


def evergreen(events: str = "") -> Agreement:
    """A GSOMIA-shaped bilateral agreement with the given `[[agreement.event]]` tables."""
    return agreement(GSOMIA_LIKE + textwrap.dedent(events))
