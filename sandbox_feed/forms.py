"""Forms of the class feed. The server sets class, author and status; forms only list what a user fills in."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import (
    ConsentMethod,
    ConsentPurpose,
    PeopleOnPhoto,
    PostKind,
    ReactionKind,
    RejectReason,
    ReportReason,
    ReviewOverride,
    SourceKind,
    WordRule,
)
from .citation import SOURCE_URL_MAX_LENGTH, SourceInfo, clean_source_url
from .models import FeedSettings, Persona, Post
from .photos import process_photo
from .widgets import CheckboxSelectMultiple, RadioSelect

MAX_POST_LENGTH = 500


class SubmissionKeyField(forms.UUIDField):
    """The composer's hidden key. A new one for every composer shown (a callable initial), the same one when
    the form comes back with an error, so a submission sent twice makes one post (services.create_post).
    A key that is not a UUID is ignored: it only loses that protection, never the pupil's post."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            return None


class PostForm(forms.ModelForm):
    text = forms.CharField(
        label=_("Wat wil je delen?"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_POST_LENGTH}),
        help_text=_("Hoogstens 500 tekens. Webadressen worden vanzelf een link. Noem een klasgenoot met @naam."),
        error_messages={
            "required": _("Schrijf eerst iets in je bericht."),
            "max_length": _("Je bericht is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
    upload = forms.FileField(
        label=_("Foto (mag, hoeft niet)"),
        required=False,
        help_text=_("JPEG, PNG of WebP, hoogstens 8 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    source_url = forms.CharField(
        label=_("Webadres van de bron"), required=False, max_length=SOURCE_URL_MAX_LENGTH, widget=forms.URLInput
    )
    send_to_teacher = forms.BooleanField(
        label=_("Toch naar mijn leerkracht sturen: die leest het eerst"), required=False
    )
    submission_key = SubmissionKeyField()
    tagged = forms.ModelMultipleChoiceField(
        label=_("Welke klasgenoten staan op de foto?"),
        queryset=None,
        required=False,
        widget=CheckboxSelectMultiple,
    )

    class Meta:
        model = Post
        fields = [
            "text",
            "people_on_photo",
            "source_kind",
            "source_maker",
            "source_title",
            "source_url",
            "source_date",
            "source_published",
            "source_permission",
        ]
        labels = {
            "people_on_photo": _("Staan er herkenbare mensen op de foto?"),
            "source_kind": _("Is dit je eigen werk?"),
            "source_maker": _("Wie heeft het gemaakt?"),
            "source_title": _("Titel van de bron"),
            "source_url": _("Webadres van de bron"),
            "source_date": _("Datum van de bron"),
            "source_published": _("Het staat openbaar online of in een boek (geen privéchat)"),
            "source_permission": _("Heb je toestemming of staat er een licentie bij?"),
        }
        widgets = {"people_on_photo": RadioSelect, "source_kind": RadioSelect}

    def __init__(self, *args, school_class, author, **kwargs):
        super().__init__(*args, **kwargs)
        self.school_class = school_class
        self.fields["tagged"].queryset = school_class.pupils.order_by("first_name", "initial")
        self.fields["tagged"].label_from_instance = lambda pupil: pupil.display_name
        self.photo_files = None
        # Radio groups with a sensible default: a pupil who skips them keeps the default.
        self.fields["people_on_photo"].required = False
        self.fields["source_kind"].required = False

    def clean_source_url(self):
        return clean_source_url(self.cleaned_data.get("source_url"))

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.photo_files = process_photo(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        cleaned["source_kind"] = cleaned.get("source_kind") or SourceKind.OWN
        cleaned["people_on_photo"] = cleaned.get("people_on_photo") or PeopleOnPhoto.NONE
        has_photo = bool(self.photo_files)
        if not has_photo:
            cleaned["people_on_photo"] = PeopleOnPhoto.NONE
            cleaned["tagged"] = []
        elif cleaned.get("tagged") and cleaned.get("people_on_photo") == PeopleOnPhoto.NONE:
            self.add_error("people_on_photo", _("Je hebt klasgenoten getagd: kies dan dat er klasgenoten op staan."))
        return cleaned

    def source_info(self):
        data = self.cleaned_data
        return SourceInfo(
            kind=data.get("source_kind") or SourceKind.OWN,
            maker=data.get("source_maker", ""),
            title=data.get("source_title", ""),
            url=data.get("source_url", ""),
            date=data.get("source_date", ""),
            published=data.get("source_published", False),
            permission=data.get("source_permission", ""),
        )

    def model_fields(self):
        """The fields the server copies onto the new post (text is cleaned separately)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "text"}

    def initial_from(self, post):
        """Prefill from an earlier post (a revision after a rejection keeps the source fields)."""
        for name in self.Meta.fields:
            self.initial[name] = post.plain_text if name == "text" else getattr(post, name)


class TeacherPostForm(PostForm):
    """Teachers post announcements (pinned) or scenario posts from a persona."""

    post_kind = forms.ChoiceField(
        label=_("Soort bericht"),
        choices=[(k.value, k.label) for k in (PostKind.ANNOUNCEMENT, PostKind.SCENARIO)],
        initial=PostKind.ANNOUNCEMENT,
        widget=RadioSelect,
    )
    persona = forms.ModelChoiceField(label=_("Oefenaccount (voor een oefenbericht)"), queryset=None, required=False)

    def __init__(self, *args, school_class, author, **kwargs):
        super().__init__(*args, school_class=school_class, author=author, **kwargs)
        self.fields["persona"].queryset = Persona.objects.filter(school_class=school_class)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("post_kind") == PostKind.SCENARIO and not cleaned.get("persona"):
            self.add_error("persona", _("Kies het oefenaccount waarvan dit bericht komt."))
        return cleaned

    def model_fields(self):
        fields = super().model_fields()
        kind = self.cleaned_data["post_kind"]
        fields["kind"] = kind
        fields["pinned"] = kind == PostKind.ANNOUNCEMENT
        fields["persona"] = self.cleaned_data.get("persona") if kind == PostKind.SCENARIO else None
        return fields


class EditPostForm(PostForm):
    """The composer's fields, filled in from the post: text, source, photo and who is on it. Keeping the
    photo is the default; a new one passes the same checks and EXIF stripping as in the composer."""

    remove_photo = forms.BooleanField(label=_("Foto weghalen"), required=False)

    def __init__(self, *args, post, **kwargs):
        super().__init__(*args, school_class=post.school_class, author=post.author, **kwargs)
        self.post = post
        self.fields["upload"].label = _("Andere foto kiezen (mag, hoeft niet)")
        self.fields["upload"].help_text = _("Kies je niets, dan blijft je foto zoals hij is. JPEG, PNG of WebP.")
        self.initial_from(post)
        self.initial["tagged"] = [tag.pupil_id for tag in post.tags.all()]
        self.fields.pop("submission_key")

    def clean(self):
        cleaned = forms.ModelForm.clean(self)
        cleaned["source_kind"] = cleaned.get("source_kind") or self.post.source_kind
        cleaned["people_on_photo"] = cleaned.get("people_on_photo") or self.post.people_on_photo
        if not self.has_photo:
            cleaned["people_on_photo"] = PeopleOnPhoto.NONE
            cleaned["tagged"] = []
        elif cleaned.get("tagged") and cleaned.get("people_on_photo") == PeopleOnPhoto.NONE:
            self.add_error("people_on_photo", _("Je hebt klasgenoten getagd: kies dan dat er klasgenoten op staan."))
        return cleaned

    @property
    def has_photo(self):
        if self.photo_files:
            return True
        return bool(self.post.photo) and not self.cleaned_data.get("remove_photo")

    def photo_change(self):
        """What happens to the photo: services.KEEP_PHOTO, REMOVE_PHOTO or the new (photo, thumbnail)."""
        from .services import KEEP_PHOTO, REMOVE_PHOTO

        if self.photo_files:
            return self.photo_files
        return REMOVE_PHOTO if self.cleaned_data.get("remove_photo") else KEEP_PHOTO


class CommentEditForm(forms.Form):
    text = forms.CharField(
        label=_("Jouw reactie"),
        max_length=300,
        widget=forms.TextInput(attrs={"maxlength": 300}),
        error_messages={
            "required": _("Schrijf eerst een reactie."),
            "max_length": _("Je reactie is te lang (hoogstens 300 tekens)."),
        },
    )
    send_to_teacher = PostForm.base_fields["send_to_teacher"]


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Jouw reactie"),
        max_length=300,
        widget=forms.TextInput(attrs={"maxlength": 300}),
        error_messages={
            "required": _("Schrijf eerst een reactie."),
            "max_length": _("Je reactie is te lang (hoogstens 300 tekens)."),
        },
    )
    send_to_teacher = forms.BooleanField(required=False)


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)
    # What the button asked for ("1" on, "0" off): a double click or a resent form changes nothing more.
    active = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1", required=False, empty_value=None
    )


class CitationReviewForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["citation_verdict", "citation_comment"]
        labels = {"citation_verdict": _("Oordeel"), "citation_comment": _("Korte uitleg voor de leerling")}

    def clean_citation_verdict(self):
        verdict = self.cleaned_data["citation_verdict"]
        if not verdict:
            raise ValidationError(_("Kies goed of nog niet goed."))
        return verdict


class ConsentForm(forms.Form):
    pupil = forms.ModelChoiceField(label=_("Leerling"), queryset=None)
    purpose = forms.ChoiceField(label=_("Waarvoor"), choices=ConsentPurpose.choices)
    decision = forms.TypedChoiceField(
        label=_("Besluit"),
        choices=[("ja", _("Ja, toestemming")), ("nee", _("Nee, geen toestemming"))],
        coerce=lambda value: value == "ja",
        widget=RadioSelect,
    )
    decided_by = forms.CharField(label=_("Besloten door (naam of rol)"), max_length=80)
    method = forms.ChoiceField(label=_("Hoe"), choices=ConsentMethod.choices)
    decided_at = forms.DateTimeField(
        label=_("Wanneer (leeg is nu)"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def __init__(self, *args, school_class, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = school_class.pupils.order_by("first_name", "initial")
        self.fields["pupil"].label_from_instance = lambda pupil: pupil.display_name


class PersonaForm(forms.ModelForm):
    class Meta:
        model = Persona
        fields = ["name", "kind", "description"]


class FeedSettingsForm(forms.Form):
    posts_per_minute = forms.IntegerField(label=_("Berichten per minuut per leerling"), min_value=1, max_value=60)
    preview_before_post = forms.BooleanField(label=_("Eerst nadenken voor je plaatst"), required=False)


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Welke klassenregel?"),
        choices=RejectReason.choices,
        error_messages={"required": _("Kies een reden uit de klassenregels.")},
    )
    feedback = forms.CharField(
        label=_("Jouw uitleg voor de leerling (mag, hoeft niet)"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Wat is er aan de hand?"),
        choices=ReportReason.choices,
        widget=RadioSelect,
        error_messages={"required": _("Kies wat er aan de hand is.")},
    )


class ReleasePhotoForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("Ik heb de foto bekeken: wie erop staat, is niet herkenbaar of mag erop."),
        error_messages={"required": _("Bevestig eerst dat je de foto goed hebt bekeken.")},
    )


class ModerationSettingsForm(forms.ModelForm):
    class Meta:
        model = FeedSettings
        fields = ["moderation_mode", "paused", "slow_mode_minutes", "open_from", "open_until"]
        widgets = {
            "moderation_mode": RadioSelect,
            "open_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "open_until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean_slow_mode_minutes(self):
        minutes = self.cleaned_data["slow_mode_minutes"]
        if minutes > 120:
            raise ValidationError(_("Kies hoogstens 120 minuten."))
        return minutes


MUTE_CHOICES = [(10, _("10 minuten")), (30, _("een half uur")), (60, _("een uur")), (24 * 60, _("een dag"))]


class MuteForm(forms.Form):
    minutes = forms.TypedChoiceField(label=_("Hoe lang?"), choices=MUTE_CHOICES, coerce=int)
    reason = forms.CharField(label=_("Waarom (de leerling ziet dit niet)"), required=False, max_length=200)


class ReviewOverrideForm(forms.Form):
    review = forms.ChoiceField(label=_("Nakijken"), choices=ReviewOverride.choices, required=False)


class WordEntryForm(forms.Form):
    pattern = forms.CharField(
        label=_("Woord"),
        max_length=60,
        help_text=_("Hele woorden. Zet een * aan het begin of eind voor samenstellingen, bijvoorbeeld: pest*."),
    )
    rule = forms.ChoiceField(label=_("Wat gebeurt er?"), choices=WordRule.choices)
    note = forms.CharField(label=_("Waarom (voor collega's)"), max_length=300, required=False)

    def clean_pattern(self):
        from .wordfilter import validate_pattern

        pattern = self.cleaned_data["pattern"].strip()
        validate_pattern(pattern)
        return pattern
