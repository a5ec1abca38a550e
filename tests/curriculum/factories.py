"""Factories for curriculum pages and frame goals."""

import factory
import wagtail_factories

from curriculum.choices import Frame
from curriculum.models import CurriculumIndexPage, FrameGoal, GradeBandPage, LearningGoal
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


class FrameGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameGoal

    frame = Frame.KERNDOEL
    code = factory.Sequence(lambda n: f"2{n}X")
    title = factory.Sequence(lambda n: f"Kaderdoel {n}")


class LearningGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningGoal

    text = factory.Sequence(lambda n: f"Ik kan oefening {n} doen.")
