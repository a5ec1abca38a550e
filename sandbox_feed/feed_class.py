"""The class a feed page shows, with everything the page asks about the class and its viewer read in the same
query (issue 15): whether the viewer teaches it, the class's event number, its feed settings, the lesson now
running, and the header's numbers (a pupil's mute and unread mentions; a teacher's badge and this class's queue).
Each is a subquery on the one row, so the page pays one round trip for what took eight, and each is baked
(oefenfeed/baked.py): compiled once per process, since building and compiling them cost more than the query."""

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, CharField, DateTimeField, IntegerField, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import SchoolClass, teaches
from oefenfeed import baked

from . import events, mentions, queue
from .models import FeedSettings, PupilModeration


def _runs():
    from lessons.models import LessonRun  # lessons builds on the feed, not the other way round

    return LessonRun.objects.running().filter(school_class=OuterRef("pk"), lesson__live=True).order_by("pk")


def _muted_until(user):
    standing = PupilModeration.objects.filter(school_class=OuterRef("pk"), pupil_id=user.pk)
    return Subquery(standing.values("muted_until")[:1])


# What the page reads about the class and its viewer: name -> (expression for the class row and a user, type).
FOR_EVERY_PAGE = {
    "viewer_is_teacher": (teaches, BooleanField()),
    "live_seq": (lambda user: events.current_seq_expression(), IntegerField()),
}
FOR_THE_FEED_PAGE = {
    "run_id": (lambda user: Subquery(_runs().values("pk")[:1]), IntegerField()),
    "run_lesson_id": (lambda user: Subquery(_runs().values("lesson_id")[:1]), IntegerField()),
    "run_title": (lambda user: Subquery(_runs().values("lesson_title")[:1]), CharField()),
}
FOR_A_PUPIL = {"viewer_muted_until": (_muted_until, DateTimeField())}


def _one_value(expression):
    """A build for baked.scalar: `expression` for the class with id `class_id` and the user with `user_id`."""

    def build(user_id, class_id):
        user = baked.stand_in(get_user_model(), user_id)
        return SchoolClass.objects.filter(pk=class_id).annotate(value=expression(user)).values("value")

    return build


def _values(values, user, class_id):
    # Baked (oefenfeed/baked.py): building and compiling these subqueries took more Python than the whole query
    # took the database.
    return {
        name: baked.scalar(f"feed_class.{name}", _one_value(expression), user.pk, class_id, output_field=field)
        for name, (expression, field) in values.items()
    }


def load(user, class_id, *, page=True):
    """The class if `user` is one of its pupils or teachers (404 otherwise), as permissions.get_feed_class,
    annotated for the feed page (see attach()); with page=False (the API) only `viewer_is_teacher` and
    `live_seq`."""
    if not user.is_authenticated:
        raise Http404
    try:
        class_id = int(class_id)
    except (TypeError, ValueError):
        raise Http404 from None
    annotations = _values(FOR_EVERY_PAGE, user, class_id)
    classes = SchoolClass.objects.for_member(user)
    if not page:
        return get_object_or_404(classes.annotate(**annotations), pk=class_id)
    annotations.update(_values(FOR_THE_FEED_PAGE, user, class_id))
    if user.is_pupil:
        annotations.update(_values(FOR_A_PUPIL, user, class_id))
        annotations["viewer_mentions"] = mentions.unread_count_expression(user)
    elif user.is_school_staff:
        annotations.update(queue.notification_count_expressions(user), queue_here=queue.count_here_expression(class_id))
    classes = classes.select_related("school", "feed_settings")
    school_class = get_object_or_404(classes.annotate(**annotations), pk=class_id)
    attach(school_class, user)
    return school_class


def attach(school_class, user):
    """Turn the annotations into what the page and the header use."""
    try:
        school_class.page_feed_settings = school_class.feed_settings
    except FeedSettings.DoesNotExist:  # a class that never had settings gets them now, once
        school_class.page_feed_settings = FeedSettings.for_class(school_class)
    school_class.running_run = None
    if school_class.run_id is not None:
        from lessons.models import LessonRun

        school_class.running_run = LessonRun(
            pk=school_class.run_id,
            school_class=school_class,
            lesson_id=school_class.run_lesson_id,
            lesson_title=school_class.run_title,
        )
    school_class.header_context = {}
    muted_until = getattr(school_class, "viewer_muted_until", None)
    school_class.viewer_muted_until = muted_until if muted_until and muted_until > timezone.now() else None
    if user.is_pupil:
        school_class.header_context["mention_count"] = school_class.viewer_mentions
    elif user.is_school_staff:
        notifications = queue.notifications_from(school_class)
        school_class.header_context.update(teacher_notifications=notifications, review_queue_count=notifications.review)
