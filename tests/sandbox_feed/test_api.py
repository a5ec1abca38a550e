"""The feed API under /api/v1/feed/: in the OpenAPI document, with the HTML views' permission rules."""

import pytest

from sandbox_feed.choices import PostKind, PostStatus
from sandbox_feed.models import ConsentDecision, FeedSettings, Post, Reaction
from tests.sandbox_feed.factories import CommentFactory, PostFactory, ReactionFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/feed"


def test_feed_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/feed/classes/{class_id}/posts",
        "/api/v1/feed/posts/{post_id}/comments",
        "/api/v1/feed/posts/{post_id}/reactions",
        "/api/v1/feed/posts/{post_id}/citation",
        "/api/v1/feed/classes/{class_id}/consent",
    ):
        assert path in paths


def test_anonymous_gets_401(client, school_class):
    assert client.get(f"{API}/classes/{school_class.pk}/posts").status_code == 401


def test_pupil_reads_own_class_feed(client, school_class, pupils):
    post = PostFactory(school_class=school_class, author=pupils[0], text="Hoi")
    ReactionFactory(post=post, user=pupils[1], kind="heart")
    CommentFactory(post=post, author=pupils[2], text="Leuk")
    client.force_login(pupils[1])
    data = client.get(f"{API}/classes/{school_class.pk}/posts").json()
    assert [p["text_html"] for p in data["posts"]] == ["Hoi"]
    assert data["posts"][0]["reactions"]["heart"] == 1
    assert data["posts"][0]["my_reactions"] == ["heart"]
    assert data["posts"][0]["comments"][0]["text_html"] == "Leuk"


@pytest.mark.parametrize("who", ["outsider_pupil", "other_teacher", "coordinator"])
def test_outsiders_get_404_for_the_feed(client, school_class, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"{API}/classes/{school_class.pk}/posts").status_code == 404
    assert (
        client.post(
            f"{API}/classes/{school_class.pk}/posts", {"text": "x"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_cursor_pagination(client, school_class, pupils):
    for n in range(25):
        PostFactory(school_class=school_class, author=pupils[0], text=f"nr {n}")
    client.force_login(pupils[1])
    first = client.get(f"{API}/classes/{school_class.pk}/posts").json()
    assert len(first["posts"]) == 20
    second = client.get(f"{API}/classes/{school_class.pk}/posts", {"before": first["next_cursor"]}).json()
    assert [p["text_html"] for p in second["posts"]] == [f"nr {n}" for n in range(4, -1, -1)]
    assert second["next_cursor"] is None


@pytest.mark.parametrize("count", [10, 500])
def test_api_feed_query_count_is_constant(client, school_class, pupils, django_assert_num_queries, count):
    for n in range(count):
        post = PostFactory(school_class=school_class, author=pupils[n % 3])
        if n % 50 == 0:
            CommentFactory(post=post, author=pupils[1])
            ReactionFactory(post=post, user=pupils[2])
    client.force_login(pupils[0])
    client.get(f"{API}/classes/{school_class.pk}/posts")
    # Session, user, the class (with whether the viewer teaches it), pinned posts and the page in one query
    # (reaction counts, the pupil's own reactions and edit times computed with them), the comments, and one
    # INSERT for what the pupil saw.
    with django_assert_num_queries(6):
        client.get(f"{API}/classes/{school_class.pk}/posts")


def test_pupil_posts_a_draft_and_publishes_it_with_clean_text(client, school_class, pupil):
    client.force_login(pupil)
    response = client.post(
        f"{API}/classes/{school_class.pk}/posts",
        {"text": "<img src=x onerror=alert(1)> https://example.org", "source": {"kind": "own"}},
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "draft"
    assert "<img" not in data["text_html"]
    assert 'rel="nofollow ugc noopener"' in data["text_html"]
    published = client.post(f"{API}/posts/{data['id']}/publish").json()
    assert published["status"] == "visible"


def test_api_rate_limit_answers_429_in_dutch(client, school_class, pupil):
    FeedSettings.objects.update_or_create(
        school_class=school_class, defaults={"preview_before_post": False, "posts_per_minute": 1}
    )
    client.force_login(pupil)
    url = f"{API}/classes/{school_class.pk}/posts"
    assert client.post(url, {"text": "een"}, content_type="application/json").status_code == 201
    response = client.post(url, {"text": "twee"}, content_type="application/json")
    assert response.status_code == 429
    assert "Rustig aan" in response.json()["detail"]


def test_too_long_text_is_refused(client, school_class, pupil):
    client.force_login(pupil)
    response = client.post(
        f"{API}/classes/{school_class.pk}/posts", {"text": "a" * 501}, content_type="application/json"
    )
    assert response.status_code == 422
    assert not Post.objects.exists()


def test_comment_and_reaction_for_members_only(client, school_class, pupils, outsider_pupil):
    post = PostFactory(school_class=school_class, author=pupils[0])
    client.force_login(outsider_pupil)
    assert (
        client.post(f"{API}/posts/{post.pk}/comments", {"text": "hoi"}, content_type="application/json").status_code
        == 404
    )
    assert (
        client.post(f"{API}/posts/{post.pk}/reactions", {"kind": "heart"}, content_type="application/json").status_code
        == 404
    )
    client.force_login(pupils[1])
    assert (
        client.post(f"{API}/posts/{post.pk}/comments", {"text": "hoi"}, content_type="application/json").status_code
        == 201
    )
    reacted = client.post(f"{API}/posts/{post.pk}/reactions", {"kind": "heart"}, content_type="application/json")
    assert reacted.json() == {"kind": "heart", "active": True}
    assert Reaction.objects.count() == 1


def test_edit_and_delete_only_by_the_author_and_versions_kept(client, school_class, pupils, teacher):
    post = PostFactory(school_class=school_class, author=pupils[0], text="Een")
    client.force_login(pupils[1])
    assert client.patch(f"{API}/posts/{post.pk}", {"text": "x"}, content_type="application/json").status_code == 404
    assert client.delete(f"{API}/posts/{post.pk}").status_code == 404
    client.force_login(pupils[0])
    client.patch(f"{API}/posts/{post.pk}", {"text": "Twee"}, content_type="application/json")
    assert client.delete(f"{API}/posts/{post.pk}").status_code == 204
    post.refresh_from_db()
    assert post.status == PostStatus.DELETED
    client.force_login(teacher)
    versions = client.get(f"{API}/posts/{post.pk}/versions").json()
    assert [v["text_html"] for v in versions] == ["Een", "Twee"]


def test_teacher_reviews_citation_and_releases(client, school_class, pupil, teacher, other_teacher):
    post = PostFactory(school_class=school_class, author=pupil, status=PostStatus.PENDING, source_kind="quote")
    payload = {"verdict": "correct", "comment": "Netjes!"}
    # A pupil is refused a teacher's action (403); a teacher of another class does not see the post (404).
    for user, status in ((pupil, 403), (other_teacher, 404)):
        client.force_login(user)
        assert (
            client.put(f"{API}/posts/{post.pk}/citation", payload, content_type="application/json").status_code
            == status
        )
        assert client.post(f"{API}/posts/{post.pk}/release").status_code == status
    client.force_login(teacher)
    assert (
        client.put(f"{API}/posts/{post.pk}/citation", payload, content_type="application/json").json()[
            "citation_comment"
        ]
        == "Netjes!"
    )
    assert client.post(f"{API}/posts/{post.pk}/release").status_code == 400  # not confirmed yet
    confirmed = client.post(f"{API}/posts/{post.pk}/release", {"confirmed": True}, content_type="application/json")
    assert confirmed.json()["status"] == "visible"


def test_consent_endpoints_for_the_classes_teacher_only(client, school_class, pupil, teacher, other_teacher):
    url = f"{API}/classes/{school_class.pk}/consent"
    payload = {
        "pupil_id": pupil.pk,
        "purpose": "class_feed",
        "decision": True,
        "decided_by": "moeder",
        "method": "form",
    }
    client.force_login(other_teacher)
    assert client.get(url).status_code == 404
    assert client.post(url, payload, content_type="application/json").status_code == 404
    client.force_login(pupil)
    assert client.get(url).status_code == 403
    client.force_login(teacher)
    assert client.post(url, payload, content_type="application/json").json()["consent"]["class_feed"] is True
    rows = client.get(url).json()
    assert {row["pupil_id"]: row["consent"]["class_feed"] for row in rows}[pupil.pk] is True
    assert ConsentDecision.objects.get().recorded_by == teacher


def test_scenario_posts_show_the_persona_name(client, school_class, teacher, pupil):
    from tests.sandbox_feed.factories import PersonaFactory

    persona = PersonaFactory(school_class=school_class, name="Dagblad Oost")
    PostFactory(school_class=school_class, author=teacher, kind=PostKind.SCENARIO, persona=persona)
    client.force_login(pupil)
    assert client.get(f"{API}/classes/{school_class.pk}/posts").json()["posts"][0]["author"] == "Dagblad Oost"
