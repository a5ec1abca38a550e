"""Each post's card on the feed page, rendered once and reused by everyone who would see the same card (issue 15).

Rendering the cards is most of a feed page's time. A card depends on the post, its comments and the viewer, and
a class of 28 reloading at once asks for the same cards again and again. So a card is kept in the cache (Redis in
a deployment, shared by all workers) under a key that holds everything it was made from:

- every value the template can read: the post's and its comments' fields, their authors, persona and the post
  it revises, and what the view computed for this viewer (may they see the photo, react, comment; their own
  reactions; a teacher's consent states and open reports);
- which viewer it is as far as the card tells: teacher or pupil, and their own comments in the thread;
- the class's event number: every change in a class is numbered in its own transaction (events.py), so a change
  that reaches the card some other way (a consent, an erasure) still makes a new key;
- the language and the date (the card says "gisteren 14:05").

A card never holds a viewer's CSRF token: it is rendered with a placeholder that each page replaces with its own.
Cards expire after a minute, so what changes without touching any of the above (a pupil's name edited on the class
page) shows within a minute. A page with a comment's error message renders every card fresh.
"""

import hashlib

from django.core.cache import cache
from django.db import models
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

TEMPLATE = "sandbox_feed/includes/post.html"
# The smartboard wall's posts are cards too (wall.html); their comments are in `wall_comments`.
WALL_TEMPLATE = "sandbox_feed/includes/wall_post.html"
COMMENTS = {TEMPLATE: "visible_comments", WALL_TEMPLATE: "wall_comments"}
TIMEOUT = 60
# Raise when the card's template changes in a way its inputs do not show, so a deployment does not reuse old cards.
CARD_VERSION = 1
# What a card holds where the page's CSRF token goes; never a real token, so a card can be shared.
CSRF_PLACEHOLDER = "oefenfeed-csrf-token-placeholder"


def render(request, posts, context, template_name=TEMPLATE):
    """Set `card` (safe HTML) on each of `posts` (decorated by services.decorate), from the cache where it can.
    `context` is what the page passes to the card besides the post (is_teacher, comment_error, reject_reasons,
    report_reasons) and the class's event number `live_seq`. Reads the cache once, writes what it rendered once.
    With `template_name=WALL_TEMPLATE`, the wall's posts (prepared by wall.prepare); every value of `context`
    is then part of the key."""
    if not posts:
        return
    context = {**context, "user": request.user, "csrf_token": CSRF_PLACEHOLDER}
    token = get_token(request)
    template = get_template(template_name)
    if context.get("comment_error"):  # a page with an error message is one viewer's: nothing to share
        for post in posts:
            post.card = _with_token(template.render({**context, "post": post}), token)
        return
    keys = {post.pk: _key(post, request.user, context, template_name) for post in posts}
    found = cache.get_many(list(keys.values()))
    rendered = {}
    for post in posts:
        key = keys[post.pk]
        html = found.get(key)
        if html is None:
            html = rendered[key] = str(template.render({**context, "post": post}))
        post.card = _with_token(html, token)
    if rendered:
        cache.set_many(rendered, TIMEOUT)


def _with_token(html, token):
    return mark_safe(html.replace(CSRF_PLACEHOLDER, token))  # noqa: S308 (our own rendered template)


def _key(post, user, context, template_name=TEMPLATE):
    comments_attr = COMMENTS[template_name]
    comments = getattr(post, comments_attr, [])
    wall = template_name == WALL_TEMPLATE
    inputs = (
        template_name,
        sorted((name, str(value)) for name, value in context.items() if name not in ("user", "csrf_token"))
        if wall
        else None,
        CARD_VERSION,
        translation.get_language(),
        timezone.localdate().isoformat(),
        context.get("live_seq"),
        bool(context.get("is_teacher")),
        user.is_pupil,
        [comment.pk for comment in comments if comment.author_id == user.pk],
        _plain(post, skip=comments_attr),
        [_plain(comment) for comment in comments],
    )
    digest = hashlib.sha256(repr(inputs).encode()).hexdigest()
    return f"{'wallcard' if wall else 'feedcard'}:{post.pk}:{digest}"


def _plain(value, depth=0, skip="visible_comments"):
    """`value` as plain data whose repr is the same in every process (sets sorted, models as their field values),
    following related objects the template reads (author, persona, the revised post) one level deep."""
    if isinstance(value, models.Model):
        if depth > 1:
            return (type(value).__name__, value.pk)
        state = value.__dict__
        names = {field.attname for field in value._meta.concrete_fields}
        # Field values as they are: their reprs are stable (ids, text, times, JSON lists, file names).
        fields = [(name, state.get(name)) for name in sorted(names)]
        computed = [  # annotations and what the view set (show_photo, my_reactions, ...)
            (name, _plain(state[name], depth + 1))
            for name in sorted(state.keys() - names)
            if name[0] != "_" and name != skip
        ]
        related = [(name, _plain(item, depth + 1)) for name, item in sorted(value._state.fields_cache.items())]
        return (type(value).__name__, fields, computed, related)
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_plain(item, depth)) for item in value)
    if isinstance(value, (list, tuple)):
        return [_plain(item, depth) for item in value]
    if isinstance(value, dict):
        return sorted((str(key), _plain(item, depth)) for key, item in value.items())
    return value
