"""Forever online: editing keeps every version, deleting keeps the post, the footprint shows who saw what."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sandbox_feed.choices import PostStatus
from sandbox_feed.models import Post, PostVersion, PostView
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_editing_keeps_every_version(client, school_class, pupil):
    post = PostFactory(school_class=school_class, author=pupil, text="Eerste versie")
    client.force_login(pupil)
    client.post(reverse("sandbox_feed:post_edit", args=[post.pk]), {"text": "Tweede versie"})
    client.post(reverse("sandbox_feed:post_edit", args=[post.pk]), {"text": "Derde versie"})
    assert list(post.versions.values_list("number", "text")) == [
        (1, "Eerste versie"),
        (2, "Tweede versie"),
        (3, "Derde versie"),
    ]
    post.refresh_from_db()
    assert post.text == "Derde versie"


def test_classmate_cannot_edit_or_delete_someone_elses_post(client, school_class, pupils):
    post = PostFactory(school_class=school_class, author=pupils[0], text="Van mij")
    client.force_login(pupils[1])
    assert client.post(reverse("sandbox_feed:post_edit", args=[post.pk]), {"text": "gehackt"}).status_code == 404
    assert client.post(reverse("sandbox_feed:post_delete", args=[post.pk])).status_code == 404
    post.refresh_from_db()
    assert post.text == "Van mij" and post.status == PostStatus.VISIBLE


def test_delete_is_post_only_and_keeps_the_post(client, school_class, pupils):
    post = PostFactory(school_class=school_class, author=pupils[0], text="Oeps")
    client.force_login(pupils[0])
    assert client.get(reverse("sandbox_feed:post_delete", args=[post.pk])).status_code == 200  # asks first
    assert Post.objects.get(pk=post.pk).status == PostStatus.VISIBLE
    client.post(reverse("sandbox_feed:post_delete", args=[post.pk]))
    post.refresh_from_db()
    assert post.status == PostStatus.DELETED and post.deleted_at
    client.force_login(pupils[1])
    assert "Oeps" not in client.get(reverse("sandbox_feed:feed", args=[school_class.pk])).content.decode()


def test_footprint_shows_deleted_posts_every_version_and_view_counts(client, school_class, pupils):
    author, first_viewer, second_viewer = pupils
    start = timezone.now() - timedelta(hours=1)
    post = PostFactory(school_class=school_class, author=author, text="Domme grap")
    PostVersion.objects.filter(post=post).update(created_at=start)
    PostView.objects.create(post=post, pupil=first_viewer, seen_at=start + timedelta(minutes=1))
    PostVersion.objects.create(post=post, number=2, text="Nette tekst", created_at=start + timedelta(minutes=2))
    PostView.objects.create(post=post, pupil=second_viewer, seen_at=start + timedelta(minutes=3))
    Post.objects.filter(pk=post.pk).update(status=PostStatus.DELETED, deleted_at=start + timedelta(minutes=4))

    client.force_login(author)
    response = client.get(reverse("sandbox_feed:footprint", args=[school_class.pk]))
    body = response.content.decode()
    assert "Domme grap" in body and "Nette tekst" in body
    assert "Verwijderd" in body
    assert "1 klasgenoot zag dit voordat het veranderde of wegging" in body
    assert "2 klasgenoten zagen dit voordat het veranderde of wegging" in body
    assert response.context["entries"][0][1][0][1] == 1
    assert response.context["entries"][0][1][1][1] == 2


def test_footprint_shows_only_your_own_posts(client, school_class, pupils):
    PostFactory(school_class=school_class, author=pupils[1], text="Niet van jou")
    client.force_login(pupils[0])
    body = client.get(reverse("sandbox_feed:footprint", args=[school_class.pk])).content.decode()
    assert "Niet van jou" not in body


def test_footprint_refuses_other_classes_and_teachers(client, school_class, other_class, pupil, teacher):
    client.force_login(pupil)
    assert client.get(reverse("sandbox_feed:footprint", args=[other_class.pk])).status_code == 404
    client.force_login(teacher)
    assert client.get(reverse("sandbox_feed:footprint", args=[school_class.pk])).status_code == 403


def test_teacher_sees_all_versions_also_of_deleted_posts(client, school_class, pupil, teacher):
    post = PostFactory(school_class=school_class, author=pupil, text="Versie een", status=PostStatus.DELETED)
    PostVersion.objects.create(post=post, number=2, text="Versie twee")
    client.force_login(teacher)
    body = client.get(reverse("sandbox_feed:versions", args=[post.pk])).content.decode()
    assert "Versie een" in body and "Versie twee" in body


def test_versions_are_hidden_from_classmates_and_other_teachers(client, school_class, pupils, other_teacher):
    post = PostFactory(school_class=school_class, author=pupils[0])
    client.force_login(other_teacher)
    assert client.get(reverse("sandbox_feed:versions", args=[post.pk])).status_code == 404
    # Classmates see the versions of a visible post (issue 13), never of one that is not shown to them.
    client.force_login(pupils[1])
    assert client.get(reverse("sandbox_feed:versions", args=[post.pk])).status_code == 200
    Post.objects.filter(pk=post.pk).update(status=PostStatus.HIDDEN)
    assert client.get(reverse("sandbox_feed:versions", args=[post.pk])).status_code == 404
