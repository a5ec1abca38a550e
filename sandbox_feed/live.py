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


def announce(class_id, event, post_id, audience="class", **extra):
    """After commit, tell the class's feed about `event` on `post_id`; `extra` keys travel in the message.

    A failed broadcast is logged and forgotten: it must never turn a stored post into an error page.
    """
    if "type" in extra:
        raise TypeError("announce() sets the message type itself; `type` cannot be passed.")
    message = {"type": "feed.event", "event": event, "post_id": post_id, **extra}
    group = group_name(class_id, audience)

    async def send(layer):
        await asyncio.wait_for(layer.group_send(group, message), ANNOUNCE_TIMEOUT)

    def send_on_commit():
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(send)(layer)
        except BROADCAST_ERRORS as error:
            logger.warning("Live update %r for %s not sent: %r", event, group, error, exc_info=True)

    transaction.on_commit(send_on_commit)
