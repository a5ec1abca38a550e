"""The smartboard wall of a class (`/feed/<class id>/muur/`) as a teacher of the class, with 10 and 1,000 posts in
the data shape of bench_feed.py (every post a comment and a reaction, every third a photo, every fifth a source),
with names shown and hidden. Goals from issue 15: at most 2x a minimal Wagtail page's time, the same number of
queries at every size (and no more than the wall needs)."""

from django.test import Client

from accounts.choices import Role
from accounts.models import School, SchoolClass, User
from sandbox_feed.models import Wall
from tests.sandbox_feed.factories import CommentFactory, ReactionFactory

from .bench_feed import _post
from .cases import WAGTAIL_PAGE, Page

SIZES = [10, 1000]
# Session, user, the class (with its wall settings and event number), posts, comments, reaction counts; with
# names hidden also the class's pupils (their first names are swapped in texts).
WALL_PAGE = {"baseline": WAGTAIL_PAGE, "max_times": 2, "max_queries": 6, "constant": True}
HIDDEN_NAMES = {**WALL_PAGE, "max_queries": 7}


def _class_with_posts(join_code, name, size, teacher_username):
    school, _ = School.objects.get_or_create(name="Benchschool")
    school_class, created = SchoolClass.objects.get_or_create(
        join_code=join_code, defaults={"name": name, "groep": 7, "school": school}
    )
    teacher, _ = User.objects.get_or_create(
        username=teacher_username, defaults={"role": Role.TEACHER, "school": school}
    )
    if created:
        school_class.teachers.add(teacher)
        pupils = school_class.add_pupils([(f"Kind{i}", "M") for i in range(24)])
        for i in range(size):
            post = _post(school_class, pupils[i % 24], i)
            CommentFactory(post=post, author=pupils[(i + 1) % 24], text=f"Goed gedaan @Kind{(i + 3) % 24}!")
            ReactionFactory(post=post, user=pupils[(i + 2) % 24])
    client = Client()
    client.force_login(teacher)
    return school_class, client


def setup(size):
    shown, shown_client = _class_with_posts(f"MUUR{size}", f"Muur {size}", size, f"bench-wall-teacher-{size}")
    hidden, hidden_client = _class_with_posts(
        f"MUURV{size}", f"Muur verborgen {size}", size, f"bench-wall-hidden-teacher-{size}"
    )
    Wall.objects.update_or_create(school_class=hidden, defaults={"hide_names": True})
    return [
        Page("wall page (teacher)", shown_client, f"/feed/{shown.pk}/muur/", **WALL_PAGE),
        Page("wall page, names hidden (teacher)", hidden_client, f"/feed/{hidden.pk}/muur/", **HIDDEN_NAMES),
    ]
