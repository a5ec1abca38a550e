"""The class's rules at work: word lists (block, approval, flag, mask, privacy), reports and the reporter's
outcome, mutes with an end, lesson mode, slow mode and opening hours, and safe photo release."""

from datetime import time, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from sandbox_feed import consent, moderation, wordcheck
from sandbox_feed.choices import ConsentMethod, ConsentPurpose, ModerationAction, PostStatus, WordRule
from sandbox_feed.models import Comment, FeedSettings, PhotoTag, Post, PupilModeration, Reaction, Report, WordList
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db


def feed(school_class):
    return reverse("sandbox_feed:feed", args=[school_class.pk])


def write(client, school_class, text, **extra):
    return client.post(reverse("sandbox_feed:post_create", args=[school_class.pk]), {"text": text, **extra})


@pytest.fixture
def open_feed(school_class):
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": False})
    return school_class


@pytest.fixture
def word_list(school):
    word_list = WordList.objects.create(school=school)
    for pattern, rule in [
        ("neger*", WordRule.BLOCK),
        ("*kanker*", WordRule.APPROVE),
        ("kankeronderzoek", WordRule.ALLOW),
        ("sukkel*", WordRule.FLAG),
        ("kut*", WordRule.CENSOR),
    ]:
        wordcheck.add_entry(word_list, pattern, rule)
    return word_list


class TestWordLists:
    def test_a_blocked_word_is_explained_nothing_is_stored_and_the_text_is_kept(
        self, client, open_feed, pupil, word_list
    ):
        client.force_login(pupil)
        response = write(client, open_feed, "Jij bent een n3ger")
        body = response.content.decode()
        assert response.status_code == 400
        assert "n3ger" in body  # named, as typed
        assert "Jij bent een n3ger</textarea>" in body  # nothing the pupil wrote is lost
        assert "Toch naar mijn leerkracht sturen" in body
        assert not Post.objects.exists()

    def test_a_blocked_text_can_be_sent_to_the_teacher_anyway(self, client, open_feed, pupil, word_list):
        client.force_login(pupil)
        write(client, open_feed, "Mag ik het woord neger gebruiken in mijn werkstuk?", send_to_teacher="on")
        post = Post.objects.get()
        assert post.status == PostStatus.PENDING
        assert post.word_hits[0]["rule"] == "block"

    def test_require_approval_words_wait_and_the_allow_list_lets_compounds_through(
        self, client, open_feed, pupils, word_list
    ):
        client.force_login(pupils[0])
        write(client, open_feed, "Wat een kankerweer")
        write(client, open_feed, "Mijn tante werkt bij kankeronderzoek")
        assert Post.objects.get(text="Wat een kankerweer").status == PostStatus.PENDING
        assert Post.objects.get(text="Mijn tante werkt bij kankeronderzoek").status == PostStatus.VISIBLE

    def test_flagged_words_stay_visible_but_go_to_the_queue(self, client, open_feed, pupil, teacher, word_list):
        client.force_login(pupil)
        write(client, open_feed, "Ik ben zo'n sukkel, ik vergat mijn gymtas")
        post = Post.objects.get()
        assert post.status == PostStatus.VISIBLE
        assert post.needs_review
        client.force_login(teacher)
        assert "vergat mijn gymtas" in client.get(reverse("sandbox_feed:queue")).content.decode()

    def test_censored_words_are_shown_masked(self, client, open_feed, pupils, word_list):
        client.force_login(pupils[0])
        write(client, open_feed, "Wat een kutweer vandaag")
        client.force_login(pupils[1])
        page = client.get(feed(open_feed)).content.decode()
        assert "kutweer" not in page
        assert "k*****r vandaag" in page or "k******" in page

    def test_a_phone_number_waits_for_the_teacher_with_the_reason(self, client, open_feed, pupil):
        client.force_login(pupil)
        write(client, open_feed, "Bel me op 06-12345678")
        post = Post.objects.get()
        assert post.status == PostStatus.PENDING
        assert "telefoonnummer" in post.word_hits[0]["reason"].lower()

    def test_comments_are_screened_too_and_keep_the_text_on_refusal(self, client, open_feed, pupils, word_list):
        post = PostFactory(school_class=open_feed, author=pupils[0])
        client.force_login(pupils[1])
        response = client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "neger"})
        assert response.status_code == 400
        assert 'value="neger"' in response.content.decode()
        assert not Comment.objects.exists()

    def test_a_changed_list_takes_effect_at_once(self, school_class, pupil, word_list):
        assert not wordcheck.matcher_for(school_class).check("Wat een boterham")
        wordcheck.add_entry(word_list, "boterham", WordRule.FLAG)
        assert wordcheck.matcher_for(school_class).check("Wat een boterham")

    def test_teachers_edit_their_class_list_coordinators_the_school_list(
        self, client, school_class, teacher, coordinator, other_teacher, word_list
    ):
        class_list = WordList.objects.create(school_class=school_class)
        add = reverse("sandbox_feed:word_entry", args=[class_list.pk, "toevoegen"])
        client.force_login(other_teacher)
        assert client.post(add, {"pattern": "pesten", "rule": "flag"}).status_code == 404
        client.force_login(teacher)
        client.post(add, {"pattern": "pesten", "rule": "flag"})
        assert class_list.entries.filter(pattern="pesten").exists()
        school_add = reverse("sandbox_feed:word_entry", args=[word_list.pk, "toevoegen"])
        assert client.post(school_add, {"pattern": "roddel", "rule": "flag"}).status_code == 404
        client.force_login(coordinator)
        client.post(school_add, {"pattern": "roddel", "rule": "flag"})
        assert word_list.entries.filter(pattern="roddel").exists()

    def test_the_starter_list_loads_with_its_notes(self, school):
        word_list = WordList.objects.create(school=school)
        added = wordcheck.load_starter_list(word_list)
        assert added > 50
        assert word_list.entries.filter(rule=WordRule.ALLOW).exists()
        assert not word_list.entries.filter(note="").exclude(rule=WordRule.ALLOW).exists()
        assert wordcheck.load_starter_list(word_list) == 0  # idempotent


class TestReports:
    def test_reporter_is_told_the_outcome_in_plain_dutch(self, client, open_feed, pupils, teacher):
        post = PostFactory(school_class=open_feed, author=pupils[0], text="Iedereen behalve Noor mag komen")
        client.force_login(pupils[1])
        client.post(reverse("sandbox_feed:report_post", args=[post.pk]), {"reason": "mean"})
        client.post(reverse("sandbox_feed:report_post", args=[post.pk]), {"reason": "mean"})  # twice: one report
        assert Report.objects.count() == 1
        assert "nog niet bekeken" in client.get(feed(open_feed)).content.decode()
        client.force_login(teacher)
        assert "Iedereen behalve Noor" in client.get(reverse("sandbox_feed:queue")).content.decode()
        client.post(reverse("sandbox_feed:moderate_post", args=[post.pk, "verbergen"]))
        client.force_login(pupils[1])
        assert "Je leerkracht heeft het verborgen" in client.get(feed(open_feed)).content.decode()

    def test_a_dismissed_report_tells_the_reporter_it_may_stay(self, client, open_feed, pupils, teacher):
        post = PostFactory(school_class=open_feed, author=pupils[0])
        moderation.report(post, pupils[1], "untrue")
        client.force_login(teacher)
        client.post(reverse("sandbox_feed:moderate_post", args=[post.pk, "gezien"]))
        report = Report.objects.get()
        assert report.outcome == ModerationAction.DISMISS_REPORT
        assert "mag blijven staan" in moderation.report_outcome_text(report)
        assert Post.objects.get().status == PostStatus.VISIBLE

    def test_a_pupil_cannot_report_their_own_post_or_another_class(
        self, client, open_feed, pupil, outsider_pupil, other_class
    ):
        own = PostFactory(school_class=open_feed, author=pupil)
        foreign = PostFactory(school_class=other_class, author=outsider_pupil)
        client.force_login(pupil)
        assert client.post(reverse("sandbox_feed:report_post", args=[own.pk]), {"reason": "mean"}).status_code == 404
        assert (
            client.post(reverse("sandbox_feed:report_post", args=[foreign.pk]), {"reason": "mean"}).status_code == 404
        )
        assert not Report.objects.exists()


class TestMuteAndLessonMode:
    def test_a_muted_pupil_reads_but_cannot_post_comment_or_react_until_the_end(
        self, client, open_feed, pupils, teacher
    ):
        post = PostFactory(school_class=open_feed, author=pupils[1])
        moderation.mute(open_feed, pupils[0], teacher, 30)
        client.force_login(pupils[0])
        page = client.get(feed(open_feed)).content.decode()
        assert "Je bent gepauzeerd tot" in page
        assert write(client, open_feed, "Mag ik weer?").status_code == 429
        client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Hoi"})
        client.post(reverse("sandbox_feed:reaction", args=[post.pk]), {"kind": "heart", "active": "1"})
        assert not Post.objects.filter(author=pupils[0]).exists()
        assert not Comment.objects.exists()
        assert not Reaction.objects.exists()
        PupilModeration.objects.update(muted_until=timezone.now() - timedelta(seconds=1))  # the mute ran out
        write(client, open_feed, "Ik ben er weer")
        assert Post.objects.filter(author=pupils[0]).exists()

    def test_parked_phones_pause_all_posting_with_a_banner(self, client, open_feed, pupils, teacher):
        client.force_login(teacher)
        client.post(reverse("sandbox_feed:park", args=[open_feed.pk]), {"paused": "1"})
        client.force_login(pupils[0])
        page = client.get(feed(open_feed)).content.decode()
        assert "parkeerstand" in page
        assert 'id="plaatsen"' not in page  # no composer while parked
        assert write(client, open_feed, "Toch proberen").status_code == 429
        assert not Post.objects.exists()
        client.force_login(teacher)
        client.post(reverse("sandbox_feed:park", args=[open_feed.pk]), {"paused": "0"})
        client.force_login(pupils[0])
        write(client, open_feed, "Nu wel")
        assert Post.objects.filter(text="Nu wel").exists()

    def test_slow_mode_allows_one_post_per_interval(self, client, open_feed, pupil, teacher):
        moderation.update_settings(open_feed, teacher, slow_mode_minutes=5)
        client.force_login(pupil)
        write(client, open_feed, "Eerste")
        response = write(client, open_feed, "Tweede")
        assert response.status_code == 429
        assert "één bericht per 5 minuten" in response.content.decode()
        assert Post.objects.count() == 1

    def test_opening_hours_close_the_feed_outside_them(self, open_feed, pupil, teacher):
        feed_settings = moderation.update_settings(open_feed, teacher, open_from=time(8, 30), open_until=time(15, 0))
        at = timezone.localtime().replace(hour=16, minute=0)
        assert "van 08:30 tot 15:00" in moderation.closed_message(feed_settings, now=at)
        assert moderation.closed_message(feed_settings, now=at.replace(hour=10)) == ""


class TestSafePhotoRelease:
    def held_post(self, school_class, author, tagged):
        post = PostFactory(
            school_class=school_class,
            author=author,
            status=PostStatus.PENDING,
            needs_review=True,
            people_on_photo="classmates",
        )
        post.photo.save("p.jpg", ContentFile(b"jpeg"), save=True)
        post.thumbnail.save("t.jpg", ContentFile(b"jpeg"), save=True)
        PhotoTag.objects.create(post=post, pupil=tagged)
        return post

    def decide(self, pupil, teacher, decision, who="moeder"):
        consent.record_decision(
            pupil=pupil,
            purpose=ConsentPurpose.CLASS_FEED,
            decision=decision,
            decided_by=who,
            method=ConsentMethod.FORM,
            recorded_by=teacher,
        )

    def test_teacher_sees_a_blurred_preview_with_who_lacks_consent(self, client, school_class, pupils, teacher):
        self.held_post(school_class, pupils[0], pupils[1])
        client.force_login(teacher)
        page = client.get(feed(school_class)).content.decode()
        assert 'class="held-preview"' in page
        assert f"{pupils[1].display_name}: geen toestemming bekend" in page
        assert "Toon de foto" in page

    def test_a_parents_no_can_never_be_overridden(self, client, school_class, pupils, teacher):
        post = self.held_post(school_class, pupils[0], pupils[1])
        self.decide(pupils[1], teacher, False)
        client.force_login(teacher)
        client.post(reverse("sandbox_feed:release", args=[post.pk]), {"confirmed": "on"})
        post.refresh_from_db()
        assert post.status == PostStatus.PENDING
        client.force_login(pupils[2])
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 404
        assert client.get(reverse("sandbox_feed:thumbnail", args=[post.pk])).status_code == 404

    def test_release_needs_confirmation_and_the_author_never_gets_a_held_photo(
        self, client, school_class, pupils, teacher
    ):
        post = self.held_post(school_class, pupils[0], pupils[1])
        client.force_login(pupils[0])
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 404
        client.force_login(teacher)
        client.post(reverse("sandbox_feed:release", args=[post.pk]))
        assert Post.objects.get().status == PostStatus.PENDING
        client.post(reverse("sandbox_feed:release", args=[post.pk]), {"confirmed": "on"})
        assert Post.objects.get().status == PostStatus.VISIBLE
        entry = moderation.ModerationLog.objects.get(action=ModerationAction.RELEASE_PHOTO)
        assert pupils[1].display_name in entry.detail

    def test_withdrawal_hides_and_a_later_yes_restores(self, client, school_class, pupils, teacher):
        post = self.held_post(school_class, pupils[0], pupils[1])
        self.decide(pupils[1], teacher, True)
        moderation.release_photo(post, teacher, confirmed=True)
        self.decide(pupils[1], teacher, False)
        assert Post.objects.get().photo_hidden
        client.force_login(teacher)
        assert "ouders zeiden nee" in client.get(feed(school_class)).content.decode()
        self.decide(pupils[1], teacher, True)
        assert not Post.objects.get().photo_hidden
        client.force_login(pupils[2])
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 200
