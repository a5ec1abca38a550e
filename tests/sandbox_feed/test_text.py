"""Posted text comes out inert: no tag, script or event handler survives; web links get safe rel values."""

import pytest

from sandbox_feed.text import LINK_REL, clean_text, mentioned_names


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">klik</a>',
        "<svg onload=alert(1)>",
        '"><b onmouseover=alert(1)>hoi</b>',
    ],
)
def test_it_escapes_script_event_handler_and_link_payloads(payload):
    cleaned = clean_text(payload)
    assert "<script" not in cleaned
    assert "<img" not in cleaned
    assert "<svg" not in cleaned
    assert "<b " not in cleaned
    assert "<a " not in cleaned  # no real link element, only escaped text
    # What the pupil typed stays visible as text.
    assert "&lt;" in cleaned


def test_it_turns_web_addresses_into_links_with_nofollow_ugc_noopener():
    cleaned = clean_text("Kijk op https://www.mediawijsheid.nl/tips voor meer.")
    assert '<a href="https://www.mediawijsheid.nl/tips" rel="nofollow ugc noopener">' in cleaned
    assert LINK_REL == "nofollow ugc noopener"


def test_it_does_not_link_javascript_or_mail_addresses():
    cleaned = clean_text("javascript:alert(1) en juf@school.nl")
    assert "<a" not in cleaned


def test_it_finds_mentions():
    assert mentioned_names("Hoi @Noor en @daan! mail@x.nl") == {"noor", "daan"}
