"""A live announcement never fails the write that triggered it: a dead or stuck Redis is logged, not raised."""

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from django.urls import reverse

from sandbox_feed import live
from sandbox_feed.models import FeedSettings, Post

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once


@pytest.fixture
def dead_channel_layer(settings):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [DEAD_REDIS]}}
    }


class StuckLayer:
    """A channel layer whose Redis accepts the connection and never answers."""

    async def group_send(self, group, message):
        await asyncio.sleep(30)


class FullLayer:
    async def group_send(self, group, message):
        raise ChannelFull


# transaction=True: on_commit callbacks run at the real commit inside the request, as in production.
@pytest.mark.django_db(transaction=True)
def test_a_post_is_stored_and_redirects_when_redis_is_down(client, school_class, pupil, dead_channel_layer, caplog):
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": False})
    client.force_login(pupil)
    url = reverse("sandbox_feed:post_create", args=[school_class.pk])
    data = {"text": "Redis slaapt, mijn bericht niet", "source_kind": "own"}
    # In a thread of its own, as a sync view runs under ASGI: the browser tests leave an event loop running
    # in this thread, where async_to_sync cannot be used.
    with caplog.at_level(logging.WARNING, logger="sandbox_feed.live"), ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(client.post, url, data).result()
    assert response.status_code == 302
    assert Post.objects.filter(text__contains="Redis slaapt").exists()
    assert any(record.name == "sandbox_feed.live" for record in caplog.records)


@pytest.mark.django_db
def test_a_dead_redis_is_logged_as_a_warning(
    django_capture_on_commit_callbacks, dead_channel_layer, caplog, school_class
):
    with caplog.at_level(logging.WARNING, logger="sandbox_feed.live"), django_capture_on_commit_callbacks(execute=True):
        live.announce(school_class.pk, "post", 12)
    [record] = [r for r in caplog.records if r.name == "sandbox_feed.live"]
    assert record.levelno == logging.WARNING
    assert f"feed-{school_class.pk}" in record.getMessage()
    assert record.exc_info or "ConnectionError" in record.getMessage()


@pytest.mark.django_db
def test_a_stuck_redis_holds_the_request_only_briefly(
    django_capture_on_commit_callbacks, monkeypatch, caplog, settings, school_class
):
    monkeypatch.setattr(live, "get_channel_layer", StuckLayer)
    monkeypatch.setattr(live, "ANNOUNCE_TIMEOUT", 0.2)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="sandbox_feed.live"), django_capture_on_commit_callbacks(execute=True):
        live.announce(school_class.pk, "post", 12)
    assert time.monotonic() - started < 5
    assert any(r.name == "sandbox_feed.live" for r in caplog.records)


@pytest.mark.django_db
def test_a_full_channel_is_logged_not_raised(django_capture_on_commit_callbacks, monkeypatch, caplog, school_class):
    monkeypatch.setattr(live, "get_channel_layer", FullLayer)
    with caplog.at_level(logging.WARNING, logger="sandbox_feed.live"), django_capture_on_commit_callbacks(execute=True):
        live.announce(school_class.pk, "post", 12)
    assert any(r.name == "sandbox_feed.live" for r in caplog.records)


@pytest.mark.django_db
def test_the_message_carries_ids_the_number_and_the_audience(django_capture_on_commit_callbacks, school_class):
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(live.group_name(school_class.pk), channel)
    with django_capture_on_commit_callbacks(execute=True):
        live.announce(school_class.pk, "comment", 12, comment_id=34)

    async def receive():
        # Bounded: a message that never came must fail the test, not hang it.
        return await asyncio.wait_for(layer.receive(channel), 2)

    message = async_to_sync(receive)()
    assert message == {
        "type": "feed.event",
        "seq": 1,
        "event": "comment",
        "post_id": 12,
        "comment_id": 34,
        "audience": "class",
        "user_id": None,
    }


def test_the_message_type_cannot_be_changed():
    with pytest.raises(TypeError):
        live.announce(7, "post", 12, type="other.handler")
