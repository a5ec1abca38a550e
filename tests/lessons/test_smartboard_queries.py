"""The smartboard of a running lesson reads the same few queries however many pupils answered its feed
assignment, with names shown or hidden on the class's wall."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lessons.models import LessonRun
from sandbox_feed.assignments import post_assignment
from sandbox_feed.models import Wall
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
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
