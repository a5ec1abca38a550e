"""Curriculum pages: where they may live, who may read them, goal validation, constant queries."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, Site

from curriculum.choices import Coverage
from curriculum.models import CurriculumIndexPage, GoalMapping, GradeBandPage, LearningGoal
from home.models import HomePage
from tests.curriculum.factories import (
    CurriculumIndexPageFactory,
    FrameGoalFactory,
    GradeBandPageFactory,
    HomePageFactory,
    LearningGoalFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def band_page():
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    index = CurriculumIndexPageFactory(parent=home)
    return GradeBandPageFactory(parent=index)


def add_goals(page, count):
    frame_goal = FrameGoalFactory()
    for _ in range(count):
        goal = LearningGoalFactory(page=page)
        GoalMapping.objects.create(goal=goal, frame_goal=frame_goal, coverage=Coverage.FULL)


def test_page_tree_rules():
    assert CurriculumIndexPage.parent_page_types == ["home.HomePage"]
    assert GradeBandPage.allowed_parent_page_models() == [CurriculumIndexPage]
    assert GradeBandPage.allowed_subpage_models() == []
    assert CurriculumIndexPage in HomePage.allowed_subpage_models()


def test_teachers_read_the_goals_with_their_frame_goals(client, teacher, band_page):
    add_goals(band_page, 2)
    client.force_login(teacher)
    body = client.get(band_page.url).content.decode()
    assert body.count("Ik kan oefening") == 2
    assert "volledig" in body


def test_pupils_cannot_open_curriculum_pages(client, pupil, band_page):
    client.force_login(pupil)
    assert client.get(band_page.url).status_code == 403


def test_visitors_are_sent_to_login(client, band_page):
    response = client.get(band_page.url)
    assert response.status_code == 302
    assert response.url.startswith("/inloggen/")


def test_a_learning_goal_must_be_written_as_ik_kan(band_page):
    goal = LearningGoal(page=band_page, text="Leerlingen kennen het citaatrecht.")
    with pytest.raises(ValidationError, match="Ik kan"):
        goal.full_clean()


@pytest.mark.parametrize("count", [2, 30])
def test_the_grade_band_page_keeps_a_constant_number_of_queries(
    client, teacher, band_page, count, django_assert_max_num_queries
):
    add_goals(band_page, count)
    client.force_login(teacher)
    client.get(band_page.url)
    # 13 for the page (goals, their mappings and their lessons: three) and one for the header's count of items
    # waiting in the teacher's review queue.
    with django_assert_max_num_queries(14):
        response = client.get(band_page.url)
    assert response.content.decode().count("Ik kan oefening") == count


def test_the_teacher_start_page_links_to_the_curriculum(client, teacher, band_page):
    client.force_login(teacher)
    assert "/curriculum/" in client.get("/leerkracht/").content.decode()
