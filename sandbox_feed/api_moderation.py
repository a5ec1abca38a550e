"""Moderation over /api/v1/feed/: the queue, actions on posts and comments, reports, per-pupil rules, the
class's moderation settings and the audit log. Same permission functions and domain code as the pages:
a pupil calling a teacher's action gets 403, an item already handled 409."""

from datetime import datetime, time
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AfterValidator, Field, field_validator

from accounts.models import SchoolClass
from accounts.permissions import get_pupil_in_class

from . import moderation, queue
from .choices import ModerationAction, ModerationMode, RejectReason, ReportReason, ReviewOverride
from .models import ModerationLog, Post, Report
from .permissions import (
    can_see_audit,
    get_class_to_moderate,
    get_comment,
    get_comment_to_moderate,
    get_post,
    get_post_to_moderate,
)

router = Router(tags=["moderation"])


def _no_null_characters(value):
    try:
        ProhibitNullCharactersValidator()(value)
    except ValidationError as error:
        raise ValueError(error.messages[0]) from error
    return value


# Text a person typed, under the forms' rule (Django's CharField refuses NUL, which PostgreSQL cannot store
# in text): a NUL answers 422 instead of a database error. api.py uses it too; it lives here because this
# module is mounted from there and so imports nothing from it.
PlainText = Annotated[str, AfterValidator(_no_null_characters)]


class HitOut(Schema):
    word: str = Field(description="plain text, as the pupil typed it")
    rule: str
    reason: str


class EarlierOut(Schema):
    id: int
    text_html: str = Field(description="sanitised HTML")
    reject_reason: str
    feedback: str = Field(description="plain text")


class QueueItemOut(Schema):
    type: str = Field(description='"post" or "comment"')
    id: int
    post_id: int
    class_id: int
    class_name: str
    author: str
    status: str
    needs_review: bool
    text_html: str = Field(description="sanitised HTML")
    word_hits: list[HitOut]
    reports: list[str] = Field(description="reasons of the open reports")
    resubmission_of: EarlierOut | None
    created_at: datetime


class ItemOut(Schema):
    type: str
    id: int
    status: str
    needs_review: bool
    reject_reason: str
    feedback: str = Field(description="plain text")


class RejectIn(Schema):
    reason: RejectReason
    feedback: PlainText = Field("", max_length=300)


class ReportIn(Schema):
    reason: ReportReason


class ReportOut(Schema):
    id: int
    reason: str
    resolved: bool
    outcome: str
    outcome_text: str = Field(description="what the reporter is told, in plain Dutch")


class ModerationOut(Schema):
    mode: ModerationMode
    paused: bool
    slow_mode_minutes: int
    open_from: time | None
    open_until: time | None


class ModerationIn(Schema):
    mode: ModerationMode | None = None
    paused: bool | None = None
    slow_mode_minutes: int | None = Field(None, ge=0, le=120)
    open_from: time | None = None
    open_until: time | None = None

    @field_validator("open_from", "open_until")
    @classmethod
    def _on_the_school_clock(cls, value):
        """Opening hours are times on the school's clock, as the form takes them: Django stores no time
        with a time zone (it raised ValueError, a 500)."""
        if value is not None and value.tzinfo is not None:
            raise ValueError("Geef de tijd zonder tijdzone, bijvoorbeeld 08:30.")
        return value


class MuteIn(Schema):
    minutes: int = Field(ge=1, le=7 * 24 * 60)
    reason: PlainText = Field("", max_length=200)


class OverrideIn(Schema):
    review: ReviewOverride


class PupilRuleOut(Schema):
    pupil_id: int
    review: str
    muted_until: datetime | None


class AuditOut(Schema):
    id: int
    created_at: datetime
    actor: str | None
    action: str
    action_label: str
    post_id: int | None
    comment_id: int | None
    pupil: str | None
    reason: str
    detail: str = Field(description="plain text")


def _item_out(item):
    return ItemOut(
        type="post" if isinstance(item, Post) else "comment",
        id=item.pk,
        status=item.status,
        needs_review=item.needs_review,
        reject_reason=item.reject_reason,
        feedback=item.feedback,
    )


def _earlier(item):
    earlier = item.resubmission_of
    if earlier is None:
        return None
    return EarlierOut(
        id=earlier.pk, text_html=earlier.text, reject_reason=earlier.reject_reason, feedback=earlier.feedback
    )


def _queue_out(item, kind):
    post = item if kind == "post" else item.post
    return QueueItemOut(
        type=kind,
        id=item.pk,
        post_id=post.pk,
        class_id=post.school_class_id,
        class_name=post.school_class.name,
        author=item.author.display_name,
        status=item.status,
        needs_review=item.needs_review,
        text_html=item.text,
        word_hits=[HitOut(**hit) for hit in item.word_hits],
        reports=[report.reason for report in item.open_reports],
        resubmission_of=_earlier(item),
        created_at=item.created_at,
    )


@router.get("/queue", response=list[QueueItemOut])
def review_queue(request):
    """The teacher's waiting items across their classes, oldest first: posts, then comments."""
    if not request.user.is_school_staff:
        raise HttpError(403, "Alleen voor leerkrachten.")
    posts, comments, _records = queue.items_for(request.user)
    return [_queue_out(p, "post") for p in posts] + [_queue_out(c, "comment") for c in comments]


def _run(request, item, action, payload=None):
    try:
        if action == ModerationAction.REJECT:
            moderation.apply(item, request.user, action, reason=payload.reason, feedback=payload.feedback)
        else:
            moderation.apply(item, request.user, action)
    except moderation.AlreadyHandled as error:
        raise HttpError(409, str(error)) from error
    except ValidationError as error:
        raise HttpError(400, error.messages[0]) from error
    return _item_out(item)


def _register_actions(prefix, getter):
    """approve, reject, hide, unhide and delete for posts and comments alike."""

    @router.post(f"/{prefix}/{{item_id}}/approve", response=ItemOut, url_name=f"{prefix}_approve")
    def approve(request, item_id: int):
        return _run(request, getter(request.user, item_id), ModerationAction.APPROVE)

    @router.post(f"/{prefix}/{{item_id}}/reject", response=ItemOut, url_name=f"{prefix}_reject")
    def reject(request, item_id: int, payload: RejectIn):
        """Refuse with a reason from the class rules and a personal feedback line; the pupil can revise."""
        return _run(request, getter(request.user, item_id), ModerationAction.REJECT, payload)

    @router.post(f"/{prefix}/{{item_id}}/hide", response=ItemOut, url_name=f"{prefix}_hide")
    def hide(request, item_id: int):
        return _run(request, getter(request.user, item_id), ModerationAction.HIDE)

    @router.post(f"/{prefix}/{{item_id}}/unhide", response=ItemOut, url_name=f"{prefix}_unhide")
    def unhide(request, item_id: int):
        return _run(request, getter(request.user, item_id), ModerationAction.UNHIDE)

    @router.post(f"/{prefix}/{{item_id}}/remove", response=ItemOut, url_name=f"{prefix}_remove")
    def remove(request, item_id: int):
        """A teacher deletes: gone for pupils, kept (marked) for the class's teachers."""
        return _run(request, getter(request.user, item_id), ModerationAction.DELETE)

    @router.post(f"/{prefix}/{{item_id}}/dismiss-reports", response=ItemOut, url_name=f"{prefix}_dismiss")
    def dismiss(request, item_id: int):
        """Looked at it: it may stay. Reporters are told so."""
        item = getter(request.user, item_id)
        try:
            moderation.dismiss_reports(item, request.user)
        except moderation.AlreadyHandled as error:
            raise HttpError(409, str(error)) from error
        return _item_out(item)

    for view in (approve, reject, hide, unhide, remove, dismiss):
        view.__name__ = f"{prefix}_{view.__name__}"


_register_actions("posts", get_post_to_moderate)
_register_actions("comments", get_comment_to_moderate)


def _set_flag(request, post_id, field, value):
    post = get_post_to_moderate(request.user, post_id)
    try:
        moderation.set_post_flag(post, request.user, field, value)
    except moderation.AlreadyHandled as error:
        raise HttpError(409, str(error)) from error
    return _item_out(post)


@router.post("/posts/{post_id}/lock", response=ItemOut)
def lock_thread(request, post_id: int):
    """No new comments under this post (emoji still work)."""
    return _set_flag(request, post_id, "locked", True)


@router.post("/posts/{post_id}/unlock", response=ItemOut)
def unlock_thread(request, post_id: int):
    return _set_flag(request, post_id, "locked", False)


@router.post("/posts/{post_id}/pin", response=ItemOut)
def pin(request, post_id: int):
    return _set_flag(request, post_id, "pinned", True)


@router.post("/posts/{post_id}/unpin", response=ItemOut)
def unpin(request, post_id: int):
    return _set_flag(request, post_id, "pinned", False)


def _report(request, item, payload):
    if not request.user.is_pupil or item.author_id == request.user.pk:
        raise HttpError(403, "Alleen leerlingen melden iets van een ander.")
    row, _created = moderation.report(item, request.user, payload.reason)
    return Status(201, _report_out(row))


def _report_out(row):
    return ReportOut(
        id=row.pk,
        reason=row.reason,
        resolved=row.resolved_at is not None,
        outcome=row.outcome,
        outcome_text=moderation.report_outcome_text(row),
    )


@router.post("/posts/{post_id}/report", response={201: ReportOut})
def report_post(request, post_id: int, payload: ReportIn):
    return _report(request, get_post(request.user, post_id), payload)


@router.post("/comments/{comment_id}/report", response={201: ReportOut})
def report_comment(request, comment_id: int, payload: ReportIn):
    return _report(request, get_comment(request.user, comment_id), payload)


@router.get("/reports/mine", response=list[ReportOut])
def my_reports(request):
    """The pupil's own reports and what became of them."""
    return [_report_out(row) for row in Report.objects.filter(reporter=request.user).order_by("-id")[:50]]


def _settings_out(feed_settings):
    return ModerationOut(
        mode=feed_settings.moderation_mode,
        paused=feed_settings.paused,
        slow_mode_minutes=feed_settings.slow_mode_minutes,
        open_from=feed_settings.open_from,
        open_until=feed_settings.open_until,
    )


@router.get("/classes/{class_id}/moderation", response=ModerationOut)
def get_moderation(request, class_id: int):
    from .models import FeedSettings

    return _settings_out(FeedSettings.for_class(get_class_to_moderate(request.user, class_id)))


@router.put("/classes/{class_id}/moderation", response=ModerationOut)
def put_moderation(request, class_id: int, payload: ModerationIn):
    """Change any of mode ("pre" or "post"), paused (lesson mode), slow_mode_minutes (0 is off) and the
    daily opening hours; fields left out stay as they are (send null to clear an opening time)."""
    school_class = get_class_to_moderate(request.user, class_id)
    data = payload.dict(exclude_unset=True)
    if "mode" in data:
        data["moderation_mode"] = data.pop("mode")
    for field in ("moderation_mode", "paused", "slow_mode_minutes"):
        if field in data and data[field] is None:
            raise HttpError(400, f"{field} mag niet leeg zijn.")
    return _settings_out(moderation.update_settings(school_class, request.user, **data))


@router.post("/classes/{class_id}/pupils/{pupil_id}/mute", response=PupilRuleOut)
def mute(request, class_id: int, pupil_id: int, payload: MuteIn):
    school_class = get_class_to_moderate(request.user, class_id)
    pupil = get_pupil_in_class(school_class, pupil_id)
    moderation.mute(school_class, pupil, request.user, payload.minutes, payload.reason)
    return _rule_out(school_class, pupil)


@router.delete("/classes/{class_id}/pupils/{pupil_id}/mute", response=PupilRuleOut)
def unmute(request, class_id: int, pupil_id: int):
    school_class = get_class_to_moderate(request.user, class_id)
    pupil = get_pupil_in_class(school_class, pupil_id)
    try:
        moderation.unmute(school_class, pupil, request.user)
    except moderation.AlreadyHandled as error:
        raise HttpError(409, str(error)) from error
    return _rule_out(school_class, pupil)


@router.put("/classes/{class_id}/pupils/{pupil_id}/review", response=PupilRuleOut)
def review_override(request, class_id: int, pupil_id: int, payload: OverrideIn):
    """ "always" reviews every post of this pupil first, "trusted" shows them at once, "" follows the class."""
    school_class = get_class_to_moderate(request.user, class_id)
    pupil = get_pupil_in_class(school_class, pupil_id)
    moderation.set_review_override(school_class, pupil, request.user, payload.review)
    return _rule_out(school_class, pupil)


def _rule_out(school_class, pupil):
    standing = moderation.pupil_settings(school_class, pupil)
    return PupilRuleOut(
        pupil_id=pupil.pk,
        review=standing.review if standing else "",
        muted_until=standing.muted_until if standing and standing.is_muted else None,
    )


@router.get("/classes/{class_id}/audit", response=list[AuditOut])
def audit(request, class_id: int):
    """The append-only audit log: the class's teachers and the coordinators of its school."""
    school_class = get_object_or_404(SchoolClass, pk=class_id)
    if request.user.is_authenticated and request.user.is_pupil:
        raise HttpError(403, "Alleen voor leerkrachten en coördinatoren.")
    if not can_see_audit(request.user, school_class):
        raise Http404
    entries = (
        ModerationLog.objects.filter(school_class=school_class)
        .select_related("actor", "pupil")
        .order_by("-created_at", "-id")[:500]
    )
    return [
        AuditOut(
            id=entry.pk,
            created_at=entry.created_at,
            actor=entry.actor.display_name if entry.actor else None,
            action=entry.action,
            action_label=str(entry.get_action_display()),
            post_id=entry.post_id,
            comment_id=entry.comment_id,
            pupil=entry.pupil.display_name if entry.pupil else None,
            reason=entry.reason,
            detail=entry.detail,
        )
        for entry in entries
    ]
