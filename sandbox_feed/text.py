"""Plain text in, safe HTML out: every post and comment is cleaned and linkified once, on write."""

import re

import bleach
from bleach.linkifier import Linker

LINK_REL = "nofollow ugc noopener"
MENTION = re.compile(r"(?<![\w@])@(\w+)", re.UNICODE)


def _link_attrs(attrs, new=False):
    href_key = (None, "href")
    href = attrs.get(href_key, "")
    if not href.startswith(("http://", "https://")):
        return None  # not a web link: leave it as plain text
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_linker = Linker(callbacks=[_link_attrs], parse_email=False)


def clean_text(raw):
    """Escape everything the user typed (no tag survives, scripts show as text) and turn web addresses
    into links with rel="nofollow ugc noopener"."""
    escaped = bleach.clean(raw.strip(), tags=set(), attributes={}, strip=False)
    return _linker.linkify(escaped)


def mentioned_names(raw):
    return {name.casefold() for name in MENTION.findall(raw)}
