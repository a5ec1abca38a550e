"""Plain text in, safe HTML out: every post and comment is escaped once and linkified, on write. Every web
address links to the leave page (`sandbox_feed:leave`), never straight to the open web; a mention of a
classmate links to their page in the class (`sandbox_feed:member`)."""

import html
import re
import threading
from urllib.parse import urlencode, urlsplit

from bleach.linkifier import Linker
from django.conf import settings
from django.urls import reverse

LINK_REL = "nofollow ugc noopener"
MENTION = re.compile(r"(?<![\w@])@(\w+)", re.UNICODE)

# Domains scenario posts use on purpose: the leave page says they are fake and offers no way out. A setting
# can replace the list (SCENARIO_FAKE_DOMAINS); a subdomain of a listed domain counts too.
DEFAULT_FAKE_DOMAINS = (
    "nos-nieuws.biz",
    "gratis-skins.win",
    "jeugdjournaal-nieuws.info",
    "snoepwinkel-actie.biz",
    "weetjesjager.nep",
)

# bleach's Linker keeps html5lib parser state between calls and is documented as not thread-safe: sync
# views run in many threads under ASGI, and a shared Linker returned empty text or another pupil's words.
# Each thread builds its own on first use.
_local = threading.local()


def leave_href(url):
    """The leave page for `url`: the only way a link in a post or comment goes out."""
    return f"{reverse('sandbox_feed:leave')}?{urlencode({'url': url})}"


def is_web_address(url):
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def fake_domains():
    return tuple(d.casefold().strip(".") for d in getattr(settings, "SCENARIO_FAKE_DOMAINS", DEFAULT_FAKE_DOMAINS))


def is_fake_domain(host):
    host = (host or "").casefold().strip(".")
    return any(host == d or host.endswith("." + d) for d in fake_domains())


def _link_attrs(attrs, new=False):
    href_key = (None, "href")
    href = attrs.get(href_key, "")
    if not href.startswith(("http://", "https://")):
        return None  # not a web link: leave it as plain text
    # The linker works on escaped text: the address as typed is the unescaped one.
    attrs[href_key] = leave_href(html.unescape(href))
    attrs[(None, "rel")] = LINK_REL
    attrs[(None, "class")] = "leave-link"
    attrs.pop((None, "target"), None)
    return attrs


def _linker():
    linker = getattr(_local, "linker", None)
    if linker is None:
        linker = _local.linker = Linker(callbacks=[_link_attrs], parse_email=False)
    return linker


def clean_text(raw):
    """Escape exactly once what the user typed, so every character shows as typed (no tag, comment or
    entity is interpreted), and turn web addresses into links to the leave page (rel="nofollow ugc
    noopener"), which shows the address and lets the reader decide."""
    return _linker().linkify(html.escape(raw.strip(), quote=False))


_TAG = re.compile(r"(<[^>]*>)")


def substitute_in_text(cleaned, pattern, replace, *, outside_links=False):
    """`pattern.sub(replace, ...)` on the text of cleaned HTML only, never inside a tag; with `outside_links`,
    not in a link's text either. The one way the stored HTML is rewritten after cleaning (mentions, the
    wall's hidden names)."""
    parts = _TAG.split(cleaned)
    in_link = False
    for index, part in enumerate(parts):
        if index % 2:  # the odd parts are tags
            if part.startswith("<a "):
                in_link = True
            elif part == "</a>":
                in_link = False
        elif not (outside_links and in_link):
            parts[index] = pattern.sub(replace, part)
    return "".join(parts)


def member_href(class_id, pupil_id):
    """The class profile page of a classmate (views_member): where a mention of them links to."""
    return reverse("sandbox_feed:member", args=[class_id, pupil_id])


def mark_mentions(cleaned, names, links=None):
    """Show who a text mentions: each `@name` whose casefolded name is in `names` (the classmates the text really
    mentions, services resolves them) is marked. With a link in `links` (casefolded name -> member page, for a
    name exactly one classmate has) it becomes <a class="mention" href="...">@name</a>, otherwise (two
    classmates share the name: who is meant cannot be known) <span class="mention">@name</span>. Only in the
    text of the cleaned HTML, never inside a tag or a link; other @words stay as typed.

    These marks are the only tags besides the leave links that the stored HTML holds: everything typed was
    escaped by clean_text first, so a typed <a class="mention"> stays text."""
    if not names:
        return cleaned
    links = links or {}

    def replace(match):
        name = match.group(1).casefold()
        if name not in names:
            return match.group(0)
        href = links.get(name)
        if href:
            return f'<a class="mention" href="{html.escape(href)}">{match.group(0)}</a>'
        return f'<span class="mention">{match.group(0)}</span>'

    return substitute_in_text(cleaned, MENTION, replace, outside_links=True)


# A mention link exactly as mark_mentions writes it (its text is an escaped @word, never a tag).
MENTION_LINK = re.compile(r'<a class="mention" href="[^"<>]*">([^<]*)</a>')


def unlink_mentions(cleaned, href=None, shown=None):
    """Mention links back to plain marks (<span class="mention">): all of them (the smartboard wall is not for
    navigating), or only those to `href`, then shown as `shown` instead of the name when given (an erased
    pupil: privacy.erase)."""

    def replace(match):
        if href is not None and match.group(0) != f'<a class="mention" href="{html.escape(href)}">{match.group(1)}</a>':
            return match.group(0)
        text = match.group(1) if shown is None else html.escape(shown, quote=False)
        return f'<span class="mention">{text}</span>'

    return MENTION_LINK.sub(replace, cleaned)


def mentioned_names(raw):
    return {name.casefold() for name in MENTION.findall(raw)}
