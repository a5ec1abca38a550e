"""A lesson run: a teacher starts it for an own class, pupils see it, ending records it."""

import pytest
from django.urls import reverse

from lessons.models import LessonRun


def test_lesson_run_lifecycle(client, teacher, pupil, outsider_pupil, school_class, lesson):
    client.force_login(teacher)
    response = client.post(reverse("lessons:start_run", args=[lesson.pk]), {"school_class": school_class.pk})
    assert response.status_code == 302
    run = LessonRun.objects.get()
    assert (run.teacher, run.school_class, run.lesson, run.lesson_title) == (
        teacher,
        school_class,
        lesson,
        lesson.title,
    )
    assert run.is_running

    client.force_login(pupil)
    start = client.get(reverse("home:pupil")).content.decode()
    assert "Nu in de les" in start
    assert reverse("lessons:pupil_view", args=[run.pk]) in start

    client.force_login(outsider_pupil)
    assert "Nu in de les" not in client.get(reverse("home:pupil")).content.decode()

    client.force_login(teacher)
    assert client.post(reverse("lessons:end_run", args=[run.pk])).status_code == 302
    run.refresh_from_db()
    assert run.ended_at is not None
    assert list(LessonRun.objects.finished().filter(school_class=school_class)) == [run]

    client.force_login(pupil)
    assert "Nu in de les" not in client.get(reverse("home:pupil")).content.decode()


def test_teacher_cannot_start_a_lesson_for_another_class(client, teacher, other_class, lesson):
    client.force_login(teacher)
    response = client.post(reverse("lessons:start_run", args=[lesson.pk]), {"school_class": other_class.pk})
    assert response.status_code == 404
    assert not LessonRun.objects.exists()


def test_starting_without_a_class_explains_what_to_do(client, teacher, school_class, lesson):
    client.force_login(teacher)
    response = client.post(reverse("lessons:start_run", args=[lesson.pk]), {"school_class": ""}, follow=True)
    assert "Kies eerst de klas" in response.content.decode()
    assert not LessonRun.objects.exists()


def test_starting_is_post_only_and_ending_asks_first(client, teacher, school_class, lesson):
    client.force_login(teacher)
    assert client.get(reverse("lessons:start_run", args=[lesson.pk])).status_code == 405
    run = LessonRun.start(teacher, school_class, lesson)
    response = client.get(reverse("lessons:end_run", args=[run.pk]))
    assert response.status_code == 200
    assert "Ja, les afsluiten" in response.content.decode()
    run.refresh_from_db()
    assert run.is_running


def test_pupil_cannot_start_a_lesson(client, pupil, school_class, lesson):
    client.force_login(pupil)
    response = client.post(reverse("lessons:start_run", args=[lesson.pk]), {"school_class": school_class.pk})
    assert response.status_code == 404
    assert not LessonRun.objects.exists()


def test_teacher_cannot_end_another_teachers_run(client, other_teacher, teacher, school_class, lesson):
    run = LessonRun.start(teacher, school_class, lesson)
    client.force_login(other_teacher)
    assert client.post(reverse("lessons:end_run", args=[run.pk])).status_code == 404
    run.refresh_from_db()
    assert run.is_running


def test_starting_again_ends_the_lesson_still_running_for_that_class_once_agreed(teacher, school_class, lesson):
    first = LessonRun.start(teacher, school_class, lesson)
    second = LessonRun.start(teacher, school_class, lesson, replace=first.pk)
    first.refresh_from_db()
    assert not first.is_running
    assert list(LessonRun.objects.running()) == [second]


def test_teacher_start_page_links_the_library_and_running_lessons(client, teacher, school_class, lesson):
    LessonRun.start(teacher, school_class, lesson)
    client.force_login(teacher)
    content = client.get(reverse("home:teacher")).content.decode()
    assert "Naar de lessenbibliotheek" in content
    assert lesson.get_parent().url in content
    assert "Les afsluiten" in content


@pytest.mark.parametrize("next_url", ["https://example.com/", "//example.com/"])
def test_ending_never_redirects_off_site(client, teacher, school_class, lesson, next_url):
    run = LessonRun.start(teacher, school_class, lesson)
    client.force_login(teacher)
    response = client.post(reverse("lessons:end_run", args=[run.pk]), {"next": next_url})
    assert response["Location"] == reverse("home:start")
