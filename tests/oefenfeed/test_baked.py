"""Baked queries (oefenfeed/baked.py): compiled once per process, they answer exactly as the ORM queryset they
come from, for every id, and a queryset whose SQL would change with something else is refused, not frozen. The
header's numbers and the feed page's class values are baked: each is checked against its ORM definition."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from accounts.models import SchoolClass
from oefenfeed import baked
from sandbox_feed import feed_class, mentions, moderation, queue
from sandbox_feed.choices import PostStatus, ReportReason, SourceKind
from sandbox_feed.models import Mention, PostView, PupilModeration, Report
from tests.factories import PupilFactory
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def _username(user_id):
    return User.objects.filter(pk=user_id).values("username")


def test_a_baked_query_answers_as_its_queryset_for_every_id(teacher, pupils, other_teacher):
    for user in [teacher, other_teacher, *pupils]:
        assert baked.row("test.username", _username, user.pk) == (user.username,)
    assert baked.row("test.username", _username, 10**9) is None


def test_it_is_built_and_compiled_once_per_process(teacher, pupils):
    builds = []

    def build(user_id):
        builds.append(user_id)
        return _username(user_id)

    baked.row("test.once", build, teacher.pk)
    assert len(builds) == 2  # two stand-ins, compared
    for pupil in pupils:
        assert baked.row("test.once", build, pupil.pk) == (pupil.username,)
    assert len(builds) == 2
    assert all(user_id < 0 for user_id in builds)  # never a real id


def test_a_queryset_carrying_the_time_is_refused_not_frozen(teacher):
    def logged_in_before_now(user_id):
        return User.objects.filter(pk=user_id, date_joined__lt=timezone.now()).values("pk")

    with pytest.raises(baked.NotBakeable, match="changes between builds"):
        baked.row("test.now", logged_in_before_now, teacher.pk)


def test_sql_that_changes_with_the_id_is_refused(teacher):
    def shape_follows_id(user_id):
        return User.objects.filter(pk__in=range(abs(user_id) % 3 + 1)).values("pk")

    with pytest.raises(baked.NotBakeable, match="SQL changes"):
        baked.row("test.shape", shape_follows_id, teacher.pk)


def test_a_scalar_annotates_another_query(school_class, other_class, pupils):
    def pupil_count(class_id):
        counted = SchoolClass.objects.filter(pk=OuterRef("pk")).annotate(n=Count("pupils")).values("n")
        return SchoolClass.objects.filter(pk=class_id).annotate(n=Subquery(counted)).values("n")

    for cls in (school_class, other_class):
        found = SchoolClass.objects.annotate(n=baked.scalar("test.pupils", pupil_count, cls.pk)).get(pk=cls.pk)
        assert found.n == cls.pupils.count()
    assert school_class.pupils.count() == len(pupils) > 0


@pytest.fixture
def busy_class(school_class, teacher, pupils):
    """Mentions read and unread, by post and by comment, and things waiting for the teacher."""
    anna, bram, *_ = pupils
    for i in range(3):
        post = PostFactory(school_class=school_class, author=bram)
        Mention.objects.create(post=post, pupil=anna)
        comment = CommentFactory(post=post, author=bram)
        Mention.objects.create(post=post, comment=comment, pupil=anna, seen_at=timezone.now() if i == 0 else None)
    PostView.objects.create(post=post, pupil=anna)
    hidden = PostFactory(school_class=school_class, author=bram, status=PostStatus.HIDDEN)
    Mention.objects.create(post=hidden, pupil=anna)
    PostFactory(school_class=school_class, author=anna, status=PostStatus.PENDING, needs_review=True)
    reported = PostFactory(school_class=school_class, author=anna)
    Report.objects.create(school_class=school_class, reporter=bram, post=reported, reason=ReportReason.values[0])
    PostFactory(school_class=school_class, author=anna, source_kind=SourceKind.QUOTE, source_maker="NOS")
    school_class.pupils.add(PupilFactory())
    moderation.mute(school_class, bram, teacher, 10)
    return school_class


def test_unread_mentions_match_their_orm_definition(busy_class, pupils):
    for pupil in pupils:
        assert mentions.unread_count(pupil) == mentions.unread(pupil).count()
    assert mentions.unread_count(pupils[0]) == 4  # three post mentions less the seen one, two comment mentions


def test_the_teachers_badge_matches_its_orm_definition(busy_class, teacher, other_teacher):
    for user in (teacher, other_teacher):
        counts = queue.notification_counts(user)
        expected = User.objects.filter(pk=user.pk).annotate(**counts).values(*counts).get()
        assert queue.notifications_for(user) == queue.notifications_from(expected)
    found = queue.notifications_for(teacher)
    assert (found.posts, found.reports, found.citations) == (2, 1, 1)  # the reported post waits too
    assert found.consents > 0


def test_the_feed_pages_class_values_match_their_orm_definitions(busy_class, teacher, pupils):
    for user in (teacher, *pupils[:2]):
        loaded = feed_class.load(user, busy_class.pk)
        values = {**feed_class.FOR_EVERY_PAGE, **feed_class.FOR_THE_FEED_PAGE}
        if user.is_pupil:
            values.update(feed_class.FOR_A_PUPIL)
        expected = (
            SchoolClass.objects.filter(pk=busy_class.pk)
            .annotate(**{name: expression(user) for name, (expression, _field) in values.items()})
            .values(*values)
            .get()
        )
        for name in values:
            assert getattr(loaded, name) == expected[name], name
        if user == teacher:
            assert loaded.queue_here == queue.count_in(SchoolClass.objects.filter(pk=busy_class.pk))
            assert loaded.header_context["teacher_notifications"] == queue.notifications_for(teacher)
        else:
            assert loaded.header_context["mention_count"] == mentions.unread(user).count()
    muted = feed_class.load(pupils[1], busy_class.pk).viewer_muted_until
    assert muted == PupilModeration.objects.get(pupil=pupils[1]).muted_until > timezone.now()
    assert feed_class.load(teacher, busy_class.pk).viewer_is_teacher is True
    assert feed_class.load(pupils[0], busy_class.pk).viewer_is_teacher is False
