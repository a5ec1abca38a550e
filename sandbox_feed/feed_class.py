"""The class a feed page shows, with everything the page asks about the class and its viewer read in the same
query (issue 15): whether the viewer teaches it, the class's event number, its feed settings, the lesson now
running, and the header's numbers (a pupil's mute and unread mentions; a teacher's badge and this class's queue).
Each is a subquery on the one row, so the page pays one round trip for what took eight."""

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import SchoolClass, teaches

from . import events, mentions, queue
from .models import FeedSettings, PupilModeration


def load(user, class_id, *, page=True):
    """The class if `user` is one of its pupils or teachers (404 otherwise), as permissions.get_feed_class,
    annotated for the feed page (see attach()); with page=False (the API) only `viewer_is_teacher` and
    `live_seq`."""
    from lessons.models import LessonRun  # lessons builds on the feed, not the other way round

    if not user.is_authenticated:
        raise Http404
    runs = LessonRun.objects.running().filter(school_class=OuterRef("pk"), lesson__live=True).order_by("pk")
    annotations = {
        "viewer_is_teacher": teaches(user),
        "live_seq": events.current_seq_expression(),
    }
    classes = SchoolClass.objects.for_member(user)
    if not page:
        return get_object_or_404(classes.annotate(**annotations), pk=class_id)
    annotations.update(
        run_id=Subquery(runs.values("pk")[:1]),
        run_lesson_id=Subquery(runs.values("lesson_id")[:1]),
        run_title=Subquery(runs.values("lesson_title")[:1]),
    )
    if user.is_pupil:
        standing = PupilModeration.objects.filter(school_class=OuterRef("pk"), pupil_id=user.pk)
        annotations["viewer_muted_until"] = Subquery(standing.values("muted_until")[:1])
        annotations["viewer_mentions"] = mentions.unread_count_expression(user)
    elif user.is_school_staff:
        annotations.update(queue.notification_counts(user), queue_here=queue.count_here())
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
