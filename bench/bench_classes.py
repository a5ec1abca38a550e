"""A teacher's class page and login cards with a small and a very large class."""

from django.test import Client
from django.urls import reverse

from accounts.choices import Role
from accounts.models import School, SchoolClass, User

from .cases import BARE_VIEW, Page

SIZES = [24, 240]


def setup(size):
    school, _ = School.objects.get_or_create(name="Benchschool")
    teacher, _ = User.objects.get_or_create(
        username=f"bench-teacher-{size}", defaults={"role": Role.TEACHER, "school": school}
    )
    school_class, created = SchoolClass.objects.get_or_create(
        join_code=f"BENCH{size}", defaults={"name": f"Bench {size}", "groep": 7, "school": school}
    )
    if created:
        school_class.teachers.add(teacher)
        school_class.add_pupils([(f"Kind{i}", "ABCDEFGH"[i % 8]) for i in range(size)])
    client = Client()
    client.force_login(teacher)
    pupil_client = Client()
    return [
        Page(
            "teacher: class page",
            client,
            reverse("accounts:class_detail", args=[school_class.pk]),
            baseline=BARE_VIEW,
            constant=True,
        ),
        Page(
            "teacher: login cards",
            client,
            reverse("accounts:login_cards", args=[school_class.pk]),
            baseline=BARE_VIEW,
            constant=True,
        ),
        Page(
            "pupil login: pick your name",
            pupil_client,
            reverse("accounts:pupil_pick_name", args=[school_class.join_code]),
            baseline=BARE_VIEW,
            constant=True,
        ),
    ]
