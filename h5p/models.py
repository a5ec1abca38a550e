"""Installed H5P libraries, content items, and every pupil's attempts, sub-content results and statements."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class H5PLibrary(models.Model):
    """One library folder, stored once per Machine.Name-Major.Minor; a newer patch replaces the files."""

    machine_name = models.CharField(_("machinenaam"), max_length=255)
    major_version = models.PositiveIntegerField(_("hoofdversie"))
    minor_version = models.PositiveIntegerField(_("subversie"))
    patch_version = models.PositiveIntegerField(_("patchversie"))
    title = models.CharField(_("titel"), max_length=255)
    runnable = models.BooleanField(_("zelfstandig te spelen"), default=False)
    metadata = models.JSONField(_("library.json"), default=dict)
    semantics = models.JSONField(_("semantics.json"), null=True, blank=True)
    files_hash = models.CharField(_("controlegetal bestanden"), max_length=64)
    installed_at = models.DateTimeField(_("geïnstalleerd op"), auto_now=True)

    class Meta:
        verbose_name = _("H5P-bibliotheek")
        verbose_name_plural = _("H5P-bibliotheken")
        ordering = ["machine_name", "major_version", "minor_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version"], name="h5p_library_once_per_minor"
            )
        ]
        permissions = [("install_library", _("Mag H5P-bibliotheken (JavaScript) installeren en bijwerken"))]

    def __str__(self):
        return f"{self.machine_name} {self.major_version}.{self.minor_version}.{self.patch_version}"

    @property
    def folder(self):
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"

    @property
    def key(self):
        return (self.machine_name, self.major_version, self.minor_version)


class H5PContentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Content `user` may play: everything without class limits, else only members of those classes."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or getattr(user, "is_coordinator", False):
            return self
        from accounts.models import SchoolClass

        member_of = SchoolClass.objects.for_member(user).values("pk")
        return self.filter(Q(limit_to_classes=None) | Q(limit_to_classes__in=member_of)).distinct()


class H5PContent(models.Model):
    """One imported activity; its files live in H5P_ROOT/content/<pk>/."""

    title = models.CharField(_("titel"), max_length=255)
    main_library = models.ForeignKey(
        H5PLibrary, verbose_name=_("hoofdbibliotheek"), on_delete=models.PROTECT, related_name="+"
    )
    libraries = models.ManyToManyField(H5PLibrary, verbose_name=_("bibliotheken"), related_name="contents")
    h5p_json = models.JSONField(_("h5p.json"), default=dict)
    limit_to_classes = models.ManyToManyField(
        "accounts.SchoolClass",
        verbose_name=_("alleen voor klassen"),
        blank=True,
        related_name="+",
        help_text=_("Leeg: iedereen die ingelogd is mag de activiteit spelen."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geïmporteerd op"), auto_now_add=True)

    objects = H5PContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("H5P-activiteit")
        verbose_name_plural = _("H5P-activiteiten")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title


class H5PAttempt(models.Model):
    """One try at an activity, opened by a top-level answered/completed statement (Moodle's rule)."""

    content = models.ForeignKey(
        H5PContent, verbose_name=_("activiteit"), on_delete=models.CASCADE, related_name="attempts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("leerling"), on_delete=models.CASCADE, related_name="h5p_attempts"
    )
    number = models.PositiveIntegerField(_("poging"))
    raw_score = models.DecimalField(_("score"), max_digits=9, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximale score"), max_digits=9, decimal_places=2, null=True, blank=True)
    scaled = models.DecimalField(_("geschaalde score"), max_digits=6, decimal_places=4, null=True, blank=True)
    duration = models.CharField(_("duur (ISO 8601)"), max_length=40, blank=True)
    completion = models.BooleanField(_("afgerond"), null=True)
    success = models.BooleanField(_("geslaagd"), null=True)
    created_at = models.DateTimeField(_("begonnen op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("H5P-poging")
        verbose_name_plural = _("H5P-pogingen")
        ordering = ["content", "user", "number"]
        constraints = [models.UniqueConstraint(fields=["content", "user", "number"], name="h5p_attempt_number_once")]

    def __str__(self):
        return f"{self.content} · {self.user} · {self.number}"

    @property
    def percentage(self):
        if self.raw_score is None or not self.max_score:
            return None
        return round(100 * self.raw_score / self.max_score)


class H5PSubContentResult(models.Model):
    """The result of one question inside an attempt (a statement with a subContentId)."""

    attempt = models.ForeignKey(H5PAttempt, verbose_name=_("poging"), on_delete=models.CASCADE, related_name="results")
    sub_content_id = models.CharField(_("onderdeel"), max_length=64)
    interaction_type = models.CharField(_("soort vraag"), max_length=40, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    response = models.TextField(_("antwoord"), blank=True)
    raw_score = models.DecimalField(_("score"), max_digits=9, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximale score"), max_digits=9, decimal_places=2, null=True, blank=True)
    scaled = models.DecimalField(_("geschaalde score"), max_digits=6, decimal_places=4, null=True, blank=True)
    duration = models.CharField(_("duur (ISO 8601)"), max_length=40, blank=True)
    completion = models.BooleanField(_("afgerond"), null=True)
    success = models.BooleanField(_("geslaagd"), null=True)
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("H5P-deelresultaat")
        verbose_name_plural = _("H5P-deelresultaten")
        ordering = ["attempt", "pk"]

    def __str__(self):
        return f"{self.attempt} · {self.sub_content_id}"


class H5PStatement(models.Model):
    """Every stored xAPI statement as received (with the server's actor), for audit and later reports."""

    content = models.ForeignKey(
        H5PContent, verbose_name=_("activiteit"), on_delete=models.CASCADE, related_name="statements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="+"
    )
    attempt = models.ForeignKey(
        H5PAttempt,
        verbose_name=_("poging"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    verb = models.CharField(_("werkwoord"), max_length=255)
    sub_content_id = models.CharField(_("onderdeel"), max_length=64, blank=True)
    statement = models.JSONField(_("xAPI-statement"))
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("xAPI-statement")
        verbose_name_plural = _("xAPI-statements")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.user} {self.verb} {self.content}"


class H5PUserData(models.Model):
    """Saved state (contentUserDataUrl) so a pupil can continue an activity later."""

    content = models.ForeignKey(H5PContent, verbose_name=_("activiteit"), on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="+"
    )
    data_type = models.CharField(_("soort"), max_length=64)
    sub_content_id = models.CharField(_("onderdeel"), max_length=64)
    data = models.TextField(_("gegevens"))
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("H5P-voortgang")
        verbose_name_plural = _("H5P-voortgang")
        constraints = [
            models.UniqueConstraint(
                fields=["content", "user", "data_type", "sub_content_id"], name="h5p_user_data_once"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.content} · {self.data_type}"
