"""Who edits the curriculum: coordinators add and edit frame goals and learning goals in /cms/, teachers read on
the site, pupils neither; the review workflow "Beoordeling door coördinator" where nobody approves their own
change and only administrators publish without review; and edit pages with a constant number of queries."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from curriculum.choices import Coverage
from curriculum.models import CoordinatorReviewTask, FrameGoal, GradeBandPage
from curriculum.review import REVIEW_WORKFLOW_NAME
from tests.curriculum.factories import FrameGoalFactory, make_band, make_curriculum, make_goal
from tests.factories import AdministratorFactory, CoordinatorFactory
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(coordinator):
    return CoordinatorFactory(username="coord2", first_name="Sanne", school=coordinator.school)


@pytest.fixture
def administrator(school):
    return AdministratorFactory(username="beheer", school=school)


# Frame goals (Kaderdoelen) in /cms/


def test_coordinators_open_add_and_edit_frame_goals(client, coordinator, framework):
    client.force_login(coordinator)
    assert client.get("/cms/snippets/curriculum/framegoal/").status_code == 200
    assert client.get("/cms/snippets/curriculum/framework/").status_code == 200
    response = client.post(
        "/cms/snippets/curriculum/framegoal/add/",
        {"framework": framework.pk, "code": "21E", "title": "Online samenwerken", "description": "", "position": 9},
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    goal = FrameGoal.objects.get(code="21E")
    edit = client.get(f"/cms/snippets/curriculum/framegoal/edit/{goal.pk}/")
    assert edit.status_code == 200
    assert "Geen toegang" not in edit.content.decode()


def test_teachers_and_pupils_have_no_cms_but_teachers_read_the_curriculum(client, teacher, pupil, frame_goals):
    band = make_band("7-8")
    make_goal("7-8", "Ik kan een bron noemen.", [(frame_goals["21B"], Coverage.FULL)])
    for user in (teacher, pupil):
        client.force_login(user)
        response = client.get("/cms/snippets/curriculum/framegoal/")
        assert response.status_code == 302 and response["Location"].startswith("/cms/login/")
    client.force_login(teacher)
    assert "Ik kan een bron noemen." in client.get(band.url).content.decode()
    assert client.get(f"{make_curriculum().url}dekking/").status_code == 200
    client.force_login(pupil)
    assert client.get(band.url).status_code == 403
    assert client.get(f"{make_curriculum().url}dekking/").status_code == 403
    assert client.get(f"{make_curriculum().url}dekking/csv/").status_code == 403


def test_visitors_are_sent_to_the_login_from_every_curriculum_route(client):
    index = make_curriculum()
    for route in ("", "dekking/", "dekking/afdrukken/", "dekking/csv/", "dashboard/", "klas/1/"):
        response = client.get(f"{index.url}{route}")
        assert response.status_code == 302 and response.url.startswith("/inloggen/")


# The review workflow


def test_lessons_and_the_curriculum_share_the_dutch_review_workflow(db):
    band = make_band("5-6")
    lesson = make_lesson()
    for page in (band, lesson, make_curriculum()):
        workflow = page.get_workflow()
        assert workflow.name == REVIEW_WORKFLOW_NAME
    (task,) = [workflow_task.task.specific for workflow_task in workflow.workflow_tasks.all()]
    assert isinstance(task, CoordinatorReviewTask)
    assert task.name == "Beoordeling door coördinator"
    assert [group.name for group in task.groups.all()] == ["Moderators"]
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_only_administrators_publish_without_review(coordinator, administrator):
    band = make_band("5-6")
    assert band.permissions_for_user(coordinator).can_edit()
    assert not band.permissions_for_user(coordinator).can_publish()
    assert band.permissions_for_user(administrator).can_publish()


def test_a_coordinator_publishing_in_the_editor_only_saves_a_draft(client, coordinator):
    band = make_band("5-6")
    client.force_login(coordinator)
    data = nested_form_data(
        {
            "title": "Groep 5 en 6, nieuw",
            "slug": band.slug,
            "grade_band": "5-6",
            "intro": rich_text("<p>Nieuw.</p>"),
            "goals": inline_formset([]),
        }
    )
    data["action-publish"] = "publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[band.pk]), data)
    band.refresh_from_db()
    assert band.title == "Groep 5-6"
    assert band.has_unpublished_changes


def submit(page, user):
    page = page.specific.get_latest_revision_as_object()
    page.title = f"{page.title} (bijgewerkt)"
    page.save_revision(user=user)
    state = page.get_workflow().start(page, user)
    return page, state


def actions(state, page, user):
    return [name for name, *_ in state.current_task_state.task.specific.get_actions(page, user)]


def test_a_coordinator_cannot_approve_their_own_change(coordinator, colleague):
    page, state = submit(make_band("5-6"), coordinator)
    assert "approve" not in actions(state, page, coordinator)
    assert "reject" in actions(state, page, coordinator)
    assert "approve" in actions(state, page, colleague)
    with pytest.raises(PermissionDenied):
        state.current_task_state.task.specific.on_action(state.current_task_state, coordinator, "approve")
    page.refresh_from_db()
    assert not page.title.endswith("(bijgewerkt)")


def test_who_changed_the_page_during_the_review_cannot_approve_it_either(coordinator, colleague, administrator):
    page, state = submit(make_band("5-6"), coordinator)
    page = page.get_latest_revision_as_object()
    page.intro = "<p>Nog een wijziging van een collega.</p>"
    page.save_revision(user=colleague)
    colleague_view = type(colleague).objects.get(pk=colleague.pk)  # a fresh request's user
    assert "approve" not in actions(state, page, colleague_view)
    assert "approve" in actions(state, page, administrator)


def test_approving_from_the_editor_without_changes_is_not_a_change_of_ones_own(coordinator, colleague):
    """The editor saves a revision before it approves whenever the form holds a new inline row (here a new
    lesson link): that revision changes nothing, so the colleague may still approve."""
    from lessons.models import LessonGoalLink

    lesson = make_lesson().get_latest_revision_as_object()
    lesson.goal_links = [LessonGoalLink(goal=make_goal("5-6"), coverage=Coverage.FULL)]
    lesson.save_revision(user=coordinator)
    state = lesson.get_workflow().start(lesson, coordinator)
    lesson.get_latest_revision_as_object().save_revision(user=colleague)
    lesson = type(lesson).objects.get(pk=lesson.pk)
    task_state = state.current_task_state
    assert "approve" in actions(state, lesson, colleague)
    task_state.task.specific.on_action(task_state, colleague, "approve")
    assert lesson.goal_links.count() == 1


def test_a_colleague_approves_and_the_page_goes_live(coordinator, colleague):
    page, state = submit(make_band("5-6"), coordinator)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, colleague, "approve", comment="Prima")
    page.refresh_from_db()
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED
    assert page.live and page.title.endswith("(bijgewerkt)")
    assert not page.has_unpublished_changes


def test_an_administrator_approves_too(coordinator, administrator):
    page, state = submit(make_lesson(), coordinator)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, administrator, "approve")
    page.refresh_from_db()
    assert page.title.endswith("(bijgewerkt)")


def test_the_review_queue_leaves_out_what_you_submitted(coordinator, colleague):
    submit(make_band("5-6"), coordinator)
    task = CoordinatorReviewTask.objects.get()
    assert task.get_task_states_user_can_moderate(coordinator).count() == 0
    assert task.get_task_states_user_can_moderate(colleague).count() == 1


def test_a_colleague_approves_in_the_admin(client, coordinator, colleague):
    page, state = submit(make_band("5-6"), coordinator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk])
    client.force_login(coordinator)
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.title.endswith("(bijgewerkt)")
    client.force_login(colleague)
    assert client.post(url, {"comment": ""}).status_code == 302
    page.refresh_from_db()
    assert page.title.endswith("(bijgewerkt)")


# Edit pages: a constant number of queries


def band_with_goals(count, frame_goals):
    band = make_band("5-6")
    for number in range(count):
        make_goal(
            "5-6",
            f"Ik kan oefening {number} doen.",
            [(frame_goals["21A"], Coverage.FULL), (frame_goals["21B"], Coverage.PARTIAL)],
        )
    return band


@pytest.mark.parametrize("count", [2, 20])
def test_the_grade_band_edit_page_keeps_a_constant_number_of_queries(
    client, coordinator, frame_goals, count, django_assert_num_queries
):
    band = band_with_goals(count, frame_goals)
    url = reverse("wagtailadmin_pages:edit", args=[band.pk])
    client.force_login(coordinator)
    client.get(url)
    # Before: one query per learning goal for its mappings and one per mapping for the chooser's frame goal.
    # Now the goals and their mappings come in two queries and every frame goal select shares one list.
    with django_assert_num_queries(35):
        response = client.get(url)
    body = response.content.decode()
    assert body.count("Ik kan oefening") == count
    # Every mapping row, and the empty row every goal (and the empty goal) keeps for "add": one list for all.
    assert body.count('<optgroup label="Kerndoelen (test)">') == 2 * count + count + 1


@pytest.mark.parametrize("count", [1, 15])
def test_the_lesson_edit_page_keeps_a_constant_number_of_queries(
    client, coordinator, frame_goals, count, django_assert_num_queries
):
    from tests.curriculum.factories import link_lesson

    lesson = make_lesson(slug="les")
    for number in range(count):
        lesson = link_lesson(lesson, make_goal(["3-4", "5-6", "7-8"][number % 3], f"Ik kan taak {number} doen."))
    url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    client.force_login(coordinator)
    client.get(url)
    # The links in one query; every learning goal select shares one list of options.
    with django_assert_num_queries(44):
        response = client.get(url)
    assert response.content.decode().count(" selected>Ik kan taak") == count


def test_a_new_frame_goal_shows_in_the_editor_at_once(client, coordinator, frame_goals):
    band = band_with_goals(1, frame_goals)
    url = reverse("wagtailadmin_pages:edit", args=[band.pk])
    client.force_login(coordinator)
    assert "Nieuw kaderdoel" not in client.get(url).content.decode()
    FrameGoalFactory(framework=frame_goals["21A"].framework, code="21Z", title="Nieuw kaderdoel")
    assert "21Z Nieuw kaderdoel" in client.get(url).content.decode()


def test_a_domain_with_sub_goals_cannot_be_chosen_for_a_mapping(client, coordinator, frame_goals):
    band = band_with_goals(1, frame_goals)
    client.force_login(coordinator)
    body = client.get(reverse("wagtailadmin_pages:edit", args=[band.pk])).content.decode()
    assert "21A Digitale systemen" in body
    assert ">21 Praktische kennis<" not in body


def test_coordinator_adds_a_goal_to_a_grade_band_page_in_the_admin(client, coordinator, frame_goals):
    band = band_with_goals(1, frame_goals)
    goal = band.goals.get()
    mappings = list(goal.mappings.order_by("sort_order"))
    client.force_login(coordinator)
    data = nested_form_data(
        {
            "title": band.title,
            "slug": band.slug,
            "grade_band": "5-6",
            "intro": rich_text(""),
            "goals": inline_formset(
                [
                    {
                        "id": goal.pk,
                        "text": goal.text,
                        "mappings": inline_formset(
                            [
                                {"id": mapping.pk, "frame_goal": mapping.frame_goal_id, "coverage": mapping.coverage}
                                for mapping in mappings
                            ],
                            initial=len(mappings),
                        ),
                    },
                    {
                        "text": "Ik kan data herkennen.",
                        "mappings": inline_formset([{"frame_goal": frame_goals["21C"].pk, "coverage": "full"}]),
                    },
                ],
                initial=1,
            ),
        }
    )
    data["action-submit"] = "submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[band.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = GradeBandPage.objects.get(pk=band.pk)
    assert page.current_workflow_state is not None
    latest = page.get_latest_revision_as_object()
    assert [g.text for g in latest.goals.all()] == [goal.text, "Ik kan data herkennen."]
