"""Moderation in the API (a contract): the queue, the five actions on posts and comments, reports, class
settings and the audit log. Pupils get 403 and change nothing; an item already handled answers 409."""

import pytest

from sandbox_feed.choices import PostStatus
from sandbox_feed.models import Comment, FeedSettings, ModerationLog, Post, Report
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/feed"
ACTIONS = ["approve", "reject", "hide", "unhide", "report"]


def post_json(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_the_moderation_routes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    expected = [
        "/api/v1/feed/queue",
        "/api/v1/feed/classes/{class_id}/moderation",
        "/api/v1/feed/classes/{class_id}/audit",
    ]
    for kind in ("posts", "comments"):
        expected += [f"/api/v1/feed/{kind}/{{item_id}}/{action}" for action in ACTIONS if action != "report"]
    expected += ["/api/v1/feed/posts/{post_id}/report", "/api/v1/feed/comments/{comment_id}/report"]
    for path in expected:
        assert path in paths, path
    assert "put" in paths["/api/v1/feed/classes/{class_id}/moderation"]


def test_queue_lists_the_teachers_waiting_items_across_classes(client, school_class, other_class, pupils, teacher):
    other_class.teachers.add(teacher)
    waiting = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.PENDING, needs_review=True)
    elsewhere = PostFactory(
        school_class=other_class, author=other_class.pupils.first(), status=PostStatus.PENDING, needs_review=True
    )
    visible = PostFactory(school_class=school_class, author=pupils[1])
    comment = CommentFactory(post=visible, author=pupils[2], status=PostStatus.PENDING, needs_review=True)
    client.force_login(teacher)
    items = client.get(f"{API}/queue").json()
    assert [(i["type"], i["id"]) for i in items] == [
        ("post", waiting.pk),
        ("post", elsewhere.pk),
        ("comment", comment.pk),
    ]
    assert items[2]["post_id"] == visible.pk


@pytest.mark.parametrize("kind", ["posts", "comments"])
def test_approve_reject_hide_unhide_and_conflicts(client, school_class, pupils, teacher, kind):
    post = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.PENDING, needs_review=True)
    item = post
    if kind == "comments":
        post.status = PostStatus.VISIBLE
        post.save()
        item = CommentFactory(post=post, author=pupils[1], status=PostStatus.PENDING, needs_review=True)
    model = Post if kind == "posts" else Comment
    client.force_login(teacher)
    base = f"{API}/{kind}/{item.pk}"
    assert post_json(client, f"{base}/approve").json()["status"] == "visible"
    assert post_json(client, f"{base}/approve").status_code == 409
    assert post_json(client, f"{base}/reject", {"reason": "unkind"}).status_code == 409  # already approved
    assert post_json(client, f"{base}/hide").json()["status"] == "hidden"
    assert post_json(client, f"{base}/hide").status_code == 409
    assert post_json(client, f"{base}/unhide").json()["status"] == "visible"
    assert post_json(client, f"{base}/remove").json()["status"] == "deleted"
    assert model.objects.get(pk=item.pk).status == PostStatus.DELETED
    assert ModerationLog.objects.count() == 4


@pytest.mark.parametrize("kind", ["posts", "comments"])
def test_reject_with_reason_and_feedback(client, school_class, pupils, teacher, kind):
    post = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.PENDING, needs_review=True)
    item = post if kind == "posts" else CommentFactory(post=post, author=pupils[1], status=PostStatus.PENDING)
    client.force_login(teacher)
    response = post_json(
        client, f"{API}/{kind}/{item.pk}/reject", {"reason": "copyright", "feedback": "Noem wie het maakte"}
    )
    assert response.json() | {"id": 0} == {
        "type": kind[:-1],
        "id": 0,
        "status": "rejected",
        "needs_review": False,
        "reject_reason": "copyright",
        "feedback": "Noem wie het maakte",
    }
    assert post_json(client, f"{API}/{kind}/{item.pk}/reject", {"reason": "nonsense"}).status_code == 422


@pytest.mark.parametrize("action", ["approve", "reject", "hide", "unhide", "remove", "dismiss-reports"])
@pytest.mark.parametrize("kind", ["posts", "comments"])
def test_a_pupil_gets_403_and_nothing_changes(client, school_class, pupils, action, kind):
    post = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.PENDING, needs_review=True)
    item = post if kind == "posts" else CommentFactory(post=post, author=pupils[0], status=PostStatus.PENDING)
    client.force_login(pupils[1])
    response = post_json(client, f"{API}/{kind}/{item.pk}/{action}", {"reason": "unkind"})
    assert response.status_code == 403
    assert (Post if kind == "posts" else Comment).objects.get(pk=item.pk).status == PostStatus.PENDING
    assert not ModerationLog.objects.exists()


def test_pupils_are_refused_the_queue_settings_and_audit(client, school_class, pupil):
    client.force_login(pupil)
    assert client.get(f"{API}/queue").status_code == 403
    assert client.get(f"{API}/classes/{school_class.pk}/moderation").status_code == 403
    put = client.put(f"{API}/classes/{school_class.pk}/moderation", {"paused": True}, content_type="application/json")
    assert put.status_code == 403
    assert client.get(f"{API}/classes/{school_class.pk}/audit").status_code == 403
    assert not FeedSettings.objects.filter(paused=True).exists()


def test_another_classes_teacher_gets_404(client, school_class, pupil, other_teacher):
    post = PostFactory(school_class=school_class, author=pupil)
    client.force_login(other_teacher)
    assert post_json(client, f"{API}/posts/{post.pk}/hide").status_code == 404
    assert client.get(f"{API}/classes/{school_class.pk}/moderation").status_code == 404
    assert client.get(f"{API}/classes/{school_class.pk}/audit").status_code == 404


def test_moderation_settings_get_and_put(client, school_class, teacher):
    client.force_login(teacher)
    url = f"{API}/classes/{school_class.pk}/moderation"
    assert client.get(url).json() == {
        "mode": "post",
        "paused": False,
        "slow_mode_minutes": 0,
        "open_from": None,
        "open_until": None,
    }
    changed = client.put(
        url,
        {"mode": "pre", "paused": True, "slow_mode_minutes": 5, "open_from": "08:30"},
        content_type="application/json",
    ).json()
    assert changed["mode"] == "pre" and changed["paused"] and changed["slow_mode_minutes"] == 5
    assert changed["open_from"] == "08:30:00"
    assert client.put(url, {"mode": "sometimes"}, content_type="application/json").status_code == 422
    assert client.put(url, {"slow_mode_minutes": -1}, content_type="application/json").status_code == 422
    audit = client.get(f"{API}/classes/{school_class.pk}/audit").json()
    assert audit[0]["action"] == "settings"
    assert "aan" in audit[0]["detail"]


def test_report_and_outcome_through_the_api(client, school_class, pupils, teacher):
    post = PostFactory(school_class=school_class, author=pupils[0])
    client.force_login(pupils[1])
    created = post_json(client, f"{API}/posts/{post.pk}/report", {"reason": "privacy"})
    assert created.status_code == 201
    assert created.json()["resolved"] is False
    assert post_json(client, f"{API}/posts/{post.pk}/report", {"reason": "other"}).status_code == 201
    assert Report.objects.count() == 1
    client.force_login(pupils[0])
    assert post_json(client, f"{API}/posts/{post.pk}/report", {"reason": "mean"}).status_code == 403  # own post
    client.force_login(teacher)
    assert client.get(f"{API}/queue").json()[0]["reports"] == ["privacy"]
    post_json(client, f"{API}/posts/{post.pk}/remove")
    client.force_login(pupils[1])
    mine = client.get(f"{API}/reports/mine").json()
    assert mine[0]["resolved"] is True
    assert "weggehaald" in mine[0]["outcome_text"]


def test_mute_and_review_override_through_the_api(client, school_class, pupils, teacher):
    client.force_login(teacher)
    base = f"{API}/classes/{school_class.pk}/pupils/{pupils[0].pk}"
    muted = post_json(client, f"{base}/mute", {"minutes": 15}).json()
    assert muted["muted_until"] is not None
    assert client.delete(f"{base}/mute").json()["muted_until"] is None
    assert client.delete(f"{base}/mute").status_code == 409
    review = client.put(f"{base}/review", {"review": "always"}, content_type="application/json").json()
    assert review["review"] == "always"
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": False})
    client.force_login(pupils[0])
    create = post_json(client, f"{API}/classes/{school_class.pk}/posts", {"text": "Hallo"})
    assert create.json()["status"] == "pending"  # "always review" in a post-moderated class


def test_a_pupil_never_gets_the_words_of_a_hidden_comment_not_even_their_own(client, school_class, pupils, teacher):
    post = PostFactory(school_class=school_class, author=pupils[0])
    comment = CommentFactory(post=post, author=pupils[1], text="Gemene opmerking", status=PostStatus.HIDDEN)
    client.force_login(pupils[1])
    listed = client.get(f"{API}/classes/{school_class.pk}/posts").json()["posts"][0]["comments"]
    assert listed == [{**listed[0], "id": comment.pk, "status": "hidden", "text_html": ""}]
    client.force_login(teacher)
    listed = client.get(f"{API}/classes/{school_class.pk}/posts").json()["posts"][0]["comments"]
    assert listed[0]["text_html"] == "Gemene opmerking"


def test_api_refusals_answer_with_the_rule_and_store_nothing(client, school_class, pupils, teacher):
    from sandbox_feed import moderation, wordcheck
    from sandbox_feed.choices import WordRule
    from sandbox_feed.models import Reaction, WordList

    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": False})
    wordcheck.add_entry(WordList.objects.create(school_class=school_class), "sukkel", WordRule.BLOCK)
    post = PostFactory(school_class=school_class, author=pupils[1])
    client.force_login(pupils[0])
    blocked = post_json(client, f"{API}/classes/{school_class.pk}/posts", {"text": "jij sukkel"})
    assert blocked.status_code == 400
    assert "sukkel" in blocked.json()["detail"]
    sent = post_json(client, f"{API}/classes/{school_class.pk}/posts", {"text": "jij sukkel", "send_to_teacher": True})
    assert sent.json()["status"] == "pending"
    moderation.mute(school_class, pupils[0], teacher, 10)
    assert post_json(client, f"{API}/posts/{post.pk}/comments", {"text": "hoi"}).status_code == 403
    reaction = post_json(client, f"{API}/posts/{post.pk}/reactions", {"kind": "heart", "active": True})
    assert reaction.status_code == 403
    assert not Comment.objects.exists() and not Reaction.objects.exists()
