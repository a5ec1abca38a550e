"""Posted text comes out inert: no tag, script or event handler survives; web links get safe rel values."""

import html
import threading
from concurrent.futures import ThreadPoolExecutor

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
    assert '<a href="/feed/link/?url=https%3A%2F%2Fwww.mediawijsheid.nl%2Ftips" rel="nofollow ugc noopener"' in cleaned
    assert LINK_REL == "nofollow ugc noopener"


def test_it_does_not_link_javascript_or_mail_addresses():
    cleaned = clean_text("javascript:alert(1) en juf@school.nl")
    assert "<a" not in cleaned


def test_it_finds_mentions():
    assert mentioned_names("Hoi @Noor en @daan! mail@x.nl") == {"noor", "daan"}


@pytest.mark.parametrize(
    "typed",
    [
        "<!-- x -->hoi",
        "&lt;script&gt;",
        "&#97; en &amp; en &nbsp;",
        "<b>vet</b> \"aanhalingstekens\" 'enkel'",
        "3 < 4 & 5 > 2",
    ],
)
def test_it_keeps_every_character_as_typed(typed):
    cleaned = clean_text(typed)
    assert html.unescape(cleaned) == typed
    assert "<" not in cleaned.replace("&lt;", "")  # nothing the pupil typed became markup


def test_it_keeps_ampersands_in_links_escaped_once():
    cleaned = clean_text("zie https://example.org/?a=1&b=2")
    assert 'href="/feed/link/?url=https%3A%2F%2Fexample.org%2F%3Fa%3D1%26b%3D2"' in cleaned
    assert ">https://example.org/?a=1&amp;b=2</a>" in cleaned
    assert "&amp;amp;" not in cleaned


def test_it_cleans_correctly_from_many_threads_at_once():
    """Sync views run in a thread pool under ASGI: a shared parser mixed up pupils' texts."""
    texts = [f"Bericht {i} van leerling {i % 28}: kijk op https://example.org/{i} <3" for i in range(3000)]
    expected = [clean_text(text) for text in texts]
    barrier = threading.Barrier(16)

    def clean_all(offset):
        barrier.wait()
        return [(i, clean_text(texts[i])) for i in range(offset, len(texts), 16)]

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = [pair for chunk in pool.map(clean_all, range(16)) for pair in chunk]
    wrong = [(i, got) for i, got in results if got != expected[i]]
    assert len(results) == len(texts)
    assert wrong == []
