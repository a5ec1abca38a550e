"""Lesson runs pupils follow: the teacher's step, live events for the class, the end of a lesson, a second
start that asks first, and the history of given lessons."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from h5p.models import H5PAttempt
from lessons.blocks import ScenarioCardBlock
from lessons.choices import Audience
from lessons.models import AlreadyRunning, LessonRun
from sandbox_feed.models import ClassEvent, Post
from tests.factories import PupilFactory
from tests.lessons.factories import NOTE_TEXT, make_lesson
from tests.sandbox_feed.factories import CommentFactory, PostFactory


@pytest.fixture
def run(lesson, teacher, school_class):
    return LessonRun.start(teacher, school_class, lesson)


def kinds(school_class):
    return list(ClassEvent.objects.filter(school_class=school_class).order_by("seq").values_list("kind", flat=True))


def board_ids(lesson):
    return [step.id for step in lesson.steps_for(Audience.SMARTBOARD)]


def step(client, run, block):
    return client.post(reverse("lessons:run_step", args=[run.pk]), {"block": block})


# --- the teacher's step ---------------------------------------------------------------------------------


def test_it_starts_at_the_first_step_and_tells_the_class(run, lesson, school_class):
    assert (run.current_step_id, run.current_step_index, run.step_count) == (board_ids(lesson)[0], 1, 4)
    assert kinds(school_class) == ["lesson_start"]


def test_teacher_moves_the_step_and_the_class_hears_it_once(client, teacher, run, lesson, school_class):
    client.force_login(teacher)
    third = board_ids(lesson)[2]
    response = step(client, run, third)
    assert response.status_code == 200
    assert response.json() == {"step": 3, "of": 4}
    assert step(client, run, third).status_code == 200  # the second window, a retry: nothing new
    run.refresh_from_db()
    assert (run.current_step_id, run.current_step_index, run.steps_reached) == (third, 3, 3)
    assert kinds(school_class) == ["lesson_start", "lesson_step"]

    step(client, run, board_ids(lesson)[1])
    run.refresh_from_db()
    assert (run.current_step_index, run.steps_reached) == (2, 3)  # going back keeps how far the lesson came


@pytest.mark.parametrize("block", ["", "niet-een-stap"])
def test_an_unknown_or_stale_step_is_refused_in_dutch(client, teacher, run, school_class, block):
    client.force_login(teacher)
    response = step(client, run, block)
    assert response.status_code == 400
    assert "hoort niet (meer) bij de les" in response.json()["message"]
    assert kinds(school_class) == ["lesson_start"]


def test_a_teacher_note_is_no_step_to_move_to(client, teacher, run, lesson):
    note = next(child.id for child in lesson.steps if child.block_type == "teacher_note")
    client.force_login(teacher)
    assert step(client, run, note).status_code == 400


def test_an_ended_run_no_longer_moves(client, teacher, run, lesson):
    run.end()
    client.force_login(teacher)
    assert step(client, run, board_ids(lesson)[1]).status_code == 409
    run.refresh_from_db()
    assert run.current_step_index == 1


def test_a_pupil_cannot_move_the_step(client, pupil, run, lesson):
    client.force_login(pupil)
    assert step(client, run, board_ids(lesson)[2]).status_code == 404
    run.refresh_from_db()
    assert run.current_step_index == 1


def test_a_teacher_of_another_class_cannot_move_the_step(client, other_teacher, run, lesson):
    client.force_login(other_teacher)
    assert step(client, run, board_ids(lesson)[2]).status_code == 404


def test_moving_the_step_is_post_only(client, teacher, run):
    client.force_login(teacher)
    assert client.get(reverse("lessons:run_step", args=[run.pk])).status_code == 405


def test_the_smartboard_knows_the_running_lesson_of_the_teachers_class(client, teacher, run, lesson):
    client.force_login(teacher)
    content = client.get(reverse("lessons:smartboard", args=[lesson.pk])).content.decode()
    assert f'data-run-id="{run.pk}"' in content
    assert reverse("lessons:run_step", args=[run.pk]) in content
    assert f'data-start-step="{run.current_step_id}"' in content
    for block_id in board_ids(lesson):
        assert f'data-step-id="{block_id}"' in content
    presenter = client.get(reverse("lessons:presenter", args=[lesson.pk]) + f"?ronde={run.pk}").content.decode()
    assert f'data-run-id="{run.pk}"' in presenter


def test_the_smartboard_without_a_running_lesson_only_presents(client, teacher, run, lesson):
    run.end()
    client.force_login(teacher)
    content = client.get(reverse("lessons:smartboard", args=[lesson.pk])).content.decode()
    assert "data-run-id" not in content


def test_the_smartboard_refuses_another_teachers_run(client, other_teacher, run, lesson):
    client.force_login(other_teacher)
    url = reverse("lessons:smartboard", args=[lesson.pk]) + f"?ronde={run.pk}"
    assert client.get(url).status_code == 404


def test_the_smartboard_refuses_a_run_of_another_lesson(client, teacher, run):
    other = make_lesson("Een andere les", slug="andere-les")
    client.force_login(teacher)
    url = reverse("lessons:smartboard", args=[other.pk]) + f"?ronde={run.pk}"
    assert client.get(url).status_code == 404


# --- the pupil follows ----------------------------------------------------------------------------------


def shown_step(content):
    """The data-step-id of the one pupil step not hidden."""
    import re

    found = re.findall(r'data-pupil-step data-step-id="([^"]+)"\s+aria-label="[^"]*"( hidden)?', content)
    return [block for block, hidden in found if not hidden]


def test_the_pupil_view_shows_where_the_teacher_is(client, teacher, pupil, run, lesson):
    client.force_login(teacher)
    third = board_ids(lesson)[2]
    step(client, run, third)
    client.force_login(pupil)
    content = client.get(reverse("lessons:pupil_view", args=[run.pk])).content.decode()
    assert shown_step(content) == [third]
    assert "De juf of meester is bij stap 3 van 4." in content
    assert 'id="lesronde-stand"' in content
    assert 'data-regions="lesronde-stand"' in content
    assert f'data-seqs="{run.school_class_id}:' in content
    assert NOTE_TEXT not in content


def test_a_pupil_may_look_back_but_not_ahead(client, teacher, pupil, run, lesson):
    ids = board_ids(lesson)
    client.force_login(teacher)
    step(client, run, ids[2])
    client.force_login(pupil)
    url = reverse("lessons:pupil_view", args=[run.pk])
    assert shown_step(client.get(url, {"stap": ids[0]}).content.decode()) == [ids[0]]
    assert shown_step(client.get(url, {"stap": ids[3]}).content.decode()) == [ids[2]]


def test_a_step_pupils_do_not_see_shows_them_the_one_before(client, teacher, pupil, run, lesson, monkeypatch):
    monkeypatch.setattr(ScenarioCardBlock, "pupil_visible", False, raising=False)
    ids = board_ids(lesson)
    scenario = next(child.id for child in lesson.steps if child.block_type == "scenario_card")
    client.force_login(teacher)
    step(client, run, scenario)
    client.force_login(pupil)
    content = client.get(reverse("lessons:pupil_view", args=[run.pk])).content.decode()
    assert shown_step(content) == [ids[1]]
    assert "Kijk mijn nieuwe fiets!" not in content


def test_a_pupil_of_another_class_gets_a_404(client, outsider_pupil, run):
    client.force_login(outsider_pupil)
    assert client.get(reverse("lessons:pupil_view", args=[run.pk])).status_code == 404
    run.end()
    assert client.get(reverse("lessons:pupil_view", args=[run.pk])).status_code == 404


def test_a_teacher_does_not_open_the_pupil_view(client, teacher, run):
    client.force_login(teacher)
    assert client.get(reverse("lessons:pupil_view", args=[run.pk])).status_code == 403


# --- the end --------------------------------------------------------------------------------------------


@pytest.fixture
def activity(coordinator, settings, tmp_path):
    from h5p.storage import import_package
    from tests.h5p.packages import own_package

    settings.H5P_ROOT = tmp_path / "h5p"
    return import_package(own_package(), user=coordinator)


def test_the_ended_page_shows_what_the_pupil_did_in_the_lesson(client, teacher, pupil, school_class, lesson, activity):
    earlier = PostFactory(school_class=school_class, author=pupil, text="Van gisteren")
    Post.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - timedelta(days=1))
    old_try = H5PAttempt.objects.create(content=activity, user=pupil, number=1, raw_score=1, max_score=4)
    H5PAttempt.objects.filter(pk=old_try.pk).update(created_at=timezone.now() - timedelta(days=1))
    run = LessonRun.start(teacher, school_class, lesson)
    post = PostFactory(school_class=school_class, author=pupil, text="Ik deel nooit mijn adres")
    CommentFactory(post=post, author=pupil, text="Dat vind ik slim")
    H5PAttempt.objects.create(content=activity, user=pupil, number=2, raw_score=3, max_score=4)
    PostFactory(school_class=school_class, author=PupilFactory(), text="Van een ander")
    client.force_login(teacher)
    assert client.post(reverse("lessons:end_run", args=[run.pk])).status_code == 302
    assert kinds(school_class) == ["lesson_start", "lesson_end"]

    client.force_login(pupil)
    response = client.get(reverse("lessons:pupil_view", args=[run.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "De les is afgelopen" in content
    assert 'id="lesronde-stand"' in content
    assert "Ik deel nooit mijn adres" in content
    assert "Dat vind ik slim" in content
    assert "Van gisteren" not in content
    assert "Van een ander" not in content
    assert activity.title in content
    assert "Poging 2: score 75%" in content
    assert "Poging 1" not in content


def test_ending_asks_first_with_a_summary(client, teacher, pupil, run, lesson, school_class):
    client.force_login(teacher)
    step(client, run, board_ids(lesson)[1])
    PostFactory(school_class=school_class, author=pupil, text="Mijn antwoord")
    response = client.get(reverse("lessons:end_run", args=[run.pk]))
    content = response.content.decode()
    assert "2 van 4" in content
    assert "Antwoorden in de feed</dt><dd>1</dd>" in content
    assert "Ja, les afsluiten" in content
    assert f'action="{reverse("lessons:end_run", args=[run.pk])}"' in content
    run.refresh_from_db()
    assert run.is_running
    assert "lesson_end" not in kinds(school_class)


def test_ending_twice_ends_once(client, teacher, run, school_class):
    client.force_login(teacher)
    client.post(reverse("lessons:end_run", args=[run.pk]))
    response = client.post(reverse("lessons:end_run", args=[run.pk]), follow=True)
    assert "al afgesloten" in response.content.decode()
    assert kinds(school_class) == ["lesson_start", "lesson_end"]


def test_another_teacher_cannot_see_the_end_confirmation(client, other_teacher, run):
    client.force_login(other_teacher)
    assert client.get(reverse("lessons:end_run", args=[run.pk])).status_code == 404


# --- a second start -------------------------------------------------------------------------------------


def test_a_second_start_asks_before_ending_the_running_lesson(client, teacher, school_class, run):
    second = make_lesson("Je digitale voetafdruk", slug="voetafdruk")
    client.force_login(teacher)
    url = reverse("lessons:start_run", args=[second.pk])
    response = client.post(url, {"school_class": school_class.pk})
    assert response.status_code == 409
    content = response.content.decode()
    assert f"Er loopt al een les voor deze klas: {run.lesson_title}. Die afsluiten en deze starten?" in content
    assert f'name="replace" value="{run.pk}"' in content
    assert list(LessonRun.objects.running()) == [run]

    response = client.post(url, {"school_class": school_class.pk, "replace": run.pk})
    assert response.status_code == 302
    run.refresh_from_db()
    assert not run.is_running
    assert LessonRun.objects.running().get().lesson.pk == second.pk
    assert kinds(school_class) == ["lesson_start", "lesson_end", "lesson_start"]


def test_agreeing_to_end_a_lesson_that_was_replaced_meanwhile_asks_again(client, teacher, school_class, run, lesson):
    client.force_login(teacher)
    newer = LessonRun.start(teacher, school_class, lesson, replace=run.pk)
    response = client.post(
        reverse("lessons:start_run", args=[lesson.pk]), {"school_class": school_class.pk, "replace": run.pk}
    )
    assert response.status_code == 409
    assert list(LessonRun.objects.running()) == [newer]


def test_two_teachers_starting_at_once_give_one_run_and_a_clear_message(
    client, teacher, other_teacher, school_class, lesson, monkeypatch
):
    school_class.teachers.add(other_teacher)
    first = LessonRun.start(other_teacher, school_class, lesson)
    # The second start looked before the first one was stored: the database's constraint catches it.
    monkeypatch.setattr(LessonRun, "running_for", classmethod(lambda cls, school_class: None))
    with pytest.raises(AlreadyRunning):
        LessonRun.start(teacher, school_class, lesson)
    monkeypatch.undo()
    monkeypatch.setattr(
        LessonRun,
        "running_for",
        classmethod(lambda cls, klass, calls=[]: calls.append(1) or (None if len(calls) == 1 else first)),
    )
    client.force_login(teacher)
    response = client.post(reverse("lessons:start_run", args=[lesson.pk]), {"school_class": school_class.pk})
    assert response.status_code == 409
    assert "Er loopt al een les voor deze klas" in response.content.decode()
    assert list(LessonRun.objects.running()) == [first]
    assert kinds(school_class) == ["lesson_start"]


# --- "Nu in de les" -------------------------------------------------------------------------------------


def test_the_pupil_start_page_follows_the_class_live(client, pupil, school_class, run):
    client.force_login(pupil)
    content = client.get(reverse("home:pupil")).content.decode()
    assert 'id="lesronde-banner"' in content
    assert 'data-regions="lesronde-banner"' in content
    assert f'data-seqs="{school_class.pk}:1"' in content
    assert reverse("lessons:pupil_view", args=[run.pk]) in content
    assert "sandbox_feed/feed.js" in content


def test_the_class_feed_shows_the_running_lesson(client, pupil, teacher, school_class, run):
    client.force_login(pupil)
    content = client.get(reverse("sandbox_feed:feed", args=[school_class.pk])).content.decode()
    assert f"Nu in de les: {run.lesson_title}" in content
    assert reverse("lessons:pupil_view", args=[run.pk]) in content
    assert "berichten-lijst,lesronde-banner" in content
    run.end()
    content = client.get(reverse("sandbox_feed:feed", args=[school_class.pk])).content.decode()
    assert 'id="lesronde-banner"' in content
    assert "Nu in de les:" not in content


# --- history --------------------------------------------------------------------------------------------


def given(teacher, school_class, lesson, days_ago, pupils, answers):
    """A run that ran `days_ago` for an hour, with `answers` posts and comments by the pupils in it."""
    started = timezone.now() - timedelta(days=days_ago)
    run = LessonRun.objects.create(
        teacher=teacher,
        school_class=school_class,
        lesson=lesson,
        lesson_title=lesson.title,
        started_at=started,
        ended_at=started + timedelta(hours=1),
        steps_reached=3,
        step_count=4,
    )
    for number in range(answers):
        post = PostFactory(school_class=school_class, author=pupils[number % len(pupils)])
        comment = CommentFactory(post=post, author=pupils[0])
        Post.objects.filter(pk=post.pk).update(created_at=started + timedelta(minutes=10))
        type(comment).objects.filter(pk=comment.pk).update(created_at=started + timedelta(minutes=20))
    return run


def test_history_lists_given_lessons_with_steps_and_answers(client, teacher, school_class, lesson, pupils):
    given(teacher, school_class, lesson, 2, pupils, answers=2)
    # Outside any run: not counted.
    PostFactory(school_class=school_class, author=pupils[0])
    client.force_login(teacher)
    response = client.get(reverse("lessons:run_history", args=[school_class.pk]))
    content = response.content.decode()
    assert lesson.title in content
    assert "3 van 4" in content
    assert "4 in de feed" in content
    assert "0 H5P-pogingen" in content


@pytest.mark.parametrize("who", ["other_teacher", "pupil"])
def test_history_is_for_the_class_teachers_only(client, school_class, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("lessons:run_history", args=[school_class.pk])).status_code in (403, 404)


def test_history_queries_do_not_grow_with_the_runs(client, teacher, school_class, lesson, pupils):
    client.force_login(teacher)
    url = reverse("lessons:run_history", args=[school_class.pk])
    given(teacher, school_class, lesson, 10, pupils, answers=1)
    client.get(url)  # warm the session and the content-type cache
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for days in range(1, 8):
        given(teacher, school_class, lesson, days, pupils, answers=3)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).content.decode().count("<tr>") == 1 + 8
    assert len(large) == len(small)


def test_the_history_tag_shows_the_last_lessons_to_teachers_only(rf, teacher, other_teacher, school_class, lesson):
    from django.template import Context, Template

    for days in range(1, 8):
        given(teacher, school_class, lesson, days, [], answers=0)
    template = Template("{% load lessons_tags %}{% run_history school_class limit=5 %}")
    shown = template.render(Context({"user": teacher, "school_class": school_class}))
    assert shown.count("<tr>") == 1 + 5
    assert reverse("lessons:run_history", args=[school_class.pk]) in shown
    with CaptureQueriesContext(connection) as queries:
        hidden = template.render(Context({"user": other_teacher, "school_class": school_class}))
    assert "<tr>" not in hidden
    assert len(queries) == 1
