"""A coordinator finds the curriculum from the start page and reads the goals of one grade band."""

from playwright.sync_api import expect
from wagtail.models import Page, Site

from curriculum.models import GoalMapping
from tests.curriculum.factories import (
    CurriculumIndexPageFactory,
    FrameGoalFactory,
    GradeBandPageFactory,
    HomePageFactory,
    LearningGoalFactory,
)
from tests.factories import CoordinatorFactory


def test_coordinator_reads_the_goals_of_groep_7_8(login_as, assert_accessible):
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    index = CurriculumIndexPageFactory(parent=home, title="Curriculum digitale geletterdheid")
    band = GradeBandPageFactory(parent=index, title="Groep 7 en 8")
    goal = LearningGoalFactory(page=band, text="Ik kan een bron noemen.")
    GoalMapping.objects.create(goal=goal, frame_goal=FrameGoalFactory(code="21B", title="Digitale media"))

    page = login_as(CoordinatorFactory())
    page.goto("/coordinator/")
    page.get_by_role("link", name="Bekijk het curriculum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Curriculum digitale geletterdheid")
    page.get_by_role("link", name="Groep 7 en 8").click()
    expect(page.get_by_role("listitem").filter(has_text="Ik kan een bron noemen.")).to_contain_text("21B")
    assert_accessible(page)
