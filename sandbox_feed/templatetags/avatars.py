"""Avatars in the class feed: a coloured circle with the first letter of a name, in a stable colour per person."""

import zlib

from django import template
from django.utils.html import format_html

register = template.Library()

# How many avatar colours sandbox_feed/feed.css defines (.avatar-0 ... .avatar-9); each keeps a white letter
# at WCAG AA contrast. Classes, not inline styles: the CSP forbids style attributes.
AVATAR_COLOURS = 10


def avatar_colour(key):
    """The colour number for a person. From the pupil id, so classmates next to each other in the list
    differ and a pupil keeps the same colour on every page and every day; other keys (a persona) are hashed."""
    if isinstance(key, int):
        return key % AVATAR_COLOURS
    return zlib.crc32(str(key).encode()) % AVATAR_COLOURS


@register.simple_tag
def avatar(name, key, size=""):
    """A decorative circle with the initial of `name`; the name itself is always written next to it, so the
    circle is hidden from screen readers."""
    initial = (name or "").strip()[:1].upper() or "?"
    size_class = f" avatar-{size}" if size else ""
    return format_html(
        '<span class="avatar avatar-c{}{}" aria-hidden="true">{}</span>', avatar_colour(key), size_class, initial
    )


@register.simple_tag
def post_avatar(post):
    """A post's avatar: the persona's for a scenario post, otherwise the author's."""
    if post.persona_id:
        return avatar(post.shown_name, f"persona-{post.persona_id}")
    return avatar(post.shown_name, post.author_id)
