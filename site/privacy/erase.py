"""Erase a pupil: everything about them leaves the database and the photo storage, in one transaction.

What goes: the account and its login data (picture code, card, failed logins, sessions), class memberships,
their posts (every version, with the comments, emoji and views of others under them: a post is the pupil's
own content), their comments, emoji, views, mentions and photo tags, reports they made, moderation settings
and log entries about them, H5P attempts, answers, statements and saved state, and their photos on disk.
Photos of classmates on which the pupil is tagged lose the photo (the classmate's text stays).

What stays: in other pupils' threads a visible comment of the pupil keeps its place as "verwijderde
leerling" without text (privacy.placeholder); the consent decisions, which the school must be able to show,
are copied to privacy.ConsentProof under a pseudonym; the erase itself is written to privacy.PrivacyLog
with who, when, the school, the pseudonym and the counts, never names, texts or file names.

Files are deleted only after the transaction commits, so an erase that fails leaves every photo in place.
"""

from dataclasses import dataclass
from functools import partial

from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import LoginFailure, LoginThrottleLock, SchoolClass
from h5p.models import H5PAttempt, H5PStatement, H5PUserData
from sandbox_feed import live, mentions
from sandbox_feed.choices import ModerationAction, PeopleOnPhoto, PostStatus
from sandbox_feed.models import (
    Comment,
    ConsentDecision,
    Mention,
    ModerationLog,
    PhotoTag,
    Post,
    PostVersion,
    PostView,
    PupilModeration,
    Reaction,
    Report,
    private_storage,
)

from . import permissions, placeholder
from .choices import PrivacyAction
from .models import ConsentProof, PrivacyLog
from .pseudonyms import pseudonym_for

# (key, what the confirmation page and the command call it). The keys are also the privacy log's counts.
ITEMS = [
    ("posts", _("berichten, met alle versies en de reacties en emoji van anderen eronder")),
    ("post_versions", _("versies van die berichten")),
    ("photos", _("eigen foto's (en hun miniaturen)")),
    ("comments", _("reacties")),
    ("comments_kept", _("daarvan blijven staan als “verwijderde leerling”, zonder tekst, in gesprekken van anderen")),
    ("reactions", _("emoji bij berichten")),
    ("views", _("keren dat de leerling een bericht van een klasgenoot zag")),
    ("mentions", _("vermeldingen met @ in berichten en reacties van anderen")),
    ("photos_of_pupil", _("foto's van klasgenoten waarop de leerling staat: de foto gaat weg, het bericht blijft")),
    ("reports", _("meldingen die de leerling deed")),
    ("moderation", _("regels over de leerling in het moderatielogboek en instellingen per leerling")),
    ("h5p_attempts", _("H5P-pogingen met scores en antwoorden")),
    ("h5p_statements", _("ontvangen H5P-gegevens (xAPI)")),
    ("h5p_saved_states", _("opgeslagen voortgang in H5P-activiteiten")),
    ("classes", _("klassen waar de leerling in zit")),
    ("login_failures", _("mislukte inlogpogingen")),
    ("account", _("account met plaatjescode en inlogkaart")),
]
KEPT = [
    ("consent_kept", _("toestemmingsbesluiten van ouders: blijven als bewijs voor de school, onder een pseudoniem")),
]


@dataclass
class Item:
    key: str
    label: str
    count: int


def _own_posts(pupil):
    return Post.objects.filter(author=pupil)


def _kept_comments(pupil):
    """Comments that other pupils read in their own threads: these keep their place as a stand-in."""
    return Comment.objects.filter(author=pupil, status=PostStatus.VISIBLE).exclude(post__author=pupil)


def _photos_of(pupil):
    """Classmates' posts with a photo on which the pupil is tagged."""
    return Post.objects.filter(tags__pupil=pupil).exclude(author=pupil).exclude(photo="").distinct()


def _moderation_entries(pupil):
    return ModerationLog.objects.filter(
        Q(pupil=pupil) | Q(actor=pupil) | Q(post__author=pupil) | Q(comment__author=pupil)
    )


def counts(pupil):
    """{key: number} of everything an erase removes or keeps, for the confirmation page and the log."""
    own = _own_posts(pupil)
    return {
        "posts": own.count(),
        "post_versions": PostVersion.objects.filter(post__author=pupil).count(),
        "photos": own.exclude(photo="").count(),
        "comments": Comment.objects.filter(author=pupil).count(),
        "comments_kept": _kept_comments(pupil).count(),
        "reactions": Reaction.objects.filter(user=pupil).count(),
        "views": PostView.objects.filter(pupil=pupil).count(),
        "mentions": Mention.objects.filter(pupil=pupil).exclude(comment__isnull=True, post__author=pupil).count(),
        "photos_of_pupil": _photos_of(pupil).count(),
        "reports": Report.objects.filter(reporter=pupil).count(),
        "moderation": _moderation_entries(pupil).count() + PupilModeration.objects.filter(pupil=pupil).count(),
        "h5p_attempts": H5PAttempt.objects.filter(user=pupil).count(),
        "h5p_statements": H5PStatement.objects.filter(user=pupil).count(),
        "h5p_saved_states": H5PUserData.objects.filter(user=pupil).count(),
        "classes": SchoolClass.objects.filter(pupils=pupil).count(),  # archived classes too
        "login_failures": LoginFailure.objects.filter(user=pupil).count(),
        "account": 1,
        "consent_kept": ConsentDecision.objects.filter(pupil=pupil).count(),
    }


def inventory(pupil):
    """(what goes, what stays) as lists of Items, in the order the confirmation page names them."""
    numbers = counts(pupil)
    goes = [Item(key, label, numbers[key]) for key, label in ITEMS]
    stays = [Item(key, label, numbers[key]) for key, label in KEPT]
    return goes, stays


class AlreadyErased(Exception):
    """Someone else erased the pupil first (two coordinators, or a form sent twice)."""


@dataclass
class EraseResult:
    pseudonym: str
    counts: dict
    school_id: int | None


def erase_pupil(pupil, *, actor=None, actor_name=""):
    """Erase `pupil` (checked by the caller: privacy.permissions.can_erase or the shell). Returns an
    EraseResult with the pseudonym and the counts that were logged."""
    if not permissions.is_target(pupil):
        raise ValueError("Only pupils can be erased.")
    User = get_user_model()
    with transaction.atomic():
        pupil = User.objects.select_for_update().filter(pk=pupil.pk).first()
        if pupil is None:
            raise AlreadyErased
        pupil_id = pupil.pk
        numbers = counts(pupil)
        pseudonym = pseudonym_for(pupil)
        school_id = permissions.log_school_id(pupil, actor)

        own = _own_posts(pupil)
        photos_of = list(_photos_of(pupil))
        files = _file_names(own) + _file_names(photos_of)
        deleted_posts = list(own.values_list("school_class_id", "pk"))
        kept = list(_kept_comments(pupil).values_list("pk", "post__school_class_id", "post_id"))

        _keep_consent_proof(pupil, pseudonym, school_id)
        # Classmates' mentions of the pupil link to a page that goes with the pupil: plain, and nameless.
        mentions.unlink_pupil(pupil, "@" + placeholder.NAME)
        _forget_moderation(pupil, photos_of)
        _keep_comments_as_placeholder(pupil, [pk for pk, _class, _post in kept])
        _remove_photos_of(photos_of)
        numbers["sessions"] = _forget_login(pupil)
        _delete_loose_references(pupil)
        pupil.delete()

        PrivacyLog.objects.create(
            action=PrivacyAction.ERASE,
            actor=actor,
            actor_name=actor_name or (actor.display_name if actor else ""),
            school_id=school_id,
            pseudonym=pseudonym,
            counts=numbers,
        )
        transaction.on_commit(partial(_delete_files, files))
        _announce(pupil_id=pupil_id, deleted_posts=deleted_posts, kept=kept, photos_of=photos_of)
    return EraseResult(pseudonym=pseudonym, counts=numbers, school_id=school_id)


def _file_names(posts):
    names = []
    for post in posts:
        names += [field.name for field in (post.photo, post.thumbnail) if field]
    return names


def _keep_consent_proof(pupil, pseudonym, school_id):
    now = timezone.now()
    ConsentProof.objects.bulk_create(
        [
            ConsentProof(
                school_id=school_id,
                pseudonym=pseudonym,
                purpose=decision.purpose,
                decision=decision.decision,
                decided_by=decision.decided_by,
                method=decision.method,
                decided_at=decision.decided_at,
                recorded_by_id=decision.recorded_by_id,
                recorded_at=decision.recorded_at,
                erased_at=now,
            )
            for decision in ConsentDecision.objects.filter(pupil=pupil).order_by("decided_at", "pk")
        ]
    )


def _forget_moderation(pupil, photos_of):
    """Log lines about the pupil or their posts and comments go (before the comments change author). A
    classmate's "photo released" line names who was on the photo: the pupil's name is replaced there."""
    _moderation_entries(pupil).delete()
    PupilModeration.objects.filter(pupil=pupil).delete()
    name = pupil.display_name
    releases = ModerationLog.objects.filter(action=ModerationAction.RELEASE_PHOTO, post__in=photos_of)
    for entry in releases.filter(detail__contains=name):
        # The log is append-only for moderation; an erase is the one reason to rewrite a line.
        ModerationLog.objects.filter(pk=entry.pk).update(detail=entry.detail.replace(name, placeholder.NAME))


def _keep_comments_as_placeholder(pupil, comment_ids):
    if not comment_ids:
        return
    Report.objects.filter(comment_id__in=comment_ids).delete()
    # The text goes, so the classmates it named are no longer told about it.
    Mention.objects.filter(comment_id__in=comment_ids).delete()
    Comment.objects.filter(pk__in=comment_ids).update(
        author=placeholder.get_placeholder(),
        text="",
        word_hits=[],
        feedback="",
        reject_reason="",
        status_reason="",
        needs_review=False,
        resubmission_of=None,
        deleted_by=None,
    )


def _remove_photos_of(posts):
    ids = [post.pk for post in posts]
    if not ids:
        return
    PhotoTag.objects.filter(post_id__in=ids).delete()
    Post.objects.filter(pk__in=ids).update(
        photo="", thumbnail="", photo_hidden=False, photo_released=False, people_on_photo=PeopleOnPhoto.NONE
    )


def _forget_login(pupil):
    """Failed logins go with the account (a foreign key); the throttle's lock rows and the sessions name the
    pupil only in a key or in encoded data, so they are found here. Returns the number of sessions ended."""
    LoginThrottleLock.objects.filter(Q(key=f"pupil:{pupil.pk}") | Q(key__startswith=f"pupil:{pupil.pk}@")).delete()
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if session.get_decoded().get(SESSION_KEY) == str(pupil.pk):
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)


def _delete_loose_references(pupil):
    """Rows that point at the pupil without a cascading foreign key: Wagtail's log entries (DO_NOTHING, no
    constraint) and generic relations to the user (admin history of the account)."""
    user_model = type(pupil)
    user_type = ContentType.objects.get_for_model(user_model)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.ForeignKey)
                and field.related_model is user_model
                and field.remote_field.on_delete is models.DO_NOTHING
            ):
                model._base_manager.filter(**{field.attname: pupil.pk}).delete()
        for generic in model._meta.private_fields:
            if isinstance(generic, GenericForeignKey):
                model._base_manager.filter(**{generic.ct_field: user_type, generic.fk_field: str(pupil.pk)}).delete()


def _delete_files(names):
    for name in names:
        private_storage.delete(name)


def _announce(*, pupil_id, deleted_posts, kept, photos_of):
    """Open feeds follow the erase after commit; the pupil's own sockets close."""
    for class_id, post_id in deleted_posts:
        live.announce(class_id, "post_delete", post_id)
    for class_id, post_id in {(class_id, post_id) for _pk, class_id, post_id in kept}:
        live.announce(class_id, "comment_delete", post_id)
    for post in photos_of:
        live.announce(post.school_class_id, "post_edit", post.pk)
    live.session_ended(pupil_id)
