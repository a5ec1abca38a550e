"""Schemathesis drives every operation of /api/v1/openapi.json, as a pupil and as a teacher of a class with
posts, comments, a draft, a pending post and a report: no answer may be a server error, and every
documented answer must match its schema."""

import re

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from sandbox_feed import moderation
from sandbox_feed.choices import PostKind, PostStatus, ReportReason
from sandbox_feed.models import Reaction
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db

# Every free-text field of a request body, and typed text that random strings rarely hit, for them (an entry
# a field's schema refuses is left out there): "\x00" found the 500s PostgreSQL gave for NUL in text.
TEXT_FIELDS = ["text", "comment", "feedback", "reason", "decided_by", "source.maker", "source.title", "source.date"]
AWKWARD_TEXT = ["a\x00b", "\x00", "  ", "<b>&amp;</b>", "@Sanne", "k4nk3r", "🙂🏽"]

# Few examples per operation and no randomness: the same requests on every run (CI stays stable, a failure
# replays) in about a minute for the whole file. The coverage phase adds the schema's edge cases (empty,
# too long, wrong type, boundary values, other content types) on top of these.
CONFIG = {
    "seed": 20260601,
    "generation": {"max-examples": 15, "deterministic": True, "database": "none"},
    "phases": {"stateful": {"enabled": False}},
    "dictionaries": {"awkward-text": {"values": AWKWARD_TEXT}},
    "parameters": {f"body.{field}": {"dictionary": "awkward-text", "probability": 0.3} for field in TEXT_FIELDS},
}
CHECKS = [not_a_server_error, response_schema_conformance]

# Loaded from the app itself through Django's WSGI handler; the document needs no database.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", WSGIHandler(), config=schemathesis.Config.from_dict(CONFIG)
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Each test runs inside one transaction: Django must not close its connection after every request
    (the test client disconnects the same handlers)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def real_ids(school_class, pupils, teacher, other_class):
    """The class's feed; per path parameter the ids that exist, the most useful first."""
    announcement = PostFactory(school_class=school_class, author=teacher, kind=PostKind.ANNOUNCEMENT, pinned=True)
    classmates = PostFactory(school_class=school_class, author=pupils[1])
    own = PostFactory(school_class=school_class, author=pupils[0])
    draft = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.DRAFT)
    pending = PostFactory(school_class=school_class, author=pupils[2], status=PostStatus.PENDING, needs_review=True)
    elsewhere = PostFactory(school_class=other_class, author=other_class.pupils.first())
    comment = CommentFactory(post=classmates, author=pupils[2])
    waiting = CommentFactory(post=own, author=pupils[1], status=PostStatus.PENDING, needs_review=True)
    own_comment = CommentFactory(post=classmates, author=pupils[0])
    moderation.report(classmates, pupils[0], ReportReason.MEAN)
    moderation.report(comment, pupils[1], ReportReason.UNTRUE)
    return {
        "class_id": [school_class.pk, other_class.pk],
        "pupil_id": [pupil.pk for pupil in pupils],
        "post_id": [post.pk for post in (classmates, pending, own, draft, announcement, elsewhere)],
        "comment_id": [comment.pk, waiting.pk, own_comment.pk],
    }


def logged_in(user):
    """What a logged-in browser sends: the session cookie, and the CSRF cookie with the same token in the
    X-CSRFToken header (Django compares the two on every unsafe method)."""
    client = Client()
    client.force_login(user)
    token = get_random_string(32)
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
    }


@pytest.fixture
def as_pupil(pupil):
    return logged_in(pupil)


@pytest.fixture
def as_teacher(teacher):
    return logged_in(teacher)


def use_real_ids(case, real_ids):
    """Random ids only reach the lookup's 404: a small even id (0, 2, 4, ...) stands for an existing one.
    A function of the case alone, so a failing example replays the same."""
    for name, value in (case.path_parameters or {}).items():
        # Fuzzing generates integers, the coverage phase their text ("0").
        if type(value) is not int and not (isinstance(value, str) and re.fullmatch(r"[0-9]{1,3}", value)):
            continue
        if int(value) < 1000 and int(value) % 2 == 0:
            if name == "item_id":  # the moderation actions: /posts/{item_id}/... and /comments/{item_id}/...
                name_of_ids = "comment_id" if case.operation.path.startswith("/api/v1/feed/comments/") else "post_id"
            else:
                name_of_ids = name
            ids = real_ids[name_of_ids]
            case.path_parameters[name] = ids[int(value) // 2 % len(ids)]


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # the feed may change between examples
def test_a_pupil_never_gets_a_server_error(case, real_ids, as_pupil):
    use_real_ids(case, real_ids)
    case.call_and_validate(**as_pupil, checks=CHECKS)


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_teacher_never_gets_a_server_error(case, real_ids, as_teacher):
    use_real_ids(case, real_ids)
    case.call_and_validate(**as_teacher, checks=CHECKS)


def test_the_fuzzed_requests_get_past_the_login_and_the_csrf_check(real_ids, pupil, as_pupil):
    """Else every unsafe request would stop at 401 or 403 and the runs above would prove little."""
    react = schema["/api/v1/feed/posts/{post_id}/reactions"]["POST"].Case(
        path_parameters={"post_id": real_ids["post_id"][0]}, body={"kind": "heart", "active": True}
    )
    assert react.call(**as_pupil).status_code == 200
    assert Reaction.objects.filter(user=pupil, post_id=real_ids["post_id"][0], kind="heart").exists()
    assert react.call(cookies=as_pupil["cookies"]).status_code == 403  # no X-CSRFToken header
    csrf_only = {"csrftoken": as_pupil["cookies"]["csrftoken"]}
    assert react.call(cookies=csrf_only, headers=as_pupil["headers"]).status_code == 401  # no session
