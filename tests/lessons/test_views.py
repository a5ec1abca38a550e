"""Smartboard, presenter and pupil views: who may open them and what they show."""

import pytest
from django.urls import reverse

from lessons.models import LessonRun
from tests.lessons.factories import NOTE_TEXT


@pytest.fixture
def run(lesson, teacher, school_class):
    return LessonRun.start(teacher, school_class, lesson)


def test_teacher_sees_the_lesson_page_with_its_notes(client, teacher, lesson):
    client.force_login(teacher)
    response = client.get(lesson.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert NOTE_TEXT in content
    assert "L1" in content
    assert "Realtime" in content


def test_smartboard_never_contains_teacher_notes(client, teacher, lesson):
    client.force_login(teacher)
    response = client.get(reverse("lessons:smartboard", args=[lesson.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Een bericht staat meteen online." in content
    assert NOTE_TEXT not in content
    assert content.count("data-slide") == 4


def test_presenter_shows_the_teacher_notes(client, teacher, lesson):
    client.force_login(teacher)
    response = client.get(reverse("lessons:presenter", args=[lesson.pk]))
    assert response.status_code == 200
    assert NOTE_TEXT in response.content.decode()


def test_pupil_view_never_contains_teacher_notes(client, pupil, run):
    client.force_login(pupil)
    response = client.get(reverse("lessons:pupil_view", args=[run.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kijk mijn nieuwe fiets!" in content
    assert NOTE_TEXT not in content


@pytest.mark.parametrize("name", ["lessons:presenter", "lessons:smartboard"])
def test_pupil_cannot_open_presenter_or_smartboard(client, pupil, lesson, name):
    client.force_login(pupil)
    assert client.get(reverse(name, args=[lesson.pk])).status_code == 404


def test_pupil_cannot_open_the_teacher_lesson_page_or_library(client, pupil, lesson):
    client.force_login(pupil)
    assert client.get(lesson.url).status_code == 404
    assert client.get(lesson.get_parent().url).status_code == 404


def test_anonymous_visitor_is_sent_to_the_login(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]


def test_pupil_cannot_open_a_run_for_another_class(client, outsider_pupil, run):
    client.force_login(outsider_pupil)
    assert client.get(reverse("lessons:pupil_view", args=[run.pk])).status_code == 404


def test_pupil_sees_that_an_ended_run_is_over(client, pupil, run):
    run.end()
    client.force_login(pupil)
    assert "De les is afgelopen" in client.get(reverse("lessons:pupil_view", args=[run.pk])).content.decode()


def test_unpublished_lesson_is_not_shown_on_the_smartboard(client, teacher, lesson):
    lesson.unpublish()
    client.force_login(teacher)
    assert client.get(reverse("lessons:smartboard", args=[lesson.pk])).status_code == 404


def test_the_library_address_leads_staff_to_the_lesson_library(client, teacher, lesson):
    client.force_login(teacher)
    response = client.get(reverse("lessons:library"))
    assert response.status_code == 302
    assert response.url == lesson.get_parent().url
    assert 'href="/lessen/bibliotheek/"' in client.get("/leerkracht/").content.decode()
