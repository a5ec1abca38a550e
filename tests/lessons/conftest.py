import pytest

from tests.lessons.factories import make_lesson, make_library


@pytest.fixture
def library(db):
    return make_library()


@pytest.fixture
def lesson(library):
    return make_lesson()
