"""Teacher moderation: the state changes of posts and comments, reports, mutes, the class's lesson mode and
the audit log. Views and the API call these; every change is one conditional UPDATE, so when two teachers
act on one item at once the first wins and the second gets AlreadyHandled, and nothing is applied twice.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import SchoolClass

from . import consent, live
from .choices import EventAudience, ModerationAction, ModerationMode, PostStatus, RejectReason, ReviewOverride
from .models import Comment, FeedSettings, ModerationLog, Post, PupilModeration, Report


class ClassArchived(PermissionDenied):
    """The class's school year is closed (privacy.schoolyear): its feed can be read, not changed."""

    message = gettext_lazy("Dit schooljaar is afgesloten. Deze feed kun je nog lezen, maar niet meer veranderen.")

    def __init__(self):
        super().__init__(str(self.message))


class AlreadyHandled(Exception):
    """Another teacher (or this one, in another tab) got there first."""

    def __init__(self, item):
        super().__init__(_("Dit is al afgehandeld. Kijk in de feed of in het logboek wat er gebeurde."))
        self.item = item


@dataclass(frozen=True)
class Transition:
    action: str
    allowed: Q
    new_status: str | None
    announce: bool = True


# From which states each action may start. Approve and reject are review decisions: once a teacher made
# one, a second review decision is "already handled" (hide or delete remain for a later change of mind).
_UNREVIEWED = Q(reviewed_at__isnull=True) | Q(needs_review=True)
TRANSITIONS = {
    ModerationAction.APPROVE: Transition(
        ModerationAction.APPROVE,
        Q(status=PostStatus.PENDING) | Q(status=PostStatus.VISIBLE, needs_review=True),
        PostStatus.VISIBLE,
    ),
    ModerationAction.REJECT: Transition(
        ModerationAction.REJECT,
        Q(status=PostStatus.PENDING) | (Q(status=PostStatus.VISIBLE) & _UNREVIEWED),
        PostStatus.REJECTED,
    ),
    ModerationAction.HIDE: Transition(ModerationAction.HIDE, Q(status=PostStatus.VISIBLE), PostStatus.HIDDEN),
    ModerationAction.UNHIDE: Transition(ModerationAction.UNHIDE, Q(status=PostStatus.HIDDEN), PostStatus.VISIBLE),
    ModerationAction.DELETE: Transition(
        ModerationAction.DELETE, ~Q(status__in=[PostStatus.DELETED, PostStatus.DRAFT]), PostStatus.DELETED
    ),
}


def class_id_of(item):
    return item.school_class_id if isinstance(item, Post) else item.post.school_class_id


def author_of(item):
    return item.author


def log(school_class_id, actor, action, *, post=None, comment=None, pupil=None, reason="", detail=""):
    # Every moderation action logs inside its transaction: refusing here undoes it in an archived class.
    if SchoolClass.objects.filter(pk=school_class_id, archived_at__isnull=False).exists():
        raise ClassArchived
    return ModerationLog.objects.create(
        school_class_id=school_class_id,
        actor=actor,
        action=action,
        post=post,
        comment=comment,
        pupil=pupil,
        reason=reason,
        detail=detail[:300],
    )


def _resolve_reports(item, actor, outcome, now):
    target = {"post": item} if isinstance(item, Post) else {"comment": item}
    return Report.objects.filter(resolved_at__isnull=True, **target).update(
        resolved_at=now, resolved_by=actor, outcome=outcome
    )


@transaction.atomic
def apply(item, actor, action, *, reason="", feedback=""):
    """Approve, reject, hide, unhide or delete a post or comment (`item`), as `actor` (a teacher of its
    class, checked by the caller). Raises AlreadyHandled when the item is no longer in a state the action
    starts from."""
    transition = TRANSITIONS[action]
    if action == ModerationAction.REJECT and reason not in RejectReason.values:
        raise ValidationError(_("Kies een reden uit de klassenregels."), code="reason")
    model = type(item)
    now = timezone.now()
    changes = {"status": transition.new_status, "reviewed_by": actor, "reviewed_at": now, "needs_review": False}
    if action == ModerationAction.REJECT:
        changes.update(reject_reason=reason, feedback=feedback.strip()[:300])
    if action == ModerationAction.DELETE:
        changes.update(deleted_by=actor, deleted_at=now)
    if action == ModerationAction.APPROVE and isinstance(item, Post):
        changes.update(_photo_after_approval(item))
    if isinstance(item, Post):
        changes["updated_at"] = now
    was_shown = live.shown_to_class(item)
    updated = model.objects.filter(transition.allowed, pk=item.pk).update(**changes)
    if not updated:
        raise AlreadyHandled(item)
    item.refresh_from_db()
    has_reports = _resolve_reports(item, actor, action, now)
    class_id = class_id_of(item)
    log(
        class_id,
        actor,
        action,
        post=item if isinstance(item, Post) else item.post,
        comment=item if isinstance(item, Comment) else None,
        pupil=item.author if item.author.is_pupil else None,
        reason=reason,
        detail=feedback if action == ModerationAction.REJECT else "",
    )
    _announce(item, action, was_shown)
    return has_reports


def _photo_after_approval(post):
    """Approving the words of a post does not release a photo the consent gate holds: that is a separate,
    explicit release (release_photo)."""
    from .services import photo_needs_teacher

    if not post.photo:
        return {}
    tagged = [tag.pupil for tag in post.tags.select_related("pupil")]
    return {"photo_hidden": True} if photo_needs_teacher(post, tagged) and not post.photo_released else {}


def _announce(item, action, was_shown):
    """The class hears what it could see before or after (a hide, an approval); the author alone, and the
    teachers, hear about an item the class never saw (a pending post rejected)."""
    event = "comment" if isinstance(item, Comment) else "post"
    live.announce_item(item, f"{event}_{action}", was_shown=was_shown)


@transaction.atomic
def dismiss_reports(item, actor):
    """A teacher looked at a reported item and it can stay: the reporters are told so."""
    now = timezone.now()
    reviewed = (
        type(item)
        .objects.filter(pk=item.pk, needs_review=True)
        .update(needs_review=False, reviewed_by=actor, reviewed_at=now)
    )
    resolved = _resolve_reports(item, actor, ModerationAction.DISMISS_REPORT, now)
    if not reviewed and not resolved:
        raise AlreadyHandled(item)
    item.needs_review = False
    log(
        class_id_of(item),
        actor,
        ModerationAction.DISMISS_REPORT,
        post=item if isinstance(item, Post) else item.post,
        comment=item if isinstance(item, Comment) else None,
        pupil=item.author if item.author.is_pupil else None,
    )
    _announce_to_teachers(item)


FLAG_ACTIONS = {
    ("locked", True): ModerationAction.LOCK,
    ("locked", False): ModerationAction.UNLOCK,
    ("pinned", True): ModerationAction.PIN,
    ("pinned", False): ModerationAction.UNPIN,
}


@transaction.atomic
def set_post_flag(post, actor, field, value):
    """Lock or unlock a thread, pin or unpin a post."""
    action = FLAG_ACTIONS[(field, value)]
    if not Post.objects.filter(pk=post.pk).exclude(**{field: value}).update(**{field: value}):
        raise AlreadyHandled(post)
    setattr(post, field, value)
    log(post.school_class_id, actor, action, post=post)
    live.announce_item(post, f"post_{action}")


def photo_consent_people(post):
    """(pupil, state) for everyone tagged on a post's photo; state is "yes", "no" (a guardian said no)
    or "missing" (nobody decided yet)."""
    tagged = [tag.pupil for tag in post.tags.select_related("pupil")]
    states = consent.consent_states([p.pk for p in tagged])
    return [(pupil, states[pupil.pk]) for pupil in tagged]


@transaction.atomic
def release_photo(post, actor, *, confirmed):
    """Let a held photo into the feed. A recorded "no" of a parent can never be overridden; a missing
    decision can, when the teacher confirms having looked (the people are not recognisable, the photo was
    cropped)."""
    people = photo_consent_people(post)
    refused = [pupil.display_name for pupil, state in people if state == "no"]
    if refused:
        raise ValidationError(
            _("De ouders van %(names)s zeiden nee tegen foto's in de klassenfeed. Deze foto blijft verborgen.")
            % {"names": ", ".join(refused)},
            code="consent_no",
        )
    if not confirmed:
        raise ValidationError(_("Bevestig eerst dat je de foto goed hebt bekeken."), code="confirm")
    now = timezone.now()
    updated = Post.objects.filter(
        Q(photo_hidden=True) | Q(status=PostStatus.PENDING, photo_released=False), pk=post.pk
    ).update(
        photo_hidden=False,
        photo_released=True,
        status=PostStatus.VISIBLE if post.status == PostStatus.PENDING else post.status,
        status_reason="",
        needs_review=False,
        reviewed_by=actor,
        reviewed_at=now,
        updated_at=now,
    )
    if not updated:
        raise AlreadyHandled(post)
    post.refresh_from_db()
    names = ", ".join(pupil.display_name for pupil, _state in people) or _("niemand getagd")
    log(post.school_class_id, actor, ModerationAction.RELEASE_PHOTO, post=post, detail=_("Op de foto: %s") % names)
    _resolve_reports(post, actor, ModerationAction.RELEASE_PHOTO, now)
    live.announce_item(post, "post_release_photo")
    return post


# Reports -------------------------------------------------------------------------------------------------


@transaction.atomic
def report(item, reporter, reason):
    """A pupil reports a post or comment. One open report per pupil per item: reporting twice changes
    nothing and is not an error."""
    target = {"post": item} if isinstance(item, Post) else {"comment": item}
    existing = Report.objects.filter(reporter=reporter, resolved_at__isnull=True, **target).first()
    if existing:
        return existing, False
    created = Report.objects.create(school_class_id=class_id_of(item), reporter=reporter, reason=reason, **target)
    _announce_to_teachers(item)
    return created, True


def _announce_to_teachers(item):
    """Something for the review queue only (a report, a report looked at): the class's teachers hear it."""
    post_id, comment_id = (item.pk, None) if isinstance(item, Post) else (item.post_id, item.pk)
    live.announce(class_id_of(item), "queue", post_id, comment_id=comment_id, audience=EventAudience.TEACHERS)


OUTCOME_FOR_REPORTER = {
    ModerationAction.HIDE: gettext_lazy("Je leerkracht heeft het verborgen. Dank je wel dat je het meldde!"),
    ModerationAction.DELETE: gettext_lazy("Je leerkracht heeft het weggehaald. Dank je wel dat je het meldde!"),
    ModerationAction.REJECT: gettext_lazy("Je leerkracht heeft het afgekeurd. Dank je wel dat je het meldde!"),
    ModerationAction.APPROVE: gettext_lazy("Je leerkracht heeft gekeken en vindt dat het mag blijven staan."),
    ModerationAction.DISMISS_REPORT: gettext_lazy("Je leerkracht heeft gekeken en vindt dat het mag blijven staan."),
    ModerationAction.RELEASE_PHOTO: gettext_lazy("Je leerkracht heeft gekeken en vindt dat het mag blijven staan."),
}


def report_outcome_text(report_row):
    if report_row.resolved_at is None:
        return _("Je leerkracht heeft je melding nog niet bekeken.")
    return str(OUTCOME_FOR_REPORTER.get(report_row.outcome, _("Je leerkracht heeft je melding bekeken.")))


# Who may write, and how a new item starts ------------------------------------------------------------------


def pupil_settings(school_class, pupil):
    return PupilModeration.objects.filter(school_class=school_class, pupil=pupil).first()


# "Not read yet", for the pupil's settings a caller may pass in (None is a read that found none).
UNREAD = object()


def check_can_write(user, school_class, *, what="post", feed_settings=None, standing=UNREAD):
    """Raise ValidationError with a short Dutch sentence when a pupil may not post, comment or react now:
    lesson mode (parked), the schedule, a mute, or slow mode (posts only). Teachers always may, but nobody
    writes in an archived class."""
    if school_class.archived_at is not None:
        raise ValidationError(str(ClassArchived.message), code="archived")
    if not user.is_pupil:
        return
    feed_settings = feed_settings or FeedSettings.for_class(school_class)
    standing = standing if standing is not UNREAD else pupil_settings(school_class, user)
    if feed_settings.paused:
        raise ValidationError(
            _("De telefoons staan in de parkeerstand. Je kunt lezen, maar nu niets plaatsen."), code="paused"
        )
    closed = closed_message(feed_settings)
    if closed:
        raise ValidationError(closed, code="closed")
    if standing and standing.is_muted:
        local = timezone.localtime(standing.muted_until)
        raise ValidationError(
            _("Je bent gepauzeerd tot %(time)s. Lezen mag, plaatsen, reageren en emoji's nog niet.")
            % {"time": time_format(local, "H:i")},
            code="muted",
        )
    if what == "post" and feed_settings.slow_mode_minutes:
        since = timezone.now() - timedelta(minutes=feed_settings.slow_mode_minutes)
        if Post.objects.filter(author=user, school_class=school_class, published_at__gte=since).exists():
            raise ValidationError(
                ngettext(
                    "Rustig aan: je mag één bericht per minuut plaatsen. Je tekst is bewaard.",
                    "Rustig aan: je mag één bericht per %(minutes)s minuten plaatsen. Je tekst is bewaard.",
                    feed_settings.slow_mode_minutes,
                )
                % {"minutes": feed_settings.slow_mode_minutes},
                code="slow_mode",
            )


def closed_message(feed_settings, now=None):
    """The Dutch sentence to show when the feed is outside its opening hours, else ""."""
    start, end = feed_settings.open_from, feed_settings.open_until
    if start is None and end is None:
        return ""
    current = timezone.localtime(now).time()
    is_open = (start is None or current >= start) and (end is None or current < end)
    if is_open:
        return ""
    if start and end:
        return _("De feed is open van %(start)s tot %(end)s. Lezen kan altijd.") % {
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
        }
    if start:
        return _("De feed gaat open om %(start)s. Lezen kan altijd.") % {"start": start.strftime("%H:%M")}
    return _("De feed is dicht sinds %(end)s. Lezen kan altijd.") % {"end": end.strftime("%H:%M")}


def reviews_first(school_class, author, feed_settings=None, standing=UNREAD):
    """Does a new post or comment of this author wait for a teacher (pre-moderation or 'always review'),
    with 'trusted' lifting the class's pre-moderation for one pupil?"""
    if not author.is_pupil:
        return False
    feed_settings = feed_settings or FeedSettings.for_class(school_class)
    standing = standing if standing is not UNREAD else pupil_settings(school_class, author)
    override = standing.review if standing else ReviewOverride.CLASS
    if override == ReviewOverride.ALWAYS:
        return True
    if override == ReviewOverride.TRUSTED:
        return False
    return feed_settings.moderation_mode == ModerationMode.PRE


# Pupils, class settings -------------------------------------------------------------------------------------


@transaction.atomic
def mute(school_class, pupil, actor, minutes, reason=""):
    until = timezone.now() + timedelta(minutes=minutes)
    PupilModeration.objects.update_or_create(
        school_class=school_class, pupil=pupil, defaults={"muted_until": until, "mute_reason": reason[:200]}
    )
    log(school_class.pk, actor, ModerationAction.MUTE, pupil=pupil, detail=f"{minutes} min. {reason}".strip())
    # The pupil's own page shows the mute at once; classmates are not told who was paused.
    live.announce(school_class.pk, "pupil_mute", audience=EventAudience.USER, user_id=pupil.pk)
    return until


@transaction.atomic
def unmute(school_class, pupil, actor):
    if not PupilModeration.objects.filter(
        school_class=school_class, pupil=pupil, muted_until__gt=timezone.now()
    ).update(muted_until=None):
        raise AlreadyHandled(pupil)
    log(school_class.pk, actor, ModerationAction.UNMUTE, pupil=pupil)
    live.announce(school_class.pk, "pupil_unmute", audience=EventAudience.USER, user_id=pupil.pk)


@transaction.atomic
def set_review_override(school_class, pupil, actor, review):
    PupilModeration.objects.update_or_create(school_class=school_class, pupil=pupil, defaults={"review": review})
    log(
        school_class.pk,
        actor,
        ModerationAction.OVERRIDE,
        pupil=pupil,
        detail=str(ReviewOverride(review).label),
    )


SETTING_FIELDS = ("moderation_mode", "paused", "slow_mode_minutes", "open_from", "open_until")


@transaction.atomic
def update_settings(school_class, actor, **changes):
    """Change the class's moderation settings; the audit log names what changed from what to what."""
    feed_settings = FeedSettings.objects.select_for_update().get(pk=FeedSettings.for_class(school_class).pk)
    described = []
    for field, value in changes.items():
        if field not in SETTING_FIELDS:
            raise ValueError(field)
        old = getattr(feed_settings, field)
        if old != value:
            setattr(feed_settings, field, value)
            model_field = FeedSettings._meta.get_field(field)
            described.append(f"{model_field.verbose_name}: {_show(old, model_field)} → {_show(value, model_field)}")
    if described:
        feed_settings.save()
        log(school_class.pk, actor, ModerationAction.SETTINGS, detail="; ".join(described))
        live.announce(school_class.pk, "settings")
    return feed_settings


def _show(value, model_field=None):
    # The log is read by teachers: a choice shows its label ("Eerst de leerkracht ..."), never its code ("pre").
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if value is True:
        return _("aan")
    if value is False:
        return _("uit")
    if value is None or value == "":
        return "-"
    if hasattr(value, "strftime"):
        return value.strftime("%H:%M")
    return str(value)


def log_word_list(word_list, actor, what):
    """Word-list changes are in the audit log of the class (class lists) or not at all (school lists,
    which belong to no class; their entries show who can change them)."""
    if word_list.school_class_id:
        log(word_list.school_class_id, actor, ModerationAction.WORD_LIST, detail=what)
