"""Coordinators write and submit lessons, and another coordinator approves them, through the review workflow
"Beoordeling door coördinator"; teachers cannot. (Self-approval and the curriculum pages: tests/curriculum.)"""

import pytest
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from lessons import demo
from lessons.models import LerenGoalTag, LessonPage, ThemeTag
from tests.factories import CoordinatorFactory
from tests.lessons.factories import make_home, make_lesson

REVIEW = "Beoordeling door coördinator"


@pytest.fixture
def library_with_workflow(db):
    make_home()
    return demo.library()


@pytest.fixture
def colleague(coordinator):
    return CoordinatorFactory(username="coord2", first_name="Sanne", school=coordinator.school)


def test_library_uses_the_dutch_review_workflow(library_with_workflow):
    workflow = library_with_workflow.get_workflow()
    assert workflow is not None
    assert workflow.name == REVIEW


def test_coordinator_submits_and_a_colleague_approves_and_publishes_a_lesson(
    library_with_workflow, coordinator, colleague
):
    lesson = make_lesson("Nieuwe les", live=False)
    assert not lesson.permissions_for_user(coordinator).can_publish()
    lesson.title = "Nieuwe les over privacy"
    lesson.save_revision(user=coordinator)

    workflow = lesson.get_workflow()
    state = workflow.start(lesson, coordinator)
    lesson.refresh_from_db()
    assert not lesson.live
    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" not in [name for name, *_ in task.get_actions(lesson, coordinator)]
    assert "approve" in [name for name, *_ in task.get_actions(lesson, colleague)]

    task.on_action(task_state, colleague, "approve")
    lesson.refresh_from_db()
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED
    assert lesson.live
    assert lesson.title == "Nieuwe les over privacy"


def test_teacher_has_no_wagtail_admin_and_cannot_publish(client, library_with_workflow, teacher):
    lesson = make_lesson("Les", live=False)
    assert not lesson.permissions_for_user(teacher).can_edit()
    assert not lesson.permissions_for_user(teacher).can_publish()
    client.force_login(teacher)
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")


def test_coordinator_can_open_the_lesson_editor(client, library_with_workflow, coordinator):
    lesson = make_lesson("Les")
    client.force_login(coordinator)
    response = client.get(f"/cms/pages/{lesson.pk}/edit/")
    assert response.status_code == 200
    assert "Notitie voor de leerkracht" in response.content.decode()


def test_workflow_exists_in_a_fresh_database(db):
    assert Workflow.objects.filter(name=REVIEW, active=True).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_coordinator_can_open_the_form_for_a_new_lesson(client, library_with_workflow, coordinator):
    client.force_login(coordinator)
    response = client.get(f"/cms/pages/add/lessons/lessonpage/{library_with_workflow.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Zou jij dit plaatsen?" in content
    assert "L4" in content


def test_coordinator_writes_and_submits_a_lesson_and_a_colleague_approves_it_in_the_admin(
    client, library_with_workflow, coordinator, colleague
):
    client.force_login(coordinator)
    data = nested_form_data(
        {
            "title": "Wachtwoorden zijn geheim",
            "slug": "wachtwoorden",
            "aim": "Na deze les kun je een sterk wachtwoord bedenken.",
            "grade_band": "5-6",
            "duration": 30,
            "goal_links": inline_formset([]),
            "steps": streamfield(
                [
                    ("discussion_question", {"question": "Wie kent jouw wachtwoord?", "prompts": {"count": 0}}),
                    ("teacher_note", {"text": rich_text("<p>Vraag niemand zijn echte wachtwoord.</p>")}),
                ]
            ),
        }
    )
    data["leren_goals"] = [LerenGoalTag.objects.get(code="L3").pk]
    data["themes"] = [ThemeTag.objects.get(code="netiquette").pk]
    data["action-submit"] = "Submit"
    add_url = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", library_with_workflow.pk])
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    lesson = LessonPage.objects.get(slug="wachtwoorden")
    assert not lesson.live
    state = lesson.current_workflow_state
    assert state is not None and state.status == state.STATUS_IN_PROGRESS

    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", state.current_task_state.pk]
    )
    # Wagtail's admin answers a refused action with a redirect and "no permission".
    client.post(approve_url, {"comment": ""})
    lesson.refresh_from_db()
    state.refresh_from_db()
    assert not lesson.live
    assert state.status == state.STATUS_IN_PROGRESS

    client.force_login(colleague)
    response = client.post(approve_url, {"comment": ""})
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.live
