"""A teacher's "Verwijderen" never deletes in one tap, also without JavaScript: a POST without `confirmed=1`
answers with a page that quotes what would go and asks, and only the answer deletes. The API keeps its
contract (API callers are not browsers)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from sandbox_feed.choices import ModerationAction, PostStatus
from sandbox_feed.models import Comment, ModerationLog, Post
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def delete_post(client, post, **data):
    return client.post(reverse("sandbox_feed:moderate_post", args=[post.pk, "verwijderen"]), data)


def delete_comment(client, comment, **data):
    return client.post(reverse("sandbox_feed:moderate_comment", args=[comment.pk, "verwijderen"]), data)


class TestTeacherDeleteAsksFirst:
    def test_it_asks_on_a_page_and_deletes_nothing_without_confirmed(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil, text="Een bericht om over te praten")
        client.force_login(teacher)
        response = delete_post(client, post)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Dit bericht verwijderen?" in page
        assert "<blockquote" in page and "Een bericht om over te praten" in page
        assert pupil.display_name in page
        assert "Ja, verwijderen" in page
        assert "Nee, terug" in page
        assert '<input type="hidden" name="confirmed" value="1">' in page
        assert f'href="/feed/{school_class.pk}/#bericht-{post.pk}"' in page
        assert Post.objects.get().status == PostStatus.VISIBLE
        assert not ModerationLog.objects.exists()

    def test_it_deletes_with_confirmed(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil)
        client.force_login(teacher)
        response = delete_post(client, post, confirmed="1")
        assert response.status_code == 302
        post.refresh_from_db()
        assert (post.status, post.deleted_by) == (PostStatus.DELETED, teacher)
        assert ModerationLog.objects.filter(action=ModerationAction.DELETE).count() == 1

    def test_a_comment_is_asked_about_and_deleted_the_same_way(self, client, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0])
        comment = CommentFactory(post=post, author=pupils[1], text="Dat is niet aardig")
        client.force_login(teacher)
        response = delete_comment(client, comment)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Deze reactie verwijderen?" in page
        assert "Dat is niet aardig" in page
        assert pupils[1].display_name in page
        assert Comment.objects.get().status == PostStatus.VISIBLE
        delete_comment(client, comment, confirmed="1")
        assert Comment.objects.get().status == PostStatus.DELETED

    def test_the_page_keeps_where_the_teacher_came_from(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil)
        client.force_login(teacher)
        queue = reverse("sandbox_feed:queue")
        page = delete_post(client, post, next=queue).content.decode()
        assert f'<input type="hidden" name="next" value="{queue}">' in page
        assert f'<a class="button" href="{queue}">' in page
        response = delete_post(client, post, next=queue, confirmed="1")
        assert response.url == queue
        assert Post.objects.get().status == PostStatus.DELETED

    def test_a_next_to_another_site_is_ignored(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil)
        client.force_login(teacher)
        page = delete_post(client, post, next="https://elders.example/").content.decode()
        assert "elders.example" not in page

    def test_feed_js_with_confirmed_gets_json_for_the_in_place_update(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil)
        client.force_login(teacher)
        response = client.post(
            reverse("sandbox_feed:moderate_post", args=[post.pk, "verwijderen"]),
            {"confirmed": "1"},
            headers={"X-Requested-With": "fetch"},
        )
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["location"] == f"/feed/{school_class.pk}/#bericht-{post.pk}"
        assert Post.objects.get().status == PostStatus.DELETED

    def test_an_item_already_deleted_is_not_asked_about_again(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil)
        client.force_login(teacher)
        delete_post(client, post, confirmed="1")
        response = delete_post(client, post)
        assert response.status_code == 302
        assert "al afgehandeld" in client.get(response.url).content.decode()

    def test_a_duo_colleague_is_asked_too(self, client, school_class, pupil, teacher, other_teacher):
        school_class.teachers.add(other_teacher)
        post = PostFactory(school_class=school_class, author=pupil)
        client.force_login(other_teacher)
        assert "Ja, verwijderen" in delete_post(client, post).content.decode()
        delete_post(client, post, confirmed="1")
        assert Post.objects.get().deleted_by == other_teacher


class TestPermissionsBeforeTheQuestion:
    def test_a_pupil_gets_403_not_the_question(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0], text="Geheim")
        client.force_login(pupils[1])
        assert delete_post(client, post).status_code == 403
        assert delete_post(client, post, confirmed="1").status_code == 403
        assert Post.objects.get().status == PostStatus.VISIBLE

    def test_a_teacher_of_another_class_gets_404_not_the_text(self, client, school_class, pupil, other_teacher):
        post = PostFactory(school_class=school_class, author=pupil, text="Alleen voor deze klas")
        client.force_login(other_teacher)
        response = delete_post(client, post)
        assert response.status_code == 404
        assert "Alleen voor deze klas" not in response.content.decode()

    def test_an_archived_class_is_refused_before_the_question(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil)
        school_class.archived_at = timezone.now()
        school_class.save(update_fields=["archived_at"])
        client.force_login(teacher)
        assert delete_post(client, post).status_code == 403
        assert Post.objects.get().status == PostStatus.VISIBLE


def test_the_api_still_deletes_without_a_confirmation_field(client, school_class, pupil, teacher):
    post = PostFactory(school_class=school_class, author=pupil)
    client.force_login(teacher)
    response = client.post(f"/api/v1/feed/posts/{post.pk}/remove", {}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "deleted"
    assert Post.objects.get().status == PostStatus.DELETED
