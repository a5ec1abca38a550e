"""The pupil's own work (issue 13): editing keeps and changes source, photo and tags; "bewerkt" with the
versions one tap away; "Toch niet plaatsen" leaves nothing; comments with their time, a confirmed delete
and the class's "eerst nadenken" step."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from sandbox_feed import consent, queue, services
from sandbox_feed.choices import CitationVerdict, ConsentMethod, ConsentPurpose, PostStatus
from sandbox_feed.models import ClassEvent, Comment, CommentVersion, FeedSettings, ModerationLog, Post
from tests.sandbox_feed.factories import CommentFactory, PostFactory, image_bytes, jpeg_with_gps

pytestmark = pytest.mark.django_db

SOURCE = {
    "source_kind": "quote",
    "source_maker": "Annie M.G. Schmidt",
    "source_title": "Jip en Janneke",
    "source_url": "https://example.org/jip",
    "source_date": "1953",
    "source_published": "on",
    "source_permission": "",
}


def feed_url(school_class):
    return reverse("sandbox_feed:feed", args=[school_class.pk])


def edit_url(post):
    return reverse("sandbox_feed:post_edit", args=[post.pk])


def think_first(school_class, on=True):
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": on})


def say_yes(pupil, teacher):
    consent.record_decision(
        pupil=pupil,
        purpose=ConsentPurpose.CLASS_FEED,
        decision=True,
        decided_by="moeder",
        method=ConsentMethod.FORM,
        recorded_by=teacher,
    )


def photo(data=None, name="foto.png"):
    return SimpleUploadedFile(name, data or image_bytes("PNG"), content_type="image/png")


def feed_files(settings):
    root = settings.FEED_MEDIA_ROOT
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def photo_post(client, school_class, pupils, teacher):
    """A visible post with a quote as source and a photo with a tagged classmate who may be on it."""
    author, tagged, _classmate = pupils
    say_yes(tagged, teacher)
    think_first(school_class, on=False)
    client.force_login(author)
    data = {
        "text": '"Ik wil een poes" zegt Jip. Dat vind ik grappig.',
        **SOURCE,
        "upload": photo(),
        "people_on_photo": "classmates",
        "tagged": [tagged.pk],
    }
    client.post(reverse("sandbox_feed:post_create", args=[school_class.pk]), data)
    post = Post.objects.get()
    assert post.status == PostStatus.VISIBLE and post.photo
    return post


def edit_data(post, **changes):
    """What the edit page posts when the pupil changes only `changes`: every field as it was prefilled."""
    data = {
        "text": post.plain_text,
        "source_kind": post.source_kind,
        "source_maker": post.source_maker,
        "source_title": post.source_title,
        "source_url": post.source_url,
        "source_date": post.source_date,
        "source_permission": post.source_permission,
        "people_on_photo": post.people_on_photo,
        "tagged": [tag.pupil_id for tag in post.tags.all()],
    }
    if post.source_published:
        data["source_published"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


class TestEditKeepsAndChanges:
    def test_it_prefills_the_edit_page_with_source_photo_and_tags(self, client, photo_post, pupils):
        page = client.get(edit_url(photo_post)).content.decode()
        assert 'value="Annie M.G. Schmidt"' in page
        assert 'value="https://example.org/jip"' in page
        assert reverse("sandbox_feed:thumbnail", args=[photo_post.pk]) in page
        assert f'value="{pupils[1].pk}"' in page and "checked" in page
        assert 'name="remove_photo"' in page

    def test_it_keeps_source_photo_and_tags_when_only_the_text_changes(self, client, photo_post, pupils):
        photo_name = photo_post.photo.name
        client.post(edit_url(photo_post), edit_data(photo_post, text='"Ik wil een poes" zegt Jip. Leuk!'))
        post = Post.objects.get()
        assert post.plain_text.endswith("Leuk!")
        assert post.photo.name == photo_name
        assert [t.pupil_id for t in post.tags.all()] == [pupils[1].pk]
        assert (post.source_maker, post.source_url, post.source_published) == (
            "Annie M.G. Schmidt",
            "https://example.org/jip",
            True,
        )
        assert post.versions.count() == 2

    def test_it_changes_source_and_tags_and_the_versions_page_shows_the_old_source(
        self, client, photo_post, pupils, teacher
    ):
        say_yes(pupils[2], teacher)
        client.post(
            edit_url(photo_post),
            edit_data(photo_post, source_maker="Annie Schmidt", source_date="1963", tagged=[pupils[2].pk]),
        )
        post = Post.objects.get()
        assert (post.source_maker, post.source_date) == ("Annie Schmidt", "1963")
        assert [t.pupil_id for t in post.tags.all()] == [pupils[2].pk]
        old, new = post.versions.all()
        assert old.source["maker"] == "Annie M.G. Schmidt" and new.source["maker"] == "Annie Schmidt"
        page = client.get(reverse("sandbox_feed:versions", args=[post.pk])).content.decode()
        assert "Annie M.G. Schmidt, Jip en Janneke, 1953" in page
        assert "Annie Schmidt, Jip en Janneke, 1963" in page

    def test_a_new_photo_is_checked_and_stripped_and_the_old_files_go(
        self, client, photo_post, settings, django_capture_on_commit_callbacks
    ):
        old_files = {photo_post.photo.name, photo_post.thumbnail.name}
        assert Image.open(io.BytesIO(jpeg_with_gps())).getexif().get_ifd(0x8825)  # it really carries GPS
        with django_capture_on_commit_callbacks(execute=True):
            client.post(edit_url(photo_post), edit_data(photo_post, upload=photo(jpeg_with_gps(), "gps.jpg")))
        post = Post.objects.get()
        assert post.photo.name not in old_files
        assert not old_files & set(feed_files(settings))
        with post.photo.open("rb") as stored:
            image = Image.open(stored)
            assert not image.getexif() and "exif" not in image.info

    def test_a_file_that_is_no_photo_is_refused_in_dutch_and_the_post_keeps_its_photo(self, client, photo_post):
        name = photo_post.photo.name
        response = client.post(
            edit_url(photo_post),
            edit_data(photo_post, text="Nieuwe tekst", upload=SimpleUploadedFile("x.png", b"geen foto")),
        )
        assert response.status_code == 400
        assert "geen foto" in response.content.decode()
        post = Post.objects.get()
        assert post.photo.name == name and post.plain_text != "Nieuwe tekst"

    def test_removing_the_photo_removes_its_tags_and_files(
        self, client, photo_post, settings, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(edit_url(photo_post), edit_data(photo_post, remove_photo="on"))
        post = Post.objects.get()
        assert not post.photo and not post.tags.exists() and post.people_on_photo == "none"
        assert feed_files(settings) == []
        assert post.versions.last().source["photo"] is False

    def test_a_new_photo_with_an_untagged_classmate_waits_for_the_teacher(self, client, photo_post, pupils):
        client.post(edit_url(photo_post), edit_data(photo_post, upload=photo(), tagged=[pupils[2].pk]))
        post = Post.objects.get()
        assert post.status == PostStatus.PENDING
        client.force_login(pupils[2])
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 404


class TestFixedCitation:
    def test_a_fixed_source_goes_back_to_the_teacher_for_judging(self, client, photo_post, teacher, school_class):
        services.review_citation(photo_post, CitationVerdict.INCORRECT, "Noem ook de titel van het boek.")
        assert not queue.citations_to_judge([school_class]).filter(pk=photo_post.pk).exists()
        page = client.get(edit_url(photo_post)).content.decode()
        assert "Noem ook de titel van het boek." in page
        client.post(edit_url(photo_post), edit_data(photo_post, source_title="Jip en Janneke, deel 1"))
        post = Post.objects.get()
        assert post.citation_verdict == CitationVerdict.UNCHECKED
        assert queue.citations_to_judge([school_class]).filter(pk=post.pk).exists()
        client.force_login(teacher)
        page = client.get(feed_url(school_class)).content.decode()
        assert "Jip en Janneke, deel 1" in page
        assert 'name="citation_verdict" value="incorrect" checked' not in page

    def test_a_verdict_stays_when_nothing_about_the_citation_changed(self, client, photo_post, pupils):
        services.review_citation(photo_post, CitationVerdict.CORRECT, "")
        client.post(edit_url(photo_post), edit_data(photo_post, tagged=[]))
        assert Post.objects.get().citation_verdict == CitationVerdict.CORRECT


class TestEditedMarkerAndVersions:
    def test_an_edited_post_shows_bewerkt_with_a_link_to_its_versions(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0], text="Eerst", published_at=timezone.now())
        client.force_login(pupils[1])
        versions_link = reverse("sandbox_feed:versions", args=[post.pk])
        assert versions_link not in client.get(feed_url(school_class)).content.decode()
        services.edit_post(post, "Daarna", pupils[0])
        page = client.get(feed_url(school_class)).content.decode()
        assert "bewerkt" in page and versions_link in page
        versions = client.get(versions_link).content.decode()
        assert "Eerst" in versions and "Daarna" in versions

    def test_an_edited_comment_shows_bewerkt_and_keeps_every_version(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[1], published_at=timezone.now())
        think_first(school_class, on=False)
        client.force_login(pupils[0])
        client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Mooi gedaan"})
        comment = Comment.objects.get()
        assert client.get(reverse("sandbox_feed:comment_edit", args=[comment.pk])).status_code == 200
        client.post(reverse("sandbox_feed:comment_edit", args=[comment.pk]), {"text": "Heel mooi gedaan"})
        assert list(CommentVersion.objects.values_list("number", "text")) == [
            (1, "Mooi gedaan"),
            (2, "Heel mooi gedaan"),
        ]
        versions_link = reverse("sandbox_feed:comment_versions", args=[comment.pk])
        client.force_login(pupils[2])
        page = client.get(feed_url(school_class)).content.decode()
        assert "bewerkt" in page and versions_link in page
        versions = client.get(versions_link).content.decode()
        assert "Mooi gedaan" in versions and "Heel mooi gedaan" in versions

    def test_only_who_may_see_a_comment_sees_its_versions(
        self, client, school_class, pupils, teacher, other_teacher, outsider_pupil
    ):
        post = PostFactory(school_class=school_class, author=pupils[1])
        comment = services.add_comment(post, pupils[0], "Eerste")
        services.edit_comment(comment, "Tweede", pupils[0])
        url = reverse("sandbox_feed:comment_versions", args=[comment.pk])
        for user, status in ((pupils[2], 200), (teacher, 200), (outsider_pupil, 404), (other_teacher, 404)):
            client.force_login(user)
            assert client.get(url).status_code == status, user
        Comment.objects.filter(pk=comment.pk).update(status=PostStatus.HIDDEN)
        client.force_login(pupils[2])
        assert client.get(url).status_code == 404
        client.force_login(teacher)
        assert client.get(url).status_code == 200

    def test_versions_of_a_post_are_for_who_may_see_it(self, client, school_class, pupils, teacher, outsider_pupil):
        post = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.PENDING)
        url = reverse("sandbox_feed:versions", args=[post.pk])
        for user, status in ((pupils[0], 200), (teacher, 200), (pupils[1], 404), (outsider_pupil, 404)):
            client.force_login(user)
            assert client.get(url).status_code == status, user


class TestDiscardDraft:
    def make_draft(self, client, school_class, author):
        think_first(school_class)
        client.force_login(author)
        response = client.post(
            reverse("sandbox_feed:post_create", args=[school_class.pk]),
            {"text": "Geheim plan", "source_kind": "own", "upload": photo(), "people_on_photo": "none"},
        )
        post = Post.objects.get()
        assert post.status == PostStatus.DRAFT
        assert response["Location"] == reverse("sandbox_feed:preview", args=[post.pk])
        return post

    def test_toch_niet_plaatsen_leaves_nothing_behind(
        self, client, school_class, pupils, settings, django_capture_on_commit_callbacks
    ):
        post = self.make_draft(client, school_class, pupils[0])
        assert feed_files(settings)
        preview = client.get(reverse("sandbox_feed:preview", args=[post.pk])).content.decode()
        discard_url = reverse("sandbox_feed:post_discard", args=[post.pk])
        assert discard_url in preview
        assert client.get(discard_url).status_code == 200  # asks first
        assert Post.objects.filter(pk=post.pk).exists()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(discard_url, follow=True)
        assert "Je bericht is niet geplaatst. Niemand heeft het gezien." in response.content.decode()
        assert not Post.objects.exists()
        assert feed_files(settings) == []
        assert not ModerationLog.objects.exists()
        assert not ClassEvent.objects.filter(post_id=post.pk).exists()
        footprint = client.get(reverse("sandbox_feed:footprint", args=[school_class.pk])).content.decode()
        assert "Geheim plan" not in footprint and "Verwijderd" not in footprint

    def test_a_draft_is_never_shown_to_the_teacher(self, client, school_class, pupils, teacher):
        post = self.make_draft(client, school_class, pupils[0])
        client.force_login(teacher)
        assert "Geheim plan" not in client.get(feed_url(school_class)).content.decode()
        assert "Geheim plan" not in client.get(reverse("sandbox_feed:queue")).content.decode()
        assert "Geheim plan" not in client.get(reverse("sandbox_feed:audit", args=[school_class.pk])).content.decode()
        assert client.get(reverse("sandbox_feed:versions", args=[post.pk])).status_code == 404
        assert queue.records([pupils[0].pk])[pupils[0].pk].posts == 0

    def test_a_placed_post_is_not_discarded(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0], published_at=timezone.now())
        client.force_login(pupils[0])
        client.post(reverse("sandbox_feed:post_discard", args=[post.pk]))
        assert Post.objects.get(pk=post.pk).status == PostStatus.VISIBLE

    def test_a_classmate_cannot_discard_a_draft(self, client, school_class, pupils):
        post = self.make_draft(client, school_class, pupils[0])
        client.force_login(pupils[1])
        assert client.post(reverse("sandbox_feed:post_discard", args=[post.pk])).status_code == 404
        assert Post.objects.filter(pk=post.pk).exists()


class TestComments:
    def test_a_comment_shows_its_time(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[1])
        today = CommentFactory(post=post, author=pupils[0], text="Vandaag")
        yesterday = CommentFactory(post=post, author=pupils[2], text="Gisteren")
        moment = timezone.localtime().replace(hour=14, minute=5) - timedelta(days=1)
        Comment.objects.filter(pk=yesterday.pk).update(created_at=moment)
        client.force_login(pupils[0])
        page = client.get(feed_url(school_class)).content.decode()
        clock = timezone.localtime(today.created_at).strftime("%H:%M")
        assert f">{clock}</time>" in page
        assert ">gisteren 14:05</time>" in page

    def test_the_author_deletes_a_comment_only_after_confirming(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[1])
        comment = CommentFactory(post=post, author=pupils[0], text="Oeps")
        url = reverse("sandbox_feed:delete_comment", args=[comment.pk])
        client.force_login(pupils[0])
        feed = client.get(feed_url(school_class)).content.decode()
        assert f'href="{url}"' in feed and f'action="{url}"' not in feed  # a link to the question, no form
        page = client.get(url)
        assert page.status_code == 200 and f'action="{url}"' in page.content.decode()
        assert Comment.objects.get().status == PostStatus.VISIBLE
        client.post(url)
        assert Comment.objects.get().status == PostStatus.DELETED

    def test_nobody_else_deletes_a_comment(self, client, school_class, pupils, teacher, outsider_pupil):
        post = PostFactory(school_class=school_class, author=pupils[1])
        comment = CommentFactory(post=post, author=pupils[0])
        url = reverse("sandbox_feed:delete_comment", args=[comment.pk])
        for user in (pupils[1], teacher, outsider_pupil):
            client.force_login(user)
            assert client.get(url).status_code == 404
            assert client.post(url).status_code == 404
        assert Comment.objects.get().status == PostStatus.VISIBLE

    def test_post_delete_asks_first_from_the_feed(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0])
        url = reverse("sandbox_feed:post_delete", args=[post.pk])
        client.force_login(pupils[0])
        feed = client.get(feed_url(school_class)).content.decode()
        assert f'href="{url}"' in feed and f'action="{url}"' not in feed
        assert f'action="{url}"' in client.get(url).content.decode()

    def test_eerst_nadenken_makes_a_comment_a_draft_with_a_preview(self, client, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[1])
        think_first(school_class)
        client.force_login(pupils[0])
        response = client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Wat leuk"})
        comment = Comment.objects.get()
        assert comment.status == PostStatus.DRAFT
        preview_url = reverse("sandbox_feed:comment_preview", args=[comment.pk])
        assert response["Location"] == preview_url
        assert "Wie ziet dit?" in client.get(preview_url).content.decode()
        for user in (pupils[2], teacher):
            client.force_login(user)
            assert "Wat leuk" not in client.get(feed_url(school_class)).content.decode()
            assert client.get(preview_url).status_code == 404
        assert not ClassEvent.objects.filter(comment_id=comment.pk).exists()
        client.force_login(pupils[0])
        client.post(reverse("sandbox_feed:comment_publish", args=[comment.pk]))
        assert Comment.objects.get().status == PostStatus.VISIBLE
        client.force_login(pupils[2])
        assert "Wat leuk" in client.get(feed_url(school_class)).content.decode()

    def test_a_comment_draft_can_be_thrown_away(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[1])
        think_first(school_class)
        client.force_login(pupils[0])
        client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Toch niet"})
        comment = Comment.objects.get()
        url = reverse("sandbox_feed:comment_discard", args=[comment.pk])
        assert client.get(url).status_code == 200 and Comment.objects.exists()
        response = client.post(url, follow=True)
        assert not Comment.objects.exists()
        assert "Niemand heeft hem gezien" in response.content.decode()

    def test_a_fetch_comment_goes_to_its_preview(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[1])
        think_first(school_class)
        client.force_login(pupils[0])
        response = client.post(
            reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Hoi"}, HTTP_X_REQUESTED_WITH="fetch"
        )
        assert response.json()["location"] == reverse("sandbox_feed:comment_preview", args=[Comment.objects.get().pk])

    def test_without_eerst_nadenken_a_comment_is_placed_at_once(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[1])
        think_first(school_class, on=False)
        client.force_login(pupils[0])
        client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Meteen"})
        assert Comment.objects.get().status == PostStatus.VISIBLE
