"""Installed H5P libraries, content items, and every pupil's attempts, sub-content results and statements."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import GradeMethod


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


def is_administrator(user):
    """Administrators (the role, or a superuser) see and manage the activities of every school."""
    from accounts.choices import Role

    return user.is_authenticated and (user.is_superuser or getattr(user, "role", None) == Role.ADMINISTRATOR)


class H5PContentQuerySet(models.QuerySet):
    """Every rule about who reaches which activity; permissions.py, the views, the block and /cms/ start here."""

    def active(self):
        """Not archived: archived activities keep their results but are hidden from listings and lessons."""
        return self.filter(archived_at__isnull=True)

    def in_reach_of(self, user):
        """Activities of `user`'s school(s) and those for all schools (archived ones included).

        Staff belong to `user.school`; pupils (who have no school of their own) to the schools of their
        classes. Administrators reach every school.
        """
        if not user.is_authenticated:
            return self.none()
        if is_administrator(user):
            return self.all()
        from accounts.models import SchoolClass

        schools = SchoolClass.objects.for_member(user).values("school")
        reach = Q(school__isnull=True) | Q(school__in=schools)
        if user.school_id is not None:
            reach |= Q(school_id=user.school_id)
        return self.filter(reach)

    def visible_to(self, user):
        """Content `user` may play: active, in reach, and when limited to classes, a member of one of them.

        Coordinators of the activity's school (and administrators) may play it whatever its class limits.
        """
        reachable = self.active().in_reach_of(user)
        if not user.is_authenticated or is_administrator(user):
            return reachable
        from accounts.models import SchoolClass

        member_of = SchoolClass.objects.for_member(user).values("pk")
        allowed = Q(limit_to_classes=None) | Q(limit_to_classes__in=member_of)
        if getattr(user, "is_coordinator", False) and user.school_id is not None:
            allowed |= Q(school_id=user.school_id)
        return reachable.filter(pk__in=self.model.objects.filter(allowed).values("pk"))

    def managed_by(self, user):
        """What `user` may see and change in /cms/: their own school's activities; administrators all.

        Activities for all schools (no school) are managed by administrators only. Whether a user may manage
        at all is the model permission's business (coordinators have it); this decides which ones.
        """
        if not user.is_authenticated:
            return self.none()
        if is_administrator(user):
            return self.all()
        if user.school_id is None:
            return self.none()
        return self.filter(school_id=user.school_id)

    def choosable_by(self, user):
        """What a lesson editor may put in a lesson step: active activities of their school or for all schools."""
        if not user.is_authenticated:
            return self.none()
        if is_administrator(user):
            return self.active()
        return self.active().filter(Q(school__isnull=True) | Q(pk__in=self.model.objects.managed_by(user).values("pk")))


class H5PContent(models.Model):
    """One imported activity; its files live in H5P_ROOT/content/<pk>/."""

    title = models.CharField(_("titel"), max_length=255)
    main_library = models.ForeignKey(
        H5PLibrary, verbose_name=_("hoofdbibliotheek"), on_delete=models.PROTECT, related_name="+"
    )
    libraries = models.ManyToManyField(H5PLibrary, verbose_name=_("bibliotheken"), related_name="contents")
    h5p_json = models.JSONField(_("h5p.json"), default=dict)
    # The copyright fields of h5p.json as package.read_metadata() normalised them (licence, authors, source,
    # years, changes): shown as "Gebruiksrechten" under the activity, as H5P's "Rights of use" box.
    metadata = models.JSONField(_("gebruiksrechten"), default=dict, blank=True, editable=False)
    grade_method = models.CharField(
        _("score volgens"),
        max_length=12,
        choices=GradeMethod.choices,
        default=GradeMethod.HIGHEST,
        help_text=_("Welke poging telt als een leerling de activiteit vaker doet."),
    )
    limit_to_classes = models.ManyToManyField(
        "accounts.SchoolClass",
        verbose_name=_("alleen voor klassen"),
        blank=True,
        related_name="+",
        help_text=_("Leeg: iedereen die ingelogd is mag de activiteit spelen."),
    )
    school = models.ForeignKey(
        "accounts.School",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="h5p_contents",
        help_text=_("Leeg: een activiteit voor alle scholen, die alleen beheerders mogen wijzigen."),
    )
    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True, editable=False)
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

    def is_visible_to(self, user):
        """H5PContent.objects.visible_to(user), for one activity already loaded: without a query where the row
        settles it (building and running that query took about 2 ms, most of what a smartboard spent on its
        steps). It only answers True where visible_to certainly does; anything else, such as an activity limited
        to classes or of another school, asks visible_to. tests/h5p/test_block_visibility.py holds the two together
        for every role and kind of activity."""
        if user.is_authenticated and not self.is_archived:
            if is_administrator(user):
                return True
            own_school = self.school_id is not None and self.school_id == user.school_id
            if own_school and getattr(user, "is_coordinator", False):
                return True
            limits = H5PContent.limit_to_classes.through.objects.filter(h5pcontent_id=self.pk)
            if (own_school or self.school_id is None) and not limits.exists():
                return True  # in reach by its school, and open to every class
        return H5PContent.objects.visible_to(user).filter(pk=self.pk).exists()

    @property
    def is_archived(self):
        return self.archived_at is not None

    @property
    def rights_of_use(self):
        """Licence, authors, years and source for the "Gebruiksrechten" box, or None when there are none."""
        from .rights import rights_of_use

        return rights_of_use(self.metadata, self.title)

    def has_results(self):
        """Pupils' attempts, statements or saved state exist: deleting would lose them, so archive instead."""
        return self.attempts.exists() or self.statements.exists() or H5PUserData.objects.filter(content=self).exists()

    def archive(self):
        """Hide the activity from listings and lessons; its results, saved state and files stay."""
        if self.archived_at is None:
            self.archived_at = timezone.now()
            self.save(update_fields=["archived_at"])


class H5PAttempt(models.Model):
    """One try at an activity, opened by a top-level answered/completed statement (Moodle's rule)."""

    # PROTECT: pupils' results never disappear with their activity; /cms/ archives an activity that has them.
    content = models.ForeignKey(
        H5PContent, verbose_name=_("activiteit"), on_delete=models.PROTECT, related_name="attempts"
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
        H5PContent, verbose_name=_("activiteit"), on_delete=models.PROTECT, related_name="statements"
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

    content = models.ForeignKey(H5PContent, verbose_name=_("activiteit"), on_delete=models.PROTECT, related_name="+")
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
