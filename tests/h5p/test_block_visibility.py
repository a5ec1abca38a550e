"""The lesson step's player follows H5PContent.objects.visible_to exactly: the block settles the plain cases
from the activity's row (no query for the rule itself) and asks visible_to for every other one."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.models import SchoolClass
from h5p.blocks import H5PActivityBlock
from h5p.models import H5PContent
from h5p.storage import import_package
from tests.factories import (
    AdministratorFactory,
    CoordinatorFactory,
    PupilFactory,
    SchoolClassFactory,
    SchoolFactory,
    TeacherFactory,
)
from tests.h5p.packages import own_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(school, school_class, other_class, teacher, other_teacher, coordinator, pupil, outsider_pupil):
    """Users of every role at our school, another school and no school; activities of every kind of reach."""
    elsewhere = SchoolFactory(name="OBS Elders")
    teacher_b = TeacherFactory(school=elsewhere)
    class_b = SchoolClassFactory(school=elsewhere, teachers=[teacher_b], pupils=PupilFactory.create_batch(1))
    old_pupil = PupilFactory()
    old_class = SchoolClassFactory(school=school, teachers=[other_teacher], pupils=[old_pupil])
    SchoolClass.objects.filter(pk=old_class.pk).update(archived_at=timezone.now())
    users = {
        "teacher": teacher,
        "other teacher": other_teacher,
        "coordinator": coordinator,
        "pupil": pupil,
        "outsider pupil": outsider_pupil,
        "pupil of an archived class": old_pupil,
        "teacher elsewhere": teacher_b,
        "coordinator elsewhere": CoordinatorFactory(school=elsewhere),
        "pupil elsewhere": class_b.pupils.first(),
        "teacher without school": TeacherFactory(school=None),
        "administrator": AdministratorFactory(school=None),
        "superuser": TeacherFactory(school=elsewhere, is_superuser=True),
        "anonymous": AnonymousUser(),
    }
    coordinator_b = users["coordinator elsewhere"]

    def activity(title, uploader, school=..., limit=(), archived=False):
        content = import_package(own_package(), user=uploader, title=title)
        if school is not ...:
            content.school = school
            content.save()
        content.limit_to_classes.set(limit)
        if archived:
            content.archive()
        return H5PContent.objects.get(pk=content.pk)  # as the stream loads it

    activities = {
        "ours": activity("Ons", coordinator),
        "ours for our class": activity("Onze klas", coordinator, limit=[school_class]),
        "ours for the archived class": activity("Oude klas", coordinator, limit=[old_class]),
        "ours, archived": activity("Oud", coordinator, archived=True),
        "theirs": activity("Van hen", coordinator_b),
        "shared": activity("Voor iedereen", coordinator, school=None),
        "shared for their class": activity("Gedeeld, hun klas", coordinator_b, school=None, limit=[class_b]),
    }
    return users, activities


def test_the_block_shows_the_player_exactly_where_visible_to_allows_it(world):
    users, activities = world
    differ = []
    for user_name, user in users.items():
        for activity_name, content in activities.items():
            expected = H5PContent.objects.visible_to(user).filter(pk=content.pk).exists()
            if content.is_visible_to(user) != expected:
                differ.append((user_name, activity_name, expected))
    assert differ == []
    # The matrix holds both answers, and the cases the row settles as well as those it leaves to visible_to.
    visible = {(u, a) for u in users for a in activities if activities[a].is_visible_to(users[u])}
    assert ("teacher", "ours") in visible and ("teacher", "ours for our class") in visible
    assert ("other teacher", "ours for our class") not in visible
    assert ("teacher elsewhere", "ours") not in visible and ("teacher elsewhere", "shared") in visible
    assert ("pupil elsewhere", "shared for their class") in visible
    assert ("pupil", "shared for their class") not in visible


def test_an_open_activity_of_the_own_school_is_settled_with_one_small_query(world, django_assert_num_queries):
    users, activities = world
    with django_assert_num_queries(1) as captured:
        assert activities["ours"].is_visible_to(users["teacher"])
    assert "limit_to_classes" in captured.captured_queries[0]["sql"]
    with django_assert_num_queries(0):
        assert activities["ours for our class"].is_visible_to(users["coordinator"])
        assert activities["theirs"].is_visible_to(users["administrator"])


def test_a_teacher_outside_the_limited_class_gets_no_player_on_the_step(rf, world):
    users, activities = world
    block = H5PActivityBlock()

    def render(user_name, activity_name):
        request = rf.get("/")
        request.user = users[user_name]
        value = block.to_python({"activity": activities[activity_name].pk, "intro": ""})
        return block.render(value, context={"request": request})

    assert "data-h5p-frame-src" in render("teacher", "ours for our class")
    refused = render("other teacher", "ours for our class")
    assert "niet beschikbaar" in refused and "data-h5p-frame-src" not in refused
    assert "data-h5p-frame-src" not in render("teacher elsewhere", "ours")
