"""Forms for logging in (pupils and staff) and for teachers managing their classes."""

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailAdminLoginForm

from . import pictures, throttle
from .choices import STAFF_ROLES, Groep
from .models import SchoolClass, User

MAX_PUPILS_PER_PASTE = 60
NAME_RE = re.compile(r"^[^\W\d_][^\W\d_'\- ]*(?:[-' ][^\W\d_]+)*$")


class LoginWaitMessageMixin:
    """For password login forms: say how long to wait when the login throttle refused the attempt, or when
    this wrong password makes the next attempt wait. The throttle backend leaves both on the request.
    """

    def get_invalid_login_error(self):
        wait = getattr(self.request, "login_wait", 0)
        if wait:
            return forms.ValidationError(throttle.staff_wait_message(wait), code="login_wait")
        error = super().get_invalid_login_error()
        attempt = getattr(self.request, "login_attempt", None)
        if attempt is not None and attempt.wait_if_wrong:
            return forms.ValidationError(
                [error, forms.ValidationError(throttle.wait_message(attempt.wait_if_wrong), code="login_wait")]
            )
        return error


class StaffLoginForm(LoginWaitMessageMixin, AuthenticationForm):
    """The staff login at /inloggen/."""


class WagtailLoginForm(LoginWaitMessageMixin, WagtailAdminLoginForm):
    """Wagtail's /cms/login/ form (settings.WAGTAILADMIN_USER_LOGIN_FORM)."""


class ClassCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Klascode"),
        max_length=12,
        help_text=_("De code staat op het bord of op je inlogkaart."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper().replace(" ", "")


class PictureCodeForm(forms.Form):
    """Three picture choices in order; plain radio buttons, so it works with keyboard and without JS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(picture.key, picture.label) for picture in pictures.PICTURES]
        labels = [_("Eerste plaatje"), _("Tweede plaatje"), _("Derde plaatje")]
        for index, label in enumerate(labels, start=1):
            self.fields[f"picture{index}"] = forms.ChoiceField(
                label=label,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een plaatje.")},
            )

    def keys(self):
        return [self.cleaned_data[f"picture{index}"] for index in range(1, pictures.CODE_LENGTH + 1)]

    def steps(self):
        return [self[f"picture{index}"] for index in range(1, pictures.CODE_LENGTH + 1)]


class SchoolClassForm(forms.ModelForm):
    """Create or edit a class; a combination group ("groep 7/8") sets `groep_tot` as well."""

    class Meta:
        model = SchoolClass
        fields = ["name", "groep", "groep_tot", "school_year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groep_tot"].choices = [("", _("Geen combinatiegroep")), *Groep.choices]


class AddTeacherForm(forms.Form):
    """A colleague of the class's school who becomes a teacher of the class, with the same rights."""

    teacher = forms.ModelChoiceField(
        label=_("Collega"),
        queryset=User.objects.none(),
        empty_label=_("Kies een collega"),
        error_messages={
            "required": _("Kies eerst een collega."),
            "invalid_choice": _("Deze collega kun je niet toevoegen. Kies iemand van je eigen school."),
        },
    )

    def __init__(self, *args, school_class, **kwargs):
        super().__init__(*args, **kwargs)
        self.school_class = school_class
        self.fields["teacher"].queryset = colleagues_to_add(school_class)
        self.fields["teacher"].label_from_instance = lambda user: user.display_name


def colleagues_to_add(school_class):
    """Staff of the class's school who do not teach the class yet, by name."""
    return (
        User.objects.filter(school_id=school_class.school_id, role__in=STAFF_ROLES, is_active=True)
        .exclude(teaching_classes=school_class)
        .order_by("first_name", "last_name", "username")
    )


def parse_pupil_line(line):
    """'Sanne Jansen', 'Sanne J.' or 'Sanne' -> ('Sanne', 'J'); the surname itself is never kept."""
    parts = line.split()
    first_name, rest = parts[0], parts[1:]
    # Surname prefixes (Dutch and others common in class lists) are not the initial: "Daan van Dijk" -> D.
    prefixes = {
        "van",
        "de",
        "der",
        "den",
        "het",
        "ten",
        "ter",
        "te",
        "in",
        "'t",
        "op",
        "el",
        "al",
        "da",
        "di",
        "du",
        "le",
        "la",
    }
    while rest and rest[0].lower() in prefixes and len(rest) > 1:
        rest = rest[1:]
    initial = rest[0][0].upper() if rest else ""
    return first_name[:1].upper() + first_name[1:], initial


class AddPupilsForm(forms.Form):
    names = forms.CharField(
        label=_("Namen van leerlingen"),
        help_text=_(
            "Eén leerling per regel: voornaam en achternaam of voorletter. "
            "We bewaren alleen de voornaam en de eerste letter van de achternaam."
        ),
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
    )

    def __init__(self, *args, school_class, **kwargs):
        super().__init__(*args, **kwargs)
        self.school_class = school_class

    def clean_names(self):
        lines = [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]
        if len(lines) > MAX_PUPILS_PER_PASTE:
            raise forms.ValidationError(
                _("Voeg maximaal %(max)s leerlingen tegelijk toe."), params={"max": MAX_PUPILS_PER_PASTE}
            )
        existing = {(p.first_name.lower(), p.initial.lower()) for p in self.school_class.pupils.all()}
        parsed, errors = [], []
        for number, line in enumerate(lines, start=1):
            if "@" in line:
                errors.append(_("Regel %(n)s: laat e-mailadressen weg, alleen de naam.") % {"n": number})
                continue
            words = line.replace(".", " ").split()
            if not words or not all(NAME_RE.match(word) for word in words) or len(words[0]) > 40:
                errors.append(_("Regel %(n)s: “%(line)s” is geen naam.") % {"n": number, "line": line})
                continue
            first_name, initial = parse_pupil_line(" ".join(words))
            key = (first_name.lower(), initial.lower())
            if key in existing:
                errors.append(
                    _("Regel %(n)s: %(name)s staat al in de klas. Voeg een voorletter toe om ze uit elkaar te houden.")
                    % {"n": number, "name": f"{first_name} {initial}".strip()}
                )
                continue
            existing.add(key)
            parsed.append((first_name, initial))
        if errors:
            raise forms.ValidationError(errors)
        if not parsed:
            raise forms.ValidationError(_("Vul minstens één naam in."))
        return parsed

    def summary(self, count):
        return ngettext("%(count)s leerling toegevoegd.", "%(count)s leerlingen toegevoegd.", count) % {"count": count}
