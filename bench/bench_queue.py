"""The teacher's review queue and the header count as the number of waiting items grows (10 to 1,000)."""

from django.test import Client

from accounts.choices import Role
from accounts.models import School, SchoolClass, User
from sandbox_feed.choices import PostStatus
from sandbox_feed.models import Report
from tests.sandbox_feed.factories import CommentFactory, PostFactory

from .cases import BARE_VIEW, Page

SIZES = [10, 1000]


def setup(size):
    school, _ = School.objects.get_or_create(name="Benchschool")
    school_class, created = SchoolClass.objects.get_or_create(
        join_code=f"QUEUE{size}", defaults={"name": f"Wachtrij {size}", "groep": 8, "school": school}
    )
    teacher, _ = User.objects.get_or_create(
        username=f"bench-queue-teacher-{size}", defaults={"role": Role.TEACHER, "school": school}
    )
    if created:
        school_class.teachers.add(teacher)
        pupils = school_class.add_pupils([(f"Kind{i}", "Q") for i in range(28)])
        for i in range(size):
            post = PostFactory(
                school_class=school_class, author=pupils[i % 28], status=PostStatus.PENDING, needs_review=True
            )
            CommentFactory(post=post, author=pupils[(i + 1) % 28], status=PostStatus.PENDING, needs_review=True)
            Report.objects.create(school_class=school_class, reporter=pupils[(i + 2) % 28], post=post, reason="mean")
    client = Client()
    client.force_login(teacher)
    return [
        Page("review queue page (teacher)", client, "/feed/wachtrij/", baseline=BARE_VIEW, constant=True),
        Page("queue API (teacher)", client, "/api/v1/feed/queue", baseline=BARE_VIEW, constant=True),
        Page("teacher start page (header count)", client, "/leerkracht/", baseline=BARE_VIEW, constant=True),
    ]
