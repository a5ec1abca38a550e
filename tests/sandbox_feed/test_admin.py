"""The Django admin shows a feed post with a photo without ever giving that photo a public URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sandbox_feed import photos
from tests.factories import AdministratorFactory
from tests.sandbox_feed.factories import PostFactory, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(school):
    return AdministratorFactory(username="beheer", school=school)


@pytest.fixture
def post_with_photo(school_class, pupil):
    post = PostFactory(school_class=school_class, author=pupil, text="Mijn hond")
    full, thumb = photos.process_photo(SimpleUploadedFile("hond.jpg", image_bytes(), "image/jpeg"))
    post.photo.save(full.name, full, save=False)
    post.thumbnail.save(thumb.name, thumb, save=False)
    post.save()
    return post


def test_administrator_opens_a_post_with_a_photo(client, administrator, post_with_photo):
    client.force_login(administrator)
    response = client.get(reverse("admin:sandbox_feed_post_change", args=[post_with_photo.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mijn hond" in body
    assert post_with_photo.photo.name in body
    assert post_with_photo.thumbnail.name in body
    # The stored file name is shown as text, never as a link to the file.
    assert f'href="{post_with_photo.photo.name}' not in body
    assert "/media/photos/" not in body


def test_administrator_lists_posts_with_photos(client, administrator, post_with_photo):
    client.force_login(administrator)
    response = client.get(reverse("admin:sandbox_feed_post_changelist"))
    assert response.status_code == 200
    assert reverse("admin:sandbox_feed_post_change", args=[post_with_photo.pk]) in response.content.decode()


def test_a_post_without_a_photo_still_opens(client, administrator, school_class, pupil):
    post = PostFactory(school_class=school_class, author=pupil, text="Zonder foto")
    client.force_login(administrator)
    response = client.get(reverse("admin:sandbox_feed_post_change", args=[post.pk]))
    assert response.status_code == 200
