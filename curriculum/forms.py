"""The coverage matrix's filter: one framework, or every current one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Framework


class CoverageFilterForm(forms.Form):
    kader = forms.ChoiceField(label=_("Kader"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        frameworks = Framework.objects.order_by("position", "name").values_list("code", "name", "status")
        choices = [("", _("Alle geldende kaders"))]
        for code, name, status in frameworks:
            choices.append((code, f"{name} ({_('vervangen')})" if status == "vervangen" else name))
        self.fields["kader"].choices = choices

    @property
    def framework_code(self):
        """The chosen framework's code, or None for all (also when the value is not a known framework)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["kader"] or None
        return None
