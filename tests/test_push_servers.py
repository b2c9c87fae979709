"""`push` against servers that are not CalDAV servers, or not quite: each a clean refusal that
names the address and says what went wrong, never an internal error."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from .helpers import PREFIX, invoke

pytest.importorskip("caldav", reason="the caldav extra is not installed")

# What the server answers to every request: status, headers, body.
ANSWERS = {
    "garbage-xml": (207, {"Content-Type": "application/xml"}, b"<<<not xml"),
    "unknown-auth": (401, {"WWW-Authenticate": 'Weird realm="x"'}, b""),
    "empty-multistatus": (
        207,
        {"Content-Type": "application/xml"},
        b'<?xml version="1.0"?><multistatus xmlns="DAV:"/>',
    ),
    "server-error": (500, {}, b""),
    "web-page": (200, {"Content-Type": "text/html"}, b"<html><body>Welcome</body></html>"),
}


@pytest.fixture
def answering(request: pytest.FixtureRequest) -> Iterator[str]:
    status, headers, body = ANSWERS[request.param]

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_PUT = do_PROPFIND = do_REPORT = do_MKCALENDAR = do_OPTIONS = answer
        do_DELETE = do_POST = answer

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("answering", "message"),
    [
        ("garbage-xml", "the server's answer cannot be read, is it a CalDAV server? (XMLSyntaxError"),
        ("unknown-auth", "the server asks for an authentication scheme push cannot use"),
        ("empty-multistatus", "MkcalendarError: failed while making the calendar (MKCALENDAR) (HTTP status 207)"),
        ("server-error", "PropfindError: failed while looking for the calendars (PROPFIND) (HTTP status 500)"),
        ("web-page", "MkcalendarError: failed while making the calendar (MKCALENDAR) (HTTP status 200)"),
    ],
    indirect=["answering"],
)  # fmt: skip
def test_a_server_that_does_not_speak_caldav_is_bad_input_naming_it(
    answering: str, message: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("GSOMIA_TEST_PW", "hunter2")
    done = invoke(
        capsys, "push", "gsomia", "--url", answering, "--user", "me", "--password-env",
        "GSOMIA_TEST_PW",
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1  # one line
    assert done.stderr.startswith(f"{PREFIX}push: {answering}: {message}"), done.stderr
    assert "hunter2" not in done.stderr
