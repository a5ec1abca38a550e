"""Polling where websockets are blocked: GET /api/v1/feed/classes/{id}/events?since=N answers the same events
as the websocket, filtered per viewer; members only. Redis down: a post is stored with its event, and
polling pages see it."""

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse

from sandbox_feed import events, moderation, services
from sandbox_feed.choices import ModerationMode, ReportReason
from sandbox_feed.models import ClassEvent, FeedSettings, Post
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"


def events_url(school_class, since=0):
    return f"/api/v1/feed/classes/{school_class.pk}/events?since={since}"


def poll(client, user, school_class, since=0):
    client.force_login(user)
    return client.get(events_url(school_class, since))


@pytest.fixture
def pre_moderated(school_class):
    FeedSettings.objects.create(
        school_class=school_class, moderation_mode=ModerationMode.PRE, preview_before_post=False
    )
    return school_class


def test_a_classmate_polls_the_class_events_and_not_what_waits_for_the_teacher(client, pre_moderated, pupils, teacher):
    waiting = services.create_post(school_class=pre_moderated, author=pupils[0], raw_text="Mag dit?", fields={})
    moderation.report(PostFactory(school_class=pre_moderated, author=teacher), pupils[2], ReportReason.MEAN)
    moderation.update_settings(pre_moderated, teacher, paused=True)
    answer = poll(client, pupils[1], pre_moderated).json()
    assert answer == {
        "events": [{"seq": 3, "event": "settings", "post_id": None, "comment_id": None}],
        "cursor": 3,
        "reload": False,
    }
    own = poll(client, pupils[0], pre_moderated).json()
    assert [(e["seq"], e["event"], e["post_id"]) for e in own["events"]] == [
        (1, "post_pending", waiting.pk),
        (3, "settings", None),
    ]
    teachers = poll(client, teacher, pre_moderated).json()
    assert [e["event"] for e in teachers["events"]] == ["post_pending", "queue", "settings"]


def test_it_answers_from_the_number_given(client, school_class, pupils, teacher):
    for _ in range(3):
        moderation.update_settings(school_class, teacher, paused=not FeedSettings.for_class(school_class).paused)
    answer = poll(client, pupils[0], school_class, since=2).json()
    assert [e["seq"] for e in answer["events"]] == [3]
    assert poll(client, pupils[0], school_class, since=3).json() == {"events": [], "cursor": 3, "reload": False}


def test_a_page_too_far_behind_is_told_to_reload(client, school_class, pupils, monkeypatch):
    monkeypatch.setattr(events, "KEEP", 2)
    monkeypatch.setattr(events, "PRUNE_EVERY", 1)
    for _ in range(5):
        events.record(school_class.pk, "settings")
    assert poll(client, pupils[0], school_class, since=1).json() == {"events": [], "cursor": 5, "reload": True}


def test_outsiders_get_404_and_anonymous_401(client, school_class, outsider_pupil, other_teacher):
    assert poll(client, outsider_pupil, school_class).status_code == 404
    assert poll(client, other_teacher, school_class).status_code == 404
    client.logout()
    assert client.get(events_url(school_class)).status_code == 401


@pytest.mark.parametrize("since", ["-1", "abc", str(2**63)])
def test_a_wrong_number_is_refused_not_an_error(client, school_class, pupil, since):
    client.force_login(pupil)
    assert client.get(f"/api/v1/feed/classes/{school_class.pk}/events?since={since}").status_code == 422


def test_polling_needs_no_redis(client, school_class, pupil, teacher, settings):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [DEAD_REDIS]}}
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": DEAD_REDIS}}
    events.record(school_class.pk, "settings")
    assert poll(client, pupil, school_class).json()["cursor"] == 1


@pytest.mark.django_db(transaction=True)
def test_with_redis_down_a_post_is_stored_with_its_event_and_pollers_see_it(
    client, school_class, pupils, settings, caplog
):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [DEAD_REDIS]}}
    }
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": False})
    client.force_login(pupils[0])
    url = reverse("sandbox_feed:post_create", args=[school_class.pk])
    # In a thread of its own, as a sync view runs under ASGI (see test_live_resilience).
    with caplog.at_level(logging.WARNING, logger="sandbox_feed.live"), ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(client.post, url, {"text": "Redis is weg", "source_kind": "own"}).result()
    assert response.status_code == 302
    post = Post.objects.get(text__contains="Redis is weg")
    assert ClassEvent.objects.filter(school_class=school_class, kind="post", post_id=post.pk).exists()
    assert any(record.name == "sandbox_feed.live" for record in caplog.records)  # the broadcast failed
    classmate = poll(client, pupils[1], school_class).json()
    assert classmate["events"] == [{"seq": 1, "event": "post", "post_id": post.pk, "comment_id": None}]
