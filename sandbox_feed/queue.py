"""The teacher's review queue across their classes: waiting and flagged posts and comments and open
reports, with the context to decide (thread, earlier versions, the pupil's recent record), in a constant
number of queries whatever its length."""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from accounts.models import SchoolClass
from oefenfeed import baked

from .choices import ConsentPurpose, PostKind, PostStatus, SourceKind
from .models import Comment, ConsentDecision, Post, Report
from .subqueries import count as _count

QUEUE_LIMIT = 100
HISTORY_DAYS = 28


@dataclass
class PupilRecord:
    posts: int = 0
    comments: int = 0
    refused: int = 0  # rejected or hidden by a teacher
    by_status: dict = field(default_factory=dict)


def _open_reports():
    return Report.objects.filter(resolved_at__isnull=True).select_related("reporter").order_by("id")


def waiting_posts(classes=None):
    """Posts waiting for a teacher in `classes` (None: every class, for a caller that filters on its own)."""
    open_report = Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    posts = Post.objects.all() if classes is None else Post.objects.filter(school_class__in=classes)
    return posts.exclude(status=PostStatus.DRAFT).filter(Q(needs_review=True) | Exists(open_report))


def waiting_comments(classes=None):
    open_report = Report.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
    comments = Comment.objects.all() if classes is None else Comment.objects.filter(post__school_class__in=classes)
    return comments.filter(Q(needs_review=True) | Exists(open_report))


def count_for(user):
    """How many items wait for this teacher (the number in the header): two small queries."""
    if not user.is_authenticated or not user.is_school_staff:
        return 0
    return count_in(SchoolClass.objects.for_teacher(user))


def count_in(classes):
    """Waiting posts and comments of `classes`, in one query."""
    posts = waiting_posts(classes).order_by().values_list("id")
    comments = waiting_comments(classes).order_by().values_list("id")
    return posts.union(comments, all=True).count()


@dataclass(frozen=True)
class Notifications:
    """What waits for a teacher across their classes: the start page's list and the header's badge."""

    posts: int = 0
    comments: int = 0
    reports: int = 0
    citations: int = 0
    consents: int = 0

    @property
    def review(self):
        """Waiting posts and comments: the review queue's number."""
        return self.posts + self.comments

    @property
    def total(self):
        return self.review + self.citations + self.consents

    def __bool__(self):
        return bool(self.total)


def citations_to_judge(classes):
    """Pupils' posts with a source the teacher has not judged yet."""
    return (
        Post.objects.filter(school_class__in=classes, kind=PostKind.PUPIL, citation_verdict="")
        .exclude(source_kind__in=[SourceKind.OWN, ""])
        .filter(status__in=[PostStatus.VISIBLE, PostStatus.PENDING])
    )


def consents_missing(classes):
    """Pupils of these classes without any decision for the class feed: their form is not back yet."""
    decided = ConsentDecision.objects.filter(pupil=OuterRef("pk"), purpose=ConsentPurpose.CLASS_FEED)
    return get_user_model().objects.filter(pupil_classes__in=classes).filter(~Exists(decided)).distinct()


NOTIFICATION_COUNTS = ("n_posts", "n_comments", "n_reports", "n_citations", "n_consents")


def notification_counts(user):
    """The badge's counts as expressions (subqueries) to annotate any one-row query with; see notifications_for."""
    classes = SchoolClass.objects.for_teacher(user).values("pk")
    reports = Report.objects.filter(school_class__in=classes, resolved_at__isnull=True)
    return {
        "n_posts": _count(waiting_posts(classes)),
        "n_comments": _count(waiting_comments(classes)),
        "n_reports": _count(reports),
        "n_citations": _count(citations_to_judge(classes)),
        "n_consents": _count(consents_missing(classes)),
    }


def notifications_from(row):
    """Notifications out of a row (dict or object) that carries notification_counts()'s values."""
    value = row.get if isinstance(row, dict) else (lambda name: getattr(row, name))
    return Notifications(
        posts=value("n_posts"),
        comments=value("n_comments"),
        reports=value("n_reports"),
        citations=value("n_citations"),
        consents=value("n_consents"),
    )


def _notification_row(user_id, names=NOTIFICATION_COUNTS):
    """notification_counts of a user as a one-row query, to bake (oefenfeed/baked.py): building and compiling
    its five subqueries cost 6.5 ms of Python on every page a teacher opens."""
    user_model = get_user_model()
    counts = notification_counts(baked.stand_in(user_model, user_id))
    return user_model.objects.filter(pk=user_id).annotate(**{name: counts[name] for name in names}).values(*names)


def notifications_for(user):
    """Every count a teacher's badge needs, in one query whatever the number of classes or items."""
    if not user.is_authenticated or not user.is_school_staff:
        return Notifications()
    row = baked.row("queue.notifications", _notification_row, user.pk)
    return Notifications() if row is None else notifications_from(dict(zip(NOTIFICATION_COUNTS, row, strict=True)))


def notification_count_expressions(user):
    """notification_counts as baked subqueries, one per number, to annotate any one-row query with."""
    return {
        name: baked.scalar(f"queue.notifications.{name}", partial(_notification_row, names=(name,)), user.pk)
        for name in NOTIFICATION_COUNTS
    }


def count_here():
    """What count_in counts, for the class of the row being selected (OuterRef("pk")): an expression."""
    return _count(waiting_posts().filter(school_class=OuterRef("pk"))) + _count(
        waiting_comments().filter(post__school_class=OuterRef("pk"))
    )


def _count_here_row(class_id):
    return SchoolClass.objects.filter(pk=class_id).annotate(n=count_here()).values("n")


def count_here_expression(class_id):
    """count_here for a known class, baked: a subquery for that class's own query to carry."""
    return baked.scalar("queue.count_here", _count_here_row, class_id)


def items_for(user, school_class=None):
    """(posts, comments, records by pupil id), oldest first, each with `open_reports`; comments carry
    their post and its thread, posts their versions and the post they revise."""
    classes = SchoolClass.objects.for_teacher(user)
    if school_class is not None:
        classes = classes.filter(pk=school_class.pk)
    posts = list(
        waiting_posts(classes)
        .select_related("author", "persona", "school_class", "resubmission_of")
        .prefetch_related(
            Prefetch("reports", queryset=_open_reports(), to_attr="open_reports"),
            "versions",
            "tags__pupil",
            Prefetch("comments", queryset=Comment.objects.select_related("author"), to_attr="thread"),
        )
        .order_by("id")[:QUEUE_LIMIT]
    )
    comments = list(
        waiting_comments(classes)
        .select_related("author", "post__author", "post__persona", "post__school_class", "resubmission_of")
        .prefetch_related(
            Prefetch("reports", queryset=_open_reports(), to_attr="open_reports"),
            Prefetch("post__comments", queryset=Comment.objects.select_related("author"), to_attr="thread"),
        )
        .order_by("id")[:QUEUE_LIMIT]
    )
    authors = {item.author_id for item in posts + comments}
    return posts, comments, records(authors)


def records(author_ids):
    """What each pupil wrote in the last weeks, by status: two grouped queries for any number of pupils."""
    since = timezone.now() - timedelta(days=HISTORY_DAYS)
    result = {pk: PupilRecord() for pk in author_ids}
    for model, attr in ((Post, "posts"), (Comment, "comments")):
        rows = (
            model.objects.filter(author_id__in=author_ids, created_at__gte=since)
            .exclude(status=PostStatus.DRAFT)
            .values("author_id", "status")
            .annotate(n=Count("id"))
        )
        for row in rows:
            record = result[row["author_id"]]
            setattr(record, attr, getattr(record, attr) + row["n"])
            record.by_status[row["status"]] = record.by_status.get(row["status"], 0) + row["n"]
            if row["status"] in (PostStatus.REJECTED, PostStatus.HIDDEN):
                record.refused += row["n"]
    return result
