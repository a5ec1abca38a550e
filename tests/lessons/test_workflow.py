"""Coordinators write, review and publish lessons through Wagtail's moderation workflow; teachers cannot."""

import pytest
from wagtail.models import Workflow

from lessons import demo
from tests.lessons.factories import make_home, make_lesson


@pytest.fixture
def library_with_workflow(db):
    make_home()
    return demo.library()


def test_library_uses_the_moderators_approval_workflow(library_with_workflow):
    workflow = library_with_workflow.get_workflow()
    assert workflow is not None
    assert workflow.name == "Moderators approval"


def test_coordinator_submits_approves_and_publishes_a_lesson(library_with_workflow, coordinator):
    lesson = make_lesson("Nieuwe les", live=False)
    assert lesson.permissions_for_user(coordinator).can_publish()
    lesson.title = "Nieuwe les over privacy"
    lesson.save_revision(user=coordinator)

    workflow = lesson.get_workflow()
    state = workflow.start(lesson, coordinator)
    lesson.refresh_from_db()
    assert not lesson.live
    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" in [name for name, *_ in task.get_actions(lesson, coordinator)]

    task.on_action(task_state, coordinator, "approve")
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
    assert Workflow.objects.filter(name="Moderators approval", active=True).exists()


def test_coordinator_can_open_the_form_for_a_new_lesson(client, library_with_workflow, coordinator):
    client.force_login(coordinator)
    response = client.get(f"/cms/pages/add/lessons/lessonpage/{library_with_workflow.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Zou jij dit plaatsen?" in content
    assert "L4" in content
