"""The class feed page and its API, for a pupil and a teacher, from 10 to 1,000 posts: every post has a comment and
a reaction, every third a photo, every fifth a source. Goals from issue 15: the feed page at least 25% of a bare
view's speed (at most 4x its time), the API at least 30% (at most 3.3x), at most 8 queries, the same at every
size. Each row asks for the same page again, so the page's post cards come from the cache (post_cards.py)."""

from django.test import Client

from accounts.choices import Role
from accounts.models import School, SchoolClass, User
from tests.sandbox_feed.factories import CommentFactory, PostFactory, ReactionFactory

from .cases import BARE_VIEW, Page

SIZES = [10, 1000]
FEED_PAGE = {"baseline": BARE_VIEW, "max_times": 4, "max_queries": 8, "constant": True}
FEED_API = {"baseline": BARE_VIEW, "max_times": 3.3, "max_queries": 8, "constant": True}


def _post(school_class, author, i):
    extra = {}
    if i % 3 == 0:  # the file itself is never read by the page: it links the photo view
        extra.update(photo=f"bench/foto-{i}.jpg", thumbnail=f"bench/mini-{i}.jpg", people_on_photo="none")
    if i % 5 == 0:
        extra.update(
            source_kind="quote",
            source_maker="NOS",
            source_title="Jeugdjournaal",
            source_url=f"https://nos.nl/artikel/{1000 + i}",
        )
    return PostFactory(school_class=school_class, author=author, **extra)


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
            post = _post(school_class, pupils[i % 24], i)
            CommentFactory(post=post, author=pupils[(i + 1) % 24])
            ReactionFactory(post=post, user=pupils[(i + 2) % 24])
    pupil = school_class.pupils.first()
    teacher_client, pupil_client = Client(), Client()
    teacher_client.force_login(teacher)
    pupil_client.force_login(pupil)
    return [
        Page("feed page (pupil)", pupil_client, f"/feed/{school_class.pk}/", **FEED_PAGE),
        Page("feed page (teacher)", teacher_client, f"/feed/{school_class.pk}/", **FEED_PAGE),
        Page("feed API (pupil)", pupil_client, f"/api/v1/feed/classes/{school_class.pk}/posts", **FEED_API),
    ]
