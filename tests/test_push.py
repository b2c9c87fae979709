"""`push` against a real Radicale server started on 127.0.0.1, with no auth and with htpasswd."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import LEASE, run

caldav = pytest.importorskip("caldav", reason="the caldav extra is not installed")
pytest.importorskip("radicale", reason="Radicale is not installed")


@dataclass(frozen=True)
class Server:
    url: str
    user: str
    password: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(tmp: Path, *auth: str) -> Iterator[str]:
    port = _free_port()
    log = tmp / "radicale.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
             "--storage-filesystem-folder", str(tmp / "collections"), *auth],
            stdout=subprocess.DEVNULL, stderr=output,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(params=["none", "htpasswd"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    if request.param == "none":
        yield from (Server(url, "alice", "") for url in _start(tmp_path, "--auth-type", "none"))
        return
    (tmp_path / "users").write_text("bob:s3cret-pw\n")
    auth = ("--auth-type", "htpasswd", "--auth-htpasswd-filename", str(tmp_path / "users"),
            "--auth-htpasswd-encryption", "plain")  # fmt: skip
    yield from (Server(url, "bob", "s3cret-pw") for url in _start(tmp_path, *auth))


def push(server: Server, *args: str) -> subprocess.CompletedProcess[str]:
    return run("push", *args, "--url", server.url, "--user", server.user,
               "--password-env", "TEST_CALDAV_PASSWORD", env={"TEST_CALDAV_PASSWORD": server.password})  # fmt: skip


def remote_events(server: Server, name: str = "Treaty deadlines") -> dict[str, object]:
    with caldav.DAVClient(url=server.url, username=server.user, password=server.password) as client:
        (calendar,) = [
            c for c in client.get_principal().get_calendars() if c.get_display_name() == name
        ]
        found = {}
        for event in calendar.get_events():
            component = event.icalendar_component
            found[str(component["UID"])] = (
                component.decoded("DTSTART"),
                int(component.get("SEQUENCE", 0)),
            )
        return found


def exported_uids(*args: str) -> set[str]:
    import icalendar

    done = run("ical", *args)
    assert done.returncode == 0, done.stderr
    return {str(e["UID"]) for e in icalendar.Calendar.from_ical(done.stdout).walk("VEVENT")}


PERIOD = ("--from", "2026-01-01", "--until", "2030-12-31")


def test_two_pushes_leave_exactly_the_exported_events(server: Server) -> None:
    first = push(server, "gsomia", *PERIOD, "--remind", "P30D")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "Treaty deadlines: 10 created, 0 updated, 0 removed, 0 unchanged"
    second = push(server, "gsomia", *PERIOD, "--remind", "P30D")
    assert (
        second.stdout.strip() == "Treaty deadlines: 0 created, 0 updated, 0 removed, 10 unchanged"
    )
    assert set(remote_events(server)) == exported_uids("gsomia", *PERIOD, "--remind", "P30D")


def _calendar(client: object, name: str = "Treaty deadlines") -> object:
    (calendar,) = [
        c
        for c in client.get_principal().get_calendars()  # type: ignore[attr-defined]
        if c.get_display_name() == name
    ]
    return calendar


def _client(server: Server) -> object:
    return caldav.DAVClient(url=server.url, username=server.user, password=server.password)


def test_changed_events_are_updated_and_stale_ones_within_the_period_removed(
    server: Server,
) -> None:
    assert push(server, "gsomia", *PERIOD, "--remind", "P7D", "--reminder-events").returncode == 0
    before = remote_events(server)
    assert len(before) == 20  # ten deadlines, a reminder event each
    done = push(server, "gsomia", "--from", "2027-01-01", "--until", "2030-12-31")
    # 2027-2030: eight deadlines lose their alarm (updated), their eight reminder events go;
    # the two 2026 deadlines and their reminders lie outside the period pushed, and stay.
    assert done.stdout.strip() == "Treaty deadlines: 0 created, 8 updated, 8 removed, 0 unchanged"
    after = remote_events(server)
    assert {uid for uid in set(before) - set(after)} == {
        uid
        for uid in before
        if uid.startswith("reminder-") and before[uid][0].year >= 2027  # type: ignore[index]
    }
    assert "renewal-10.gsomia@gsomia-clock" in after
    assert {after[uid][1] for uid in after if not uid.startswith("reminder-")} == {0, 1}  # type: ignore[index]


FOREIGN = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//else//EN\r\nBEGIN:VEVENT\r\n"
    "UID:dentist@example.org\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20290101\r\n"
    "SUMMARY:Dentist\r\nX-GSOMIA-CLOCK-AGREEMENT:gsomia\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_push_never_deletes_an_event_it_did_not_create(server: Server) -> None:
    assert push(server, "gsomia", *PERIOD).returncode == 0
    with _client(server) as client:
        _calendar(client).add_event(ical=FOREIGN)  # type: ignore[attr-defined]
    assert push(server, "apostille", *PERIOD).returncode == 0  # other agreements: gsomia's stay
    done = push(server, "gsomia", "--from", "2029-01-01", "--until", "2029-12-31")
    assert done.returncode == 0, done.stderr
    uids = set(remote_events(server))
    # The dentist carries our agreement marker (as every `ical` export does), but not push's.
    assert "dentist@example.org" in uids
    assert any(uid.endswith(".apostille@gsomia-clock") for uid in uids)
    assert {uid for uid in uids if uid.endswith(".gsomia@gsomia-clock")} == exported_uids(
        "gsomia", *PERIOD
    )


def test_an_imported_export_is_left_alone_and_reported(server: Server) -> None:
    exported = run("ical", "gsomia", *PERIOD)
    assert push(server, "apostille", *PERIOD).returncode == 0  # makes the calendar
    import icalendar

    with _client(server) as client:
        calendar = _calendar(client)
        for event in icalendar.Calendar.from_ical(exported.stdout).walk("VEVENT"):
            wrapped = icalendar.Calendar()
            wrapped.add("prodid", "-//import//EN")
            wrapped.add("version", "2.0")
            wrapped.add_component(event)
            calendar.add_event(ical=wrapped.to_ical().decode())  # type: ignore[attr-defined]
    before = remote_events(server)
    done = push(server, "gsomia", *PERIOD, "--remind", "P7D")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "Treaty deadlines: 0 created, 0 updated, 0 removed, 0 unchanged"
    assert lines[1].startswith("10 not made by push (an imported export?), left alone: ")
    assert remote_events(server) == before


def test_a_copy_of_a_pushed_event_made_in_the_calendar_is_never_removed(server: Server) -> None:
    deadline = "last-notice-day-11.gsomia@gsomia-clock"
    assert push(server, "gsomia", *PERIOD).returncode == 0
    with _client(server) as client:
        calendar = _calendar(client)
        original = calendar.event_by_uid(deadline)  # type: ignore[attr-defined]
        # "Duplicate" in a calendar app: every property kept, our mark too, but a UID of its own.
        copy = original.data.replace(f"UID:{deadline}", "UID:my-copy@example.org")
        calendar.add_event(ical=copy)  # type: ignore[attr-defined]
    for _ in range(2):
        done = push(server, "gsomia", *PERIOD, "--replace-edited")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == (
            "Treaty deadlines: 0 created, 0 updated, 0 removed, 10 unchanged"
        )
    assert "my-copy@example.org" in remote_events(server)


def _edit_summary(server: Server, uid: str, summary: str) -> None:
    with _client(server) as client:
        resource = _calendar(client).event_by_uid(uid)  # type: ignore[attr-defined]
        component = resource.icalendar_component
        component["SUMMARY"] = summary
        resource.save()


def _summary(server: Server, uid: str) -> str:
    with _client(server) as client:
        resource = _calendar(client).event_by_uid(uid)  # type: ignore[attr-defined]
        return str(resource.icalendar_component["SUMMARY"])


def test_an_event_edited_in_the_calendar_is_kept_and_reported_until_replacing_is_asked(
    server: Server,
) -> None:
    deadline = "last-notice-day-11.gsomia@gsomia-clock"
    reminder = f"reminder-p7d-{deadline}"
    assert push(server, "gsomia", *PERIOD, "--remind", "P7D", "--reminder-events").returncode == 0
    _edit_summary(server, deadline, "Ask the minister first")
    _edit_summary(server, reminder, "Call Tokyo")
    # Without reminders: every deadline changes (no alarm), every reminder event goes; but not
    # the two events someone edited.
    done = push(server, "gsomia", *PERIOD)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == [
        "Treaty deadlines: 0 created, 9 updated, 9 removed, 0 unchanged",
        "2 edited in the calendar since pushed, kept as they are (--replace-edited to "
        f"overwrite): {deadline}, {reminder}",
    ]
    assert _summary(server, deadline) == "Ask the minister first"
    assert _summary(server, reminder) == "Call Tokyo"
    replaced = push(server, "gsomia", *PERIOD, "--replace-edited")
    assert replaced.stdout.strip() == (
        "Treaty deadlines: 0 created, 1 updated, 1 removed, 9 unchanged"
    )
    assert _summary(server, deadline).startswith("GSOMIA: last day for notice")
    assert reminder not in remote_events(server)


def test_the_password_is_never_printed(server: Server) -> None:
    done = push(server, "gsomia", *PERIOD)
    assert done.returncode == 0
    if server.password:
        assert server.password not in done.stdout + done.stderr


def test_wrong_password_is_bad_input_without_the_password(tmp_path: Path) -> None:
    (tmp_path / "users").write_text("bob:right\n")
    for url in _start(tmp_path, "--auth-type", "htpasswd", "--auth-htpasswd-filename",
                      str(tmp_path / "users"), "--auth-htpasswd-encryption", "plain"):  # fmt: skip
        done = run(
            "push",
            "gsomia",
            "--url",
            url,
            "--user",
            "bob",
            "--password-env",
            "PW",
            env={"PW": "wrong-secret"},
        )
        assert done.returncode == 2
        assert "Unauthorized" in done.stderr
        assert "wrong-secret" not in done.stderr + done.stdout


def test_an_unreachable_server_is_bad_input() -> None:
    # (an unset --password-env and a password in --url are rows of test_bad_input.py)
    url = f"http://127.0.0.1:{_free_port()}/"
    done = run("push", "gsomia", "--url", url, "--user", "x")
    assert done.returncode == 2
    assert done.stderr == (
        f"gsomia-clock: error: push: {url}: cannot connect (Connection refused)\n"
    )


def test_an_interrupted_push_converges_on_the_next_run(server: Server) -> None:
    from datetime import UTC, date, datetime

    from gsomia_clock import load_catalog
    from gsomia_clock.ics import calendar_events
    from gsomia_clock.push import push as push_events

    events = calendar_events([load_catalog()["gsomia"]], date(2026, 1, 1), date(2030, 12, 31))

    class Interrupted(list):  # type: ignore[type-arg]
        def __iter__(self):  # type: ignore[no-untyped-def]
            for number, event in enumerate(list.__iter__(self)):
                if number == 4:
                    raise KeyboardInterrupt
                yield event

    stamp = datetime(2026, 11, 22, tzinfo=UTC)
    common = {"url": server.url, "user": server.user, "password": server.password,
              "calendar_name": "Treaty deadlines", "agreements": {"gsomia"}, "stamp": stamp}  # fmt: skip
    with pytest.raises(KeyboardInterrupt):
        push_events(Interrupted(events), **common)  # type: ignore[arg-type]
    assert len(remote_events(server)) == 4
    report = push_events(events, **common)  # type: ignore[arg-type]
    assert (report.created, report.unchanged, report.removed) == (len(events) - 4, 4, 0)
    assert set(remote_events(server)) == {event.uid for event in events}


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[str]:
    import shutil

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem"),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    for url in _start(tmp_path, "--auth-type", "none", "--server-ssl", "True",
                      "--server-certificate", str(tmp_path / "cert.pem"),
                      "--server-key", str(tmp_path / "key.pem")):  # fmt: skip
        yield url.replace("http://", "https://")


def test_tls_certificates_are_verified_unless_insecure_is_said_loudly(tls_server: str) -> None:
    refused = run("push", "gsomia", "--url", tls_server, "--user", "alice", *PERIOD)
    assert refused.returncode == 2
    assert "certificate" in refused.stderr.lower() and "Traceback" not in refused.stderr
    allowed = run("push", "gsomia", "--url", tls_server, "--user", "alice", "--insecure", *PERIOD)
    assert allowed.returncode == 0, allowed.stderr
    assert "WARNING: --insecure" in allowed.stderr
    assert allowed.stdout.strip().endswith("10 created, 0 updated, 0 removed, 0 unchanged")


EXTENDED = LEASE.format(
    extra='[[agreement.event]]\ndate = 2017-09-01\nkind = "extend"\nuntil = 2018-06-30'
)


def test_an_extension_and_a_reminder_asked_twice_converge_in_one_push(
    server: Server, tmp_path: Path
) -> None:
    (tmp_path / "lease.toml").write_text(EXTENDED)
    args = ("--catalog", str(tmp_path / "lease.toml"), "lease", "--from", "2017-01-01",
            "--until", "2018-12-31", "--remind", "P1D", "--remind", "PT24H", "--reminder-events")  # fmt: skip
    first = push(server, *args)
    assert first.returncode == 0, first.stderr
    second = push(server, *args)
    assert second.stdout.strip().endswith("0 created, 0 updated, 0 removed, 6 unchanged")
    assert set(remote_events(server)) == exported_uids(*args)
    assert "2.last-notice-day-1.lease@gsomia-clock" in remote_events(server)


def test_a_push_of_one_kind_leaves_the_other_kinds_in_the_calendar(server: Server) -> None:
    assert push(server, "gsomia", *PERIOD).returncode == 0  # five renewals, five last days
    only = push(
        server, "gsomia", *PERIOD, "--kind", "last-notice-day", "--remind", "last-notice-day=P30D"
    )
    # The last notice days gain their alarm; the renewals, of no kind asked about, stay as they were.
    assert only.stdout.strip() == "Treaty deadlines: 0 created, 5 updated, 0 removed, 0 unchanged"
    assert set(remote_events(server)) == exported_uids("gsomia", *PERIOD)


def test_prune_removes_the_events_of_an_agreement_gone_from_the_catalog(
    server: Server, tmp_path: Path
) -> None:
    from .helpers import REGISTER

    register = tmp_path / "reg.toml"
    register.write_text(REGISTER)
    mine = ("--no-bundled", "--catalog", str(register), *PERIOD)
    assert push(server, *mine).returncode == 0
    crm = {uid for uid in remote_events(server) if "crm-subscription" in uid}
    assert crm
    start = REGISTER.index('[[agreement]]\nid = "crm-subscription"')
    register.write_text(
        REGISTER[:start] + REGISTER[REGISTER.index('[[agreement]]\nid = "cleaning"') :]
    )
    kept = push(server, *mine)
    assert kept.returncode == 0, kept.stderr
    assert crm <= set(remote_events(server))  # not this push's business without --prune
    pruned = push(server, *mine, "--prune")
    assert pruned.returncode == 0, pruned.stderr
    assert f"{len(crm)} removed" in pruned.stdout
    assert not crm & set(remote_events(server))
    assert set(remote_events(server)) == exported_uids(*mine)
