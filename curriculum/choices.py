"""Choices for the curriculum: a framework's status, how fully a goal is covered, and a matrix cell's state."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FrameworkStatus(models.TextChoices):
    """Where a framework stands. The kerndoelen go concept -> definitief concept -> wet; old ones are replaced."""

    CONCEPT = "concept", _("concept")
    FINAL_CONCEPT = "definitief-concept", _("definitief concept")
    # A model or protocol its maker adopted (Mediawijzer, SLO, the school board): in force, but not law.
    ADOPTED = "vastgesteld", _("vastgesteld (geen wet)")
    LAW = "wet", _("wet")
    REPLACED = "vervangen", _("vervangen")


class Coverage(models.TextChoices):
    PARTIAL = "partial", _("gedeeltelijk")
    FULL = "full", _("volledig")


class CellStatus(models.TextChoices):
    """How a frame goal is covered in one grade band, through learning goals and the lessons linked to them."""

    FULL = "full", _("volledig gedekt")
    PARTIAL = "partial", _("gedeeltelijk gedekt")
    NO_LESSON = "no-lesson", _("gat: leerdoel zonder les")
    GAP = "gap", _("gat: geen leerdoel")

    @property
    def is_gap(self):
        return self in (CellStatus.NO_LESSON, CellStatus.GAP)
