"""`import -o CATALOG` onto a catalog that exists, and `export` (contract v3, "Import and
export"): nothing overwritten without a choice, a merge that keeps what the CSV does not carry,
and an export that imports back as no change."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gsomia_clock.catalog import read_catalog
from gsomia_clock.catalog_text import merged
from gsomia_clock.spreadsheet import catalog_from_csv

from .helpers import PREFIX, assert_refused, invoke
from .strategies import WrittenRegister, written_registers

Capture = pytest.CaptureFixture[str]

CSV = """\
id,name,parties,in_force,term,renewal,effect,notice,owner
office-lease,"Office lease, 3rd floor",TENANT;LANDLORD,2024-01-01,P2Y,P1Y,end-of-term,P3M,Facilities
crm-subscription,CRM subscription,US;VENDOR,2025-12-01,P1Y,P1Y,end-of-term,P30D,Sales ops
"""

# The register as kept since the import: a comment, a key no CSV column has, a notice recorded.
KEPT = """\
# Our contracts.
[[agreement]]
id = "office-lease"
name = "Office lease, 3rd floor"
parties = ["TENANT", "LANDLORD"]
in_force = 2024-01-01
term = "P2Y"
renewal = "P1Y"
owner = "Facilities"
timezone = "Europe/Berlin"  # the building's

[[agreement.exit]]
effect = "end-of-term"
notice = "P3M"

# Notice sent by registered letter.
[[agreement.event]]
date = 2026-05-04
kind = "notice"
party = "TENANT"

[[agreement]]
id = "crm-subscription"
name = "CRM subscription"
parties = ["US", "VENDOR"]
in_force = 2025-12-01
term = "P1Y"
renewal = "P1Y"
owner = "Sales ops"  # since the 2025 reorganisation

[[agreement.exit]]
effect = "end-of-term"
notice = "P30D"

[[agreement]]
id = "old-copier"
name = "Copier (ended)"
parties = ["US", "COPYCO"]
in_force = 2019-01-01
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    (tmp_path / "reg.csv").write_text(CSV)
    (tmp_path / "reg.toml").write_text(KEPT)
    return tmp_path


def test_an_import_onto_an_existing_catalog_needs_merge_or_replace(
    folder: Path, capsys: Capture
) -> None:
    assert_refused(
        invoke(capsys, "import", "reg.csv", "-o", "reg.toml"),
        f"{PREFIX}-o: reg.toml exists: give --merge (keep every key, exit, event and comment "
        "the CSV does not carry) or --replace (the CSV's agreements alone)",
    )
    assert Path("reg.toml").read_text() == KEPT


def test_a_merge_changes_only_the_cells_that_differ_and_keeps_the_rest_in_place(
    folder: Path, capsys: Capture
) -> None:
    Path("reg.csv").write_text(
        CSV.replace("Sales ops", "Revenue ops").replace("P30D", "P60D")
        + "phone,Phone contract,US;TELCO,2025-01-01,,,after-notice,P1M,\n"
    )
    done = invoke(capsys, "import", "reg.csv", "-o", "reg.toml", "--merge")
    assert done.stdout == "reg.toml: 1 added, 1 updated, 1 unchanged, 1 only in the file\n"
    now = Path("reg.toml").read_text()
    expected = KEPT.replace('owner = "Sales ops"', 'owner = "Revenue ops"').replace("P30D", "P60D")
    assert now.startswith(expected.rstrip("\n"))
    assert now[len(expected) :].lstrip("\n").startswith('[[agreement]]\nid = "phone"')
    lease = read_catalog("reg.toml")[0]
    assert lease.events[0].kind == "notice" and str(lease.zone) == "Europe/Berlin"


def test_a_merge_removes_a_key_whose_cell_is_empty_and_replaces_the_exits_the_csv_carries(
    folder: Path, capsys: Capture
) -> None:
    Path("reg.csv").write_text(
        CSV.replace(",Facilities", ",").replace("end-of-term,P3M", "after-notice,P6M")
    )
    assert invoke(capsys, "import", "reg.csv", "-o", "reg.toml", "--merge").returncode == 0
    lease = read_catalog("reg.toml")[0]
    assert lease.owner is None
    assert [(e.effect, str(e.notice)) for e in lease.exits] == [("after-notice", "P6M")]
    assert "# Notice sent by registered letter." in Path("reg.toml").read_text()


def test_a_merge_or_replace_can_be_undone(folder: Path, capsys: Capture) -> None:
    for choice in ("--merge", "--replace"):
        Path("reg.csv").write_text(CSV.replace("Sales ops", "Revenue ops"))
        assert invoke(capsys, "import", "reg.csv", "-o", "reg.toml", choice).returncode == 0
        assert Path("reg.toml").read_text() != KEPT
        assert invoke(capsys, "undo").returncode == 0
        assert Path("reg.toml").read_text() == KEPT


def test_replace_writes_the_csvs_agreements_alone(folder: Path, capsys: Capture) -> None:
    done = invoke(capsys, "import", "reg.csv", "-o", "reg.toml", "--replace")
    assert done.stdout == "reg.toml: replaced by 2 agreements\n"
    assert Path("reg.toml").read_text() == catalog_from_csv(CSV, name="reg.csv")


def test_a_dry_run_of_a_merge_prints_the_diff_and_writes_nothing(
    folder: Path, capsys: Capture
) -> None:
    Path("reg.csv").write_text(CSV.replace("Sales ops", "Revenue ops"))
    done = invoke(capsys, "import", "reg.csv", "-o", "reg.toml", "--merge", "--dry-run")
    assert '-owner = "Sales ops"  # since' in done.stdout
    assert '+owner = "Revenue ops"  # since the 2025 reorganisation' in done.stdout
    assert Path("reg.toml").read_text() == KEPT


def test_an_export_imports_back_as_no_change(folder: Path, capsys: Capture) -> None:
    done = invoke(
        capsys, "--no-bundled", "--catalog", "reg.toml", "export", "--csv", "-o", "out.csv"
    )
    assert done.returncode == 0
    assert "1 event or keys no column carries are not exported" in done.stderr
    merged_again = invoke(capsys, "import", "out.csv", "-o", "reg.toml", "--merge")
    assert merged_again.stdout == "reg.toml: 0 added, 0 updated, 3 unchanged, 0 only in the file\n"
    assert Path("reg.toml").read_text() == KEPT


def test_an_export_in_toml_is_each_table_as_its_file_writes_it(
    folder: Path, capsys: Capture
) -> None:
    done = invoke(capsys, "--no-bundled", "--catalog", "reg.toml", "export", "OFFICE-LEASE")
    assert (
        done.stdout
        == KEPT[KEPT.index("[[agreement]]") : KEPT.index('[[agreement]]\nid = "crm')].rstrip("\n")
        + "\n"
    )


def test_an_exported_cell_that_reads_as_a_formula_is_guarded_and_imported_back_as_written(
    folder: Path, capsys: Capture
) -> None:
    Path("reg.toml").write_text(KEPT.replace('name = "CRM subscription"', 'name = "=CRM"'))
    out = invoke(capsys, "--no-bundled", "--catalog", "reg.toml", "export", "--csv").stdout
    assert ",'=CRM," in out
    Path("out.csv").write_text(out)
    back = invoke(capsys, "import", "out.csv", "-o", "reg.toml", "--merge")
    assert back.stdout.startswith("reg.toml: 0 added, 0 updated")


def test_an_unknown_id_to_export_is_named(folder: Path, capsys: Capture) -> None:
    done = invoke(capsys, "--no-bundled", "--catalog", "reg.toml", "export", "ofice-lease")
    assert done.returncode == 2 and "office-lease" in done.stderr


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(written_registers())
def test_any_register_merged_onto_its_own_import_is_unchanged(register: WrittenRegister) -> None:
    catalog = catalog_from_csv(register.written, name="r.csv", delimiter=register.delimiter)
    from gsomia_clock.spreadsheet import AGREEMENT_COLUMNS, header_keys

    keys = tuple(
        k for k in AGREEMENT_COLUMNS if k in header_keys(register.written, register.delimiter)
    )
    again = merged(catalog, catalog, keys, True)
    assert again.text == catalog
    assert (again.added, again.updated, again.only_in_file) == ((), (), ())


@pytest.mark.parametrize("choice", ["--merge", "--replace"])
def test_merge_or_replace_without_a_catalog_to_write_onto_is_refused(
    folder: Path, capsys: Capture, choice: str
) -> None:
    assert_refused(
        invoke(capsys, "import", "reg.csv", choice),
        f"{PREFIX}{choice}: needs -o CATALOG, the catalog to write onto",
    )
