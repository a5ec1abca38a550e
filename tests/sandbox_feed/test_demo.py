"""The demo feed is lively, respects the consent gate, and seeding twice changes nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import SchoolClass, User
from sandbox_feed.choices import PostKind, PostStatus
from sandbox_feed.models import Post

pytestmark = pytest.mark.django_db


def test_demo_feed_has_every_kind_of_post_and_is_idempotent():
    call_command("seed_demo")
    count = Post.objects.count()
    for code in ("G6DEMO", "G8DEMO"):
        posts = Post.objects.filter(school_class__join_code=code)
        assert posts.filter(kind=PostKind.ANNOUNCEMENT, pinned=True).count() == 2
        assert posts.filter(kind=PostKind.SCENARIO, persona__isnull=False).count() == 3
        assert posts.filter(citation_verdict="correct").exists()
        assert posts.filter(citation_verdict="incorrect").exists()
        assert posts.exclude(photo="").filter(status=PostStatus.VISIBLE).exists()
        # The photo with a classmate without consent waits for the teacher.
        assert posts.exclude(photo="").filter(status=PostStatus.PENDING).exists()
        assert posts.filter(status=PostStatus.DELETED).exists()
        assert posts.filter(versions__number=2).exists()
    call_command("seed_demo")
    assert Post.objects.count() == count


def test_demo_feed_pages_render_for_teacher_and_pupil(client):
    call_command("seed_demo")
    school_class = SchoolClass.objects.get(join_code="G6DEMO")
    client.force_login(User.objects.get(username="leerkracht6"))
    for url in (
        reverse("sandbox_feed:feed", args=[school_class.pk]),
        reverse("sandbox_feed:consent", args=[school_class.pk]),
        reverse("sandbox_feed:personas", args=[school_class.pk]),
        reverse("home:teacher"),
    ):
        assert client.get(url).status_code == 200
    assert "Naar de feed van Groep 6" in client.get(reverse("home:teacher")).content.decode()
    pupil = school_class.pupils.first()
    client.force_login(pupil)
    assert client.get(reverse("sandbox_feed:feed", args=[school_class.pk])).status_code == 200
    assert client.get(reverse("sandbox_feed:footprint", args=[school_class.pk])).status_code == 200
    assert "Naar de feed van Groep 6" in client.get(reverse("home:pupil")).content.decode()
