"""Everything about one pupil as a zip a parent can open: index.html (Dutch), export.json, fotos/.

`collect()` reads the database once and returns the data; `stream_zip()` yields the zip in pieces while it
copies the photos from storage in chunks, so a pupil with hundreds of photos never fills memory. The view
answers with `ExportResponse`; `manage.py export_pupil` writes the same pieces to a file.

Nothing of another pupil goes in: classmates' comments, emoji and views on the pupil's posts are counted,
never named or quoted; the pupil's comments on a classmate's post go in without that post; a photo is only
included when nobody else is recognisable on it (it is listed without the file otherwise). The structure of
export.json is documented in README.md (`schema_version` goes up when it changes).
"""

import html
import json
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from asgiref.sync import sync_to_async
from django.db.models import Count
from django.http import StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.choices import ThrottleScope
from accounts.models import LoginFailure, SchoolClass
from h5p.models import H5PAttempt, H5PStatement, H5PUserData
from lessons.models import LessonRun
from sandbox_feed.choices import ModerationAction, PeopleOnPhoto, PostStatus, ReactionKind
from sandbox_feed.models import (
    Comment,
    ConsentDecision,
    Mention,
    ModerationLog,
    PhotoTag,
    Post,
    PostView,
    PupilModeration,
    Reaction,
    Report,
    private_storage,
)
from sandbox_feed.services import footprint_rows

from . import permissions
from .choices import PrivacyAction
from .models import PrivacyLog
from .pseudonyms import pseudonym_for

SCHEMA_VERSION = 1
CHUNK_SIZE = 64 * 1024
# Log lines whose detail is written to the pupil (a refusal's feedback, why they were paused); the others
# can name classmates (who was on a released photo) and go in without their detail.
DETAIL_FOR_PUPIL = {ModerationAction.REJECT, ModerationAction.MUTE}


@dataclass
class Photo:
    storage_name: str
    arcname: str
    taken_at: datetime


@dataclass
class Export:
    pupil: object
    data: dict
    photos: list = field(default_factory=list)

    @property
    def filename(self):
        day = timezone.localdate().isoformat()
        return f"oefenfeed-{slugify(self.pupil.display_name) or 'leerling'}-{day}.zip"

    def counts(self):
        return {
            "posts": len(self.data["posts"]),
            "comments": len(self.data["comments"]),
            "reactions": len(self.data["reactions"]),
            "photos": len(self.photos),
            "h5p_attempts": len(self.data["h5p"]["attempts"]),
            "consent_decisions": len(self.data["consent"]),
        }


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


def _plain(html_text):
    """Stored texts are cleaned HTML (links made safe); the export gives the words."""
    return html.unescape(strip_tags(html_text or ""))


def _number(value):
    return None if value is None else str(value)


def _photo_entry(post, pupil, tags, photos):
    if not post.photo:
        return None
    others_tagged = any(pupil_id != pupil.pk for pupil_id in tags)
    nobody_else = post.people_on_photo == PeopleOnPhoto.NONE and not others_tagged
    if not nobody_else:
        return {"included": False, "reason": _("Er staan anderen op deze foto; die delen we niet.")}
    if not private_storage.exists(post.photo.name):
        return {"included": False, "reason": _("Het bestand van deze foto is niet meer te vinden.")}
    arcname = f"fotos/bericht-{post.pk}.jpg"
    photos.append(Photo(storage_name=post.photo.name, arcname=arcname, taken_at=post.created_at))
    return {"included": True, "file": arcname}


def _posts(pupil, photos):
    posts = (
        Post.objects.filter(author=pupil)
        .select_related("school_class")
        .prefetch_related("versions", "views", "reactions")
        .annotate(comments_by_others=Count("comments", distinct=True))
        .order_by("created_at", "pk")
    )
    tags_by_post = {}
    for post_id, pupil_id in PhotoTag.objects.filter(post__author=pupil).values_list("post_id", "pupil_id"):
        tags_by_post.setdefault(post_id, []).append(pupil_id)
    own_comments = dict(
        Comment.objects.filter(post__author=pupil, author=pupil)
        .values("post_id")
        .annotate(n=Count("pk"))
        .values_list("post_id", "n")
    )
    mentions = dict(
        Mention.objects.filter(post__author=pupil, comment__isnull=True)
        .values("post_id")
        .annotate(n=Count("pk"))
        .values_list("post_id", "n")
    )
    result = []
    for post in posts:
        views = list(post.views.all())
        versions = footprint_rows(list(post.versions.all()), views, post.deleted_at)
        reactions = {}
        for reaction in post.reactions.all():
            if reaction.user_id != pupil.pk:
                reactions[reaction.kind] = reactions.get(reaction.kind, 0) + 1
        tags = tags_by_post.get(post.pk, [])
        result.append(
            {
                "id": post.pk,
                "class_id": post.school_class_id,
                "class": post.school_class.name,
                "kind": post.kind,
                "status": post.status,
                "status_label": post.get_status_display(),
                "text": _plain(post.text),
                "created_at": _when(post.created_at),
                "published_at": _when(post.published_at),
                "updated_at": _when(post.updated_at),
                "deleted_at": _when(post.deleted_at),
                "deleted_by_self": post.status == PostStatus.DELETED and post.deleted_by_id == pupil.pk,
                "pinned": post.pinned,
                "locked": post.locked,
                "source": {
                    "kind": post.source_kind,
                    "kind_label": post.get_source_kind_display(),
                    "maker": post.source_maker,
                    "title": post.source_title,
                    "url": post.source_url,
                    "date": post.source_date,
                    "published": post.source_published,
                    "permission": post.source_permission,
                },
                "citation": {"verdict": post.citation_verdict, "comment": post.citation_comment},
                "moderation": {
                    "reject_reason": post.reject_reason,
                    "reject_reason_label": post.get_reject_reason_display() if post.reject_reason else "",
                    "feedback": post.feedback,
                    "status_reason": post.status_reason,
                },
                "photo": _photo_entry(post, pupil, tags, photos),
                "people_on_photo": post.people_on_photo if post.photo else None,
                "classmates_tagged_on_photo": sum(1 for pupil_id in tags if pupil_id != pupil.pk),
                "versions": [
                    {
                        "number": version.number,
                        "text": _plain(version.text),
                        "created_at": _when(version.created_at),
                        "seen_by_classmates": seen,
                    }
                    for version, seen in versions
                ],
                "seen_by_classmates": len(views),
                "reactions_from_others": [
                    {"kind": kind.value, "label": str(kind.label), "count": reactions[kind.value]}
                    for kind in ReactionKind
                    if kind.value in reactions
                ],
                "comments_by_others": post.comments_by_others - own_comments.get(post.pk, 0),
                "mentions": mentions.get(post.pk, 0),
            }
        )
    return result


def _comments(pupil):
    comments = Comment.objects.filter(author=pupil).select_related("post").order_by("created_at", "pk")
    mentions = dict(
        Mention.objects.filter(comment__author=pupil)
        .values("comment_id")
        .annotate(n=Count("pk"))
        .values_list("comment_id", "n")
    )
    return [
        {
            "id": comment.pk,
            "post_id": comment.post_id,
            "on_own_post": comment.post.author_id == pupil.pk,
            "status": comment.status,
            "status_label": comment.get_status_display(),
            "text": _plain(comment.text),
            "created_at": _when(comment.created_at),
            "deleted_at": _when(comment.deleted_at),
            "deleted_by_self": comment.status == PostStatus.DELETED and comment.deleted_by_id == pupil.pk,
            "reject_reason": comment.reject_reason,
            "feedback": comment.feedback,
            "mentions": mentions.get(comment.pk, 0),
        }
        for comment in comments
    ]


def _moderation(pupil):
    settings = PupilModeration.objects.filter(pupil=pupil).select_related("school_class")
    entries = ModerationLog.objects.filter(pupil=pupil).order_by("created_at", "pk")
    return {
        "settings": [
            {
                "class_id": item.school_class_id,
                "class": item.school_class.name,
                "review": item.review,
                "review_label": item.get_review_display(),
                "muted_until": _when(item.muted_until),
                "mute_reason": item.mute_reason,
            }
            for item in settings
        ],
        "log": [
            {
                "created_at": _when(entry.created_at),
                "action": entry.action,
                "action_label": entry.get_action_display(),
                "reason": entry.reason,
                "post_id": entry.post_id,
                "comment_id": entry.comment_id,
                "detail": entry.detail if entry.action in DETAIL_FOR_PUPIL else "",
            }
            for entry in entries
        ],
    }


def _h5p(pupil):
    attempts = (
        H5PAttempt.objects.filter(user=pupil).select_related("content").prefetch_related("results").order_by("pk")
    )
    statements = H5PStatement.objects.filter(user=pupil).select_related("content").order_by("created_at", "pk")
    saved = H5PUserData.objects.filter(user=pupil).select_related("content").order_by("pk")
    return {
        "attempts": [
            {
                "activity_id": attempt.content_id,
                "activity": attempt.content.title,
                "number": attempt.number,
                "raw_score": _number(attempt.raw_score),
                "max_score": _number(attempt.max_score),
                "scaled": _number(attempt.scaled),
                "duration": attempt.duration,
                "completion": attempt.completion,
                "success": attempt.success,
                "created_at": _when(attempt.created_at),
                "updated_at": _when(attempt.updated_at),
                "questions": [
                    {
                        "sub_content_id": result.sub_content_id,
                        "interaction_type": result.interaction_type,
                        "description": _plain(result.description),
                        "response": result.response,
                        "raw_score": _number(result.raw_score),
                        "max_score": _number(result.max_score),
                        "scaled": _number(result.scaled),
                        "duration": result.duration,
                        "completion": result.completion,
                        "success": result.success,
                        "created_at": _when(result.created_at),
                    }
                    for result in attempt.results.all()
                ],
            }
            for attempt in attempts
        ],
        "statements": [
            {
                "activity_id": item.content_id,
                "activity": item.content.title,
                "verb": item.verb,
                "attempt_id": item.attempt_id,
                "created_at": _when(item.created_at),
                "statement": item.statement,
            }
            for item in statements
        ],
        "saved_state": [
            {
                "activity_id": item.content_id,
                "activity": item.content.title,
                "data_type": item.data_type,
                "sub_content_id": item.sub_content_id,
                "data": item.data,
                "updated_at": _when(item.updated_at),
            }
            for item in saved
        ],
    }


def collect(pupil):
    """Read everything about `pupil` into an Export (data for export.json and index.html, photo list).

    In Dutch whoever asks: the export is for the pupil's parents."""
    with translation.override("nl"):
        return _collect(pupil)


def _collect(pupil):
    photos = []
    classes = SchoolClass.objects.filter(pupils=pupil).select_related("school").order_by("pk")  # archived too
    schools = permissions.schools_of(pupil).order_by("name")
    data = {
        "schema_version": SCHEMA_VERSION,
        "generated_at": _when(timezone.now()),
        "about": _(
            "Alle gegevens die Oefenfeed over deze leerling bewaart, in opdracht van de school. De school is "
            "verantwoordelijk voor deze gegevens; Oefenfeed verwerkt ze voor de school."
        ),
        "pupil": {
            "id": pupil.pk,
            "first_name": pupil.first_name,
            "initial": pupil.initial,
            "display_name": pupil.display_name,
            "username": pupil.username,
            "date_joined": _when(pupil.date_joined),
            "last_login": _when(pupil.last_login),
            "is_active": pupil.is_active,
            "has_picture_code": bool(pupil.picture_code),
            "has_login_card": bool(pupil.card_token),
        },
        "schools": [{"name": school.name, "brin": school.brin} for school in schools],
        "classes": [
            {
                "id": school_class.pk,
                "name": school_class.name,
                "groep": school_class.groep,
                "school_year": school_class.school_year,
                "school": school_class.school.name,
            }
            for school_class in classes
        ],
        "posts": _posts(pupil, photos),
        "comments": _comments(pupil),
        "reactions": [
            {
                "post_id": item.post_id,
                "kind": item.kind,
                "label": item.get_kind_display(),
                "created_at": _when(item.created_at),
            }
            for item in Reaction.objects.filter(user=pupil).order_by("created_at", "pk")
        ],
        "footprint_views": [
            {"post_id": item.post_id, "seen_at": _when(item.seen_at)}
            for item in PostView.objects.filter(pupil=pupil).order_by("seen_at", "pk")
        ],
        "mentioned_in_posts": list(
            Mention.objects.filter(pupil=pupil, comment__isnull=True)
            .exclude(post__author=pupil)
            .order_by("post_id")
            .values_list("post_id", flat=True)
        ),
        "mentioned_in_comments": list(
            Mention.objects.filter(pupil=pupil, comment__isnull=False)
            .exclude(comment__author=pupil)
            .order_by("comment_id")
            .values_list("comment_id", flat=True)
        ),
        "tagged_on_photos_of_others": list(
            PhotoTag.objects.filter(pupil=pupil)
            .exclude(post__author=pupil)
            .order_by("post_id")
            .values_list("post_id", flat=True)
        ),
        "reports": [
            {
                "created_at": _when(item.created_at),
                "reason": item.reason,
                "reason_label": item.get_reason_display(),
                "post_id": item.post_id,
                "comment_id": item.comment_id,
                "resolved_at": _when(item.resolved_at),
                "outcome": item.outcome,
                "outcome_label": item.get_outcome_display() if item.outcome else "",
            }
            for item in Report.objects.filter(reporter=pupil).order_by("created_at", "pk")
        ],
        "moderation": _moderation(pupil),
        "consent": [
            {
                "purpose": item.purpose,
                "purpose_label": item.get_purpose_display(),
                "decision": item.decision,
                "decided_by": item.decided_by,
                "method": item.method,
                "method_label": item.get_method_display(),
                "decided_at": _when(item.decided_at),
                "recorded_at": _when(item.recorded_at),
            }
            for item in ConsentDecision.objects.filter(pupil=pupil).order_by("decided_at", "pk")
        ],
        "h5p": _h5p(pupil),
        "lesson_runs": [
            {
                "lesson": run.lesson_title,
                "class_id": run.school_class_id,
                "class": run.school_class.name,
                "started_at": _when(run.started_at),
                "ended_at": _when(run.ended_at),
            }
            for run in LessonRun.objects.for_pupil(pupil).select_related("school_class").order_by("started_at", "pk")
        ],
        "login": {
            "failed_attempts": [
                _when(failed_at)
                for failed_at in LoginFailure.objects.filter(user=pupil, scope=ThrottleScope.ACCOUNT)
                .order_by("failed_at")
                .values_list("failed_at", flat=True)
            ],
        },
    }
    return Export(pupil=pupil, data=data, photos=photos)


def render_index(export):
    """The Dutch summary for parents: a standalone page (inline CSS, no scripts, nothing loaded from us)."""
    with translation.override("nl"):
        return render_to_string("privacy/export/index.html", {"export": export, "data": export.data})


class StreamSink:
    """The zip's output: collects what zipfile writes until the generator hands it on. It has no tell() or
    seek(), so zipfile writes sizes after each file (data descriptors), as a stream needs."""

    def __init__(self):
        self._parts = []

    def write(self, data):
        self._parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def _info(name, when, compress_type):
    info = zipfile.ZipInfo(name, date_time=timezone.localtime(when).timetuple()[:6])
    info.compress_type = compress_type
    info.external_attr = 0o644 << 16
    return info


def stream_zip(export):
    """Yield the zip in pieces: index.html, export.json, then every photo copied in CHUNK_SIZE pieces."""
    index = render_index(export).encode("utf-8")
    data = json.dumps(export.data, ensure_ascii=False, indent=2).encode("utf-8")
    now = timezone.now()
    sink = StreamSink()
    with zipfile.ZipFile(sink, mode="w") as archive:
        archive.writestr(_info("index.html", now, zipfile.ZIP_DEFLATED), index)
        archive.writestr(_info("export.json", now, zipfile.ZIP_DEFLATED), data)
        yield sink.take()
        for photo in export.photos:
            # JPEGs do not shrink: stored as they are, which also keeps the copy cheap.
            with (
                private_storage.open(photo.storage_name, "rb") as source,
                archive.open(_info(photo.arcname, photo.taken_at, zipfile.ZIP_STORED), mode="w") as target,
            ):
                while chunk := source.read(CHUNK_SIZE):
                    target.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()


class ExportResponse(StreamingHttpResponse):
    """Streams under WSGI and ASGI alike. Django's ASGI handler would read a plain generator to the end
    before sending anything; here each piece is made in a worker thread and sent before the next."""

    async def __aiter__(self):
        pieces = iter(self.streaming_content)
        done = object()
        while (piece := await sync_to_async(next, thread_sensitive=False)(pieces, done)) is not done:
            yield piece


def log_export(export, *, actor=None, actor_name=""):
    return PrivacyLog.objects.create(
        action=PrivacyAction.EXPORT,
        actor=actor,
        actor_name=actor_name or (actor.display_name if actor else ""),
        school_id=permissions.log_school_id(export.pupil, actor),
        pseudonym=pseudonym_for(export.pupil),
        counts=export.counts(),
    )


def export_response(pupil, *, actor):
    export = collect(pupil)
    log_export(export, actor=actor)
    response = ExportResponse((piece for piece in stream_zip(export) if piece), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=export.filename)
    response["Cache-Control"] = "no-store, private"
    return response
