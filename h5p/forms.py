"""The coordinator's upload form in the Wagtail admin: a .h5p file, validated before anything is stored."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import storage
from .package import PackageError, read_package


class H5PUploadForm(WagtailAdminModelForm):
    package = forms.FileField(
        label=_("H5P-bestand"),
        help_text=_("Een .h5p-bestand, geëxporteerd mét bibliotheken."),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    class Meta:
        fields = ["title", "limit_to_classes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leeg laten: de titel uit het pakket.")
        self.parsed_package = None

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if not upload.name.lower().endswith(".h5p"):
            raise ValidationError(_("Kies een bestand dat eindigt op .h5p."))
        try:
            package = read_package(upload, is_installed=lambda key: key in storage.installed_keys(), **storage.limits())
            storage.plan_libraries(package, storage.can_install_libraries(self.for_user))
        except PackageError as error:
            raise ValidationError(error.problems) from error
        self.parsed_package = package
        return upload
