"""Requests that made the API answer 500, found by tests/oefenfeed/test_api_schema_fuzz.py and by hand: each is
refused now with a 4xx that says why, and nothing is stored."""

import json

import pytest
from django.test import Client
from django.utils.crypto import get_random_string

from sandbox_feed.choices import PostStatus
from sandbox_feed.models import Comment, ConsentDecision, FeedSettings, ModerationLog, Post, PupilModeration
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/feed"
NUL = "ab\x00cd"


def send(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def snapshot():
    """Everything a refused write could have touched."""
    return (
        sorted(Post.objects.values_list("id", "text", "source_maker", "source_title", "source_date", "feedback")),
        sorted(Post.objects.values_list("id", "citation_comment")),
        sorted(Comment.objects.values_list("id", "text", "feedback")),
        ConsentDecision.objects.count(),
        PupilModeration.objects.count(),
        ModerationLog.objects.count(),
    )


CONSENT = {"purpose": "class_feed", "decision": True, "decided_by": "moeder", "method": "form"}

# Django's forms refuse NUL in every text field; PostgreSQL cannot store it in text ("PostgreSQL text fields
# cannot contain NUL (0x00) bytes", a 500), SQLite stored it. The API now refuses it as the forms do.
NUL_WRITES = [
    ("pupil", "post", "classes/{class_id}/posts", {"text": NUL}),
    *[
        ("pupil", "post", "classes/{class_id}/posts", {"text": "Mijn hond", "source": {"kind": "quote", field: NUL}})
        for field in ("maker", "title", "date")
    ],
    ("pupil", "patch", "posts/{own_id}", {"text": NUL}),
    ("pupil", "post", "posts/{post_id}/comments", {"text": NUL}),
    ("teacher", "put", "posts/{post_id}/citation", {"verdict": "correct", "comment": NUL}),
    ("teacher", "post", "classes/{class_id}/consent", {**CONSENT, "decided_by": NUL}),
    ("teacher", "post", "posts/{pending_id}/reject", {"reason": "unkind", "feedback": NUL}),
    ("teacher", "post", "comments/{comment_id}/reject", {"reason": "unkind", "feedback": NUL}),
    ("teacher", "post", "classes/{class_id}/pupils/{pupil_id}/mute", {"minutes": 10, "reason": NUL}),
]


@pytest.mark.parametrize(("who", "method", "url", "data"), NUL_WRITES)
def test_it_refuses_null_characters_in_text(client, school_class, pupils, teacher, who, method, url, data):
    own = PostFactory(school_class=school_class, author=pupils[0])
    post = PostFactory(school_class=school_class, author=pupils[1])
    pending = PostFactory(school_class=school_class, author=pupils[1], status=PostStatus.PENDING, needs_review=True)
    comment = CommentFactory(post=post, author=pupils[2], status=PostStatus.PENDING, needs_review=True)
    ids = {
        "class_id": school_class.pk,
        "own_id": own.pk,
        "post_id": post.pk,
        "pending_id": pending.pk,
        "comment_id": comment.pk,
        "pupil_id": pupils[1].pk,
    }
    if "decided_by" in data:
        data = {**data, "pupil_id": pupils[1].pk}
    client.force_login(pupils[0] if who == "pupil" else teacher)
    before = snapshot()
    response = send(client, method, f"{API}/{url.format(**ids)}", data)
    assert response.status_code == 422, response.content
    assert [error["loc"][-1] for error in response.json()["detail"]] == [field_with_nul(data)]
    assert snapshot() == before


def field_with_nul(data):
    for name, value in data.items():
        if value == NUL:
            return name
        if isinstance(value, dict):
            return field_with_nul(value)
    return None


@pytest.mark.parametrize(
    "decided_at",
    [
        "9999-12-31T23:59:59-14:00",  # past the calendar's end in UTC: OverflowError (SQLite), DataError (PostgreSQL)
        "0001-01-01T00:00:00+14:00",  # before its start in UTC
        "0001-01-01T00:00:00",  # naive, on the school's clock: before the start in UTC
    ],
)
def test_it_refuses_a_consent_time_outside_the_calendar(client, school_class, pupils, teacher, decided_at):
    client.force_login(teacher)
    data = {**CONSENT, "pupil_id": pupils[0].pk, "decided_at": decided_at}
    response = send(client, "post", f"{API}/classes/{school_class.pk}/consent", data)
    assert response.status_code == 422, response.content
    assert not ConsentDecision.objects.exists()


def test_it_still_records_a_consent_time_with_a_time_zone(client, school_class, pupils, teacher):
    client.force_login(teacher)
    data = {**CONSENT, "pupil_id": pupils[0].pk, "decided_at": "2026-03-01T09:30:00+01:00"}
    response = send(client, "post", f"{API}/classes/{school_class.pk}/consent", data)
    assert response.status_code == 201, response.content
    assert ConsentDecision.objects.get().decided_at.isoformat() == "2026-03-01T08:30:00+00:00"


@pytest.mark.parametrize("field", ["open_from", "open_until"])
@pytest.mark.parametrize("value", ["10:00:00+02:00", "08:30:00Z"])
def test_it_refuses_opening_hours_with_a_time_zone(client, school_class, teacher, field, value):
    # Django stores no time with a time zone: "SQLite backend does not support timezone-aware times" (a 500,
    # on PostgreSQL too); the form only takes a time on the school's clock.
    client.force_login(teacher)
    url = f"{API}/classes/{school_class.pk}/moderation"
    response = send(client, "put", url, {field: value})
    assert response.status_code == 422, response.content
    assert getattr(FeedSettings.for_class(school_class), field) is None
    assert send(client, "put", url, {field: "08:30"}).json()[field] == "08:30:00"


def test_it_answers_a_release_sent_as_a_multipart_form(school_class, pupils, teacher):
    # The CSRF check reads a multipart body as form data, which uses up the stream: reading request.body
    # for the JSON then raised RawPostDataException (a 500). A form is not the JSON `{"confirmed": true}`,
    # so the answer is the documented 400 asking for the confirmation, and the post stays held.
    post = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.PENDING, needs_review=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(teacher)
    client.cookies["csrftoken"] = token = get_random_string(32)
    response = client.post(f"{API}/posts/{post.pk}/release", {"confirmed": "true"}, headers={"X-CSRFToken": token})
    assert response.status_code == 400, response.content
    assert "Bevestig" in response.json()["detail"]
    assert Post.objects.get(pk=post.pk).status == PostStatus.PENDING
