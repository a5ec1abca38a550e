"""Choices for the curriculum: which frame a goal belongs to, and how fully a learning goal covers it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frame(models.TextChoices):
    SLO = "slo", _("SLO digitale geletterdheid (domein)")
    KERNDOEL = "kerndoel", _("Kerndoelen digitale geletterdheid (concept 2025)")
    MEDIAWIJZER = "mediawijzer", _("Mediawijzer competentiemodel 2021")
    PROTOCOL = "protocol", _("Socialemediaprotocol OOE")


class Coverage(models.TextChoices):
    PARTIAL = "partial", _("gedeeltelijk")
    FULL = "full", _("volledig")
