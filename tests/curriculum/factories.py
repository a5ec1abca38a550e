"""Factories for curriculum pages, frameworks, frame goals and learning goals."""

import factory
import wagtail_factories

from curriculum.choices import FrameworkStatus
from curriculum.models import CurriculumIndexPage, FrameGoal, Framework, GradeBandPage, LearningGoal
from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Oefenfeed"


class CurriculumIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CurriculumIndexPage

    title = "Curriculum"
    slug = "curriculum"


class GradeBandPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GradeBandPage

    title = "Groep 7 en 8"
    grade_band = "7-8"


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    code = factory.Sequence(lambda n: f"kader-{n}")
    name = factory.Sequence(lambda n: f"Testkader {n}")
    short_name = factory.Sequence(lambda n: f"TK{n}")
    status = FrameworkStatus.FINAL_CONCEPT
    position = factory.Sequence(lambda n: 100 + n)


class FrameGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameGoal

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"2{n}X")
    title = factory.Sequence(lambda n: f"Kaderdoel {n}")


class LearningGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningGoal

    text = factory.Sequence(lambda n: f"Ik kan oefening {n} doen.")


def make_curriculum():
    """The curriculum page under the test site's home page (the one lessons use), made once."""
    from tests.lessons.factories import make_home

    index = CurriculumIndexPage.objects.first()
    if index is None:
        index = CurriculumIndexPageFactory(parent=make_home())
    return index


def make_band(grade_band="5-6"):
    """The live grade band page for `grade_band`, made once."""
    from curriculum.models import GradeBandPage as Band

    index = make_curriculum()
    page = Band.objects.child_of(index).filter(grade_band=grade_band).first()
    if page is None:
        page = GradeBandPageFactory(
            parent=index, title=f"Groep {grade_band}", slug=f"groep-{grade_band}", grade_band=grade_band
        )
    return page


def make_goal(grade_band="5-6", text=None, mappings=()):
    """A learning goal on the band page, with (frame goal, coverage) mappings."""
    from curriculum.models import GoalMapping

    goal = LearningGoalFactory(page=make_band(grade_band), **({"text": text} if text else {}))
    for frame_goal, coverage in mappings:
        GoalMapping.objects.create(goal=goal, frame_goal=frame_goal, coverage=coverage)
    return goal


def link_lesson(lesson, goal, coverage="full"):
    """Link `lesson` to `goal` as /cms/ does: a new revision with the link, published."""
    from lessons.models import LessonGoalLink

    lesson = lesson.specific.get_latest_revision_as_object() if lesson.pk else lesson
    links = list(lesson.goal_links.all())
    lesson.goal_links = [*links, LessonGoalLink(goal=goal, coverage=coverage)]
    lesson.save_revision().publish()
    return lesson
