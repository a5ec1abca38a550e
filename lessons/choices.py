"""Choices shared by the lesson models, blocks, filters and demo: Leren goals, protocol themes, durations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.choices import GradeBand

__all__ = ["Audience", "DurationRange", "GradeBand", "LerenGoal", "ProtocolTheme"]


class LerenGoal(models.TextChoices):
    """The four "Leren" points of the OOE social media protocol."""

    L1 = "L1", _("Leerkrachten weten genoeg om leerlingen nuttige vaardigheden te leren")
    L2 = "L2", _("Sociale media verweven in de les: experts benaderen, inspelen op de actualiteit")
    L3 = "L3", _("Leerlingen ervaren zelf wat sociale media kunnen")
    L4 = "L4", _("Leerlingen gebruiken sociale media actief in de les")


class ProtocolTheme(models.TextChoices):
    """The protocol's "goed om te weten" rules and its Communiceren and Profileren points."""

    REAL_TIME = "realtime", _("Realtime: één druk op de knop en het staat online")
    FOREVER_ONLINE = "altijd-online", _("Altijd online: weghalen is lastig")
    COPYRIGHT = "auteursrecht", _("Auteursrecht, portretrecht en citaatrecht")
    NETIQUETTE = "netiquette", _("Netiquette en privacy")
    C1 = "C1", _("C1 Dialoog met ouders en buurt")
    C2 = "C2", _("C2 Publiceren zonder info over anderen die geen toestemming gaven")
    C3 = "C3", _("C3 Leerlingen informeren over opdrachten en activiteiten")
    C4 = "C4", _("C4 De leerkracht beoordeelt")
    C5 = "C5", _("C5 Personeel spreekt namens de school")
    P1 = "P1", _("P1 Positief nieuws over de school verspreiden")
    P2 = "P2", _("P2 Actief volgen wat er gezegd wordt")
    P3 = "P3", _("P3 Negatieve ervaringen in het echt bespreken, niet online")
    P4 = "P4", _("P4 Toestemming vóór het publiceren van foto's, film en geluid")


class DurationRange(models.TextChoices):
    """Duration filter of the library, in minutes (bounds inclusive)."""

    SHORT = "kort", _("Tot en met 30 minuten")
    MEDIUM = "middel", _("31 tot en met 45 minuten")
    LONG = "lang", _("Langer dan 45 minuten")

    @property
    def bounds(self):
        return {"kort": (0, 30), "middel": (31, 45), "lang": (46, 32767)}[self.value]


class Audience(models.TextChoices):
    """Who looks at a lesson's steps; LessonPage.steps_for() decides what each audience sees."""

    TEACHER = "teacher", _("Leerkracht")
    SMARTBOARD = "smartboard", _("Smartbord")
    PUPIL = "pupil", _("Leerling")
