"""The demo lesson library: coverage of the protocol, credited images, and every view renders."""

from io import StringIO

import pytest
from django.urls import reverse

from home import demo as home_demo
from lessons import demo
from lessons.choices import Audience
from lessons.models import LessonIndexPage, LessonPage, LessonRun


@pytest.fixture
def demo_lessons(db):
    home_demo.seed(StringIO())
    demo.seed(StringIO())
    return list(LessonPage.objects.live().specific().prefetch_related("leren_goals", "themes"))


def test_demo_lessons_cover_the_protocol(demo_lessons):
    assert len(demo_lessons) >= 8
    goals = {goal.code for lesson in demo_lessons for goal in lesson.leren_goals.all()}
    themes = {theme.code for lesson in demo_lessons for theme in lesson.themes.all()}
    assert goals == {"L1", "L2", "L3", "L4"}
    assert {"realtime", "altijd-online", "auteursrecht", "netiquette", "P3", "P4"} <= themes
    assert {"3-4", "5-6", "7-8"} <= {lesson.grade_band for lesson in demo_lessons}


def test_every_demo_lesson_has_steps_a_scenario_a_note_and_credited_images(demo_lessons):
    for lesson in demo_lessons:
        screens = lesson.steps_for(Audience.SMARTBOARD)
        types = [step.block_type for step in lesson.steps]
        assert 5 <= len(screens) <= 10, lesson.title
        assert "scenario_card" in types, lesson.title
        assert "teacher_note" in types, lesson.title
        assert types[0] == "discussion_question", lesson.title
        for step in lesson.steps:
            if "image" in step.value:
                credit = step.value["image"]
                assert credit["maker"] and credit["source"] and credit["licence"], lesson.title
                # The stored value passes the same validation an editor's value must pass.
                step.block.child_blocks["image"].clean(credit)


def test_demo_lessons_render_in_every_view(client, demo_lessons, school_class, teacher, pupil):
    client.force_login(teacher)
    assert client.get(LessonIndexPage.objects.get().url).status_code == 200
    for lesson in demo_lessons:
        assert client.get(lesson.url).status_code == 200, lesson.title
        assert client.get(reverse("lessons:smartboard", args=[lesson.pk])).status_code == 200
        assert client.get(reverse("lessons:presenter", args=[lesson.pk])).status_code == 200
    run = LessonRun.start(teacher, school_class, demo_lessons[0])
    client.force_login(pupil)
    assert client.get(reverse("lessons:pupil_view", args=[run.pk])).status_code == 200


def test_demo_lessons_seed_is_idempotent(demo_lessons):
    demo.seed(StringIO())
    assert LessonPage.objects.count() == len(demo_lessons)
    assert LessonIndexPage.objects.count() == 1


def test_demo_library_sits_at_lessen_under_the_home_page(demo_lessons):
    index = LessonIndexPage.objects.get()
    assert index.url == "/lessen/"
    assert index.get_parent().specific_class.__name__ == "HomePage"
