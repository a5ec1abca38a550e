"""Forms sent in place and sent twice. feed.js sends reactions, comments and moderation actions with fetch
and gets JSON (what to tell, where the redirect went); a plain form post still redirects. A composer's key
makes a submission sent twice (a double tap, a retry) one post, also when both arrive at once."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.urls import reverse

from sandbox_feed.choices import PostStatus
from sandbox_feed.models import Comment, FeedSettings, Post, Reaction
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def no_preview(school_class):
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": False})


class TestAnswersForFetch:
    def test_a_reaction_sent_with_fetch_answers_json_and_a_plain_post_redirects(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0])
        client.force_login(pupils[1])
        url = reverse("sandbox_feed:reaction", args=[post.pk])
        answer = client.post(url, {"kind": "heart", "active": "1"}, **FETCH)
        assert answer.status_code == 200
        assert answer.json() == {"messages": [], "location": f"/feed/{school_class.pk}/#bericht-{post.pk}"}
        assert Reaction.objects.filter(post=post, user=pupils[1]).exists()
        plain = client.post(url, {"kind": "heart", "active": "0"})
        assert plain.status_code == 302
        assert plain["Location"] == f"/feed/{school_class.pk}/#bericht-{post.pk}"

    def test_the_message_travels_in_the_answer_and_is_not_shown_again(self, client, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0])
        client.force_login(teacher)
        answer = client.post(reverse("sandbox_feed:moderate_post", args=[post.pk, "verbergen"]), **FETCH)
        assert answer.json()["messages"] == [{"level": "success", "text": "Verborgen voor de leerlingen."}]
        page = client.get(reverse("sandbox_feed:feed", args=[school_class.pk]))
        assert "Verborgen voor de leerlingen." not in page.content.decode()

    def test_a_comment_refused_by_a_word_list_comes_back_as_the_page_with_the_words_kept(
        self, client, school_class, pupils
    ):
        from sandbox_feed import wordcheck
        from sandbox_feed.models import WordList

        word_list, _ = WordList.objects.get_or_create(school_class=school_class)
        wordcheck.add_entry(word_list, "stom", "block", "")
        post = PostFactory(school_class=school_class, author=pupils[0])
        client.force_login(pupils[1])
        answer = client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "wat stom"}, **FETCH)
        assert answer.status_code == 400
        assert answer["Content-Type"].startswith("text/html")
        assert 'value="wat stom"' in answer.content.decode()
        assert not Comment.objects.exists()

    def test_the_queue_answers_with_the_queue_as_location(self, client, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.PENDING, needs_review=True)
        client.force_login(teacher)
        queue = reverse("sandbox_feed:queue")
        answer = client.post(
            reverse("sandbox_feed:moderate_post", args=[post.pk, "goedkeuren"]), {"next": queue}, **FETCH
        )
        assert answer.json()["location"] == queue
        post.refresh_from_db()
        assert post.status == PostStatus.VISIBLE

    def test_fetch_does_not_open_a_door_the_form_keeps_shut(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0])
        client.force_login(pupils[1])
        answer = client.post(reverse("sandbox_feed:moderate_post", args=[post.pk, "verbergen"]), **FETCH)
        assert answer.status_code == 403
        post.refresh_from_db()
        assert post.status == PostStatus.VISIBLE

    def test_the_feed_page_carries_the_class_number_and_the_texts_for_the_script(self, client, school_class, pupils):
        no_preview(school_class)
        client.force_login(pupils[0])
        client.post(reverse("sandbox_feed:post_create", args=[school_class.pk]), {"text": "Een", "source_kind": "own"})
        page = client.get(reverse("sandbox_feed:feed", args=[school_class.pk])).content.decode()
        assert f'data-seqs="{school_class.pk}:1"' in page
        assert 'data-text-retry="Dat lukte even niet. Probeer het zo nog eens."' in page


class TestComposerKey:
    def post_with_key(self, client, school_class, key, text="Dubbel getikt"):
        return client.post(
            reverse("sandbox_feed:post_create", args=[school_class.pk]),
            {"text": text, "source_kind": "own", "submission_key": key},
        )

    def test_every_composer_shown_carries_a_new_key(self, client, school_class, pupil):
        client.force_login(pupil)
        pages = [client.get(reverse("sandbox_feed:feed", args=[school_class.pk])).content.decode() for _ in range(2)]
        keys = [page.split('name="submission_key" value="')[1][:36] for page in pages]
        assert keys[0] != keys[1]
        assert all(uuid.UUID(key) for key in keys)

    def test_a_submission_sent_twice_makes_one_post(self, client, school_class, pupil):
        no_preview(school_class)
        client.force_login(pupil)
        key = str(uuid.uuid4())
        first = self.post_with_key(client, school_class, key)
        second = self.post_with_key(client, school_class, key)
        post = Post.objects.get()
        assert first.status_code == second.status_code == 302
        assert first["Location"] == second["Location"] == f"/feed/{school_class.pk}/#bericht-{post.pk}"

    def test_a_draft_sent_twice_leads_to_the_one_preview(self, client, school_class, pupil):
        client.force_login(pupil)  # the class thinks before posting: a draft first
        key = str(uuid.uuid4())
        answers = [self.post_with_key(client, school_class, key) for _ in range(2)]
        post = Post.objects.get()
        assert post.status == PostStatus.DRAFT
        assert {a["Location"] for a in answers} == {reverse("sandbox_feed:preview", args=[post.pk])}

    def test_two_keys_make_two_posts_and_a_broken_key_is_ignored(self, client, school_class, pupil):
        no_preview(school_class)
        client.force_login(pupil)
        self.post_with_key(client, school_class, str(uuid.uuid4()), "Een")
        self.post_with_key(client, school_class, str(uuid.uuid4()), "Twee")
        assert self.post_with_key(client, school_class, "geen-sleutel", "Drie").status_code == 302
        assert Post.objects.count() == 3

    def test_the_same_key_of_another_pupil_is_their_own(self, client, school_class, pupils):
        no_preview(school_class)
        key = str(uuid.uuid4())
        for pupil in pupils[:2]:
            client.force_login(pupil)
            self.post_with_key(client, school_class, key)
        assert Post.objects.filter(submission_key=key).count() == 2

    def test_a_retry_through_the_api_answers_with_the_first_post(self, client, school_class, pupil):
        no_preview(school_class)
        client.force_login(pupil)
        url = f"/api/v1/feed/classes/{school_class.pk}/posts"
        key = str(uuid.uuid4())
        answers = [
            client.post(url, {"text": "Via de app"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)
            for _ in range(2)
        ]
        assert [a.status_code for a in answers] == [201, 201]
        assert answers[0].json()["id"] == answers[1].json()["id"] == Post.objects.get().pk
        wrong = client.post(url, {"text": "x"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="nee")
        assert wrong.status_code == 422

    def test_a_retry_is_answered_even_when_the_pupil_would_now_be_too_fast(self, client, school_class, pupil):
        FeedSettings.objects.update_or_create(
            school_class=school_class, defaults={"preview_before_post": False, "posts_per_minute": 1}
        )
        client.force_login(pupil)
        key = str(uuid.uuid4())
        self.post_with_key(client, school_class, key)
        assert self.post_with_key(client, school_class, key).status_code == 302
        assert Post.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_submission_twice_at_once_makes_one_post(school_class, pupil):
    """A double tap: both requests pass the "made before?" check before either stores; the unique key lets
    one insert through and the other answers with that post."""
    from sandbox_feed import services

    no_preview(school_class)
    key = uuid.uuid4()
    barrier = threading.Barrier(2)

    def submit(_n):
        try:
            barrier.wait()
            return services.create_post(
                school_class=school_class, author=pupil, raw_text="Tik tik", fields={}, submission_key=key
            ).pk
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        ids = list(pool.map(submit, range(2)))
    assert ids[0] == ids[1] == Post.objects.get().pk


def test_when_the_check_misses_a_post_stored_meanwhile_the_key_still_holds(school_class, pupil, monkeypatch, settings):
    """The path the race above may or may not take: the lookup found nothing, the insert meets the key.
    The second request answers with the first post, and the photo it had written is removed."""
    from django.core.files.base import ContentFile

    from sandbox_feed import services

    no_preview(school_class)
    key = uuid.uuid4()

    def create():
        photo = ContentFile(b"foto", name="photo.jpg"), ContentFile(b"klein", name="thumb.jpg")
        return services.create_post(
            school_class=school_class,
            author=pupil,
            raw_text="Eén keer",
            fields={},
            photo_files=photo,
            submission_key=key,
        )

    first = create()
    real, lookups = services.submitted_before, []

    def blind_once(author, submission_key):
        lookups.append(submission_key)
        return None if len(lookups) == 1 else real(author, submission_key)

    monkeypatch.setattr(services, "submitted_before", blind_once)
    again = create()
    assert again.pk == first.pk
    assert len(lookups) == 2 and Post.objects.count() == 1
    stored = sorted(path.name for path in settings.FEED_MEDIA_ROOT.rglob("*.jpg"))
    assert stored == sorted(name.split("/")[-1] for name in (first.photo.name, first.thumbnail.name))


def test_a_second_press_at_the_same_moment_changes_and_announces_nothing_more(school_class, pupils, monkeypatch):
    """Two taps on one emoji: the second's "is it there?" ran before the first one stored it."""
    from django.db.models.query import QuerySet

    from sandbox_feed import services
    from sandbox_feed.models import ClassEvent

    post = PostFactory(school_class=school_class, author=pupils[0])
    assert services.set_reaction(post, pupils[1], "heart", True) is True
    real_exists, calls = QuerySet.exists, []

    def blind_once(queryset):
        calls.append(queryset)
        return False if len(calls) == 1 else real_exists(queryset)

    monkeypatch.setattr(QuerySet, "exists", blind_once)
    assert services.set_reaction(post, pupils[1], "heart", True) is True
    monkeypatch.undo()
    assert len(calls) == 2  # the insert met the first press's row, and the reaction was found there
    assert Reaction.objects.filter(post=post, user=pupils[1]).count() == 1
    assert ClassEvent.objects.filter(kind="reaction").count() == 1
