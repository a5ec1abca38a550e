"""Live updates: record each change of a class's feed as a numbered event and, after the commit, tell everyone
on the class's feed about it."""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from django.db import transaction
from redis.exceptions import RedisError

from . import events
from .choices import EventAudience, PostStatus
from .models import Post

logger = logging.getLogger(__name__)

# Seconds a broadcast may hold the request that triggered it. The post is already stored; a feed that
# refreshes late is better than a pupil waiting on a stuck Redis.
ANNOUNCE_TIMEOUT = 2

# Seconds between two polls of a page whose websocket does not get through (a school proxy); feed.js
# backs off from there when the server is busy or away.
POLL_SECONDS = 5

# What channels_redis lets through when Redis is down, stuck or the group's buffer is full. redis-py's
# ConnectionError and TimeoutError are RedisErrors, not OSErrors; asyncio.TimeoutError is our own wait.
BROADCAST_ERRORS = (RedisError, OSError, asyncio.TimeoutError, ChannelFull)


def group_name(class_id):
    """Every socket on a class's feed. Every event of the class goes to this group, also those for the
    teachers or for one pupil: each socket sees the class's whole sequence, so it notices a number that
    never came, and the consumer passes on only what its user may hear (events.may_hear)."""
    return f"feed-{class_id}"


def user_group_name(user_id):
    """Every socket of one user, whatever class it listens to: how a removal or a logout reaches them."""
    return f"user-{user_id}"


def _broadcast_on_commit(group, message, label):
    """Send `message` to `group` once the transaction commits (at once outside one). A failed broadcast is
    logged and forgotten: the write that caused it is stored and must never become an error page, and
    the event is in the class's log, where reconnecting and polling clients find it."""

    async def send(layer):
        await asyncio.wait_for(layer.group_send(group, message), ANNOUNCE_TIMEOUT)

    def send_on_commit():
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(send)(layer)
        except BROADCAST_ERRORS as error:
            logger.warning("Live update %r for %s not sent: %r", label, group, error, exc_info=True)

    transaction.on_commit(send_on_commit)


def announce(class_id, event, post_id=None, *, comment_id=None, audience=EventAudience.CLASS, user_id=None):
    """Record `event` in the class's log with its next number (in the current transaction) and broadcast
    it after the commit: ids and the number only. `audience` is who hears it (events.may_hear): the class,
    its teachers, or one pupil (`user_id`) and the teachers. Returns the ClassEvent."""
    recorded = events.record(
        class_id, event, post_id=post_id, comment_id=comment_id, audience=audience, user_id=user_id
    )
    _broadcast_on_commit(group_name(class_id), {"type": "feed.event", **events.as_message(recorded)}, event)
    return recorded


def shown_to_class(item):
    """Can the class see this post or comment now (a comment: it and its post)?"""
    if isinstance(item, Post):
        return item.status == PostStatus.VISIBLE
    return item.status == PostStatus.VISIBLE and item.post.status == PostStatus.VISIBLE


def announce_item(item, event, *, was_shown=False):
    """Announce a change to a post or comment. The class hears it when the class could see the item
    before (`was_shown`) or after the change, so open pages add or drop it; otherwise only its author
    and the teachers do: a waiting, refused or hidden item never reaches another pupil's page."""
    post = item if isinstance(item, Post) else item.post
    comment_id = None if item is post else item.pk
    if was_shown or shown_to_class(item):
        return announce(post.school_class_id, event, post.pk, comment_id=comment_id)
    return announce(
        post.school_class_id,
        event,
        post.pk,
        comment_id=comment_id,
        audience=EventAudience.USER,
        user_id=item.author_id,
    )


def membership_changed(user_id, class_id):
    """After commit, make `user_id`'s sockets on `class_id` check again whether the user still belongs."""
    message = {"type": "membership.changed", "class_id": class_id}
    _broadcast_on_commit(user_group_name(user_id), message, "membership")


def session_ended(user_id):
    """After commit, close every socket of `user_id`: they logged out."""
    _broadcast_on_commit(user_group_name(user_id), {"type": "session.ended"}, "logout")


# Signal receivers, connected in accounts.apps (every process loads them, also the shell and WSGI workers).


def on_membership_change(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed on SchoolClass.pupils and SchoolClass.teachers, from either side.

    Only removals matter: a new member simply connects. `clear()` sends no ids, so they are read in
    pre_clear, while the rows are still there; remove() and clear() run in a transaction of their own, so
    the broadcast waits for the commit either way and a rolled-back removal closes nothing.
    """
    if action == "post_remove":
        ids = pk_set or ()
    elif action == "pre_clear":
        # `instance` is the class (forward) or the user (reverse); the relation names the other side.
        relation = _relation_for(sender, instance, reverse)
        ids = list(relation.values_list("pk", flat=True))
    else:
        return
    for other in ids:
        user_id, class_id = (instance.pk, other) if reverse else (other, instance.pk)
        membership_changed(user_id, class_id)


def _relation_for(sender, instance, reverse):
    from accounts.models import SchoolClass

    if sender is SchoolClass.pupils.through:
        return instance.pupil_classes if reverse else instance.pupils
    return instance.teaching_classes if reverse else instance.teachers


def on_logout(sender, request, user, **kwargs):
    """user_logged_out: the user's sockets close with the session (user is None for an anonymous logout)."""
    if user is not None and user.pk is not None:
        session_ended(user.pk)
