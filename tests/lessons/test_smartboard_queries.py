"""The smartboard of a running lesson reads the same few queries however many pupils answered its feed
assignment, with names shown or hidden on the class's wall; its H5P and feed assignment steps read as few as
they need (issue 15: the smartboard at most 2x a minimal Wagtail page)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from h5p.storage import import_package
from lessons.models import LessonRun
from sandbox_feed.assignments import post_assignment, step_context
from sandbox_feed.choices import PostStatus
from sandbox_feed.models import Wall
from tests.factories import CoordinatorFactory, PupilFactory, SchoolClassFactory, TeacherFactory
from tests.h5p.packages import own_package
from tests.lessons.factories import make_lesson
from tests.sandbox_feed.factories import CommentFactory

pytestmark = pytest.mark.django_db

PROMPT = "Wat doe jij voordat je iets plaatst?"


def smartboard_queries(client, lesson):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("lessons:smartboard", args=[lesson.pk]))
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("hide_names", [False, True])
def test_the_smartboard_reads_as_much_for_few_and_many_answers(client, library, hide_names):
    teacher = TeacherFactory()
    pupils = PupilFactory.create_batch(12)
    school_class = SchoolClassFactory(teachers=[teacher], pupils=pupils)
    if hide_names:
        Wall.objects.create(school_class=school_class, hide_names=True)
    lesson = make_lesson(
        steps=[
            ("discussion_question", {"question": "Wat weet je al?", "prompts": []}),
            ("feed_assignment", {"prompt": PROMPT, "teacher_hint": ""}),
        ]
    )
    run = LessonRun.start(teacher, school_class, lesson)
    assignment, _created = post_assignment(run, lesson.steps[1].id, PROMPT, teacher)
    client.force_login(teacher)

    CommentFactory(post=assignment.post, author=pupils[0], text="Eerst tot tien tellen")
    few, html = smartboard_queries(client, lesson)
    assert "Eerst tot tien tellen" in html
    for pupil in pupils[1:]:
        CommentFactory(post=assignment.post, author=pupil, text=f"Antwoord van {pupil.pk}")
    many, html = smartboard_queries(client, lesson)
    assert f"Antwoord van {pupils[-1].pk}" in html
    assert ("Leerling A" in html) is hide_names
    assert few == many


@pytest.fixture
def running(library, settings, tmp_path):
    """A running lesson with an H5P activity of the teacher's own school and a feed assignment."""
    settings.H5P_ROOT = tmp_path / "h5p"
    teacher = TeacherFactory()
    pupils = PupilFactory.create_batch(3)
    school_class = SchoolClassFactory(school=teacher.school, teachers=[teacher], pupils=pupils)
    activity = import_package(own_package(), user=CoordinatorFactory(school=teacher.school), title="Oefenquiz")
    lesson = make_lesson(
        steps=[
            ("discussion_question", {"question": "Wat weet je al?", "prompts": []}),
            ("feed_assignment", {"prompt": PROMPT, "teacher_hint": ""}),
            ("h5p_activity", {"activity": activity, "intro": "Speel de quiz."}),
        ]
    )
    run = LessonRun.start(teacher, school_class, lesson)
    return teacher, pupils, lesson, run


def test_the_running_smartboard_with_h5p_and_answers_reads_nine_queries(client, running, django_assert_num_queries):
    teacher, pupils, lesson, run = running
    assignment, _created = post_assignment(run, lesson.steps[1].id, PROMPT, teacher)
    for pupil in pupils:
        CommentFactory(post=assignment.post, author=pupil, text=f"Antwoord van {pupil.pk}")
    client.force_login(teacher)
    # Session, user, lesson, run (with the class's wall), the H5P activity; the feed step: the class's number
    # and the answers; the H5P step: whether the activity is limited to classes and the saved state.
    with django_assert_num_queries(9):
        response = client.get(reverse("lessons:smartboard", args=[lesson.pk]))
    html = response.content.decode()
    assert f"Antwoord van {pupils[-1].pk}" in html and "data-h5p-frame-src" in html


def board_step(rf, run, lesson):
    request = rf.get(reverse("lessons:smartboard", args=[lesson.pk]))
    return step_context("board", request, run, lesson.steps[1].id, lesson.steps)


def test_the_feed_step_reads_its_answers_with_the_class_number_in_two_queries(rf, running, django_assert_num_queries):
    teacher, pupils, lesson, run = running
    assignment, _created = post_assignment(run, lesson.steps[1].id, PROMPT, teacher)
    CommentFactory(post=assignment.post, author=pupils[0], text="Eerst tot tien tellen")
    run = LessonRun.objects.select_related("school_class__feed_wall").get(pk=run.pk)
    with django_assert_num_queries(2):
        context = board_step(rf, run, lesson)
    assert context["posted"] is True
    assert [answer.wall_text for answer in context["answers"]] == ["Eerst tot tien tellen"]


@pytest.mark.parametrize("hide_names", [False, True])
def test_the_feed_step_tells_posted_without_answers_from_not_posted(rf, running, django_assert_num_queries, hide_names):
    teacher, pupils, lesson, run = running
    if hide_names:
        Wall.objects.create(school_class=run.school_class, hide_names=True)
    run = LessonRun.objects.select_related("school_class__feed_wall").get(pk=run.pk)
    with django_assert_num_queries(3):
        context = board_step(rf, run, lesson)
    assert context["posted"] is False and context["answers"] == []
    assignment, _created = post_assignment(run, lesson.steps[1].id, PROMPT, teacher)
    # A waiting answer and one on another post are no answers to this step.
    CommentFactory(post=assignment.post, author=pupils[0], text="Nog niet goedgekeurd", status=PostStatus.PENDING)
    other = post_assignment(run, "een-andere-stap", "Iets anders", teacher)[0]
    CommentFactory(post=other.post, author=pupils[1], text="Bij een andere opdracht")
    with django_assert_num_queries(3):
        context = board_step(rf, run, lesson)
    assert context["posted"] is True and context["answers"] == []
