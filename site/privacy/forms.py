"""The erase confirmation (a box the coordinator ticks, checked on the server) and the research export's choices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import School

from .research_files import CSV, HDF5


class EraseConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat dit niet ongedaan kan worden gemaakt."),
        error_messages={"required": _("Vink eerst aan dat je begrijpt dat wissen niet terug te draaien is.")},
    )


ALL_SCHOOLS = "alle"


class ResearchExportForm(forms.Form):
    """The research export: the file format, and for administrators the school (or the whole board).
    Coordinators get no school field: their export is always their own school's (permissions decide)."""

    school = forms.ChoiceField(label=_("School"))
    file_format = forms.ChoiceField(
        label=_("Bestandsvorm"),
        choices=[
            (HDF5, _("HDF5 (.h5): één bestand, voor Python, R of MATLAB")),
            (CSV, _("CSV-bestanden in een zip: voor een rekenblad")),
        ],
        initial=HDF5,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, administrator=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not administrator:
            del self.fields["school"]
            return
        schools = School.objects.order_by("name", "pk")
        self.fields["school"].choices = [(ALL_SCHOOLS, _("Alle scholen van het bestuur"))] + [
            (str(school.pk), school.name) for school in schools
        ]
        self.fields["school"].initial = ALL_SCHOOLS

    def clean_school(self):
        value = self.cleaned_data["school"]
        if value == ALL_SCHOOLS:
            return None
        school = School.objects.filter(pk=value).first()
        if school is None:
            raise forms.ValidationError(_("Deze school bestaat niet meer. Kies een andere."))
        return school


class SchoolYearCloseForm(forms.Form):
    """The confirmation of "Schooljaar afsluiten": which pupils of a combination group with groep 8 leave (the
    data cannot tell), the year the coordinator looked at, and a ticked box."""

    school_year = forms.CharField(widget=forms.HiddenInput, required=False)
    leaving = forms.TypedMultipleChoiceField(
        label=_("Wie gaat van school?"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    confirm = forms.BooleanField(
        label=_("Ik heb het overzicht nagekeken. Zo klopt het."),
        required=False,
    )

    def __init__(self, *args, choosable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaving"].choices = [(pupil.pk, pupil.display_name) for pupil in choosable]

    def leaving_ids(self):
        if self.is_bound and self.is_valid():
            return self.cleaned_data["leaving"]
        return []
