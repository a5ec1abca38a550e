"""Choices of the privacy app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyAction(models.TextChoices):
    EXPORT = "export", _("gegevens gedownload")
    ERASE = "erase", _("leerling gewist")
    RESEARCH = "research", _("onderzoeksexport gedownload")
    CLOSE_YEAR = "close_year", _("schooljaar afgesloten")
    RETENTION = "retention", _("bewaartermijn verstreken: foto's gewist")
