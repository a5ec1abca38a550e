"""The erase confirmation: a box the coordinator ticks, checked on the server."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EraseConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat dit niet ongedaan kan worden gemaakt."),
        error_messages={"required": _("Vink eerst aan dat je begrijpt dat wissen niet terug te draaien is.")},
    )
