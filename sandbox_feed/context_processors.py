"""What waits for the user, for the header on every page. Lazy: only pages that show the header pay, with
one query for a teacher (review queue, reports, citations, consents) and one for a pupil (mentions)."""

from django.utils.functional import SimpleLazyObject


def review_queue(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if user.is_pupil:
        from .mentions import unread_count

        return {"mention_count": SimpleLazyObject(lambda: unread_count(user))}
    if not user.is_school_staff:
        return {}

    from .queue import notifications_for

    notifications = SimpleLazyObject(lambda: notifications_for(user))
    return {
        "teacher_notifications": notifications,
        "review_queue_count": SimpleLazyObject(lambda: notifications.review),
    }
