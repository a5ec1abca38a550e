"""Choices of the privacy app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyAction(models.TextChoices):
    EXPORT = "export", _("gegevens gedownload")
    ERASE = "erase", _("leerling gewist")
    RESEARCH = "research", _("onderzoeksexport gedownload")
