"""The coordinator's forms in the Wagtail admin: edit an activity, and upload a .h5p validated before storing.

Both offer only the classes of the user's own school; only administrators choose (or change) the school.
For everyone else the server keeps the school: the uploader's, or the activity's own.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import storage
from .package import PackageError, read_package
from .permissions import classes_for_content_form, is_administrator


class H5PContentForm(WagtailAdminModelForm):
    class Meta:
        fields = ["title", "school", "limit_to_classes", "grade_method"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "grade_method" in self.fields:
            # Left out of a POST (a script, an older form): the activity keeps its own method.
            self.fields["grade_method"].required = False
        user = self.for_user
        self.may_choose_school = user is not None and is_administrator(user)
        if not self.may_choose_school:
            self.fields.pop("school", None)
        if "school" in self.fields:
            self.fields["school"].empty_label = _("Alle scholen")
        school = self.instance.school if self.instance.pk and self.instance.school_id else None
        if "limit_to_classes" in self.fields:
            self.fields["limit_to_classes"].queryset = classes_for_content_form(user, school).select_related("school")

    def clean(self):
        cleaned = super().clean()
        school = cleaned.get("school") if self.may_choose_school else self._school_of_instance()
        classes = cleaned.get("limit_to_classes") or []
        if school is not None and any(c.school_id != school.pk for c in classes):
            self.add_error("limit_to_classes", _("Kies alleen klassen van de school van deze activiteit."))
        return cleaned

    def clean_grade_method(self):
        return self.cleaned_data.get("grade_method") or self.instance.grade_method

    def _school_of_instance(self):
        if self.instance.pk:
            return self.instance.school
        return self.for_user.school if self.for_user is not None else None


class H5PUploadForm(H5PContentForm):
    package = forms.FileField(
        label=_("H5P-bestand"),
        help_text=_("Een .h5p-bestand, geëxporteerd mét bibliotheken."),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    class Meta:
        fields = ["title", "school", "limit_to_classes", "grade_method"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leeg laten: de titel uit het pakket.")
        self.parsed_package = None

    def clean(self):
        cleaned = super().clean()
        if not self.may_choose_school and (self.for_user is None or self.for_user.school_id is None):
            # Without a school the activity would be one for all schools, which only administrators make.
            raise ValidationError(_("Je account hoort bij geen school. Vraag de beheerder om dat in te stellen."))
        return cleaned

    def school_for_upload(self):
        """Administrators choose (empty: all schools); everyone else uploads for their own school."""
        if self.may_choose_school:
            return self.cleaned_data.get("school")
        return self.for_user.school

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if not upload.name.lower().endswith(".h5p"):
            raise ValidationError(_("Kies een bestand dat eindigt op .h5p."))
        # The parsed package copies its files from `upload` when the view installs it: Django keeps the upload
        # (in memory, or a temporary file for a large one) open until the request ends, and closes it then.
        try:
            package = read_package(upload, is_installed=lambda key: key in storage.installed_keys(), **storage.limits())
        except PackageError as error:
            raise ValidationError(error.problems) from error
        try:
            storage.plan_libraries(package, storage.can_install_libraries(self.for_user))
        except PackageError as error:
            package.close()
            raise ValidationError(error.problems) from error
        self.parsed_package = package
        return upload
