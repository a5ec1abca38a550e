"""Hostile input and retries in the feed: script links refused at every door, retries change nothing twice."""

import pytest

from sandbox_feed.choices import PostStatus
from sandbox_feed.models import FeedSettings, Post, Reaction
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/feed"
HOSTILE_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", "data:text/html,<script>x</script>"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_api_refuses_a_script_source_url_and_stores_nothing(client, school_class, pupil, url):
    client.force_login(pupil)
    payload = {"text": "Kijk hier", "source": {"kind": "quote", "url": url}}
    response = client.post(f"{API}/classes/{school_class.pk}/posts", payload, content_type="application/json")
    assert response.status_code == 422
    assert "webadres" in response.content.decode()
    assert not Post.objects.exists()


def test_api_accepts_a_web_address_and_assumes_https(client, school_class, pupil):
    client.force_login(pupil)
    payload = {"text": "Kijk hier", "source": {"kind": "quote", "url": "www.mediawijsheid.nl/tips"}}
    response = client.post(f"{API}/classes/{school_class.pk}/posts", payload, content_type="application/json")
    assert response.status_code == 201
    assert Post.objects.get().source_url == "https://www.mediawijsheid.nl/tips"


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_html_form_refuses_a_script_source_url(client, school_class, pupil, url):
    client.force_login(pupil)
    data = {"text": "Kijk hier", "source_kind": "quote", "source_url": url}
    response = client.post(f"/feed/{school_class.pk}/plaatsen/", data)
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_feed_never_links_a_stored_script_url(client, school_class, pupils, teacher):
    # A row written before validation existed (or by another door) must still not become a link.
    PostFactory(
        school_class=school_class, author=pupils[0], source_kind="quote", source_maker="X", source_url="javascript:x()"
    )
    client.force_login(teacher)
    page = client.get(f"/feed/{school_class.pk}/").content.decode()
    assert 'href="javascript:' not in page
    assert 'class="attribution"' in page  # the credit line is there, only without the link


def test_api_schema_says_which_fields_are_html_and_which_are_plain_text(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["PostOut"]["properties"]
    assert "HTML" in schema["text_html"]["description"]
    assert "plain text" in schema["attribution"]["description"]


def test_api_reaction_with_active_is_safe_to_retry(client, school_class, pupils):
    post = PostFactory(school_class=school_class, author=pupils[0])
    client.force_login(pupils[1])
    url = f"{API}/posts/{post.pk}/reactions"
    for _ in range(2):
        response = client.post(url, {"kind": "heart", "active": True}, content_type="application/json")
        assert response.json() == {"kind": "heart", "active": True}
    assert Reaction.objects.filter(post=post, user=pupils[1]).count() == 1
    for _ in range(2):
        client.post(url, {"kind": "heart", "active": False}, content_type="application/json")
    assert not Reaction.objects.filter(post=post, user=pupils[1]).exists()


def test_html_reaction_form_resent_does_not_undo_itself(client, school_class, pupils):
    post = PostFactory(school_class=school_class, author=pupils[0])
    client.force_login(pupils[1])
    for _ in range(2):
        client.post(f"/feed/bericht/{post.pk}/emoji/", {"kind": "wow", "active": "1"})
    assert Reaction.objects.filter(post=post, user=pupils[1], kind="wow").count() == 1


def test_publishing_twice_answers_as_the_first_time(client, school_class, pupil):
    FeedSettings.objects.create(school_class=school_class, preview_before_post=True)
    client.force_login(pupil)
    created = client.post(f"{API}/classes/{school_class.pk}/posts", {"text": "Hoi"}, content_type="application/json")
    post_id = created.json()["id"]
    first = client.post(f"{API}/posts/{post_id}/publish")
    second = client.post(f"{API}/posts/{post_id}/publish")
    assert first.status_code == second.status_code == 200
    assert first.json()["status"] == second.json()["status"] == PostStatus.VISIBLE
    html_again = client.post(f"/feed/bericht/{post_id}/publiceren/")
    assert html_again.status_code == 302
    assert Post.objects.get(pk=post_id).versions.count() == 1
