"""Step blocks of a lesson. Every top-level block in LessonStepBlock is one screen on the smartboard.

Each block class says who may see it with two class attributes, `pupil_visible` and `smartboard_visible`;
LessonPage.steps_for() is the one place that reads them. Blocks added later (the H5P activity, the feed
assignment) are visible to everyone unless they set these attributes to False.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from h5p.blocks import H5PActivityBlock

LICENCE_CHOICES = [
    ("eigen-werk", _("Eigen werk (gemaakt door de school of Oefenfeed)")),
    ("cc0", _("CC0 (vrij van rechten)")),
    ("cc-by", _("CC BY 4.0 (naamsvermelding)")),
    ("cc-by-sa", _("CC BY-SA 4.0 (naamsvermelding, gelijk delen)")),
    ("toestemming", _("Met schriftelijke toestemming van de maker")),
]


class AudienceMixin:
    """Default: a step is shown to pupils and on the smartboard."""

    pupil_visible = True
    smartboard_visible = True


def _require(value, names_and_messages):
    """Dutch messages per empty field, so an editor sees which credit part is missing and why."""
    errors = {name: ValidationError(message) for name, message in names_and_messages if not value.get(name)}
    if errors:
        raise StructBlockValidationError(block_errors=errors)


class CreditedImageValue(blocks.StructValue):
    def licence_label(self):
        return dict(LICENCE_CHOICES).get(self.get("licence"), "")


class CreditedImageBlock(blocks.StructBlock):
    """An image with maker, source and licence: the lessons practise the citation rules they teach."""

    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(label=_("Beschrijving voor wie het beeld niet ziet"), max_length=200)
    maker = blocks.CharBlock(label=_("Maker"), required=False, max_length=120)
    source = blocks.CharBlock(
        label=_("Bron"),
        required=False,
        max_length=200,
        help_text=_("Titel, website of boek waar het beeld vandaan komt."),
    )
    licence = blocks.ChoiceBlock(label=_("Licentie"), choices=LICENCE_CHOICES, required=False)

    class Meta:
        icon = "image"
        template = "lessons/blocks/credited_image.html"
        value_class = CreditedImageValue

    def clean(self, value):
        value = super().clean(value)
        _require(
            value,
            [
                ("maker", _("Vul de maker van de afbeelding in: wie iets gebruikt van een ander, noemt de maker.")),
                ("source", _("Vul de bron van de afbeelding in: waar komt het beeld vandaan?")),
                ("licence", _("Kies de licentie van de afbeelding: zonder licentie of toestemming mag het niet.")),
            ],
        )
        return value


class ImageStepBlock(AudienceMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), required=False, max_length=120)
    image = CreditedImageBlock(label=_("Afbeelding"))

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "lessons/blocks/image_step.html"


class TextWithImageBlock(AudienceMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), max_length=120)
    text = blocks.RichTextBlock(label=_("Tekst"), features=["bold", "italic", "ol", "ul"])
    image = CreditedImageBlock(label=_("Afbeelding"))

    class Meta:
        icon = "doc-full"
        label = _("Tekst met afbeelding")
        template = "lessons/blocks/text_with_image.html"


class VideoBlock(AudienceMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), required=False, max_length=120)
    video = EmbedBlock(label=_("Video-adres"), help_text=_("Bijvoorbeeld een link naar een video van Schooltv."))
    maker = blocks.CharBlock(label=_("Maker"), max_length=120)
    source = blocks.CharBlock(label=_("Bron"), max_length=200)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "lessons/blocks/video.html"


class DiscussionQuestionBlock(AudienceMixin, blocks.StructBlock):
    question = blocks.CharBlock(label=_("Vraag"), max_length=200)
    prompts = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Hulpvragen"), required=False, default=[], min_num=0
    )

    class Meta:
        icon = "help"
        label = _("Gespreksvraag")
        template = "lessons/blocks/discussion_question.html"


class ScenarioChoiceBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Keuze"), max_length=80)
    feedback = blocks.CharBlock(label=_("Wat je erover kunt zeggen"), max_length=300)


class ScenarioCardBlock(AudienceMixin, blocks.StructBlock):
    """ "Zou jij dit plaatsen?": a mock post, the choices, and the reasoning the teacher reveals."""

    author = blocks.CharBlock(label=_("Naam van de (verzonnen) plaatser"), max_length=60)
    post_text = blocks.TextBlock(label=_("Tekst van het bericht"), max_length=500)
    picture_description = blocks.CharBlock(
        label=_("Wat staat er op de foto bij het bericht?"), required=False, max_length=200
    )
    question = blocks.CharBlock(label=_("Vraag"), max_length=120, default=_("Zou jij dit plaatsen?"))
    choices = blocks.ListBlock(ScenarioChoiceBlock(), label=_("Keuzes"), min_num=2, max_num=4)
    reasoning = blocks.TextBlock(label=_("Uitleg om te onthullen"), max_length=800)

    class Meta:
        icon = "openquote"
        label = _("Zou jij dit plaatsen?")
        template = "lessons/blocks/scenario_card.html"


class TeacherNoteBlock(blocks.StructBlock):
    """Notes for the presenter view; they belong to the step before them."""

    pupil_visible = False
    smartboard_visible = False

    text = blocks.RichTextBlock(label=_("Notitie voor de leerkracht"), features=["bold", "italic", "ul"])

    class Meta:
        icon = "warning"
        label = _("Notitie voor de leerkracht")
        template = "lessons/blocks/teacher_note.html"


class FeedAssignmentBlock(AudienceMixin, blocks.StructBlock):
    """ "Opdracht in de feed": in a running lesson the smartboard posts the prompt into the class feed (pinned,
    by the teacher, once per run; sandbox_feed.assignments), pupils answer there, and the step shows their
    approved answers live. The teacher's hint shows only in the presenter view and on the lesson page."""

    prompt = blocks.TextBlock(
        label=_("Opdracht voor de leerlingen"),
        max_length=500,
        help_text=_("Komt vastgezet in de feed van de klas. Leerlingen antwoorden met een reactie."),
    )
    teacher_hint = blocks.TextBlock(
        label=_("Tip voor de leerkracht"),
        required=False,
        max_length=500,
        help_text=_("Alleen voor de leerkracht, in de presentatorweergave. Leerlingen zien dit nooit."),
    )

    class Meta:
        icon = "comment"
        label = _("Opdracht in de feed")
        description = _("Zet een opdracht in de feed van de klas en laat de antwoorden live zien.")
        template = "lessons/blocks/feed_assignment.html"

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("prompt") or "").strip():
            raise StructBlockValidationError(
                block_errors={"prompt": ValidationError(_("Schrijf de opdracht voor de leerlingen."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        from sandbox_feed.assignments import step_context

        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        request = parent_context.get("request")
        mode = _place(request)
        context["mode"] = mode
        context["block_id"] = parent_context.get("id") or ""
        # Teachers' eyes only: never on the smartboard the class looks at, never for pupils.
        context["show_hint"] = mode in ("presenter", "page")
        context.update(
            step_context(mode, request, parent_context.get("run"), context["block_id"], parent_context.get("steps", ()))
        )
        return context


def _place(request):
    """Where a step is rendered: "board" (smartboard), "presenter", "pupil" (a pupil's view of a running
    lesson) or "page" (the lesson page, a preview)."""
    if request is None:
        return "page"
    match = getattr(request, "resolver_match", None)
    name = f"{match.namespace}:{match.url_name}" if match else ""
    places = {"lessons:smartboard": "board", "lessons:presenter": "presenter", "lessons:pupil_view": "pupil"}
    if name in places:
        return places[name]
    return "pupil" if getattr(request.user, "is_pupil", False) else "page"


class LessonStepBlock(blocks.StreamBlock):
    """The steps of a lesson. New step types (H5P activity, feed assignment) are one line here."""

    text_with_image = TextWithImageBlock()
    image = ImageStepBlock()
    video = VideoBlock()
    discussion_question = DiscussionQuestionBlock()
    scenario_card = ScenarioCardBlock()
    teacher_note = TeacherNoteBlock()
    h5p_activity = H5PActivityBlock()
    feed_assignment = FeedAssignmentBlock()
