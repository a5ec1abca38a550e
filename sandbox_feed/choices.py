"""Choices shared by the feed's models, forms, templates and the citation coach."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostKind(models.TextChoices):
    PUPIL = "pupil", _("Bericht van een leerling")
    ANNOUNCEMENT = "announcement", _("Mededeling")
    SCENARIO = "scenario", _("Oefenbericht")


class PostStatus(models.TextChoices):
    """The lifecycle of a post. Moderation (a later issue) moves posts between these states."""

    DRAFT = "draft", _("Concept")
    VISIBLE = "visible", _("Zichtbaar")
    PENDING = "pending", _("Wacht op de leerkracht")
    REJECTED = "rejected", _("Afgekeurd")
    HIDDEN = "hidden", _("Verborgen")
    DELETED = "deleted", _("Verwijderd")


class ReactionKind(models.TextChoices):
    HEART = "heart", _("Lief")
    THUMB = "thumb", _("Goed gedaan")
    LAUGH = "laugh", _("Grappig")
    WOW = "wow", _("Wauw")
    IDEA = "idea", _("Slim")


REACTION_EMOJI = {
    ReactionKind.HEART: "❤️",
    ReactionKind.THUMB: "👍",
    ReactionKind.LAUGH: "😄",
    ReactionKind.WOW: "😮",
    ReactionKind.IDEA: "💡",
}


class SourceKind(models.TextChoices):
    OWN = "own", _("Helemaal mijn eigen werk")
    QUOTE = "quote", _("Een citaat uit een tekst")
    IMAGE = "image", _("Een afbeelding van iemand anders")
    VIDEO = "video", _("Een video van iemand anders")
    AI = "ai", _("Gemaakt met AI")
    PARAPHRASE = "paraphrase", _("In mijn eigen woorden naverteld")


class Permission(models.TextChoices):
    UNKNOWN = "", _("Weet ik niet")
    PERMISSION = "permission", _("De maker gaf toestemming")
    LICENCE = "licence", _("Er staat een licentie bij (bijvoorbeeld Creative Commons)")


class CitationVerdict(models.TextChoices):
    UNCHECKED = "", _("Nog niet bekeken")
    CORRECT = "correct", _("Goed gedaan")
    INCORRECT = "incorrect", _("Nog niet goed")


class PeopleOnPhoto(models.TextChoices):
    NONE = "none", _("Er staan geen herkenbare mensen op")
    CLASSMATES = "classmates", _("Er staan klasgenoten op")
    OTHERS = "others", _("Er staan andere mensen op")


class PersonaKind(models.TextChoices):
    NEWS = "news", _("Nieuwssite")
    INFLUENCER = "influencer", _("Influencer")
    RUMOUR = "rumour", _("Iemand die geruchten verspreidt")
    OTHER = "other", _("Ander account")


class ConsentPurpose(models.TextChoices):
    CLASS_FEED = "class_feed", _("Deze klassenfeed")
    SCHOOL_WEBSITE = "school_website", _("De website van de school")
    NEWSLETTER = "newsletter", _("De nieuwsbrief")
    PUBLIC_SOCIAL_MEDIA = "public_social_media", _("Openbare sociale media")


class ConsentMethod(models.TextChoices):
    FORM = "form", _("Papieren formulier")
    PARENT_APP = "parent_app", _("Ouderapp of e-mail")
    CONVERSATION = "conversation", _("Gesprek, vastgelegd door de leerkracht")
