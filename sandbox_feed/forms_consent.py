"""The consent register: a whole class's decisions on one form, pupils by purposes, one submit."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ConsentMethod, ConsentPurpose
from .widgets import RadioSelect

REGISTER_CHOICES = [("ja", _("ja")), ("nee", _("nee")), ("geen", _("geen formulier terug"))]
STATE_CHOICE = {"yes": "ja", "no": "nee", "missing": "geen"}


def cell_name(pupil_id, purpose):
    return f"c_{pupil_id}_{purpose}"


class ConsentRegisterForm(forms.Form):
    """One radio group per pupil and purpose, filled in with what holds now; the guardian, method and date
    once for the whole batch. Only the cells that change are recorded."""

    decided_by = forms.CharField(
        label=_("Besloten door"),
        max_length=80,
        initial=_("ouders of verzorgers"),
        help_text=_("Wie tekende de formulieren? Bijvoorbeeld: ouders of verzorgers."),
    )
    method = forms.ChoiceField(label=_("Hoe"), choices=ConsentMethod.choices, initial=ConsentMethod.FORM)
    decided_on = forms.DateField(
        label=_("Datum van de formulieren"),
        required=False,
        help_text=_("Leeg is vandaag."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, pupils, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupils = list(pupils)
        self.states = states
        self.purposes = list(ConsentPurpose.choices)
        for pupil in self.pupils:
            for purpose, label in self.purposes:
                self.fields[cell_name(pupil.pk, purpose)] = forms.ChoiceField(
                    label=f"{pupil.display_name}: {label}",
                    choices=REGISTER_CHOICES,
                    initial=STATE_CHOICE[states[pupil.pk][purpose]],
                    widget=RadioSelect,
                    error_messages={"required": _("Kies ja, nee of geen formulier terug.")},
                )

    def clean_decided_on(self):
        day = self.cleaned_data.get("decided_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Die datum ligt in de toekomst. Kies vandaag of eerder."))
        return day

    def decided_at(self):
        """None (now) for today or an empty date, otherwise noon of the chosen day."""
        day = self.cleaned_data.get("decided_on")
        if not day or day == timezone.localdate():
            return None
        return timezone.make_aware(datetime.combine(day, time(12, 0)))

    def chosen(self):
        """{(pupil_id, purpose): "ja" | "nee" | "geen"} for every cell."""
        return {
            (pupil.pk, purpose): self.cleaned_data[cell_name(pupil.pk, purpose)]
            for pupil in self.pupils
            for purpose, _label in self.purposes
        }

    def rows(self):
        """[(pupil, [bound field per purpose])] for the table."""
        return [
            (pupil, [self[cell_name(pupil.pk, purpose)] for purpose, _label in self.purposes]) for pupil in self.pupils
        ]
