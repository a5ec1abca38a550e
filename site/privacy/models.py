"""The privacy log (exports and erasures, without content), the consent proof kept after an erase, and the
record of each closed school year."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sandbox_feed.choices import ConsentMethod, ConsentPurpose

from .choices import PrivacyAction


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(f"{self._meta.verbose_name} is append-only; add a new row instead.")
        super().save(*args, **kwargs)


class PrivacyLog(AppendOnly):
    """Append-only: who downloaded or erased a pupil's data, when, for which school, and how much; and who
    downloaded an anonymised research export (no pupil: an empty pseudonym; no school for the whole board).

    The pupil appears only as a pseudonym and the counts; never a name, a text or a file name, so the log
    may stay after the erase it records."""

    action = models.CharField(_("actie"), max_length=10, choices=PrivacyAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(
        _("naam van wie het deed"), max_length=150, help_text=_("Blijft staan als het account later weg is.")
    )
    school = models.ForeignKey(
        "accounts.School", verbose_name=_("school"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pseudonym = models.CharField(_("pseudoniem van de leerling"), max_length=40, blank=True, db_index=True)
    counts = models.JSONField(_("aantallen"), default=dict)
    created_at = models.DateTimeField(_("wanneer"), default=timezone.now)

    class Meta:
        verbose_name = _("privacylogboekregel")
        verbose_name_plural = _("privacylogboek")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.pseudonym}"


class ConsentProof(AppendOnly):
    """A consent decision of an erased pupil, kept as the school's proof that consent was asked and given
    or refused: the same facts as sandbox_feed.ConsentDecision, with a pseudonym instead of the pupil."""

    school = models.ForeignKey(
        "accounts.School",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consent_proofs",
    )
    pseudonym = models.CharField(_("pseudoniem van de leerling"), max_length=40, db_index=True)
    purpose = models.CharField(_("doel"), max_length=30, choices=ConsentPurpose.choices)
    decision = models.BooleanField(_("toestemming"))
    decided_by = models.CharField(_("besloten door"), max_length=80)
    method = models.CharField(_("hoe"), max_length=20, choices=ConsentMethod.choices)
    decided_at = models.DateTimeField(_("wanneer besloten"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"))
    erased_at = models.DateTimeField(_("leerling gewist op"), default=timezone.now)

    class Meta:
        verbose_name = _("toestemmingsbewijs van een gewiste leerling")
        verbose_name_plural = _("toestemmingsbewijs van gewiste leerlingen")
        ordering = ["pseudonym", "decided_at", "id"]

    def __str__(self):
        return f"{self.pseudonym} {self.purpose}: {self.decision}"


class SchoolYearClosure(AppendOnly):
    """A school year a school closed ("Schooljaar afsluiten", privacy.schoolyear): one row per school and year,
    so a second close of the same year changes nothing (the unique constraint also stops two at once)."""

    school = models.ForeignKey(
        "accounts.School", verbose_name=_("school"), on_delete=models.CASCADE, related_name="closed_years"
    )
    school_year = models.CharField(_("schooljaar"), max_length=9)
    closed_at = models.DateTimeField(_("afgesloten op"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_by_name = models.CharField(_("naam van wie het deed"), max_length=150)
    counts = models.JSONField(_("aantallen"), default=dict)

    class Meta:
        verbose_name = _("afgesloten schooljaar")
        verbose_name_plural = _("afgesloten schooljaren")
        ordering = ["-school_year", "school_id"]
        constraints = [models.UniqueConstraint(fields=["school", "school_year"], name="one_closure_per_school_year")]

    def __str__(self):
        return f"{self.school_id} {self.school_year}"
