"""Coordinators edit curriculum pages in the Wagtail admin, nested learning goals and frame mappings included."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from curriculum.models import GradeBandPage
from tests.curriculum.factories import CurriculumIndexPageFactory, FrameGoalFactory, HomePageFactory
from tests.factories import CoordinatorFactory


class CoordinatorEditsCurriculumTest(WagtailPageTestCase):
    def setUp(self):
        home = HomePageFactory(parent=Page.get_first_root_node())
        self.index = CurriculumIndexPageFactory(parent=home)
        self.frame_goal = FrameGoalFactory(code="23A", title="Veiligheid en privacy")
        self.client.force_login(CoordinatorFactory())

    def test_coordinator_creates_a_grade_band_page_with_goals_and_mappings(self):
        data = nested_form_data(
            {
                "title": "Groep 5 en 6",
                "slug": "groep-5-6",
                "grade_band": "5-6",
                "intro": rich_text("<p>Oefenen met posten.</p>"),
                "goals": inline_formset(
                    [
                        {
                            "text": "Ik kan een sterk wachtwoord bedenken.",
                            "mappings": inline_formset([{"frame_goal": self.frame_goal.pk, "coverage": "full"}]),
                        }
                    ]
                ),
            }
        )
        # Coordinators save a draft (and submit it for review); publishing without review is for administrators.
        self.assertCanCreate(self.index, GradeBandPage, data, publish=False)
        page = GradeBandPage.objects.get(slug="groep-5-6")
        goal = page.goals.get()
        assert goal.text == "Ik kan een sterk wachtwoord bedenken."
        assert goal.mappings.get().frame_goal == self.frame_goal

    def test_a_goal_not_written_as_ik_kan_is_refused_with_a_message(self):
        data = nested_form_data(
            {
                "title": "Groep 3 en 4",
                "slug": "groep-3-4",
                "grade_band": "3-4",
                "intro": rich_text(""),
                "goals": inline_formset([{"text": "Weten wat een app is.", "mappings": inline_formset([])}]),
                "action-publish": "publish",
            }
        )
        response = self.client.post(f"/cms/pages/add/curriculum/gradebandpage/{self.index.pk}/", data)
        assert response.status_code == 200
        self.assertContains(response, "begin met “Ik kan”")
        assert not GradeBandPage.objects.filter(slug="groep-3-4").exists()
