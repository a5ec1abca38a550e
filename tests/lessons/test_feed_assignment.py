"""The lesson step "opdracht in de feed": it renders everywhere (the teacher's hint only for the teacher), the
smartboard posts its prompt into the class feed once per run and step however often it asks, pupils' approved
comments show on the step, and only the run's teachers can post it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lessons.blocks import FeedAssignmentBlock
from lessons.demo import LESSONS
from lessons.models import LessonRun
from sandbox_feed.choices import PostKind, PostStatus
from sandbox_feed.models import FeedAssignment, Post, Wall
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.lessons.factories import make_lesson
from tests.sandbox_feed.factories import CommentFactory

pytestmark = pytest.mark.django_db

PROMPT = "Schrijf een reactie die iemand helpt in plaats van kwetst."
HINT = "Geheime tip: begin met een voorbeeld."


@pytest.fixture
def classroom(library):
    teacher = TeacherFactory(first_name="Ineke", last_name="de Vries")
    sanne = PupilFactory(first_name="Sanne", initial="B")
    daan = PupilFactory(first_name="Daan", initial="K")
    school_class = SchoolClassFactory(name="Groep 6", teachers=[teacher], pupils=[sanne, daan])
    lesson = make_lesson(
        steps=[
            ("discussion_question", {"question": "Wat weet je al?", "prompts": []}),
            ("feed_assignment", {"prompt": PROMPT, "teacher_hint": HINT}),
            ("discussion_question", {"question": "Wat neem je mee?", "prompts": []}),
        ]
    )
    block_id = lesson.steps[1].id
    return teacher, sanne, daan, school_class, lesson, block_id


def post_url(run):
    return reverse("sandbox_feed:assignment_post", args=[run.pk])


def smartboard(client, teacher, lesson):
    client.force_login(teacher)
    response = client.get(reverse("lessons:smartboard", args=[lesson.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_block_needs_a_prompt_of_at_most_500_characters():
    block = FeedAssignmentBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"prompt": "   ", "teacher_hint": ""}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"prompt": "x" * 501, "teacher_hint": ""}))
    assert block.clean(block.to_python({"prompt": PROMPT, "teacher_hint": ""}))["prompt"] == PROMPT


def test_without_a_running_lesson_the_smartboard_shows_the_prompt_and_how_to_start(client, classroom):
    teacher, _sanne, _daan, _school_class, lesson, _block_id = classroom
    html = smartboard(client, teacher, lesson)
    assert PROMPT in html
    assert "Start de les om deze opdracht in de feed te zetten." in html
    assert HINT not in html  # the class looks at the smartboard
    assert "data-feed-assignment" not in html


def test_the_teacher_reads_the_hint_on_the_lesson_page_and_in_the_presenter(client, classroom):
    teacher, _sanne, _daan, _school_class, lesson, _block_id = classroom
    client.force_login(teacher)
    for url in (lesson.url, reverse("lessons:presenter", args=[lesson.pk])):
        html = client.get(url).content.decode()
        assert PROMPT in html and HINT in html, url


def test_in_a_running_lesson_the_smartboard_carries_the_form_and_follows_the_class(client, classroom):
    teacher, _sanne, _daan, school_class, lesson, block_id = classroom
    run = LessonRun.start(teacher, school_class, lesson)
    html = smartboard(client, teacher, lesson)
    assert f'action="{post_url(run)}"' in html
    assert f'name="block_id" value="{block_id}"' in html
    assert "lessons/feed_assignment.js" in html and "sandbox_feed/feed.js" in html
    assert f'data-regions="opdracht-{block_id}"' in html and f'id="opdracht-{block_id}"' in html
    assert HINT not in html


def test_repeated_posts_make_one_pinned_post_per_run_and_step(client, classroom):
    teacher, _sanne, _daan, school_class, lesson, block_id = classroom
    other_teacher = TeacherFactory()
    school_class.teachers.add(other_teacher)
    run = LessonRun.start(teacher, school_class, lesson)
    client.force_login(teacher)
    for _attempt in range(3):
        response = client.post(post_url(run), {"block_id": block_id}, headers={"X-Requested-With": "fetch"})
        assert response.status_code == 200
    client.force_login(other_teacher)  # a second smartboard, logged in as the other teacher of the class
    assert client.post(post_url(run), {"block_id": block_id}).status_code == 302

    post = Post.objects.get(school_class=school_class)
    assert post.plain_text == PROMPT
    assert post.pinned and post.kind == PostKind.ANNOUNCEMENT and post.status == PostStatus.VISIBLE
    assert post.author == teacher
    assert FeedAssignment.objects.get().post == post

    # The next run of the same lesson gets its own post.
    run.end()
    second = LessonRun.start(teacher, school_class, lesson)
    client.force_login(teacher)
    client.post(post_url(second), {"block_id": block_id})
    assert Post.objects.filter(school_class=school_class).count() == 2


def test_pupils_approved_answers_show_on_the_step(client, classroom):
    teacher, sanne, daan, school_class, lesson, block_id = classroom
    run = LessonRun.start(teacher, school_class, lesson)
    client.force_login(teacher)
    client.post(post_url(run), {"block_id": block_id})
    prompt = Post.objects.get()
    CommentFactory(post=prompt, author=sanne, text="Goed dat je het vraagt, Daan!")
    CommentFactory(post=prompt, author=daan, text="Wacht nog even", status=PostStatus.PENDING)
    CommentFactory(post=prompt, author=daan, text="Verborgen antwoord", status=PostStatus.HIDDEN)

    html = smartboard(client, teacher, lesson)
    assert "Antwoorden uit de feed" in html
    assert "Sanne B." in html and "Goed dat je het vraagt, Daan!" in html
    assert "Wacht nog even" not in html and "Verborgen antwoord" not in html
    assert "data-feed-assignment" not in html  # posted: the form is gone

    Wall.objects.create(school_class=school_class, hide_names=True)
    html = smartboard(client, teacher, lesson)
    assert "Leerling A" in html and "Goed dat je het vraagt, Leerling B!" in html
    assert "Sanne B." not in html


def test_the_pupil_view_links_to_the_prompt_in_the_feed_and_hides_the_hint(client, classroom):
    teacher, sanne, _daan, school_class, lesson, block_id = classroom
    run = LessonRun.start(teacher, school_class, lesson)
    # Show the pupils the step, whichever step they follow.
    if hasattr(run, "move_to"):
        run.move_to(block_id)
    client.force_login(sanne)
    pupil_url = reverse("lessons:pupil_view", args=[run.pk])
    html = client.get(pupil_url).content.decode()
    assert PROMPT in html and HINT not in html
    feed = reverse("sandbox_feed:feed", args=[school_class.pk])
    assert f'href="{feed}"' in html  # not posted yet: the class feed, where it will appear

    client.force_login(teacher)
    client.post(post_url(run), {"block_id": block_id})
    post = Post.objects.get()
    client.force_login(sanne)
    html = client.get(pupil_url).content.decode()
    assert f'href="{feed}#bericht-{post.pk}"' in html
    assert HINT not in html


def test_only_teachers_of_the_runs_class_can_post_it(client, classroom):
    teacher, sanne, _daan, school_class, lesson, block_id = classroom
    run = LessonRun.start(teacher, school_class, lesson)
    outsider = TeacherFactory()
    SchoolClassFactory(teachers=[outsider])
    client.force_login(outsider)
    assert client.post(post_url(run), {"block_id": block_id}).status_code == 404
    client.force_login(sanne)
    assert client.post(post_url(run), {"block_id": block_id}).status_code in (403, 404)
    client.force_login(teacher)
    assert client.get(post_url(run)).status_code == 405
    other_step = lesson.steps[0].id  # a step that is not a feed assignment
    for wrong in ("", "onbekend", other_step):
        assert client.post(post_url(run), {"block_id": wrong}).status_code == 404
    run.end()
    assert client.post(post_url(run), {"block_id": block_id}).status_code == 404
    assert not Post.objects.exists() and not FeedAssignment.objects.exists()


def test_at_least_three_demo_lessons_have_a_feed_assignment():
    with_assignment = [
        lesson["slug"]
        for lesson in LESSONS
        if any(block_type == "feed_assignment" and value["prompt"] for block_type, value in lesson["steps"])
    ]
    assert len(with_assignment) >= 3
