"""The number of items waiting for a teacher, for the header on every page. Lazy: only pages that show
the header for staff pay for its two queries."""

from django.utils.functional import SimpleLazyObject


def review_queue(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_school_staff:
        return {}

    def count():
        from .queue import count_for

        return count_for(user)

    return {"review_queue_count": SimpleLazyObject(count)}
