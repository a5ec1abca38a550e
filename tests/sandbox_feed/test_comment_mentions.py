"""Mentions in comments notify the named classmate as post mentions do: the badge counts them and the list
links to the comment, but only while the pupil may read the comment, never for the writer themselves, and
they go with an erased pupil."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from privacy.erase import counts, erase_pupil
from privacy.export import collect, render_index
from sandbox_feed import mentions, moderation, services
from sandbox_feed.choices import ModerationAction, ModerationMode, PostStatus
from sandbox_feed.models import FeedSettings, Mention, PostView
from tests.factories import CoordinatorFactory, PupilFactory
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def noor(school_class):
    """The writer of the comments."""
    pupil = PupilFactory(first_name="Noortje", initial="B")
    school_class.pupils.add(pupil)
    return pupil


@pytest.fixture
def ilse(school_class):
    """The classmate the comments name."""
    pupil = PupilFactory(first_name="Ilse", initial="K")
    school_class.pupils.add(pupil)
    return pupil


@pytest.fixture
def sam(school_class):
    """The author of the post the comments are under."""
    pupil = PupilFactory(first_name="Sammie", initial="D")
    school_class.pupils.add(pupil)
    return pupil


@pytest.fixture
def sams_post(school_class, sam):
    return PostFactory(school_class=school_class, author=sam, text="Kijk mijn tekening")


@pytest.fixture
def post_moderation(school_class):
    """Comments go online at once (no "eerst nadenken", no pre-moderation)."""
    return FeedSettings.objects.create(school_class=school_class, preview_before_post=False)


def comment(post, author, text, **kwargs):
    return services.add_comment(post, author, text, **kwargs)


class TestNotifies:
    def test_it_counts_a_comment_mention_for_the_named_classmate(self, post_moderation, sams_post, noor, ilse):
        made = comment(sams_post, noor, "Mooi @Ilse, kijk eens!")
        assert made.status == PostStatus.VISIBLE
        (mention,) = Mention.objects.filter(pupil=ilse)
        assert (mention.comment_id, mention.post_id) == (made.pk, sams_post.pk)
        assert mentions.unread_count(ilse) == 1
        assert mentions.unread_count(noor) == 0

    def test_it_lists_the_comment_with_its_writer_the_post_author_and_its_anchor(
        self, client, post_moderation, sams_post, noor, ilse
    ):
        made = comment(sams_post, noor, "Mooi @Ilse")
        client.force_login(ilse)
        page = client.get(reverse("sandbox_feed:mentions")).content.decode()
        assert "Noortje B. noemde je in een reactie op het bericht van Sammie D." in page
        # The feed page that starts with the post the comment is on (the feed's paging reaches older posts too).
        assert f'href="/feed/{sams_post.school_class_id}/?voor={sams_post.pk + 1}#reactie-{made.pk}-item"' in page
        assert "nieuw" in page

    def test_it_says_jouw_bericht_when_the_comment_is_under_the_named_pupils_own_post(
        self, client, post_moderation, sams_post, noor, sam
    ):
        comment(sams_post, noor, "Goed gedaan @Sammie")
        assert mentions.unread_count(sam) == 1
        client.force_login(sam)
        page = client.get(reverse("sandbox_feed:mentions")).content.decode()
        assert "Noortje B. noemde je in een reactie op jouw bericht" in page

    def test_the_header_badge_shows_a_comment_mention(self, client, post_moderation, sams_post, noor, ilse):
        comment(sams_post, noor, "Mooi @Ilse")
        client.force_login(ilse)
        start = client.get(reverse("home:start"), follow=True).content.decode()
        assert 'class="mention-link"' in start and "Bekijk wie jou noemde" in start

    def test_a_teachers_comment_notifies_too(self, post_moderation, sams_post, teacher, ilse):
        comment(sams_post, teacher, "Lees dit ook eens, @Ilse")
        assert mentions.unread_count(ilse) == 1


class TestReadRule:
    def test_opening_the_list_marks_a_comment_mention_read_without_a_post_view(
        self, client, post_moderation, sams_post, noor, ilse
    ):
        comment(sams_post, noor, "Mooi @Ilse")
        client.force_login(ilse)
        client.get(reverse("sandbox_feed:mentions"))
        assert mentions.unread_count(ilse) == 0
        assert Mention.objects.get(pupil=ilse).seen_at is not None
        # The list showed the comment, not the post: the post author's "seen by" count does not grow.
        assert not PostView.objects.filter(post=sams_post, pupil=ilse).exists()
        again = client.get(reverse("sandbox_feed:mentions")).content.decode()
        assert "mention-new" not in again

    def test_opening_the_feed_alone_leaves_a_comment_mention_unread(
        self, client, post_moderation, sams_post, noor, ilse
    ):
        comment(sams_post, noor, "Mooi @Ilse")
        client.force_login(ilse)
        client.get(reverse("sandbox_feed:feed", args=[sams_post.school_class_id]))
        assert mentions.unread_count(ilse) == 1

    def test_a_post_mention_is_still_read_by_a_post_view(self, client, post_moderation, school_class, noor, ilse):
        post = services.create_post(school_class=school_class, author=noor, raw_text="Hoi @Ilse", fields={})
        assert mentions.unread_count(ilse) == 1
        PostView.objects.create(post=post, pupil=ilse)
        assert mentions.unread_count(ilse) == 0
        assert Mention.objects.get(pupil=ilse).seen_at is None

    def test_the_list_marks_post_and_comment_mentions_read_together(
        self, client, post_moderation, school_class, sams_post, noor, ilse
    ):
        post = services.create_post(school_class=school_class, author=noor, raw_text="Hoi @Ilse", fields={})
        comment(sams_post, noor, "En hier @Ilse")
        assert mentions.unread_count(ilse) == 2
        client.force_login(ilse)
        page = client.get(reverse("sandbox_feed:mentions")).content.decode()
        assert page.count('class="mention-new"') == 2
        assert f"#bericht-{post.pk}" in page
        assert mentions.unread_count(ilse) == 0
        assert PostView.objects.filter(post=post, pupil=ilse).exists()

    def test_the_header_count_is_one_query_with_both_kinds(
        self, post_moderation, school_class, sams_post, noor, ilse, django_assert_num_queries
    ):
        for i in range(3):
            services.create_post(school_class=school_class, author=noor, raw_text=f"Bericht {i} @Ilse", fields={})
            comment(sams_post, noor, f"Reactie {i} @Ilse")
        with django_assert_num_queries(1):
            assert mentions.unread_count(ilse) == 6

    def test_the_list_is_newest_first_across_both_kinds(self, post_moderation, school_class, sams_post, noor, ilse):
        older = comment(sams_post, noor, "Eerst @Ilse")
        post = services.create_post(school_class=school_class, author=noor, raw_text="Dan @Ilse", fields={})
        newest = comment(sams_post, noor, "Als laatste @Ilse")
        assert [(m.comment_id, m.post_id) for m in mentions.for_pupil(ilse)] == [
            (newest.pk, sams_post.pk),
            (None, post.pk),
            (older.pk, sams_post.pk),
        ]


class TestWhoAndWhen:
    def test_naming_yourself_notifies_nobody(self, post_moderation, sams_post, ilse):
        comment(sams_post, ilse, "Ik ben @Ilse")
        assert not Mention.objects.filter(pupil=ilse).exists()
        assert mentions.unread_count(ilse) == 0

    def test_a_pupil_of_another_class_cannot_be_named(self, post_moderation, sams_post, noor, outsider_pupil):
        outsider_pupil.first_name = "Bram"
        outsider_pupil.save()
        made = comment(sams_post, noor, "Hoi @Bram")
        assert not Mention.objects.filter(comment=made).exists()
        assert "mention" not in made.text

    def test_a_draft_notifies_from_the_moment_it_is_published(self, school_class, sams_post, noor, ilse):
        FeedSettings.objects.create(school_class=school_class, preview_before_post=True)
        draft = comment(sams_post, noor, "Mooi @Ilse", draft=True)
        assert draft.status == PostStatus.DRAFT
        assert mentions.unread_count(ilse) == 0
        services.publish_comment(draft)
        assert mentions.unread_count(ilse) == 1

    def test_a_discarded_draft_leaves_no_mention(self, school_class, sams_post, noor, ilse):
        draft = comment(sams_post, noor, "Mooi @Ilse", draft=True)
        services.discard_comment_draft(draft)
        assert not Mention.objects.filter(pupil=ilse).exists()

    def test_under_pre_moderation_it_notifies_once_the_teacher_approves(
        self, school_class, sams_post, teacher, noor, ilse
    ):
        FeedSettings.objects.create(
            school_class=school_class, preview_before_post=False, moderation_mode=ModerationMode.PRE
        )
        waiting = comment(sams_post, noor, "Mooi @Ilse")
        assert waiting.status == PostStatus.PENDING
        assert mentions.unread_count(ilse) == 0
        moderation.apply(waiting, teacher, ModerationAction.APPROVE)
        assert mentions.unread_count(ilse) == 1

    def test_a_rejected_comment_never_notifies(self, school_class, sams_post, teacher, noor, ilse):
        FeedSettings.objects.create(
            school_class=school_class, preview_before_post=False, moderation_mode=ModerationMode.PRE
        )
        waiting = comment(sams_post, noor, "Jij bent stom @Ilse")
        moderation.apply(waiting, teacher, ModerationAction.REJECT, reason="unkind")
        assert mentions.unread_count(ilse) == 0

    @pytest.mark.parametrize("action", [ModerationAction.HIDE, ModerationAction.DELETE])
    def test_a_hidden_or_deleted_comment_stops_notifying(
        self, client, post_moderation, sams_post, teacher, noor, ilse, action
    ):
        made = comment(sams_post, noor, "Mooi @Ilse")
        assert mentions.unread_count(ilse) == 1
        moderation.apply(made, teacher, action)
        assert mentions.unread_count(ilse) == 0
        client.force_login(ilse)
        assert "Noortje" not in client.get(reverse("sandbox_feed:mentions")).content.decode()

    def test_a_comment_its_writer_deleted_stops_notifying(self, post_moderation, sams_post, noor, ilse):
        made = comment(sams_post, noor, "Mooi @Ilse")
        services.delete_comment(made, noor)
        assert mentions.unread_count(ilse) == 0

    def test_a_comment_under_a_post_classmates_cannot_see_does_not_notify(
        self, post_moderation, sams_post, teacher, noor, ilse
    ):
        comment(sams_post, noor, "Mooi @Ilse")
        moderation.apply(sams_post, teacher, ModerationAction.HIDE)
        assert mentions.unread_count(ilse) == 0

    def test_an_archived_class_or_a_pupil_who_left_gets_no_badge(
        self, post_moderation, school_class, sams_post, noor, ilse
    ):
        comment(sams_post, noor, "Mooi @Ilse")
        school_class.pupils.remove(ilse)
        assert mentions.unread_count(ilse) == 0
        school_class.pupils.add(ilse)
        assert mentions.unread_count(ilse) == 1
        school_class.archived_at = timezone.now()
        school_class.save(update_fields=["archived_at"])
        assert mentions.unread_count(ilse) == 0


class TestEditing:
    def test_an_edit_that_adds_a_name_notifies_that_classmate(self, post_moderation, sams_post, noor, ilse, sam):
        made = comment(sams_post, noor, "Mooi gedaan")
        assert mentions.unread_count(ilse) == 0
        services.edit_comment(made, "Mooi gedaan @Ilse", noor)
        assert mentions.unread_count(ilse) == 1
        href = f"/feed/{sams_post.school_class_id}/leerling/{ilse.pk}/"
        assert f'<a class="mention" href="{href}">@Ilse</a>' in made.text  # a link since issue 13

    def test_an_edit_that_drops_a_name_drops_its_mention_and_keeps_the_others_read(
        self, client, post_moderation, sams_post, noor, ilse, sam
    ):
        made = comment(sams_post, noor, "Mooi @Ilse en @Sammie")
        client.force_login(ilse)
        client.get(reverse("sandbox_feed:mentions"))
        assert mentions.unread_count(ilse) == 0
        services.edit_comment(made, "Mooi @Ilse", noor)
        assert mentions.unread_count(ilse) == 0  # still named, already read: no new badge
        assert mentions.unread_count(sam) == 0
        assert list(Mention.objects.filter(comment=made).values_list("pupil_id", flat=True)) == [ilse.pk]

    def test_an_edit_under_pre_moderation_notifies_after_approval_again(
        self, school_class, sams_post, teacher, noor, ilse
    ):
        feed_settings = FeedSettings.objects.create(school_class=school_class, preview_before_post=False)
        made = comment(sams_post, noor, "Mooi")
        feed_settings.moderation_mode = ModerationMode.PRE
        feed_settings.save()
        services.edit_comment(made, "Mooi @Ilse", noor)
        assert made.status == PostStatus.PENDING
        assert mentions.unread_count(ilse) == 0
        moderation.apply(made, teacher, ModerationAction.APPROVE)
        assert mentions.unread_count(ilse) == 1


class TestStorage:
    def test_one_mention_per_comment_and_pupil(self, post_moderation, sams_post, noor, ilse):
        made = comment(sams_post, noor, "@Ilse @ilse @ILSE")
        assert Mention.objects.filter(comment=made).count() == 1
        with pytest.raises(IntegrityError), transaction.atomic():
            Mention.objects.create(post=sams_post, comment=made, pupil=ilse)

    def test_a_post_mention_and_comment_mentions_on_one_post_live_side_by_side(
        self, post_moderation, school_class, noor, ilse
    ):
        post = services.create_post(school_class=school_class, author=noor, raw_text="Hoi @Ilse", fields={})
        comment(post, noor, "Nog eens @Ilse")
        comment(post, noor, "En nog eens @Ilse")
        assert Mention.objects.filter(post=post, pupil=ilse).count() == 3
        with pytest.raises(IntegrityError), transaction.atomic():
            Mention.objects.create(post=post, pupil=ilse)  # a second post mention


class TestPrivacy:
    def test_erasing_the_named_pupil_takes_their_comment_mentions(self, post_moderation, school, sams_post, noor, ilse):
        comment(sams_post, noor, "Mooi @Ilse")
        comment(sams_post, noor, "Nog eens @Ilse")
        assert counts(ilse)["mentions"] == 2
        erase_pupil(ilse, actor=CoordinatorFactory(school=school))
        assert not Mention.objects.filter(comment__post=sams_post).exists()

    def test_the_erase_counts_comment_mentions_under_the_pupils_own_post(self, post_moderation, sams_post, noor, sam):
        comment(sams_post, noor, "Goed @Sammie")
        assert counts(sam)["mentions"] == 1

    def test_erasing_the_writer_of_a_kept_comment_stops_its_mentions(
        self, post_moderation, school, sams_post, noor, ilse
    ):
        kept = comment(sams_post, noor, "Mooi @Ilse")
        erase_pupil(noor, actor=CoordinatorFactory(school=school))
        kept.refresh_from_db()
        assert kept.text == ""  # kept as "verwijderde leerling"
        assert not Mention.objects.filter(comment=kept).exists()
        assert mentions.unread_count(ilse) == 0

    def test_the_export_lists_comment_mentions_apart_from_post_mentions(
        self, post_moderation, school_class, sams_post, noor, ilse
    ):
        post = services.create_post(school_class=school_class, author=noor, raw_text="Hoi @Ilse", fields={})
        made = comment(sams_post, noor, "Mooi @Ilse")
        named = collect(ilse).data
        assert named["mentioned_in_posts"] == [post.pk]
        assert named["mentioned_in_comments"] == [made.pk]
        assert "1 keer met @ genoemd in een reactie van een klasgenoot" in render_index(collect(ilse))
        writer = collect(noor).data
        assert [c["mentions"] for c in writer["comments"]] == [1]
        assert [p["mentions"] for p in writer["posts"]] == [1]

    def test_a_comment_mention_does_not_count_as_a_mention_in_the_post_authors_post(
        self, post_moderation, sams_post, noor, ilse, sam
    ):
        comment(sams_post, noor, "Mooi @Ilse")
        (exported,) = collect(sam).data["posts"]
        assert exported["mentions"] == 0


def test_the_comment_box_is_a_field_the_mention_script_attaches_to(client, post_moderation, sams_post, noor):
    """mentions.js attaches to every `input[type=text][name=text]` on a page with the composer's members
    address; the comment box is one (the browser test types in it)."""
    client.force_login(noor)
    page = client.get(reverse("sandbox_feed:feed", args=[sams_post.school_class_id])).content.decode()
    assert "sandbox_feed/mentions.js" in page and "data-mentions-url=" in page
    assert f'<input type="text" id="reactie-{sams_post.pk}" name="text"' in page
