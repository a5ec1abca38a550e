"""The feed page and its actions: who may see and do what, posting with the think-first step, photos."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sandbox_feed import consent
from sandbox_feed.choices import ConsentMethod, ConsentPurpose, PostKind, PostStatus
from sandbox_feed.models import FeedSettings, Mention, Post, PostView, Reaction
from tests.sandbox_feed.factories import CommentFactory, PersonaFactory, PostFactory, ReactionFactory, image_bytes

pytestmark = pytest.mark.django_db


def feed_url(school_class):
    return reverse("sandbox_feed:feed", args=[school_class.pk])


def post_url(school_class):
    return reverse("sandbox_feed:post_create", args=[school_class.pk])


def no_preview(school_class):
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": False})


class TestWhoSeesTheFeed:
    def test_pupil_sees_own_class_feed(self, client, school_class, pupil):
        PostFactory(school_class=school_class, author=pupil, text="Hallo klas")
        client.force_login(pupil)
        response = client.get(feed_url(school_class))
        assert response.status_code == 200
        assert "Hallo klas" in response.content.decode()

    def test_pupil_cannot_see_other_class(self, client, other_class, pupil):
        client.force_login(pupil)
        assert client.get(feed_url(other_class)).status_code == 404

    def test_teacher_of_another_class_gets_404(self, client, school_class, other_teacher):
        client.force_login(other_teacher)
        assert client.get(feed_url(school_class)).status_code == 404

    def test_coordinator_who_does_not_teach_the_class_gets_404(self, client, school_class, coordinator):
        client.force_login(coordinator)
        assert client.get(feed_url(school_class)).status_code == 404

    def test_anonymous_is_sent_to_login(self, client, school_class):
        response = client.get(feed_url(school_class))
        assert response.status_code == 302
        assert "/inloggen/" in response["Location"]

    def test_classmates_do_not_see_pending_or_deleted_posts_but_the_author_sees_pending(
        self, client, school_class, pupils
    ):
        author, classmate = pupils[0], pupils[1]
        PostFactory(school_class=school_class, author=author, text="Wacht nog", status=PostStatus.PENDING)
        PostFactory(school_class=school_class, author=author, text="Weggehaald", status=PostStatus.DELETED)
        client.force_login(classmate)
        body = client.get(feed_url(school_class)).content.decode()
        assert "Wacht nog" not in body
        assert "Weggehaald" not in body
        client.force_login(author)
        body = client.get(feed_url(school_class)).content.decode()
        assert "Wacht nog" in body
        assert "Weggehaald" not in body

    def test_visible_to_gives_nothing_to_outsiders(self, school_class, pupil, outsider_pupil, other_teacher):
        PostFactory(school_class=school_class, author=pupil)
        assert not Post.objects.visible_to(outsider_pupil).exists()
        assert not Post.objects.visible_to(other_teacher).exists()

    def test_feed_records_a_view_per_post_per_classmate_once(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0])
        client.force_login(pupils[1])
        client.get(feed_url(school_class))
        client.get(feed_url(school_class))
        client.force_login(pupils[0])
        client.get(feed_url(school_class))  # the author's own view does not count
        assert PostView.objects.filter(post=post).count() == 1


class TestPosting:
    def test_think_first_step_makes_a_draft_and_publishing_shows_it(self, client, school_class, pupils):
        pupil, classmate = pupils[0], pupils[1]
        client.force_login(pupil)
        response = client.post(post_url(school_class), {"text": "Ik heb een puppy!", "source_kind": "own"})
        post = Post.objects.get()
        assert post.status == PostStatus.DRAFT
        assert response["Location"] == reverse("sandbox_feed:preview", args=[post.pk])
        preview = client.get(response["Location"]).content.decode()
        assert "Wie ziet dit?" in preview
        client.force_login(classmate)
        assert "puppy" not in client.get(feed_url(school_class)).content.decode()
        client.force_login(pupil)
        client.post(reverse("sandbox_feed:publish", args=[post.pk]))
        post.refresh_from_db()
        assert post.status == PostStatus.VISIBLE
        client.force_login(classmate)
        assert "puppy" in client.get(feed_url(school_class)).content.decode()

    def test_classmate_cannot_publish_someone_elses_draft(self, client, school_class, pupils):
        draft = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.DRAFT)
        client.force_login(pupils[1])
        assert client.post(reverse("sandbox_feed:publish", args=[draft.pk])).status_code == 404
        assert client.get(reverse("sandbox_feed:preview", args=[draft.pk])).status_code == 404

    def test_text_is_stored_clean_and_links_are_safe(self, client, school_class, pupil):
        no_preview(school_class)
        client.force_login(pupil)
        client.post(
            post_url(school_class),
            {"text": "<script>alert(1)</script> zie https://example.org", "source_kind": "own"},
        )
        post = Post.objects.get()
        assert "<script>" not in post.text
        assert 'rel="nofollow ugc noopener"' in post.text
        body = client.get(feed_url(school_class)).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body

    def test_too_long_text_keeps_what_was_typed_with_a_dutch_message(self, client, school_class, pupil):
        client.force_login(pupil)
        text = "a" * 501
        response = client.post(post_url(school_class), {"text": text, "source_kind": "own"})
        assert response.status_code == 400
        body = response.content.decode()
        assert "te lang" in body
        assert text in body
        assert not Post.objects.exists()

    def test_pupil_cannot_post_in_other_class(self, client, other_class, pupil):
        client.force_login(pupil)
        response = client.post(post_url(other_class), {"text": "hoi", "source_kind": "own"})
        assert response.status_code == 404
        assert not Post.objects.exists()

    def test_feed_create_is_post_only(self, client, school_class, pupil):
        client.force_login(pupil)
        assert client.get(post_url(school_class)).status_code == 405

    def test_rate_limit_per_pupil_with_a_friendly_message(self, client, school_class, pupil):
        FeedSettings.objects.update_or_create(
            school_class=school_class, defaults={"preview_before_post": False, "posts_per_minute": 2}
        )
        client.force_login(pupil)
        for n in range(2):
            client.post(post_url(school_class), {"text": f"bericht {n}", "source_kind": "own"})
        response = client.post(post_url(school_class), {"text": "nog eentje", "source_kind": "own"})
        assert response.status_code == 429
        body = response.content.decode()
        assert "Rustig aan" in body
        assert "nog eentje" in body
        assert Post.objects.count() == 2

    def test_rate_limit_also_applies_when_publishing_drafts(self, client, school_class, pupil):
        FeedSettings.objects.update_or_create(school_class=school_class, defaults={"posts_per_minute": 1})
        client.force_login(pupil)
        client.post(post_url(school_class), {"text": "een", "source_kind": "own"})
        client.post(reverse("sandbox_feed:publish", args=[Post.objects.get().pk]))
        client.post(post_url(school_class), {"text": "twee", "source_kind": "own"})
        second = Post.objects.get(text="twee")
        client.post(reverse("sandbox_feed:publish", args=[second.pk]))
        second.refresh_from_db()
        assert second.status == PostStatus.DRAFT

    def test_mentions_of_classmates_are_stored(self, client, school_class, pupils):
        no_preview(school_class)
        client.force_login(pupils[0])
        client.post(post_url(school_class), {"text": f"Hoi @{pupils[1].first_name}!", "source_kind": "own"})
        assert list(Mention.objects.values_list("pupil", flat=True)) == [pupils[1].pk]

    def test_citation_check_button_shows_the_checklist_and_keeps_the_text(self, client, school_class, pupil):
        client.force_login(pupil)
        response = client.post(
            post_url(school_class),
            {"text": "Jip zegt hallo", "source_kind": "quote", "action": "check"},
        )
        body = response.content.decode()
        assert "Kan beter:" in body
        assert "aanhalingstekens" in body
        assert "Jip zegt hallo" in body
        assert not Post.objects.exists()

    def test_post_shows_attribution_line(self, client, school_class, pupil):
        no_preview(school_class)
        client.force_login(pupil)
        client.post(
            post_url(school_class),
            {
                "text": 'Mooi zinnetje vind ik dit: "Jip zegt hallo"',
                "source_kind": "quote",
                "source_maker": "Annie M.G. Schmidt",
                "source_title": "Jip en Janneke",
                "source_date": "1953",
                "source_published": "on",
            },
        )
        body = client.get(feed_url(school_class)).content.decode()
        assert "Citaat uit: Annie M.G. Schmidt, Jip en Janneke, 1953" in body


class TestCommentsAndReactions:
    def test_classmate_comments_and_reacts(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0])
        client.force_login(pupils[1])
        client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Wat leuk <b>echt</b>"})
        client.post(reverse("sandbox_feed:reaction", args=[post.pk]), {"kind": "heart"})
        assert post.comments.get().text == "Wat leuk &lt;b&gt;echt&lt;/b&gt;"
        assert Reaction.objects.filter(post=post, user=pupils[1], kind="heart").exists()

    def test_reacting_twice_takes_the_reaction_back(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0])
        client.force_login(pupils[1])
        url = reverse("sandbox_feed:reaction", args=[post.pk])
        client.post(url, {"kind": "thumb"})
        client.post(url, {"kind": "thumb"})
        assert not Reaction.objects.exists()

    def test_unknown_reaction_kind_is_refused(self, client, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0])
        client.force_login(pupils[1])
        assert client.post(reverse("sandbox_feed:reaction", args=[post.pk]), {"kind": "poop"}).status_code == 404

    @pytest.mark.parametrize("action", ["comment_create", "reaction"])
    def test_outsider_cannot_comment_or_react(self, client, school_class, pupil, outsider_pupil, other_teacher, action):
        post = PostFactory(school_class=school_class, author=pupil)
        for user in (outsider_pupil, other_teacher):
            client.force_login(user)
            response = client.post(reverse(f"sandbox_feed:{action}", args=[post.pk]), {"text": "hoi", "kind": "heart"})
            assert response.status_code == 404
        assert not post.comments.exists()
        assert not post.reactions.exists()

    def test_no_comments_on_a_pending_post(self, client, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0], status=PostStatus.PENDING)
        client.force_login(teacher)
        assert client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "x"}).status_code == 404


class TestQueryCount:
    def fill(self, school_class, pupils, count):
        persona = PersonaFactory(school_class=school_class)
        posts = [
            PostFactory(
                school_class=school_class,
                author=pupils[n % len(pupils)],
                kind=PostKind.SCENARIO if n % 7 == 0 else PostKind.PUPIL,
                persona=persona if n % 7 == 0 else None,
            )
            for n in range(count)
        ]
        PostFactory(
            school_class=school_class, author=school_class.teachers.first(), kind=PostKind.ANNOUNCEMENT, pinned=True
        )
        for post in posts[-25:]:
            CommentFactory(post=post, author=pupils[1])
            ReactionFactory(post=post, user=pupils[2])

    @pytest.mark.parametrize("count", [10, 500])
    def test_feed_page_query_count_is_constant(self, client, school_class, pupils, django_assert_num_queries, count):
        self.fill(school_class, pupils, count)
        FeedSettings.for_class(school_class)
        client.force_login(pupils[0])
        client.get(feed_url(school_class))  # warm the session
        # The same number for 10 and 500 posts, at most 8 (issue 15): session and user; the class with all the
        # page asks about it in one query (is the viewer a teacher, the event number live updates go on from,
        # feed settings, a running lesson, the pupil's pause and unread mentions); pinned posts and the page
        # in one (reaction counts, the pupil's own reactions and edit times computed with them); comments;
        # one INSERT for what the pupil saw; what became of the pupil's reports; the classmates the composer
        # can tag on a photo.
        with django_assert_num_queries(8):
            response = client.get(feed_url(school_class))
        assert response.status_code == 200
        # The pinned post and a page of at most 20.
        assert response.content.decode().count('class="card post ') == 1 + min(count, 20)

    @pytest.mark.parametrize("count", [10, 500])
    def test_teacher_feed_page_query_count_is_constant(
        self, client, school_class, pupils, teacher, django_assert_num_queries, count
    ):
        self.fill(school_class, pupils, count)
        FeedSettings.for_class(school_class)
        client.force_login(teacher)
        client.get(feed_url(school_class))
        # Session and user; the class with the teacher's badge counts and this class's queue; posts with
        # their open reports' number; photo tags (held photos); comments; the composer's personas and pupils.
        with django_assert_num_queries(8):
            response = client.get(feed_url(school_class))
        assert response.content.decode().count('class="card post ') == 1 + min(count, 20)


class TestPhotosAndConsentGate:
    def photo_post(self, client, school_class, tagged=(), people="classmates"):
        no_preview(school_class)
        upload = SimpleUploadedFile("foto.png", image_bytes("PNG"), content_type="image/png")
        data = {"text": "Wij op het schoolplein", "source_kind": "own", "upload": upload, "people_on_photo": people}
        if tagged:
            data["tagged"] = [p.pk for p in tagged]
        return client.post(post_url(school_class), data)

    def test_photo_of_classmate_without_consent_waits_for_the_teacher(self, client, school_class, pupils, teacher):
        author, tagged, classmate = pupils
        client.force_login(author)
        self.photo_post(client, school_class, tagged=[tagged])
        post = Post.objects.get()
        assert post.status == PostStatus.PENDING
        client.force_login(classmate)
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 404
        assert "schoolplein" not in client.get(feed_url(school_class)).content.decode()
        client.force_login(teacher)
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 200
        client.post(reverse("sandbox_feed:release", args=[post.pk]))  # not confirmed: nothing released
        client.force_login(classmate)
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 404
        client.force_login(teacher)
        client.post(reverse("sandbox_feed:release", args=[post.pk]), {"confirmed": "on"})
        client.force_login(classmate)
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 200

    def test_photo_of_classmate_with_consent_is_shown_at_once(self, client, school_class, pupils, teacher):
        author, tagged, classmate = pupils
        consent.record_decision(
            pupil=tagged,
            purpose=ConsentPurpose.CLASS_FEED,
            decision=True,
            decided_by="moeder",
            method=ConsentMethod.FORM,
            recorded_by=teacher,
        )
        client.force_login(author)
        self.photo_post(client, school_class, tagged=[tagged])
        post = Post.objects.get()
        assert post.status == PostStatus.VISIBLE
        client.force_login(classmate)
        response = client.get(reverse("sandbox_feed:thumbnail", args=[post.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"

    def test_people_who_are_not_classmates_wait_for_the_teacher(self, client, school_class, pupil):
        client.force_login(pupil)
        self.photo_post(client, school_class, people="others")
        assert Post.objects.get().status == PostStatus.PENDING

    def test_photo_without_people_is_shown_at_once(self, client, school_class, pupil):
        client.force_login(pupil)
        self.photo_post(client, school_class, people="none")
        assert Post.objects.get().status == PostStatus.VISIBLE

    def test_withdrawal_hides_a_released_photo_from_classmates(self, client, school_class, pupils, teacher):
        author, tagged, classmate = pupils
        client.force_login(author)
        self.photo_post(client, school_class, tagged=[tagged])
        post = Post.objects.get()
        client.force_login(teacher)
        client.post(reverse("sandbox_feed:release", args=[post.pk]), {"confirmed": "on"})
        client.force_login(classmate)
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 200
        client.force_login(teacher)
        client.post(
            reverse("sandbox_feed:consent", args=[school_class.pk]),
            {"pupil": tagged.pk, "purpose": "class_feed", "decision": "nee", "decided_by": "vader", "method": "form"},
        )
        client.force_login(classmate)
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 404

    def test_photo_of_other_class_is_404_and_photos_have_no_media_url(
        self, client, school_class, pupil, outsider_pupil
    ):
        client.force_login(pupil)
        self.photo_post(client, school_class, people="none")
        post = Post.objects.get()
        assert not post.photo.name.startswith("/")
        client.force_login(outsider_pupil)
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 404
        client.logout()
        assert client.get(reverse("sandbox_feed:photo", args=[post.pk])).status_code == 302

    def test_a_bomb_upload_shows_a_dutch_message_and_keeps_the_text(self, client, school_class, pupil):
        client.force_login(pupil)
        bomb = SimpleUploadedFile("bom.png", image_bytes("PNG", size=(20000, 20000)), content_type="image/png")
        response = client.post(
            post_url(school_class),
            {"text": "Mijn tekening", "source_kind": "own", "upload": bomb, "people_on_photo": "none"},
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "te veel beeldpunten" in body
        assert "Mijn tekening" in body


class TestTeacherPosts:
    def test_teacher_announcement_is_pinned_at_the_top(self, client, school_class, teacher, pupil):
        PostFactory(school_class=school_class, author=pupil, text="Later bericht")
        client.force_login(teacher)
        client.post(post_url(school_class), {"text": "Morgen gym!", "source_kind": "own", "post_kind": "announcement"})
        announcement = Post.objects.get(text="Morgen gym!")
        assert announcement.pinned and announcement.status == PostStatus.VISIBLE
        client.force_login(pupil)
        body = client.get(feed_url(school_class)).content.decode()
        assert body.index("Morgen gym!") < body.index("Later bericht")

    def test_scenario_post_shows_the_persona_and_can_be_revealed(self, client, school_class, teacher, pupil):
        persona = PersonaFactory(school_class=school_class, name="Snoepkanaal")
        client.force_login(teacher)
        client.post(
            post_url(school_class),
            {"text": "Deze snoep is gezond!", "source_kind": "own", "post_kind": "scenario", "persona": persona.pk},
        )
        post = Post.objects.get()
        assert post.persona == persona and not post.pinned
        client.force_login(pupil)
        body = client.get(feed_url(school_class)).content.decode()
        assert "Snoepkanaal" in body
        assert "Oefenbericht: dit account bestaat niet echt" not in body
        assert client.post(reverse("sandbox_feed:reveal", args=[post.pk])).status_code == 403
        client.force_login(teacher)
        client.post(reverse("sandbox_feed:reveal", args=[post.pk]))
        client.force_login(pupil)
        assert "Oefenbericht: dit account bestaat niet echt" in client.get(feed_url(school_class)).content.decode()

    def test_pupil_cannot_pick_a_teacher_post_kind(self, client, school_class, pupil):
        no_preview(school_class)
        client.force_login(pupil)
        client.post(
            post_url(school_class), {"text": "Ik ben de juf", "source_kind": "own", "post_kind": "announcement"}
        )
        post = Post.objects.get()
        assert post.kind == PostKind.PUPIL and not post.pinned

    def test_teacher_marks_a_citation_and_the_pupil_sees_the_comment(self, client, school_class, teacher, pupil):
        post = PostFactory(school_class=school_class, author=pupil, source_kind="quote", source_title="Boek")
        client.force_login(teacher)
        client.post(
            reverse("sandbox_feed:review_citation", args=[post.pk]),
            {"citation_verdict": "incorrect", "citation_comment": "Zet het citaat tussen aanhalingstekens."},
        )
        client.force_login(pupil)
        body = client.get(feed_url(school_class)).content.decode()
        assert "Nog niet goed" in body
        assert "Zet het citaat tussen aanhalingstekens." in body

    @pytest.mark.parametrize("action", ["release", "review_citation", "reveal"])
    def test_only_the_classes_teacher_may_moderate(self, client, school_class, pupil, other_teacher, action):
        post = PostFactory(school_class=school_class, author=pupil, status=PostStatus.PENDING, kind=PostKind.SCENARIO)
        # A pupil is refused a teacher's action (403); a teacher of another class does not see the post (404).
        for user, status in ((pupil, 403), (other_teacher, 404)):
            client.force_login(user)
            response = client.post(
                reverse(f"sandbox_feed:{action}", args=[post.pk]), {"citation_verdict": "correct", "confirmed": "on"}
            )
            assert response.status_code == status
        post.refresh_from_db()
        assert post.status == PostStatus.PENDING and not post.revealed and not post.citation_verdict

    @pytest.mark.parametrize("name", ["consent", "personas"])
    def test_teacher_pages_refuse_pupils_and_other_teachers(self, client, school_class, pupil, other_teacher, name):
        url = reverse(f"sandbox_feed:{name}", args=[school_class.pk])
        client.force_login(pupil)
        assert client.get(url).status_code == 403
        client.force_login(other_teacher)
        assert client.get(url).status_code == 404


def test_author_sees_the_photo_of_a_draft_in_the_preview_but_classmates_do_not(client, school_class, pupils):
    upload = SimpleUploadedFile("foto.png", image_bytes("PNG"), content_type="image/png")
    client.force_login(pupils[0])
    client.post(post_url(school_class), {"text": "Mijn kat", "upload": upload, "people_on_photo": "none"})
    draft = Post.objects.get()
    assert draft.status == PostStatus.DRAFT
    assert client.get(reverse("sandbox_feed:thumbnail", args=[draft.pk])).status_code == 200
    client.force_login(pupils[1])
    assert client.get(reverse("sandbox_feed:thumbnail", args=[draft.pk])).status_code == 404


def test_teacher_cannot_post_as_a_pupil_kind(client, school_class, teacher):
    client.force_login(teacher)
    response = client.post(post_url(school_class), {"text": "Hallo", "post_kind": "pupil"})
    assert response.status_code == 400
    assert not Post.objects.exists()
