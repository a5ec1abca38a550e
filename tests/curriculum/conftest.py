import pytest

from curriculum.choices import FrameworkStatus
from tests.curriculum.factories import FrameGoalFactory, FrameworkFactory


@pytest.fixture
def framework(db):
    return FrameworkFactory(code="kerndoelen-test", name="Kerndoelen (test)", short_name="KD", position=0)


@pytest.fixture
def frame_goals(framework):
    """Domain 21 with sub-goals 21A, 21B and 21C: the domain is a heading, its sub-goals are rows."""
    domain = FrameGoalFactory(framework=framework, code="21", title="Praktische kennis", position=1)
    return {
        code: FrameGoalFactory(framework=framework, code=code, title=title, parent=domain, position=position)
        for position, (code, title) in enumerate(
            [("21A", "Digitale systemen"), ("21B", "Media en informatie"), ("21C", "Data")], start=2
        )
    }


@pytest.fixture
def replaced_framework(db):
    framework = FrameworkFactory(code="oud", name="Oud kader", short_name="Oud", status=FrameworkStatus.REPLACED)
    FrameGoalFactory(framework=framework, code="X1", title="Oud doel")
    return framework
