"""A class of a closed school year (privacy.schoolyear archives it) is history everywhere: a pupil who is still
listed in it sees nothing of it, no lesson starts for it, its teachers read its feed without a way to write,
and their class list shows it apart from this year's classes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.models import LessonRun
from sandbox_feed.models import Persona, Post
from tests.factories import SchoolClassFactory, TeacherFactory
from tests.lessons.factories import make_lesson
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(db):
    return make_lesson()


@pytest.fixture
def archived(school_class):
    """Last year's class: the pupils stay listed in it (as the close leaves them), the class is archived."""
    post = PostFactory(school_class=school_class, author=school_class.pupils.last(), text="Vorig jaar geschreven")
    comment = CommentFactory(post=post, author=school_class.pupils.last(), text="Oude reactie")
    school_class.archived_at = timezone.now()
    school_class.save(update_fields=["archived_at"])
    return school_class, post, comment


def test_a_pupil_still_listed_sees_nothing_of_the_archived_class(client, pupil, archived):
    _school_class, post, comment = archived
    assert not Post.objects.visible_to(pupil).filter(pk=post.pk).exists()
    client.force_login(pupil)
    assert client.get(reverse("sandbox_feed:versions", args=[post.pk])).status_code == 404
    assert client.post(reverse("sandbox_feed:report_comment", args=[comment.pk]), {"reason": "mean"}).status_code == 404


def test_a_teacher_still_sees_the_archived_posts(teacher, archived):
    _school_class, post, _comment = archived
    assert Post.objects.visible_to(teacher).filter(pk=post.pk).exists()


def test_no_lesson_starts_for_an_archived_class_and_its_runs_are_gone_for_pupils(
    client, teacher, pupil, lesson, archived
):
    school_class, _post, _comment = archived
    old_run = LessonRun.objects.create(teacher=teacher, school_class=school_class, lesson=lesson, lesson_title="Oud")
    old_run.ended_at = timezone.now()
    old_run.save()
    assert not LessonRun.objects.for_pupil(pupil).exists()
    client.force_login(teacher)
    response = client.post(reverse("lessons:start_run", args=[lesson.pk]), {"school_class": school_class.pk})
    assert response.status_code == 404
    assert LessonRun.objects.running().count() == 0
    page = client.get(lesson.url)
    assert school_class not in list(page.context["classes"])


def test_a_duo_colleague_sees_the_run_the_other_teacher_started(client, school, school_class, lesson):
    colleague = TeacherFactory(school=school)
    school_class.teachers.add(colleague)
    run = LessonRun.objects.create(
        teacher=school_class.teachers.exclude(pk=colleague.pk).get(),
        school_class=school_class,
        lesson=lesson,
        lesson_title=lesson.title,
    )
    client.force_login(colleague)
    assert list(client.get(lesson.url).context["open_runs"]) == [run]


def test_the_teachers_feed_says_it_is_closed_and_offers_no_composer(client, teacher, archived):
    school_class, _post, _comment = archived
    client.force_login(teacher)
    html = client.get(reverse("sandbox_feed:feed", args=[school_class.pk])).content.decode()
    assert "Dit schooljaar is afgesloten." in html
    assert 'aria-labelledby="plaatsen"' not in html  # the composer
    assert reverse("sandbox_feed:park", args=[school_class.pk]) not in html


def test_practice_accounts_and_settings_cannot_change(client, teacher, archived):
    school_class, _post, _comment = archived
    client.force_login(teacher)
    response = client.post(
        reverse("sandbox_feed:personas", args=[school_class.pk]), {"name": "Nepnieuws", "kind": "news"}
    )
    assert response.status_code == 403
    assert not Persona.objects.filter(school_class=school_class).exists()
    response = client.post(
        reverse("sandbox_feed:settings", args=[school_class.pk]), {"posts_per_minute": "9", "preview_before_post": ""}
    )
    assert response.status_code == 403
    assert client.get(reverse("sandbox_feed:personas", args=[school_class.pk])).status_code == 200


def test_the_class_list_shows_closed_years_apart(client, school, teacher, archived):
    school_class, _post, _comment = archived
    current = SchoolClassFactory(school=school, name="Groep 8B", groep=8, join_code="G8BTST", teachers=[teacher])
    client.force_login(teacher)
    response = client.get(reverse("accounts:class_list"))
    assert list(response.context["classes"]) == [current]
    assert list(response.context["archived_classes"]) == [school_class]
    assert "Afgesloten schooljaren" in response.content.decode()
