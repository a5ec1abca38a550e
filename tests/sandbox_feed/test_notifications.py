"""The teacher's notifications: what waits (posts and comments to review, reports, citations to judge,
consents missing) in one query whatever the size, on the start page and in the header."""

import pytest
from django.urls import reverse

from sandbox_feed import consent, queue
from sandbox_feed.choices import ConsentMethod, ConsentPurpose, PostStatus, ReportReason, SourceKind
from sandbox_feed.models import Report
from tests.factories import PupilFactory
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def fill(school_class, teacher, n):
    """n of each kind of thing that waits."""
    pupils = list(school_class.pupils.all())
    for i in range(n):
        author = pupils[i % len(pupils)]
        PostFactory(school_class=school_class, author=author, status=PostStatus.PENDING, needs_review=True)
        visible = PostFactory(school_class=school_class, author=author)
        CommentFactory(post=visible, author=author, needs_review=True, status=PostStatus.PENDING)
        reported = PostFactory(school_class=school_class, author=author)
        Report.objects.create(school_class=school_class, reporter=author, post=reported, reason=ReportReason.values[0])
        PostFactory(school_class=school_class, author=author, source_kind=SourceKind.QUOTE, source_maker="NOS")
        school_class.pupils.add(PupilFactory())


def test_it_counts_each_kind(school_class, teacher, pupils):
    consent.record_decision(
        pupil=pupils[0],
        purpose=ConsentPurpose.CLASS_FEED,
        decision=False,
        decided_by="moeder",
        method=ConsentMethod.FORM,
        recorded_by=teacher,
    )
    fill(school_class, teacher, 2)
    found = queue.notifications_for(teacher)
    assert found.posts == 4  # 2 waiting + 2 reported
    assert found.comments == 2
    assert found.reports == 2
    assert found.citations == 2
    assert found.consents == 3 - 1 + 2  # three pupils, one decided (no), two added
    assert found.review == queue.count_for(teacher)
    assert found.total == 6 + 2 + 4


def test_a_judged_citation_and_a_draft_do_not_wait(school_class, teacher, pupil):
    PostFactory(school_class=school_class, author=pupil, source_kind=SourceKind.QUOTE, citation_verdict="correct")
    PostFactory(school_class=school_class, author=pupil, source_kind=SourceKind.QUOTE, status=PostStatus.DRAFT)
    PostFactory(school_class=school_class, author=pupil)  # own work: nothing to judge
    assert queue.notifications_for(teacher).citations == 0


def test_other_classes_do_not_count(school_class, teacher, other_class, other_teacher):
    fill(other_class, other_teacher, 2)
    found = queue.notifications_for(teacher)
    assert (found.posts, found.comments, found.reports, found.citations) == (0, 0, 0, 0)
    assert queue.notifications_for(other_teacher).posts == 4


def test_a_second_teacher_sees_the_same(school_class, teacher, other_teacher):
    school_class.teachers.add(other_teacher)
    fill(school_class, teacher, 1)
    assert queue.notifications_for(other_teacher) == queue.notifications_for(teacher)


@pytest.mark.parametrize("size", [1, 6])
def test_it_is_one_query_at_any_size(school_class, teacher, size, django_assert_num_queries):
    fill(school_class, teacher, size)
    with django_assert_num_queries(1):
        found = queue.notifications_for(teacher)
        assert found.total > 0


@pytest.mark.parametrize("size", [1, 5])
def test_the_start_page_and_header_share_one_notification_query(client, school_class, teacher, size):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fill(school_class, teacher, size)
    client.force_login(teacher)
    client.get(reverse("home:start"), follow=True)  # warm up sessions and caches
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("home:start"), follow=True).content.decode()
    assert 'id="wat-wacht"' in page and 'class="notify-link"' in page
    assert "te beoordelen (in de feed)" in page
    notification_queries = [q for q in captured if "COUNT(DISTINCT" in q["sql"]]
    assert len(notification_queries) == 1  # header and panel share one query


def test_no_badge_when_nothing_waits(client, teacher):
    client.force_login(teacher)
    page = client.get(reverse("home:start"), follow=True).content.decode()
    assert 'class="notify-link"' not in page
    assert "Er wacht niets op je." in page
