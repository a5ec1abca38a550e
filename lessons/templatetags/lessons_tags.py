"""Start-page panels: running lessons for a pupil ("Nu in de les") or for a teacher's classes."""

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
def lesson_library():
    from ..models import LessonIndexPage

    return LessonIndexPage.objects.live().first()
