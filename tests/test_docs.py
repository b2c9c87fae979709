"""Every example in docs/ and every docstring example runs, and prints what it shows.

Set GSOMIA_CLOCK_UPDATE_DOCS=1 to rewrite the console outputs in docs/ from a real run.
"""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import re
import shlex
import subprocess
from pathlib import Path

import pytest

import gsomia_clock
from gsomia_clock.catalog import read_catalog

from .helpers import COMMAND

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md"))
CONSOLE = re.compile(r"```console\n(.*?)```", re.S)
TOML = re.compile(r"```toml\n(.*?)```", re.S)
PYCON = re.compile(r"```pycon\n(.*?)```", re.S)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_the_pages_that_keep_a_register_exist() -> None:
    assert {page.name for page in DOCS} >= set(SCRATCH)


def test_there_are_docs_for_concepts_catalog_cli_and_python() -> None:
    assert {p.stem for p in DOCS} >= {"concepts", "catalog", "cli", "python"}


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_python_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = "\n".join(PYCON.findall(page.read_text()))
    if "import pendulum" in text:
        pytest.importorskip("pendulum")  # a comparison; the package itself never needs it
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    assert runner.failures == 0


TOML_BLOCKS = [
    (page, number, block)
    for page in DOCS
    for number, block in enumerate(TOML.findall(page.read_text()), start=1)
]


def test_the_docs_show_catalog_examples() -> None:
    assert {page.name for page, _, _ in TOML_BLOCKS} >= {"catalog.md"}


@pytest.mark.parametrize(
    ("page", "number", "block"), TOML_BLOCKS, ids=lambda v: v.name if isinstance(v, Path) else ""
)
def test_toml_examples_are_valid_catalogs(page: Path, number: int, block: str) -> None:
    # read_catalog refuses an invalid catalog (CatalogError); each table is one agreement.
    agreements = read_catalog(block.encode(), name=f"{page.name}, example {number}")
    assert len(agreements) == block.count("[[agreement]]")


def test_the_lease_file_is_the_catalog_page_example() -> None:
    (block,) = TOML.findall((ROOT / "docs" / "catalog.md").read_text())
    assert (ROOT / "docs" / "lease.toml").read_text() == block


# The pages show the commands as run on Sunday 22 November 2026 (00:00 UTC), "today" for all.
TODAY = "1795305600"


# A page that keeps a register runs in a home of its own: its blocks in order, in a fresh
# folder holding a copy of the files of docs/ it starts from (its HOME, settings and state
# folders there too), where a block written ```file NAME writes NAME before the commands after it.
SCRATCH = {"keeping-a-register.md": ("register.csv",)}
STEP = re.compile(r"```(console|file [^\n]+)\n(.*?)```", re.S)


def _run_scratch(page: Path, home: Path) -> list[str]:
    import shutil

    for name in SCRATCH[page.name]:
        shutil.copy(ROOT / "docs" / name, home / name)
    environment = {
        "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "GSOMIA_CLOCK_CACHE": str(home / ".cache"),
    }  # fmt: skip
    outputs = []
    for kind, body in STEP.findall(page.read_text()):
        if kind == "console":
            outputs.append(_run_console(body, cwd=home, environment=environment))
        else:
            target = home / kind.removeprefix("file ").strip()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body)
    return outputs


def _run_console(block: str, cwd: Path = ROOT, environment: dict[str, str] | None = None) -> str:
    out: list[str] = []
    for line in block.splitlines():
        if not line.startswith("$ "):
            continue
        args = shlex.split(line[2:])
        environment = {**os.environ, "SOURCE_DATE_EPOCH": TODAY, **(environment or {})}
        while "=" in args[0]:  # `NAME=value gsomia-clock ...`, as a shell reads it
            name, _, value = args.pop(0).partition("=")
            environment[name] = value
        assert args[0] == "gsomia-clock"
        done = subprocess.run(
            [*COMMAND, *args[1:]], capture_output=True, text=True, cwd=cwd, check=False,
            env=environment,
        )  # fmt: skip
        assert done.returncode == 0, (line, done.stderr)
        out += [line, *([done.stdout.rstrip("\n")] if done.stdout else [])]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_console_examples_print_what_they_show(page: Path, tmp_path: Path) -> None:
    text = page.read_text()
    expected = CONSOLE.findall(text)
    if page.name in SCRATCH:
        actual = _run_scratch(page, tmp_path)
    else:
        actual = [_run_console(block) for block in expected]
    if os.environ.get("GSOMIA_CLOCK_UPDATE_DOCS"):
        blocks = iter(actual)
        page.write_text(CONSOLE.sub(lambda _m: f"```console\n{next(blocks)}```", text))
        return
    assert actual == expected


MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(gsomia_clock.__path__, "gsomia_clock.")
    if m.name != "gsomia_clock.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    failures, _tried = doctest.testmod(module, optionflags=FLAGS)
    assert failures == 0


def test_the_settings_example_is_the_settings_file_of_the_docs() -> None:
    from gsomia_clock.cli.settings import read_settings

    block = re.search(r"```toml settings\n(.*?)```", (ROOT / "docs" / "cli.md").read_text(), re.S)
    path = ROOT / "docs" / "settings.toml"
    assert block is not None
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    assert block[1].splitlines() == lines
    settings = read_settings({"GSOMIA_CLOCK_CONFIG": str(path)})
    assert settings.catalogs == (str(ROOT / "docs" / "contracts.toml"),)


def test_the_register_kept_on_the_page_ends_as_undo_left_it_and_in_a_calendar(
    tmp_path: Path,
) -> None:
    """The page's workflow, as a new user types it in a home of their own: the register undone
    back to the import, the calendar named and reminded as the settings say."""
    _run_scratch(ROOT / "docs" / "keeping-a-register.md", tmp_path)
    imported = subprocess.run(
        [*COMMAND, "import", "register.csv"], capture_output=True, cwd=tmp_path, check=True
    )
    assert (tmp_path / "contracts.toml").read_bytes() == imported.stdout
    calendar = (tmp_path / "deadlines.ics").read_text()
    assert "X-WR-CALNAME:Contract deadlines" in calendar
    assert "TRIGGER:-P30D" in calendar and "TRIGGER:-P7D" in calendar
    assert sorted(p.name for p in (tmp_path / ".local" / "state" / "gsomia-clock").iterdir()) == [
        "locks", "undo",
    ]  # fmt: skip
