"""Live updates: after the transaction commits, tell everyone on a class's feed that something changed."""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from django.db import transaction
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds a broadcast may hold the request that triggered it. The post is already stored; a feed that
# refreshes late is better than a pupil waiting on a stuck Redis.
ANNOUNCE_TIMEOUT = 2

# What channels_redis lets through when Redis is down, stuck or the group's buffer is full. redis-py's
# ConnectionError and TimeoutError are RedisErrors, not OSErrors; asyncio.TimeoutError is our own wait.
BROADCAST_ERRORS = (RedisError, OSError, asyncio.TimeoutError, ChannelFull)


def group_name(class_id, audience="class"):
    """Everyone in a class hears "class" events; only its teachers hear "teachers" events (what waits in
    the queue), so nothing about a pending, rejected or hidden item reaches a pupil's socket."""
    return f"feed-{class_id}" if audience == "class" else f"feed-{class_id}-teachers"


def user_group_name(user_id):
    """Every socket of one user, whatever class it listens to: how a removal or a logout reaches them."""
    return f"user-{user_id}"


def _broadcast_on_commit(group, message, label):
    """Send `message` to `group` once the transaction commits (at once outside one). A failed broadcast is
    logged and forgotten: the write that caused it is stored and must never become an error page."""

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


def announce(class_id, event, post_id, audience="class", **extra):
    """After commit, tell the class's feed about `event` on `post_id`; `extra` keys travel in the message.

    A failed broadcast is logged and forgotten: it must never turn a stored post into an error page.
    """
    if "type" in extra:
        raise TypeError("announce() sets the message type itself; `type` cannot be passed.")
    message = {"type": "feed.event", "event": event, "post_id": post_id, **extra}
    _broadcast_on_commit(group_name(class_id, audience), message, event)


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
