"""The lesson smartboard page (`/les/<id>/smartbord/`) as the lesson's teacher: a lesson shaped like the first demo
lesson (questions, teacher notes, text with image, a scenario card, an image, an H5P activity before the wrap-up
and an "opdracht in de feed"), once without a running lesson and once in a running lesson whose feed assignment
has 28 approved answers. Goal from issue 15: at most 2x a minimal Wagtail page's time."""

import wagtail_factories
from django.test import Client
from wagtail.models import Page as WagtailPage

from accounts.choices import Role
from accounts.models import School, SchoolClass, User
from accounts.roles import apply_role
from h5p.storage import import_package
from home.models import HomePage
from lessons.demo import LESSONS
from lessons.models import LessonPage, LessonRun
from sandbox_feed.assignments import post_assignment
from tests.h5p.packages import own_package
from tests.lessons.factories import make_lesson
from tests.sandbox_feed.factories import CommentFactory

from .cases import WAGTAIL_PAGE, Page

SIZES = [1]
SMARTBOARD = {"baseline": WAGTAIL_PAGE, "max_times": 2}
DEMO = LESSONS[0]  # "Eén klik en het staat online": every kind of step the demo lessons use but video
PUPILS = 28


def _user(username, role, school):
    user, created = User.objects.get_or_create(
        username=username, defaults={"role": role, "school": school, "first_name": "Els", "last_name": "Bank"}
    )
    if created:
        apply_role(user)
    return user


def _demo_steps(activity):
    """The demo lesson's steps with a picture of its own per image, and the H5P activity before the wrap-up (as
    lessons.demo does)."""
    images = {}
    steps = []
    for block_type, value in DEMO["steps"]:
        value = dict(value)
        if "image" in value:
            key = value["image"]["image"]
            if key not in images:
                images[key] = wagtail_factories.ImageFactory(title=f"Bench {key}")
            value["image"] = {**value["image"], "image": images[key]}
        steps.append((block_type, value))
    return [*steps[:-1], ("h5p_activity", {"activity": activity, "intro": "Speel het spel."}), steps[-1]]


def _lessons(school):
    found = list(LessonPage.objects.filter(slug__startswith="bench-smartbord").order_by("slug"))
    if found:
        return found
    if not HomePage.objects.exists():
        # make_lesson's home page; made here so the default site (and the minimal Wagtail page) stays as it is.
        WagtailPage.get_first_root_node().add_child(instance=HomePage(title="Oefenfeed", slug="oefenfeed-bench"))
    coordinator = _user("bench-smartboard-coordinator", Role.COORDINATOR, school)
    activity = import_package(own_package(), user=coordinator, title="Zou jij dit posten?")
    steps = _demo_steps(activity)
    return [
        make_lesson(title=f"{DEMO['title']} ({slug})", slug=slug, steps=steps)
        for slug in ("bench-smartbord-les", "bench-smartbord-ronde")
    ]


def setup(size):
    school, _ = School.objects.get_or_create(name="Benchschool")
    teacher = _user("bench-smartboard-teacher", Role.TEACHER, school)
    school_class, created = SchoolClass.objects.get_or_create(
        join_code="SMARTBORD", defaults={"name": "Smartbord", "groep": 6, "school": school}
    )
    lesson, running_lesson = _lessons(school)
    if created:
        school_class.teachers.add(teacher)
        pupils = school_class.add_pupils([(f"Kind{i}", "S") for i in range(PUPILS)])
        run = LessonRun.start(teacher, school_class, running_lesson)
        step = next(step for step in running_lesson.steps if step.block_type == "feed_assignment")
        assignment, _created = post_assignment(run, step.id, step.value["prompt"], teacher)
        for i, pupil in enumerate(pupils):
            CommentFactory(post=assignment.post, author=pupil, text=f"Ik tel eerst tot tien, @Kind{(i + 1) % PUPILS}.")
    client = Client()
    client.force_login(teacher)
    return [
        Page("lesson smartboard (teacher)", client, f"/les/{lesson.pk}/smartbord/", **SMARTBOARD),
        Page("lesson smartboard, running (teacher)", client, f"/les/{running_lesson.pk}/smartbord/", **SMARTBOARD),
    ]
