"""Start-page panels: running lessons for a pupil ("Nu in de les") or for a teacher's classes; the banner on
a class feed; the history of lessons given to a class."""

from django import template

from ..models import LessonRun, can_read_lessons

register = template.Library()


@register.simple_tag
def running_lessons_for(user):
    """Runs now going on in the user's classes: as pupil, or as teacher."""
    if not user.is_authenticated:
        return []
    runs = LessonRun.objects.running().select_related("school_class", "lesson").filter(lesson__live=True)
    if can_read_lessons(user):
        return list(runs.for_teacher(user))
    return list(runs.for_pupil(user))


@register.simple_tag
def running_lesson_in(school_class):
    """The lesson now running for `school_class` (with a live page), or None. The page that shows it checked
    that the viewer belongs to the class. The feed page read it with the class (sandbox_feed.feed_class)."""
    if hasattr(school_class, "running_run"):
        return school_class.running_run
    return LessonRun.objects.running().filter(school_class=school_class, lesson__live=True).first()


@register.simple_tag
def pupil_class_seqs(user):
    """The numbers of a pupil's classes as "class id:number,...", for feed.js on the start page (live_note.html).
    Read before the page's own queries: whatever changes later is numbered above it."""
    from accounts.models import SchoolClass
    from sandbox_feed import events

    if not user.is_authenticated:
        return ""
    class_ids = list(SchoolClass.objects.for_pupil(user).values_list("pk", flat=True))
    return ",".join(f"{class_id}:{seq}" for class_id, seq in events.current_seqs(class_ids).items())


@register.simple_tag
def live_poll_seconds():
    from sandbox_feed import live

    return live.POLL_SECONDS


@register.inclusion_tag("lessons/runs/history_panel.html", takes_context=True)
def run_history(context, school_class, limit=5):
    """{% run_history school_class limit=5 %}: the last lessons given to the class, for its teachers (nothing
    for anyone else). One query."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    runs = []
    if user is not None and user.is_authenticated and can_read_lessons(user):
        runs = list(LessonRun.objects.for_teacher(user).filter(school_class=school_class).with_answers()[:limit])
    return {
        "school_class": school_class,
        "runs": runs,
        "caption_id": f"gegeven-lessen-tabel-{school_class.pk}",
    }


@register.simple_tag
def lesson_library():
    from ..models import LessonIndexPage

    return LessonIndexPage.objects.live().first()
