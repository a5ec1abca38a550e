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


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Eerst de leerkracht: berichten wachten op goedkeuring")
    POST = "post", _("Meteen zichtbaar: de leerkracht kijkt achteraf")


class ReviewOverride(models.TextChoices):
    """Per pupil, on top of the class's mode."""

    CLASS = "", _("Zoals de klas")
    ALWAYS = "always", _("Altijd eerst nakijken")
    TRUSTED = "trusted", _("Vertrouwd: meteen zichtbaar")


class RejectReason(models.TextChoices):
    """The class rules a teacher can point to when refusing a post or comment."""

    UNKIND = "unkind", _("Onaardig")
    PRIVACY = "privacy", _("Privacy van een ander")
    COPYRIGHT = "copyright", _("Auteursrecht of bron ontbreekt")
    PHOTO_CONSENT = "photo_consent", _("Foto zonder toestemming")
    UNTRUE = "untrue", _("Niet waar")
    OFF_TASK = "off_task", _("Past niet bij de opdracht")
    OTHER = "other", _("Anders")


REJECT_REASON_EXPLAINED = {
    RejectReason.UNKIND: _("In onze klas zijn we aardig voor elkaar, ook online."),
    RejectReason.PRIVACY: _("Je deelde iets over een ander dat die persoon misschien niet wil."),
    RejectReason.COPYRIGHT: _("Als je iets van een ander gebruikt, zeg je van wie het is."),
    RejectReason.PHOTO_CONSENT: _("Op de foto staat iemand die geen toestemming gaf."),
    RejectReason.UNTRUE: _("Dit klopt niet. Controleer eerst of iets waar is."),
    RejectReason.OFF_TASK: _("Dit hoort niet bij de opdracht van nu."),
    RejectReason.OTHER: _("Lees wat je leerkracht erover schreef."),
}


class ReportReason(models.TextChoices):
    MEAN = "mean", _("Gemeen")
    UNTRUE = "untrue", _("Niet waar")
    PRIVACY = "privacy", _("Privacy")
    COPYRIGHT = "copyright", _("Auteursrecht")
    OTHER = "other", _("Anders")


class ModerationAction(models.TextChoices):
    """Every kind of entry in the audit log."""

    APPROVE = "approve", _("goedgekeurd")
    REJECT = "reject", _("afgekeurd")
    HIDE = "hide", _("verborgen")
    UNHIDE = "unhide", _("weer zichtbaar gemaakt")
    DELETE = "delete", _("verwijderd")
    LOCK = "lock", _("gesprek gesloten")
    UNLOCK = "unlock", _("gesprek geopend")
    PIN = "pin", _("vastgezet")
    UNPIN = "unpin", _("losgemaakt")
    RELEASE_PHOTO = "release_photo", _("foto vrijgegeven")
    DISMISS_REPORT = "dismiss_report", _("melding bekeken, niets aan de hand")
    MUTE = "mute", _("leerling gepauzeerd")
    UNMUTE = "unmute", _("pauze opgeheven")
    OVERRIDE = "override", _("nakijken per leerling aangepast")
    SETTINGS = "settings", _("instellingen van de feed aangepast")
    WORD_LIST = "word_list", _("woordenlijst aangepast")


class WordRule(models.TextChoices):
    """What a word-list entry does when a post or comment contains it."""

    BLOCK = "block", _("Tegenhouden: de leerling ziet waarom en kan het toch naar de leerkracht sturen")
    APPROVE = "approve", _("Eerst naar de leerkracht")
    FLAG = "flag", _("Zichtbaar, maar in de wachtrij van de leerkracht")
    CENSOR = "censor", _("Zichtbaar met sterretjes")
    ALLOW = "allow", _("Toegestaan (uitzondering op een woord met *)")


class EventAudience(models.TextChoices):
    """Who hears a class event (see events.py). The class's teachers hear every event of their class."""

    CLASS = "class", _("de hele klas")
    TEACHERS = "teachers", _("alleen de leerkrachten")
    USER = "user", _("één leerling en de leerkrachten")
