"""The demo curriculum: learning goals in all four grade bands, every demo lesson linked, given lessons in both
demo classes, visible gaps, and a second run that changes nothing."""

from io import StringIO

import pytest

from accounts import demo as accounts_demo
from accounts.models import SchoolClass
from curriculum import demo
from curriculum.coverage import build_matrix
from curriculum.models import GradeBandPage, LearningGoal
from curriculum.progress import class_progress
from home import demo as home_demo
from lessons import demo as lessons_demo
from lessons.models import LessonGoalLink, LessonPage, LessonRun


@pytest.fixture
def demo_curriculum(db):
    for module in (accounts_demo, home_demo, lessons_demo, demo):
        module.seed(StringIO())


def counts():
    return (LearningGoal.objects.count(), LessonGoalLink.objects.count(), LessonRun.objects.count())


def test_every_grade_band_has_goals_and_every_demo_lesson_is_linked(demo_curriculum):
    bands = {page.grade_band: page.goals.count() for page in GradeBandPage.objects.live()}
    assert set(bands) == {"1-2", "3-4", "5-6", "7-8"}
    assert 18 <= sum(bands.values()) <= 24
    assert not LessonPage.objects.live().filter(goal_links__isnull=True).exists()
    assert all(page.goals.filter(mappings__isnull=False).exists() for page in GradeBandPage.objects.all())


def test_both_demo_classes_were_given_lessons_and_have_a_next_one(demo_curriculum):
    for code in ("G6DEMO", "G8DEMO"):
        progress = class_progress(SchoolClass.objects.get(join_code=code))
        assert len(progress.given) >= 2
        assert any(goal.worked_on for goal in progress.goals)
        assert progress.next_lesson is not None


def test_the_matrix_shows_coverage_and_gaps(demo_curriculum):
    matrix = build_matrix()
    totals = [framework.totals for framework in matrix.frameworks]
    assert sum(total["full"] for total in totals) > 0
    assert sum(total["partial"] for total in totals) > 0
    assert matrix.gap_count > 0
    assert any(goal.page.grade_band == "1-2" for goal in matrix.goals_without_lessons)


def test_seeding_again_changes_nothing(demo_curriculum):
    before = counts()
    lessons_demo.seed(StringIO())
    demo.seed(StringIO())
    assert counts() == before
