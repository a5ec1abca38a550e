"""The class feed over /api/v1/feed/: the same permission functions and services as the HTML views."""

import json
from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, RawPostDataException
from django.utils import timezone
from ninja import Header, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, field_validator

from . import consent, events, feed_class, moderation, services
from .api_moderation import PlainText
from .choices import (
    CitationVerdict,
    ConsentMethod,
    ConsentPurpose,
    Permission,
    PostStatus,
    ReactionKind,
    SourceKind,
)
from .citation import SOURCE_URL_MAX_LENGTH, check_citation, clean_source_url
from .forms import MAX_POST_LENGTH
from .models import FeedSettings, PostView
from .permissions import (
    EDITABLE,
    can_interact,
    can_see_photo,
    get_class_to_moderate,
    get_feed_class,
    get_own_post,
    get_post,
    get_post_to_moderate,
    get_post_with_history,
    is_feed_teacher,
)

router = Router(tags=["feed"])


class CommentOut(Schema):
    id: int
    status: str
    author: str
    text_html: str = Field(description="sanitised HTML, escaped on write: insert as HTML")
    created_at: datetime


class CheckOut(Schema):
    code: str
    label: str
    passed: bool
    advice: str


class PostOut(Schema):
    id: int
    kind: str
    status: str
    author: str
    pinned: bool
    revealed: bool
    text_html: str = Field(description="sanitised HTML, escaped on write: insert as HTML")
    attribution: str = Field(description="plain text, not HTML: escape it before showing it")
    citation_verdict: str
    citation_comment: str = Field(description="plain text, not HTML")
    photo_url: str | None
    thumbnail_url: str | None
    reactions: dict[str, int]
    my_reactions: list[str]
    comments: list[CommentOut]
    created_at: datetime


class EventOut(Schema):
    seq: int = Field(description="the class's sequence number of this event")
    event: str = Field(description='what happened, e.g. "post", "comment", "reaction", "post_hide", "settings"')
    post_id: int | None
    comment_id: int | None


class EventsOut(Schema):
    events: list[EventOut]
    cursor: int = Field(description="send this as `since` next time")
    reload: bool = Field(description="too far behind (or ahead): reload the feed, then go on from `cursor`")


class FeedOut(Schema):
    pinned: list[PostOut]
    posts: list[PostOut]
    next_cursor: int | None


class SourceIn(Schema):
    kind: SourceKind = SourceKind.OWN
    maker: PlainText = Field("", max_length=120)
    title: PlainText = Field("", max_length=200)
    url: PlainText = Field("", max_length=SOURCE_URL_MAX_LENGTH, description="http(s) only; https is assumed")
    date: PlainText = Field("", max_length=40)
    published: bool = False
    permission: Permission = Permission.UNKNOWN

    @field_validator("url")
    @classmethod
    def _web_address_only(cls, value):
        try:
            return clean_source_url(value)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from error


SEND_TO_TEACHER = Field(False, description="send a text with blocked words to the teacher anyway (it waits)")


class PostIn(Schema):
    text: PlainText = Field(min_length=1, max_length=MAX_POST_LENGTH)
    source: SourceIn = SourceIn()
    send_to_teacher: bool = SEND_TO_TEACHER


class TextIn(Schema):
    text: PlainText = Field(min_length=1, max_length=MAX_POST_LENGTH)
    send_to_teacher: bool = SEND_TO_TEACHER


class CommentIn(Schema):
    text: PlainText = Field(min_length=1, max_length=300)
    send_to_teacher: bool = SEND_TO_TEACHER


class ReactionIn(Schema):
    kind: ReactionKind
    active: bool | None = Field(
        None, description="true puts the reaction on, false takes it off (safe to retry); left out, it toggles"
    )


class ReactionOut(Schema):
    kind: str
    active: bool


class VersionOut(Schema):
    number: int
    text_html: str
    created_at: datetime
    seen_by: int


class CitationReviewIn(Schema):
    verdict: CitationVerdict
    comment: PlainText = Field("", max_length=300)


class ConsentIn(Schema):
    pupil_id: int
    purpose: ConsentPurpose
    decision: bool
    decided_by: PlainText = Field(min_length=1, max_length=80)
    method: ConsentMethod
    decided_at: datetime | None = None

    @field_validator("decided_at")
    @classmethod
    def _within_the_calendar(cls, value):
        """A moment the register can store and show in any time zone: at the calendar's ends, converting
        to UTC or back overflowed (a 500). A naive time is on the school's clock, as in the form."""
        if value is None:
            return value
        try:
            year = (value if timezone.is_aware(value) else timezone.make_aware(value)).astimezone(UTC).year
        except OverflowError:
            year = None
        if year is None or not 1 < year < 9999:
            raise ValueError("Kies een datum tussen het jaar 2 en het jaar 9998.")
        return value


class ConsentRowOut(Schema):
    pupil_id: int
    pupil: str
    consent: dict[str, bool]


REFUSAL_STATUS = {"rate_limit": 429, "slow_mode": 429, "blocked": 400, "locked": 409}


def _refused(error):
    """A write the class's rules refuse, as an HTTP error with the Dutch explanation: 429 for too fast,
    400 for blocked words (send again with send_to_teacher), 409 for a closed thread, 403 for lesson mode,
    closed hours or a mute."""
    return HttpError(REFUSAL_STATUS.get(getattr(error, "code", None), 403), " ".join(error.messages))


def _comment_out(comment, show_text=True):
    """A pupil never gets the words of a comment a teacher hid, not even their own."""
    return CommentOut(
        id=comment.pk,
        status=comment.status,
        author=comment.author.display_name,
        text_html=comment.text if show_text else "",
        created_at=comment.created_at,
    )


def _post_out(post, teacher=False):
    from django.urls import reverse

    comments = getattr(post, "visible_comments", None)
    if comments is None:
        comments = list(post.comments.filter(status=PostStatus.VISIBLE).select_related("author"))
    show_photo = getattr(post, "show_photo", False)
    return PostOut(
        id=post.pk,
        kind=post.kind,
        status=post.status,
        author=post.shown_name,
        pinned=post.pinned,
        revealed=post.revealed,
        text_html=post.text if getattr(post, "show_text", post.status != PostStatus.HIDDEN) else "",
        attribution=post.attribution,
        citation_verdict=post.citation_verdict,
        citation_comment=post.citation_comment,
        photo_url=reverse("sandbox_feed:photo", args=[post.pk]) if show_photo else None,
        thumbnail_url=reverse("sandbox_feed:thumbnail", args=[post.pk]) if show_photo else None,
        reactions={kind: count for kind, _emoji, _label, count in post.reaction_counts},
        my_reactions=sorted(getattr(post, "my_reactions", set())),
        comments=[_comment_out(c, teacher or c.status != PostStatus.HIDDEN) for c in comments],
        created_at=post.published_at or post.created_at,
    )


@router.get("/classes/{class_id}/posts", response=FeedOut)
def list_posts(request, class_id: int, before: int | None = None):
    """A page of the class feed (pinned announcements on the first page), newest first; `before` is
    the `next_cursor` of the previous page."""
    school_class = feed_class.load(request.user, class_id, page=False)
    teacher = school_class.viewer_is_teacher
    pinned, posts, next_cursor = services.feed_page(request.user, school_class, before, teacher=teacher)
    services.decorate(request.user, pinned + posts, teacher)
    services.record_views(request.user, pinned + posts)
    return FeedOut(
        pinned=[_post_out(p, teacher) for p in pinned],
        posts=[_post_out(p, teacher) for p in posts],
        next_cursor=next_cursor,
    )


# A sequence number far beyond any class's, still within a 64-bit column.
MAX_SEQ = 2**62


@router.get("/classes/{class_id}/events", response=EventsOut)
def class_events(request, class_id: int, since: int = Query(..., ge=0, le=MAX_SEQ)):
    """What changed in the class's feed after event number `since`, as far as the user may hear of it:
    ids only, fetch the feed for what they show. For pages whose websocket does not get through; the same
    events as the websocket `/ws/feed/{class_id}/?since=N`."""
    school_class = get_feed_class(request.user, class_id)
    teacher = is_feed_teacher(request.user, school_class)
    found = events.after(school_class.pk, since)
    heard = [m for m in found.events if events.may_hear(m, teacher=teacher, user_id=request.user.pk)]
    return EventsOut(events=[EventOut(**events.for_client(m)) for m in heard], cursor=found.cursor, reload=found.reload)


@router.post("/classes/{class_id}/posts", response={201: PostOut})
def create_post(
    request,
    class_id: int,
    payload: PostIn,
    idempotency_key: Annotated[
        UUID | None,
        Header(
            alias="Idempotency-Key",
            description="a new UUID per post; sent again (a retry), the answer is the post the first request made",
        ),
    ] = None,
):
    """A pupil's post (text and source; photos go through the feed page). With the class's think-first
    setting on it is created as a draft: publish it with POST /posts/{id}/publish."""
    school_class = get_feed_class(request.user, class_id)
    teacher = is_feed_teacher(request.user, school_class)
    source = payload.source
    fields = {
        "source_kind": source.kind,
        "source_maker": source.maker,
        "source_title": source.title,
        "source_url": source.url,
        "source_date": source.date,
        "source_published": source.published,
        "source_permission": source.permission,
    }
    draft = not teacher and FeedSettings.for_class(school_class).preview_before_post
    try:
        post = services.create_post(
            school_class=school_class,
            author=request.user,
            raw_text=payload.text,
            fields=fields,
            draft=draft,
            send_to_teacher=payload.send_to_teacher,
            submission_key=idempotency_key,
        )
    except ValidationError as error:
        raise _refused(error) from error
    return Status(201, _post_out(post))


@router.post("/posts/{post_id}/publish", response=PostOut)
def publish_post(request, post_id: int):
    post = get_own_post(request.user, post_id)
    if post.published_at is not None:
        return _post_out(post)  # published already (a retry): answer as the first call did
    if post.status != PostStatus.DRAFT:
        raise Http404
    try:
        services.publish(post)
    except ValidationError as error:
        raise _refused(error) from error
    return _post_out(post)


@router.get("/posts/{post_id}/citation-check", response=list[CheckOut])
def citation_check(request, post_id: int):
    """The citation coach's checklist for a post the user can see."""
    post = get_post(request.user, post_id)
    return [CheckOut(**point.__dict__) for point in check_citation(post.plain_text, post.source_info())]


@router.patch("/posts/{post_id}", response=PostOut)
def edit_post(request, post_id: int, payload: TextIn):
    post = get_own_post(request.user, post_id, statuses=EDITABLE)
    try:
        services.edit_post(post, payload.text, request.user, payload.send_to_teacher)
    except ValidationError as error:
        raise _refused(error) from error
    return _post_out(post)


@router.delete("/posts/{post_id}", response={204: None})
def delete_post(request, post_id: int):
    services.delete_post(get_own_post(request.user, post_id))
    return Status(204, None)


@router.post("/posts/{post_id}/comments", response={201: CommentOut})
def add_comment(request, post_id: int, payload: CommentIn):
    post = get_post(request.user, post_id)
    if not can_interact(request.user, post):
        raise Http404
    try:
        comment = services.add_comment(post, request.user, payload.text, send_to_teacher=payload.send_to_teacher)
    except ValidationError as error:
        raise _refused(error) from error
    return Status(201, _comment_out(comment))


@router.post("/posts/{post_id}/reactions", response=ReactionOut)
def toggle_reaction(request, post_id: int, payload: ReactionIn):
    """Set a reaction with `active` true or false (idempotent: a retry changes nothing); without `active`
    it toggles, which a retry undoes, so clients should send it."""
    post = get_post(request.user, post_id)
    if not can_interact(request.user, post):
        raise Http404
    try:
        if payload.active is None:
            active = services.toggle_reaction(post, request.user, payload.kind)
        else:
            active = services.set_reaction(post, request.user, payload.kind, payload.active)
    except ValidationError as error:
        raise _refused(error) from error
    return ReactionOut(kind=payload.kind, active=active)


@router.get("/posts/{post_id}/versions", response=list[VersionOut])
def versions(request, post_id: int):
    """Every version of a post: for its author (also after deleting) and the class's teachers."""
    post = get_post_with_history(request.user, post_id)
    rows = services.footprint_rows(list(post.versions.all()), list(PostView.objects.filter(post=post)), post.deleted_at)
    return [VersionOut(number=v.number, text_html=v.text, created_at=v.created_at, seen_by=seen) for v, seen in rows]


@router.put("/posts/{post_id}/citation", response=PostOut)
def review_citation(request, post_id: int, payload: CitationReviewIn):
    post = get_post_to_moderate(request.user, post_id)
    if not payload.verdict:
        raise HttpError(400, "Kies goed of nog niet goed.")
    services.review_citation(post, payload.verdict, payload.comment)
    post.show_photo = can_see_photo(request.user, post, teacher=True)
    return _post_out(post)


@router.post("/posts/{post_id}/release", response=PostOut)
def release(request, post_id: int):
    """Release a held photo and its post. `confirmed` says the teacher looked at who is on it; without it
    the answer is 400 naming who is on the photo. A parent's recorded no can never be overridden (400)."""
    post = get_post_to_moderate(request.user, post_id)
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, RawPostDataException):
        # RawPostDataException: a multipart form, whose stream the CSRF check already read. Not the JSON.
        body = {}
    confirmed = isinstance(body, dict) and body.get("confirmed") is True
    try:
        moderation.release_photo(post, request.user, confirmed=confirmed)
    except moderation.AlreadyHandled as error:
        raise HttpError(409, str(error)) from error
    except ValidationError as error:
        people = ", ".join(pupil.display_name for pupil, _state in moderation.photo_consent_people(post))
        detail = error.messages[0] + (f" ({people})" if people and error.code == "confirm" else "")
        raise HttpError(400, detail) from error
    post.show_photo = can_see_photo(request.user, post, teacher=True)
    return _post_out(post)


@router.get("/classes/{class_id}/consent", response=list[ConsentRowOut])
def consent_overview(request, class_id: int):
    school_class = get_class_to_moderate(request.user, class_id)
    return [
        ConsentRowOut(
            pupil_id=pupil.pk, pupil=pupil.display_name, consent=dict(zip(ConsentPurpose.values, states, strict=True))
        )
        for pupil, states in consent.overview(school_class.ordered_pupils())
    ]


@router.post("/classes/{class_id}/consent", response={201: ConsentRowOut})
def record_consent(request, class_id: int, payload: ConsentIn):
    school_class = get_class_to_moderate(request.user, class_id)
    pupil = school_class.pupils.filter(pk=payload.pupil_id).first()
    if pupil is None:
        raise Http404
    consent.record_decision(
        pupil=pupil,
        purpose=payload.purpose,
        decision=payload.decision,
        decided_by=payload.decided_by,
        method=payload.method,
        recorded_by=request.user,
        decided_at=payload.decided_at,
    )
    states = consent.overview([pupil])[0][1]
    return Status(
        201,
        ConsentRowOut(
            pupil_id=pupil.pk, pupil=pupil.display_name, consent=dict(zip(ConsentPurpose.values, states, strict=True))
        ),
    )


class MemberOut(Schema):
    name: str
    initial: str
    label: str


@router.get("/classes/{class_id}/members", response=list[MemberOut])
def class_members(request, class_id: int):
    """The class's pupils as the composer's '@' suggestions show them (first name and initial only), for
    its members; 404 for anyone else."""
    from . import mentions

    school_class = get_feed_class(request.user, class_id)
    return [MemberOut(**member) for member in mentions.members(school_class)]


def _mount_moderation():
    from .api_moderation import router as moderation_router

    router.add_router("", moderation_router)


_mount_moderation()
