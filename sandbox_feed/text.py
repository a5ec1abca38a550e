"""Plain text in, safe HTML out: every post and comment is escaped once and linkified, on write."""

import html
import re
import threading

from bleach.linkifier import Linker

LINK_REL = "nofollow ugc noopener"
MENTION = re.compile(r"(?<![\w@])@(\w+)", re.UNICODE)

# bleach's Linker keeps html5lib parser state between calls and is documented as not thread-safe: sync
# views run in many threads under ASGI, and a shared Linker returned empty text or another pupil's words.
# Each thread builds its own on first use.
_local = threading.local()


def _link_attrs(attrs, new=False):
    href_key = (None, "href")
    href = attrs.get(href_key, "")
    if not href.startswith(("http://", "https://")):
        return None  # not a web link: leave it as plain text
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


def _linker():
    linker = getattr(_local, "linker", None)
    if linker is None:
        linker = _local.linker = Linker(callbacks=[_link_attrs], parse_email=False)
    return linker


def clean_text(raw):
    """Escape exactly once what the user typed, so every character shows as typed (no tag, comment or
    entity is interpreted), and turn web addresses into links with rel="nofollow ugc noopener"."""
    return _linker().linkify(html.escape(raw.strip(), quote=False))


def mentioned_names(raw):
    return {name.casefold() for name in MENTION.findall(raw)}
