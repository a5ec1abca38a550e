"""Choices shared by the accounts models, forms and templates."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PUPIL = "pupil", _("Leerling")
    TEACHER = "teacher", _("Leerkracht")
    COORDINATOR = "coordinator", _("Coördinator")
    ADMINISTRATOR = "administrator", _("Beheerder")


# Everyone who works at a school: they manage classes and read lessons, unlike pupils.
STAFF_ROLES = (Role.TEACHER, Role.COORDINATOR, Role.ADMINISTRATOR)


class Groep(models.IntegerChoices):
    G1 = 1, _("Groep 1")
    G2 = 2, _("Groep 2")
    G3 = 3, _("Groep 3")
    G4 = 4, _("Groep 4")
    G5 = 5, _("Groep 5")
    G6 = 6, _("Groep 6")
    G7 = 7, _("Groep 7")
    G8 = 8, _("Groep 8")


class GradeBand(models.TextChoices):
    G1_2 = "1-2", _("Groep 1-2")
    G3_4 = "3-4", _("Groep 3-4")
    G5_6 = "5-6", _("Groep 5-6")
    G7_8 = "7-8", _("Groep 7-8")

    @classmethod
    def for_groep(cls, groep):
        low = groep - 1 if groep % 2 == 0 else groep
        return cls(f"{low}-{low + 1}")


class ThrottleScope(models.TextChoices):
    """What a failed login is counted against; each scope has its own free failures, window and cap."""

    ACCOUNT = "account", _("account")
    ACCOUNT_ON_CLIENT = "account_on_client", _("account op één apparaat")
    CLIENT = "client", _("apparaat")
