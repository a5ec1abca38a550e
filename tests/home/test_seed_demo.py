"""seed_demo fills an empty database once; running it again changes nothing; production is refused."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import SchoolClass, User

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), SchoolClass.objects.count(), User.objects.filter(role="pupil").count())


def test_seed_demo_creates_the_demo_people_and_is_idempotent():
    call_command("seed_demo")
    first = counts()
    assert SchoolClass.objects.get(join_code="G6DEMO").pupils.count() == 24
    assert SchoolClass.objects.get(join_code="G8DEMO").pupils.count() == 24
    assert User.objects.get(username="leerkracht8").check_password("oefenfeed")
    # Groep 6 is shared by two part-time teachers, as most Dutch classes are.
    groep6_teachers = SchoolClass.objects.get(join_code="G6DEMO").teachers.order_by("username")
    assert [teacher.username for teacher in groep6_teachers] == ["leerkracht6", "leerkracht6b"]
    call_command("seed_demo")
    assert counts() == first


def test_seed_demo_refuses_production_settings():
    with override_settings(ENVIRONMENT="production"), pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert User.objects.count() == 0
