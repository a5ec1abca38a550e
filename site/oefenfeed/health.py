"""GET /healthz: is the database, the cache and the channel layer reachable?"""

import asyncio
import uuid

from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from redis.exceptions import RedisError

# A Redis that accepts connections but never answers must not hold the proxy's health check.
CHANNEL_LAYER_TIMEOUT = 3


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=5)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return the value just written")
    cache.delete(key)


def _check_channel_layer():
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")

    async def round_trip():
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "healthz.ping"})
        message = await layer.receive(channel)
        if message.get("type") != "healthz.ping":
            raise RuntimeError("channel layer returned another message")

    async def round_trip_in_time():
        await asyncio.wait_for(round_trip(), CHANNEL_LAYER_TIMEOUT)

    async_to_sync(round_trip_in_time)()


CHECKS = {"database": _check_database, "cache": _check_cache, "channel_layer": _check_channel_layer}
# What a down or stuck service raises: Django's RedisCache and channels_redis let redis-py's errors through
# (its ConnectionError is no OSError), channels raises ChannelFull, a socket OSError, the wait TimeoutError.
EXPECTED_ERRORS = (DatabaseError, RedisError, ChannelFull, RuntimeError, OSError, ConnectionError, asyncio.TimeoutError)


@never_cache
@require_GET
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except EXPECTED_ERRORS as error:
            results[name] = {"ok": False, "error": error.__class__.__name__}
        else:
            results[name] = {"ok": True}
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503)
