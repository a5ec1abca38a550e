"""The class feed page and its API as the number of posts, comments and reactions grows."""

from django.test import Client

from accounts.choices import Role
from accounts.models import School, SchoolClass, User
from tests.sandbox_feed.factories import CommentFactory, PostFactory, ReactionFactory

SIZES = [10, 500]


def setup(size):
    school, _ = School.objects.get_or_create(name="Benchschool")
    school_class, created = SchoolClass.objects.get_or_create(
        join_code=f"FEED{size}", defaults={"name": f"Feed {size}", "groep": 7, "school": school}
    )
    teacher, _ = User.objects.get_or_create(
        username=f"bench-feed-teacher-{size}", defaults={"role": Role.TEACHER, "school": school}
    )
    if created:
        school_class.teachers.add(teacher)
        pupils = school_class.add_pupils([(f"Kind{i}", "F") for i in range(24)])
        for i in range(size):
            post = PostFactory(school_class=school_class, author=pupils[i % 24])
            CommentFactory(post=post, author=pupils[(i + 1) % 24])
            ReactionFactory(post=post, user=pupils[(i + 2) % 24])
    pupil = school_class.pupils.first()
    teacher_client, pupil_client = Client(), Client()
    teacher_client.force_login(teacher)
    pupil_client.force_login(pupil)
    return [
        ("feed page (pupil)", pupil_client, f"/feed/{school_class.pk}/"),
        ("feed page (teacher)", teacher_client, f"/feed/{school_class.pk}/"),
        ("feed API (pupil)", pupil_client, f"/api/v1/feed/classes/{school_class.pk}/posts"),
    ]
