"""An H5P activity is a lesson step: pupils play it in the pupil view of a running lesson."""

import pytest
from django.urls import reverse

from h5p.storage import import_package
from lessons.models import LessonRun
from tests.h5p.packages import own_package
from tests.lessons.factories import default_steps, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p"


@pytest.fixture
def lesson_with_activity(coordinator):
    activity = import_package(own_package(), user=coordinator, title="Oefenquiz")
    steps = default_steps()
    steps.insert(-1, ("h5p_activity", {"activity": activity, "intro": "Speel de quiz."}))
    return make_lesson(steps=steps), activity


def test_pupil_view_of_a_running_lesson_holds_the_h5p_player(
    client, teacher, pupil, school_class, lesson_with_activity
):
    lesson, activity = lesson_with_activity
    run = LessonRun.start(teacher, school_class, lesson)
    client.force_login(pupil)
    body = client.get(reverse("lessons:pupil_view", args=[run.pk])).content.decode()
    assert "Speel de quiz." in body
    assert f"/h5p/{activity.pk}/" in body
    assert "h5p-standalone" in body


def test_an_h5p_step_needs_an_activity(lesson_with_activity):
    from wagtail.blocks import StreamBlockValidationError

    from lessons.blocks import LessonStepBlock

    block = LessonStepBlock()
    value = block.to_python([{"type": "h5p_activity", "value": {"activity": None, "intro": ""}}])
    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(value)
    messages = str(refused.value.block_errors[0].as_json_data())
    assert "Dit is een verplicht veld." in messages


def test_demo_lessons_carry_the_demo_h5p_activities(settings):
    from io import StringIO

    from h5p import demo as h5p_demo
    from home import demo as home_demo
    from lessons import demo as lessons_demo
    from lessons.models import LessonPage

    home_demo.seed(StringIO())
    h5p_demo.seed(StringIO())
    lessons_demo.seed(StringIO())
    with_activity = {
        lesson.slug: [step.value["activity"].title for step in lesson.steps if step.block_type == "h5p_activity"]
        for lesson in LessonPage.objects.specific()
    }
    assert with_activity["een-klik-en-het-staat-online"] == ["Zou jij dit posten?"]
    assert with_activity["je-digitale-voetafdruk"] == ["Quiz: denk na voor je post"]
    assert with_activity["mag-ik-jouw-foto-delen"] == ["Vraag: een foto van een klasgenoot"]
