"""Shared fixtures: a class with its teacher and pupils, and an outsider class next to it."""

import pytest
from django.core.cache import cache

from tests.factories import (
    CoordinatorFactory,
    PupilFactory,
    SchoolClassFactory,
    SchoolFactory,
    TeacherFactory,
)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttle counters live in the cache; one test's failures must not block the next test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def school(db):
    return SchoolFactory(name="OBS De Esch")


@pytest.fixture
def teacher(school):
    return TeacherFactory(username="juf.els", first_name="Els", school=school)


@pytest.fixture
def other_teacher(school):
    return TeacherFactory(username="meester.piet", first_name="Piet", school=school)


@pytest.fixture
def coordinator(school):
    return CoordinatorFactory(username="coord", first_name="Marieke", school=school)


@pytest.fixture
def pupils(db):
    return PupilFactory.create_batch(3)


@pytest.fixture
def school_class(school, teacher, pupils):
    return SchoolClassFactory(
        school=school, name="Groep 7B", groep=7, join_code="G7BTST", teachers=[teacher], pupils=pupils
    )


@pytest.fixture
def pupil(pupils):
    return pupils[0]


@pytest.fixture
def other_class(school, other_teacher):
    return SchoolClassFactory(
        school=school,
        name="Groep 5A",
        groep=5,
        join_code="G5ATST",
        teachers=[other_teacher],
        pupils=PupilFactory.create_batch(2),
    )


@pytest.fixture
def outsider_pupil(other_class):
    return other_class.pupils.first()
