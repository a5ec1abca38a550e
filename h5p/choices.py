"""Choices shared by the models, the results and the forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GradeMethod(models.TextChoices):
    """How an activity's attempts make one grade per pupil, as in Moodle's H5P activity."""

    HIGHEST = "hoogste", _("Hoogste score")
    AVERAGE = "gemiddelde", _("Gemiddelde score")
    LAST = "laatste", _("Laatste poging")
    FIRST = "eerste", _("Eerste poging")
