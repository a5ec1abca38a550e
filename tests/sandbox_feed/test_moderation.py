"""Teacher moderation: modes and per-pupil rules, every action on posts and comments, rejection with
feedback and the resubmission, deleted items kept for teachers, concurrent teachers, the audit log."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse

from sandbox_feed import moderation, services
from sandbox_feed.choices import ModerationAction, ModerationMode, PostStatus, ReviewOverride
from sandbox_feed.models import Comment, FeedSettings, ModerationLog, Post, PupilModeration
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def feed(school_class):
    return reverse("sandbox_feed:feed", args=[school_class.pk])


def mode(school_class, value, **extra):
    FeedSettings.objects.update_or_create(
        school_class=school_class, defaults={"preview_before_post": False, "moderation_mode": value, **extra}
    )


def write(client, school_class, text, **extra):
    return client.post(reverse("sandbox_feed:post_create", args=[school_class.pk]), {"text": text, **extra})


def act(client, post, action, **data):
    return client.post(reverse("sandbox_feed:moderate_post", args=[post.pk, action]), data)


class TestModes:
    def test_pre_moderation_keeps_a_post_waiting_until_a_teacher_approves(self, client, school_class, pupils, teacher):
        mode(school_class, ModerationMode.PRE)
        client.force_login(pupils[0])
        write(client, school_class, "Wij gaan naar de kinderboerderij")
        post = Post.objects.get()
        assert post.status == PostStatus.PENDING
        assert post.needs_review
        assert "Wacht op de juf of meester" in client.get(feed(school_class)).content.decode()
        client.force_login(pupils[1])
        assert "kinderboerderij" not in client.get(feed(school_class)).content.decode()
        client.force_login(teacher)
        act(client, post, "goedkeuren")
        client.force_login(pupils[1])
        assert "kinderboerderij" in client.get(feed(school_class)).content.decode()

    def test_post_moderation_shows_a_post_at_once(self, client, school_class, pupil):
        mode(school_class, ModerationMode.POST)
        client.force_login(pupil)
        write(client, school_class, "Hallo allemaal")
        post = Post.objects.get()
        assert post.status == PostStatus.VISIBLE
        assert not post.needs_review

    def test_always_review_one_pupil_in_a_post_moderated_class(self, client, school_class, pupils, teacher):
        mode(school_class, ModerationMode.POST)
        moderation.set_review_override(school_class, pupils[0], teacher, ReviewOverride.ALWAYS)
        client.force_login(pupils[0])
        write(client, school_class, "Eerst nakijken")
        client.force_login(pupils[1])
        write(client, school_class, "Meteen zichtbaar")
        assert Post.objects.get(text="Eerst nakijken").status == PostStatus.PENDING
        assert Post.objects.get(text="Meteen zichtbaar").status == PostStatus.VISIBLE

    def test_a_trusted_pupil_skips_pre_moderation(self, client, school_class, pupils, teacher):
        mode(school_class, ModerationMode.PRE)
        moderation.set_review_override(school_class, pupils[0], teacher, ReviewOverride.TRUSTED)
        client.force_login(pupils[0])
        write(client, school_class, "Vertrouwd")
        assert Post.objects.get().status == PostStatus.VISIBLE

    def test_comments_wait_under_pre_moderation(self, client, school_class, pupils, teacher):
        mode(school_class, ModerationMode.PRE)
        post = PostFactory(school_class=school_class, author=pupils[0])
        client.force_login(pupils[1])
        client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Wat leuk"})
        comment = Comment.objects.get()
        assert comment.status == PostStatus.PENDING
        client.force_login(pupils[2])
        assert "Wat leuk" not in client.get(feed(school_class)).content.decode()
        client.force_login(teacher)
        client.post(reverse("sandbox_feed:moderate_comment", args=[comment.pk, "goedkeuren"]))
        client.force_login(pupils[2])
        assert "Wat leuk" in client.get(feed(school_class)).content.decode()

    def test_teachers_posts_never_wait(self, client, school_class, teacher):
        mode(school_class, ModerationMode.PRE)
        client.force_login(teacher)
        write(client, school_class, "Morgen gym!", post_kind="announcement")
        assert Post.objects.get().status == PostStatus.VISIBLE


class TestRejectAndResubmit:
    def test_pupil_sees_reason_and_feedback_and_the_resubmission_links_back(
        self, client, school_class, pupils, teacher
    ):
        mode(school_class, ModerationMode.PRE)
        client.force_login(pupils[0])
        write(client, school_class, "Daan is een sukkel")
        original = Post.objects.get()
        client.force_login(teacher)
        act(client, original, "afkeuren", reason="unkind", feedback="Hoe zou Daan zich voelen?")
        original.refresh_from_db()
        assert original.status == PostStatus.REJECTED
        assert original.reject_reason == "unkind"

        client.force_login(pupils[0])
        page = client.get(feed(school_class)).content.decode()
        assert "Onaardig" in page
        assert "Hoe zou Daan zich voelen?" in page
        assert reverse("sandbox_feed:resubmit_post", args=[original.pk]) in page
        form = client.get(reverse("sandbox_feed:resubmit_post", args=[original.pk]))
        assert "Daan is een sukkel" in form.content.decode()
        client.post(reverse("sandbox_feed:resubmit_post", args=[original.pk]), {"text": "Daan heeft goed geholpen"})
        revised = Post.objects.exclude(pk=original.pk).get()
        assert revised.resubmission_of == original
        assert revised.status == PostStatus.PENDING  # the teacher sees whether it improved

        client.force_login(teacher)
        queue_page = client.get(reverse("sandbox_feed:queue")).content.decode()
        assert "Daan heeft goed geholpen" in queue_page
        assert "Eerder afgekeurd" in queue_page
        assert "Daan is een sukkel" in queue_page
        act(client, revised, "goedkeuren")
        assert Post.objects.get(pk=revised.pk).status == PostStatus.VISIBLE

    def test_a_reason_outside_the_class_rules_is_refused(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil, status=PostStatus.PENDING, needs_review=True)
        client.force_login(teacher)
        act(client, post, "afkeuren", reason="boos")
        assert Post.objects.get().status == PostStatus.PENDING
        assert not ModerationLog.objects.exists()

    def test_a_rejected_comment_can_be_revised(self, client, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0])
        comment = CommentFactory(post=post, author=pupils[1], text="Stom", status=PostStatus.PENDING, needs_review=True)
        client.force_login(teacher)
        client.post(
            reverse("sandbox_feed:moderate_comment", args=[comment.pk, "afkeuren"]),
            {"reason": "unkind", "feedback": "Zeg wat je er echt van vindt"},
        )
        client.force_login(pupils[1])
        assert "Zeg wat je er echt van vindt" in client.get(feed(school_class)).content.decode()
        client.post(reverse("sandbox_feed:resubmit_comment", args=[comment.pk]), {"text": "Ik snap het niet helemaal"})
        revised = Comment.objects.exclude(pk=comment.pk).get()
        assert revised.resubmission_of == comment
        assert revised.status == PostStatus.PENDING


class TestHideDeleteLockPin:
    def test_hidden_post_is_gone_for_every_pupil_everywhere(self, client, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0], text="Geheim adres")
        client.force_login(teacher)
        act(client, post, "verbergen")
        client.force_login(pupils[1])
        assert "Geheim adres" not in client.get(feed(school_class)).content.decode()
        api = client.get(f"/api/v1/feed/classes/{school_class.pk}/posts").content.decode()
        assert "Geheim adres" not in api
        client.force_login(pupils[0])  # the author sees that it was hidden, not the words in the feed
        page = client.get(feed(school_class)).content.decode()
        assert "Geheim adres" not in page
        assert "verborgen" in page
        client.force_login(teacher)
        act(client, post, "tonen")
        client.force_login(pupils[1])
        assert "Geheim adres" in client.get(feed(school_class)).content.decode()

    def test_a_post_the_pupil_deleted_stays_visible_to_teachers_marked(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil, text="Jij bent gemeen")
        client.force_login(pupil)
        client.post(reverse("sandbox_feed:post_delete", args=[post.pk]))
        client.force_login(teacher)
        page = client.get(feed(school_class)).content.decode()
        assert "Jij bent gemeen" in page
        assert "Verwijderd door de leerling" in page
        assert reverse("sandbox_feed:versions", args=[post.pk]) in page

    def test_a_comment_the_pupil_deleted_stays_visible_to_teachers(self, client, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0])
        comment = CommentFactory(post=post, author=pupils[1], text="Lelijke opmerking")
        client.force_login(pupils[1])
        client.post(reverse("sandbox_feed:delete_comment", args=[comment.pk]))
        client.force_login(pupils[2])
        assert "Lelijke opmerking" not in client.get(feed(school_class)).content.decode()
        client.force_login(teacher)
        page = client.get(feed(school_class)).content.decode()
        assert "Lelijke opmerking" in page
        assert "Verwijderd door de leerling" in page

    def test_teacher_delete_and_a_second_delete_is_already_handled(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil)
        client.force_login(teacher)
        act(client, post, "verwijderen", confirmed="1")
        post.refresh_from_db()
        assert post.status == PostStatus.DELETED
        assert post.deleted_by == teacher
        response = act(client, post, "verwijderen")
        assert "al afgehandeld" in client.get(response.url).content.decode()
        assert ModerationLog.objects.filter(action=ModerationAction.DELETE).count() == 1

    def test_a_locked_thread_takes_no_comments(self, client, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0])
        client.force_login(teacher)
        act(client, post, "sluiten")
        client.force_login(pupils[1])
        response = client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Nog eentje"})
        assert response.status_code == 400
        assert "gesloten" in response.content.decode()
        assert "Nog eentje" in response.content.decode()  # the pupil's words are shown back, not lost
        assert not Comment.objects.exists()

    def test_pin_and_unpin(self, client, school_class, pupil, teacher):
        post = PostFactory(school_class=school_class, author=pupil)
        client.force_login(teacher)
        act(client, post, "vastzetten")
        assert Post.objects.get().pinned
        act(client, post, "losmaken")
        assert not Post.objects.get().pinned


class TestTwoTeachersAtOnce:
    def test_the_first_action_wins_and_the_second_is_told(self, school_class, pupil, teacher, other_teacher):
        school_class.teachers.add(other_teacher)
        post = PostFactory(school_class=school_class, author=pupil, status=PostStatus.PENDING, needs_review=True)
        stale = Post.objects.get(pk=post.pk)
        moderation.apply(post, teacher, ModerationAction.APPROVE)
        with pytest.raises(moderation.AlreadyHandled):
            moderation.apply(stale, other_teacher, ModerationAction.REJECT, reason="unkind")
        assert Post.objects.get().status == PostStatus.VISIBLE
        assert ModerationLog.objects.count() == 1

    @pytest.mark.django_db(transaction=True)
    def test_simultaneous_approve_and_reject_apply_exactly_once(self, school_class, pupil, teacher, other_teacher):
        school_class.teachers.add(other_teacher)
        post = PostFactory(school_class=school_class, author=pupil, status=PostStatus.PENDING, needs_review=True)
        barrier = threading.Barrier(2)

        def attempt(actor, action):
            from django.db import connection

            item = Post.objects.get(pk=post.pk)
            barrier.wait()
            try:
                moderation.apply(item, actor, action, reason="unkind")
                return "done"
            except moderation.AlreadyHandled:
                return "handled"
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(
                pool.map(
                    lambda args: attempt(*args),
                    [(teacher, ModerationAction.APPROVE), (other_teacher, ModerationAction.REJECT)],
                )
            )
        assert sorted(results) == ["done", "handled"]
        assert ModerationLog.objects.count() == 1


class TestAudit:
    def test_every_action_is_in_the_audit_log_with_who_what_and_why(self, client, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.PENDING, needs_review=True)
        client.force_login(teacher)
        act(client, post, "afkeuren", reason="privacy", feedback="Dat is privé")
        other = PostFactory(school_class=school_class, author=pupils[1])
        for action in ("verbergen", "tonen", "sluiten", "openen", "vastzetten", "losmaken", "verwijderen"):
            act(client, other, action, confirmed="1")
        client.post(
            reverse("sandbox_feed:pupil_rule", args=[school_class.pk, pupils[2].pk, "pauzeren"]), {"minutes": 10}
        )
        client.post(reverse("sandbox_feed:park", args=[school_class.pk]), {"paused": "1"})
        actions = list(ModerationLog.objects.order_by("id").values_list("action", flat=True))
        assert actions == [
            "reject",
            "hide",
            "unhide",
            "lock",
            "unlock",
            "pin",
            "unpin",
            "delete",
            "mute",
            "settings",
        ]
        reject = ModerationLog.objects.get(action="reject")
        assert (reject.actor, reject.pupil, reject.reason, reject.detail) == (
            teacher,
            pupils[0],
            "privacy",
            "Dat is privé",
        )
        page = client.get(reverse("sandbox_feed:audit", args=[school_class.pk])).content.decode()
        assert "Dat is privé" in page
        assert "telefoons in de parkeerstand" in page

    def test_the_log_is_append_only(self, school_class, teacher):
        entry = moderation.log(school_class.pk, teacher, ModerationAction.SETTINGS, detail="x")
        entry.detail = "anders"
        with pytest.raises(ValueError, match="append-only"):
            entry.save()

    def test_coordinator_of_the_school_reads_the_log_others_do_not(
        self, client, school_class, coordinator, other_teacher, pupil
    ):
        url = reverse("sandbox_feed:audit", args=[school_class.pk])
        client.force_login(coordinator)
        assert client.get(url).status_code == 200
        client.force_login(other_teacher)
        assert client.get(url).status_code == 404
        client.force_login(pupil)
        assert client.get(url).status_code == 404


class TestPupilsCannotModerate:
    @pytest.mark.parametrize(
        "action", ["goedkeuren", "afkeuren", "verbergen", "tonen", "verwijderen", "sluiten", "vastzetten", "gezien"]
    )
    def test_pupil_gets_403_on_every_post_action_and_nothing_changes(self, client, school_class, pupils, action):
        post = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.PENDING, needs_review=True)
        client.force_login(pupils[1])
        assert act(client, post, action, reason="unkind").status_code == 403
        fresh = Post.objects.get()
        assert (fresh.status, fresh.pinned, fresh.locked) == (PostStatus.PENDING, False, False)
        assert not ModerationLog.objects.exists()

    def test_pupil_cannot_open_queue_settings_or_log(self, client, school_class, pupil):
        client.force_login(pupil)
        assert client.get(reverse("sandbox_feed:queue")).status_code == 403
        assert client.get(reverse("sandbox_feed:moderation_settings", args=[school_class.pk])).status_code == 403
        assert client.post(reverse("sandbox_feed:park", args=[school_class.pk]), {"paused": "1"}).status_code == 403
        assert not FeedSettings.objects.filter(paused=True).exists()

    def test_a_teacher_of_another_class_gets_404(self, client, school_class, pupil, other_teacher):
        post = PostFactory(school_class=school_class, author=pupil)
        client.force_login(other_teacher)
        assert act(client, post, "verbergen").status_code == 404
        assert Post.objects.get().status == PostStatus.VISIBLE


class TestQueue:
    def test_queue_lists_waiting_posts_comments_and_reports_across_classes(
        self, client, school_class, other_class, pupils, teacher
    ):
        other_class.teachers.add(teacher)
        PostFactory(
            school_class=school_class,
            author=pupils[0],
            text="Eerste wacht",
            status=PostStatus.PENDING,
            needs_review=True,
        )
        PostFactory(
            school_class=other_class,
            author=other_class.pupils.first(),
            text="Tweede klas wacht",
            status=PostStatus.PENDING,
            needs_review=True,
        )
        seen = PostFactory(school_class=school_class, author=pupils[1], text="Al goed")
        CommentFactory(post=seen, author=pupils[2], text="Reactie wacht", status=PostStatus.PENDING, needs_review=True)
        client.force_login(teacher)
        page = client.get(reverse("sandbox_feed:queue")).content.decode()
        for text in ("Eerste wacht", "Tweede klas wacht", "Reactie wacht"):
            assert text in page
        assert "Al goed</div>" not in page
        start = client.get(reverse("home:start"), follow=True).content.decode()
        assert 'class="count-badge"' in start and ">3<" in start

    @pytest.mark.parametrize("size", [5, 40])
    def test_queue_keeps_a_constant_number_of_queries(
        self, client, school_class, pupils, teacher, size, django_assert_max_num_queries
    ):
        for n in range(size):
            post = PostFactory(
                school_class=school_class, author=pupils[n % 3], status=PostStatus.PENDING, needs_review=True
            )
            CommentFactory(post=post, author=pupils[(n + 1) % 3], status=PostStatus.PENDING, needs_review=True)
            moderation.report(post, pupils[(n + 2) % 3], "mean")
        client.force_login(teacher)
        with django_assert_max_num_queries(16):
            response = client.get(reverse("sandbox_feed:queue"))
        assert response.content.decode().count('class="card queue-item"') == 2 * size


class TestServices:
    def test_approving_words_does_not_release_a_held_photo(self, school_class, pupils, teacher, tmp_path):
        from django.core.files.base import ContentFile

        from sandbox_feed.models import PhotoTag

        post = PostFactory(
            school_class=school_class,
            author=pupils[0],
            status=PostStatus.PENDING,
            needs_review=True,
            people_on_photo="classmates",
        )
        post.photo.save("p.jpg", ContentFile(b"x"), save=True)
        PhotoTag.objects.create(post=post, pupil=pupils[1])
        moderation.apply(post, teacher, ModerationAction.APPROVE)
        post.refresh_from_db()
        assert post.status == PostStatus.VISIBLE
        assert post.photo_hidden

    def test_editing_an_approved_post_under_pre_moderation_sends_it_back(self, school_class, pupil, teacher):
        mode(school_class, ModerationMode.PRE)
        post = PostFactory(school_class=school_class, author=pupil, status=PostStatus.VISIBLE)
        services.edit_post(post, "Nu met iets anders erin", pupil)
        post.refresh_from_db()
        assert post.status == PostStatus.PENDING
        assert post.needs_review

    def test_mute_override_rows_are_one_per_pupil(self, school_class, pupil, teacher):
        moderation.mute(school_class, pupil, teacher, 10)
        moderation.set_review_override(school_class, pupil, teacher, ReviewOverride.ALWAYS)
        assert PupilModeration.objects.count() == 1
