"""The class event log: every change gets the class's next number in its own transaction, with the right
audience; catch-up after a number, pruning and "reload"; numbers handed out safely by threads at once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from sandbox_feed import consent, events, live, moderation, services
from sandbox_feed.choices import (
    ConsentMethod,
    ConsentPurpose,
    EventAudience,
    ModerationAction,
    ModerationMode,
    PeopleOnPhoto,
    PostStatus,
    ReportReason,
)
from sandbox_feed.models import ClassEvent, ClassEventCounter, FeedSettings, PhotoTag
from tests.sandbox_feed.factories import CommentFactory, PostFactory


def kinds(school_class):
    return list(ClassEvent.objects.filter(school_class=school_class).values_list("seq", "kind", "audience", "user_id"))


def think_later(school_class, **settings):
    FeedSettings.objects.update_or_create(
        school_class=school_class, defaults={"preview_before_post": False, **settings}
    )


def write(school_class, author, text="Hallo klas"):
    return services.create_post(school_class=school_class, author=author, raw_text=text, fields={})


@pytest.mark.django_db
class TestNumbering:
    def test_it_numbers_each_class_on_its_own_from_one(self, school_class, other_class, pupils):
        think_later(school_class)
        think_later(other_class)
        write(school_class, pupils[0])
        write(school_class, pupils[1])
        write(other_class, other_class.pupils.first())
        assert [seq for seq, *_ in kinds(school_class)] == [1, 2]
        assert [seq for seq, *_ in kinds(other_class)] == [1]
        assert events.current_seqs([school_class.pk, other_class.pk]) == {school_class.pk: 2, other_class.pk: 1}

    def test_a_rolled_back_change_leaves_no_event_and_no_number(self, school_class, pupils):
        think_later(school_class)
        with transaction.atomic():
            write(school_class, pupils[0])
            transaction.set_rollback(True)
        assert not ClassEvent.objects.exists()
        assert events.current_seq(school_class.pk) == 0

    def test_an_event_for_one_user_must_name_the_user(self, school_class, pupil):
        with pytest.raises(ValueError):
            events.record(school_class.pk, "pupil_mute", audience=EventAudience.USER)
        with pytest.raises(ValueError):
            events.record(school_class.pk, "post", user_id=pupil.pk)


@pytest.mark.django_db
class TestWhoHearsWhat:
    def test_a_visible_post_a_comment_and_a_reaction_are_for_the_class(self, school_class, pupils):
        think_later(school_class)
        post = write(school_class, pupils[0])
        comment = services.add_comment(post, pupils[1], "Leuk!")
        services.set_reaction(post, pupils[2], "heart", True)
        assert kinds(school_class) == [
            (1, "post", "class", None),
            (2, "comment", "class", None),
            (3, "reaction", "class", None),
        ]
        assert ClassEvent.objects.get(kind="comment").comment_id == comment.pk

    def test_a_waiting_post_is_for_its_author_and_the_teachers_and_its_approval_for_the_class(
        self, school_class, pupils, teacher
    ):
        think_later(school_class, moderation_mode=ModerationMode.PRE)
        post = write(school_class, pupils[0], "Mag dit?")
        assert post.status == PostStatus.PENDING
        moderation.apply(post, teacher, ModerationAction.APPROVE)
        assert kinds(school_class) == [
            (1, "post_pending", "user", pupils[0].pk),
            (2, "post_approve", "class", None),
        ]

    def test_rejecting_a_waiting_post_tells_only_its_author(self, school_class, pupils, teacher):
        think_later(school_class, moderation_mode=ModerationMode.PRE)
        post = write(school_class, pupils[0], "Mag dit?")
        moderation.apply(post, teacher, ModerationAction.REJECT, reason="unkind")
        assert kinds(school_class)[-1] == (2, "post_reject", "user", pupils[0].pk)

    def test_hiding_a_visible_post_or_comment_is_for_the_class_that_saw_it(self, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0])
        comment = CommentFactory(post=post, author=pupils[1])
        moderation.apply(comment, teacher, ModerationAction.HIDE)
        moderation.apply(post, teacher, ModerationAction.HIDE)
        assert kinds(school_class) == [(1, "comment_hide", "class", None), (2, "post_hide", "class", None)]

    def test_an_edit_that_sends_a_post_back_to_the_teacher_takes_it_off_classmates_pages(self, school_class, pupils):
        think_later(school_class)
        post = write(school_class, pupils[0], "Eerste versie")
        FeedSettings.objects.filter(school_class=school_class).update(moderation_mode=ModerationMode.PRE)
        services.edit_post(post, "Tweede versie", pupils[0])
        assert post.status == PostStatus.PENDING
        # The class heard it: their pages had the post and must drop it.
        assert kinds(school_class)[-1] == (2, "post_edit", "class", None)
        services.edit_post(post, "Derde versie", pupils[0])
        assert kinds(school_class)[-1] == (3, "post_edit", "user", pupils[0].pk)

    def test_a_report_is_for_the_teachers_only(self, school_class, pupils):
        post = PostFactory(school_class=school_class, author=pupils[0])
        moderation.report(post, pupils[1], ReportReason.MEAN)
        assert kinds(school_class) == [(1, "queue", "teachers", None)]

    def test_a_mute_is_for_the_muted_pupil_and_lesson_mode_for_the_class(self, school_class, pupils, teacher):
        moderation.mute(school_class, pupils[1], teacher, 10)
        moderation.update_settings(school_class, teacher, paused=True)
        assert kinds(school_class) == [(1, "pupil_mute", "user", pupils[1].pk), (2, "settings", "class", None)]

    def test_a_photo_held_for_consent_is_never_announced_to_the_class(self, school_class, pupils, teacher):
        think_later(school_class)
        post = PostFactory(
            school_class=school_class,
            author=pupils[0],
            status=PostStatus.DRAFT,
            photo="photos/x.jpg",
            people_on_photo=PeopleOnPhoto.CLASSMATES,
        )
        PhotoTag.objects.create(post=post, pupil=pupils[1])  # no consent recorded for pupils[1]
        services.publish(post)
        assert post.status == PostStatus.PENDING
        assert kinds(school_class) == [(1, "post_pending", "user", pupils[0].pk)]
        moderation.release_photo(post, teacher, confirmed=True)
        assert kinds(school_class)[-1] == (2, "post_release_photo", "class", None)

    def test_a_consent_withdrawal_takes_the_photo_off_every_open_page(self, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0], photo="photos/x.jpg")
        PhotoTag.objects.create(post=post, pupil=pupils[1])
        consent.record_decision(
            pupil=pupils[1],
            purpose=ConsentPurpose.CLASS_FEED,
            decision=False,
            decided_by="moeder",
            method=ConsentMethod.FORM,
            recorded_by=teacher,
        )
        assert kinds(school_class) == [(1, "post_photo", "class", None)]
        assert ClassEvent.objects.get().post_id == post.pk

    def test_pins_locks_reveals_citations_and_deletions_are_events_too(self, school_class, pupils, teacher):
        post = PostFactory(school_class=school_class, author=pupils[0])
        scenario = PostFactory(school_class=school_class, author=teacher, kind="scenario")
        comment = CommentFactory(post=post, author=pupils[1])
        moderation.set_post_flag(post, teacher, "pinned", True)
        moderation.set_post_flag(post, teacher, "locked", True)
        services.review_citation(post, "correct", "Netjes")
        services.reveal(scenario)
        services.reveal(scenario)  # once revealed, nothing changes and nothing is announced
        services.delete_comment(comment, pupils[1])
        services.delete_post(post, by=pupils[0])
        assert [kind for _seq, kind, *_ in kinds(school_class)] == [
            "post_pin",
            "post_lock",
            "post_citation",
            "post_reveal",
            "comment_delete",
            "post_delete",
        ]
        assert {audience for _seq, _kind, audience, _user in kinds(school_class)} == {"class"}

    def test_may_hear_lets_pupils_hear_the_class_and_what_is_theirs(self, pupils):
        for audience, user_id, pupil_hears in [
            ("class", None, True),
            ("teachers", None, False),
            ("user", pupils[0].pk, True),
            ("user", pupils[1].pk, False),
        ]:
            message = {"audience": audience, "user_id": user_id}
            assert events.may_hear(message, teacher=False, user_id=pupils[0].pk) is pupil_hears
            assert events.may_hear(message, teacher=True, user_id=0) is True


@pytest.mark.django_db
class TestCatchUp:
    def test_it_returns_what_came_after_a_number_in_order(self, school_class, pupils):
        think_later(school_class)
        for n in range(4):
            write(school_class, pupils[0], f"Bericht {n}")
        found = events.after(school_class.pk, 1)
        assert [m["seq"] for m in found.events] == [2, 3, 4]
        assert (found.cursor, found.reload) == (4, False)
        assert events.after(school_class.pk, 4) == events.CatchUp([], 4, False)

    def test_without_a_number_it_only_says_where_the_class_is(self, school_class, pupils):
        think_later(school_class)
        write(school_class, pupils[0])
        assert events.after(school_class.pk, None) == events.CatchUp([], 1, False)

    def test_a_class_without_events_starts_at_zero(self, school_class):
        assert events.after(school_class.pk, 0) == events.CatchUp([], 0, False)

    def test_old_events_are_pruned_and_a_client_further_behind_reloads(self, school_class, monkeypatch):
        monkeypatch.setattr(events, "KEEP", 5)
        monkeypatch.setattr(events, "PRUNE_EVERY", 3)
        for _ in range(9):
            events.record(school_class.pk, "settings")
        # Pruned at 6 (through 1) and at 9 (through 4): events 5..9 are kept.
        assert list(ClassEvent.objects.values_list("seq", flat=True)) == [5, 6, 7, 8, 9]
        assert ClassEventCounter.objects.get(school_class=school_class).pruned_through == 4
        assert events.after(school_class.pk, 3).reload
        assert [m["seq"] for m in events.after(school_class.pk, 4).events] == [5, 6, 7, 8, 9]

    def test_a_client_ahead_of_the_class_reloads(self, school_class):
        # A page from before the database was restored from a backup.
        events.record(school_class.pk, "settings")
        found = events.after(school_class.pk, 40)
        assert found.reload and found.cursor == 1


@pytest.mark.django_db(transaction=True)
def test_threads_posting_at_once_get_each_a_number_once(school_class, pupils):
    """On PostgreSQL the counter's row lock queues the writers; on SQLite the write lock does. Either way:
    no number twice, none skipped, one per post."""
    think_later(school_class)
    writers = 12
    barrier = threading.Barrier(writers)

    def post_one(n):
        try:
            barrier.wait()
            return write(school_class, pupils[n % len(pupils)], f"Tegelijk {n}").pk
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=writers) as pool:
        post_ids = list(pool.map(post_one, range(writers)))
    rows = list(ClassEvent.objects.filter(school_class=school_class).order_by("seq").values_list("seq", "post_id"))
    assert [seq for seq, _ in rows] == list(range(1, writers + 1))
    assert sorted(post_id for _, post_id in rows) == sorted(post_ids)
    assert ClassEventCounter.objects.get(school_class=school_class).last_seq == writers


@pytest.mark.django_db(transaction=True)
def test_the_first_events_of_a_class_at_once_make_one_counter(school_class):
    writers = 8
    barrier = threading.Barrier(writers)

    def record(_n):
        try:
            barrier.wait()
            return events.record(school_class.pk, "settings").seq
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=writers) as pool:
        seqs = sorted(pool.map(record, range(writers)))
    assert seqs == list(range(1, writers + 1))
    assert ClassEventCounter.objects.filter(school_class=school_class).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_later_number_is_never_visible_before_an_earlier_one(school_class):
    """What "since N" relies on: while the transaction holding number 1 is open, number 2 cannot commit.
    A reader that sees 2 therefore also sees 1."""
    first_open = threading.Event()
    finish_first = threading.Event()
    second_done = threading.Event()

    def first():
        try:
            with transaction.atomic():
                events.record(school_class.pk, "settings")
                first_open.set()
                finish_first.wait(5)
        finally:
            connection.close()

    def second():
        try:
            first_open.wait(5)
            events.record(school_class.pk, "settings")
            second_done.set()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        one, two = pool.submit(first), pool.submit(second)
        assert not second_done.wait(0.5)  # waits for the first one's commit
        finish_first.set()
        one.result(10)
        two.result(10)
    assert list(ClassEvent.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2]


@pytest.mark.django_db
def test_announce_records_in_the_callers_transaction_and_broadcasts_after_commit(
    school_class, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        recorded = live.announce(school_class.pk, "settings")
        assert ClassEvent.objects.filter(pk=recorded.pk).exists()
    assert len(callbacks) == 1  # the broadcast waits for the commit


@pytest.mark.django_db
def test_numbers_are_the_same_where_the_database_cannot_return_the_update(school_class, monkeypatch):
    """SQLite before 3.35 has no UPDATE ... RETURNING: the counter is raised and read in two statements."""
    monkeypatch.setattr(events, "_update_can_return", lambda: False)
    assert [events.record(school_class.pk, "settings").seq for _ in range(3)] == [1, 2, 3]
