"""What push says before, or instead of, talking to a server: an address checked before any
connection, a failure in words rather than a library's repr, and a password never shown."""

from __future__ import annotations

import pytest

from gsomia_clock import QueryError
from gsomia_clock.push import PushReport, _reason, check_url


class _Refused(OSError):
    pass


# Named as niquests names its own (not the built-in OSError of that name).
Unreachable = type("ConnectionError", (Exception,), {})


def test_a_refused_connection_is_said_in_words() -> None:
    try:
        try:
            raise _Refused(111, "Connection refused")
        except _Refused as inner:
            raise ConnectionError(
                "HTTPConnectionPool(host='127.0.0.1', port=1): Max retries"
            ) from inner
    except ConnectionError as error:
        assert _reason(error, "") == "cannot connect (Connection refused)"


def test_a_one_character_password_never_garbles_the_message() -> None:
    reason = _reason(Unreachable("refused by 127.0.0.1 for user 1"), "1")
    assert reason == "ConnectionError: cannot connect (no answer)"
    other = _reason(ValueError("server said: bad password 1 for 127.0.0.1"), "1")
    assert other == "ValueError: server said: bad password *** for 127.0.0.1"


def test_a_password_the_server_echoes_is_masked() -> None:
    assert _reason(ValueError("token hunter2 rejected"), "hunter2") == (
        "ValueError: token *** rejected"
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:0/", "is not a valid address (port '0' is not a number in 1-65535)"),
        ("http://127.0.0.1:x/", "is not a valid address (port 'x' is not a number in 1-65535)"),
        ("http://127.0.0.1/a\x01b", "holds a control character or a space"),
        ("mailto:me@example.org", "is not an http:// or https:// address"),
        (
            f"http://{'a' * 64}.example.org/",
            "is not a valid address (a host name's parts are 1 to 63 characters long)",
        ),
        (
            "http://a..b/",
            "is not a valid address (a host name's parts are 1 to 63 characters long)",
        ),
    ],
    ids=[
        "port-0",
        "port-x",
        "control-character",
        "mailto",
        "label-of-64",
        "empty-label",
    ],
)
def test_an_address_is_checked_before_any_connection(url: str, message: str) -> None:
    with pytest.raises(QueryError) as refused:
        check_url(url)
    assert (refused.value.parameter, refused.value.reason) == ("url", f"{url!r} {message}")


def test_a_report_names_the_edited_and_the_foreign_events() -> None:
    report = PushReport("Cal", 1, 2, 3, 4, edited=("a@x",), foreign=("b@x", "c@x"))
    assert str(report).splitlines() == [
        "Cal: 1 created, 2 updated, 3 removed, 4 unchanged",
        "1 edited in the calendar since pushed, kept as they are (`replace_edited` to overwrite): a@x",
        "2 not made by push (an imported export?), left alone: b@x, c@x",
    ]
    assert str(PushReport("Cal", 0, 0, 0, 5)) == "Cal: 0 created, 0 updated, 0 removed, 5 unchanged"
