"""Users with a role, schools and classes. Pupils are stored by first name and initial only."""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import pictures
from .choices import STAFF_ROLES, GradeBand, Groep, Role, ThrottleScope

# Letters without look-alikes (no 0/O, 1/I/L) so a class code is easy to copy from the board.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def random_code(length=6):
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def random_picture_code():
    keys = [picture.key for picture in pictures.PICTURES]
    return "-".join(secrets.SystemRandom().sample(keys, pictures.CODE_LENGTH))


def current_school_year(today=None):
    today = today or timezone.localdate()
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


class School(models.Model):
    name = models.CharField(_("naam"), max_length=150)
    brin = models.CharField(
        _("BRIN-code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{2}[A-Z]{2}(\d{2})?$", _("Een BRIN-code is bijvoorbeeld 12AB of 12AB01."))],
        help_text=_("Optioneel: vier tekens, eventueel met twee cijfers voor de vestiging."),
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OefenfeedUserManager(UserManager):
    def create_pupil(self, first_name, initial=""):
        pupil = self.model(
            username=f"leerling-{secrets.token_hex(6)}", first_name=first_name, initial=initial, role=Role.PUPIL
        )
        pupil.reset_pupil_login()
        pupil.save()
        return pupil


class User(AbstractUser):
    """Everyone who logs in. Pupils have no e-mail, no password and no surname: only an initial."""

    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.TEACHER)
    school = models.ForeignKey(
        School, verbose_name=_("school"), null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    initial = models.CharField(_("voorletter achternaam"), max_length=1, blank=True)
    picture_code = models.CharField(
        _("plaatjescode"),
        max_length=40,
        blank=True,
        help_text=_("Drie plaatjes in volgorde; staat ook op de inlogkaart."),
    )
    card_token = models.CharField(_("kaartcode"), max_length=64, unique=True, null=True, blank=True, editable=False)
    # Set when "Schooljaar afsluiten" lets a pupil leave (groep 8): the login goes at once, the rest of the
    # pupil's data after PRIVACY_RETENTION_AFTER_LEAVING_DAYS (privacy.retention).
    left_at = models.DateField(_("van school gegaan op"), null=True, blank=True, editable=False)

    objects = OefenfeedUserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.PUPIL) | Q(email="", last_name=""),
                name="pupil_has_no_email_or_surname",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.role == Role.PUPIL:
            return f"{self.first_name} {self.initial}.".strip() if self.initial else self.first_name
        return self.get_full_name() or self.username

    @property
    def is_pupil(self):
        return self.role == Role.PUPIL

    @property
    def is_teacher(self):
        return self.role == Role.TEACHER

    @property
    def is_school_staff(self):
        return self.role in STAFF_ROLES

    @property
    def is_coordinator(self):
        return self.role in (Role.COORDINATOR, Role.ADMINISTRATOR)

    def reset_pupil_login(self):
        """A new picture code and card; earlier cards stop working. The view also clears the login wait."""
        self.picture_code = random_picture_code()
        self.card_token = secrets.token_urlsafe(24)
        self.set_unusable_password()

    def picture_keys(self):
        return self.picture_code.split("-") if self.picture_code else []

    def check_picture_code(self, keys):
        return bool(self.picture_code) and secrets.compare_digest("-".join(keys), self.picture_code)


class SchoolClassQuerySet(models.QuerySet):
    def for_teacher(self, user):
        return self.filter(teachers=user)

    def active(self):
        """Classes of a school year that has not been closed (privacy.schoolyear archives the others)."""
        return self.filter(archived_at__isnull=True)

    def for_pupil(self, user):
        """The pupil's current classes: an archived class is history, no longer the pupil's."""
        return self.filter(pupils=user, archived_at__isnull=True)

    def for_member(self, user):
        """Classes a user belongs to as pupil or as teacher. Teachers keep their archived classes (to read the
        old feed); pupils do not."""
        # Exists, not joins: joining both lists gave a row per teacher and pupil until DISTINCT, and every
        # subquery a caller annotates ran once per such row (the feed page's class query, 24 times).
        learning = Exists(SchoolClass.pupils.through.objects.filter(schoolclass_id=OuterRef("pk"), user_id=user.pk))
        return self.filter(teaches(user) | (learning & Q(archived_at__isnull=True)))


def teaches(user):
    """Whether `user` teaches the class of the row being selected: an EXISTS to filter or annotate with."""
    return Exists(SchoolClass.teachers.through.objects.filter(schoolclass_id=OuterRef("pk"), user_id=user.pk))


class SchoolClass(models.Model):
    school = models.ForeignKey(School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="classes")
    name = models.CharField(_("naam"), max_length=60, help_text=_("Bijvoorbeeld: Groep 7B"))
    groep = models.PositiveSmallIntegerField(_("groep"), choices=Groep.choices)
    # A combination group ("groep 7/8") spans years groep..groep_tot; empty for a class of one year.
    groep_tot = models.PositiveSmallIntegerField(
        _("tot en met groep"),
        choices=Groep.choices,
        null=True,
        blank=True,
        help_text=_("Alleen bij een combinatiegroep: bij groep 7/8 is dit groep 8."),
    )
    school_year = models.CharField(
        _("schooljaar"),
        max_length=9,
        default=current_school_year,
        validators=[RegexValidator(r"^\d{4}-\d{4}$", _("Schrijf het schooljaar als 2026-2027."))],
    )
    join_code = models.CharField(_("klascode"), max_length=12, unique=True, default=random_code)
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("leerkrachten"), related_name="teaching_classes", blank=True
    )
    pupils = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("leerlingen"), related_name="pupil_classes", blank=True
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # Set when the school year is closed: the feed is read-only for its teachers and gone for its pupils.
    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True, editable=False)

    objects = SchoolClassQuerySet.as_manager()

    class Meta:
        verbose_name = _("klas")
        verbose_name_plural = _("klassen")
        ordering = ["groep", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(groep_tot__isnull=True) | Q(groep_tot__gt=models.F("groep")),
                name="combination_group_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.groep_tot is not None and self.groep is not None and self.groep_tot <= self.groep:
            raise ValidationError(
                {"groep_tot": _("Een combinatiegroep loopt tot een hogere groep, bijvoorbeeld groep 7 tot en met 8.")}
            )

    @property
    def years(self):
        """The groepen (years) of the class: [7] for groep 7, [7, 8] for the combination group 7/8."""
        return list(range(self.groep, (self.groep_tot or self.groep) + 1))

    @property
    def groep_display(self):
        """ "Groep 7", or "Groep 7/8" for a combination group."""
        return _("Groep %(years)s") % {"years": "/".join(str(year) for year in self.years)}

    @property
    def grade_bands(self):
        """The grade bands of every year of the class, lowest first: groep 4/5 is in 3-4 and 5-6."""
        return list(dict.fromkeys(GradeBand.for_groep(year) for year in self.years))

    @property
    def grade_band(self):
        """The grade band of the class's first year (see grade_bands for combination groups)."""
        return GradeBand.for_groep(self.groep)

    def ordered_pupils(self):
        return self.pupils.order_by("first_name", "initial", "pk")

    def add_pupils(self, names):
        """Create pupils from (first name, initial) pairs and put them in this class."""
        created = [User.objects.create_pupil(first_name, initial) for first_name, initial in names]
        self.pupils.add(*created)
        return created


class LoginThrottleLock(models.Model):
    """One row per throttle key, locked while a login attempt is decided, so parallel attempts queue.

    Failures are separate rows (LoginFailure) without a foreign key to this one, so removing stale locks
    can never take a failure with it.
    """

    key = models.CharField(_("sleutel"), max_length=150, unique=True)
    used_at = models.DateTimeField(_("laatst gebruikt"))

    class Meta:
        verbose_name = _("inlogslot")
        verbose_name_plural = _("inlogsloten")
        indexes = [models.Index(fields=["used_at"])]

    def __str__(self):
        return self.key


class LoginFailure(models.Model):
    """A failed login, counted once for each key it throttles: the account, the account on this client, the client.

    `counts_for_wait` turns off when the account logs in correctly or a teacher clears the wait; the row stays,
    so the teacher still sees how often a pupil's code was tried today.
    """

    key = models.CharField(_("sleutel"), max_length=150)
    scope = models.CharField(_("soort"), max_length=20, choices=ThrottleScope.choices)
    user = models.ForeignKey(
        User,
        verbose_name=_("leerling"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="login_failures",
        help_text=_("Alleen bij leerlingen: wiens plaatjescode werd geprobeerd."),
    )
    failed_at = models.DateTimeField(_("mislukt op"))
    counts_for_wait = models.BooleanField(_("telt mee voor de wachttijd"), default=True)

    class Meta:
        verbose_name = _("mislukte inlogpoging")
        verbose_name_plural = _("mislukte inlogpogingen")
        indexes = [models.Index(fields=["key", "failed_at"]), models.Index(fields=["failed_at"])]

    def __str__(self):
        return f"{self.key} {self.failed_at:%Y-%m-%d %H:%M:%S}"
