"""Throttling of pupil logins: per pupil (stored, a teacher unlocks) and per client (cache window)."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import F


def client_key(request):
    # Behind a reverse proxy REMOTE_ADDR is the proxy; the deployment notes say to pass the
    # client address through (uvicorn --proxy-headers sets it from X-Forwarded-For).
    return "pupil-login-failures:" + request.META.get("REMOTE_ADDR", "unknown")


def client_is_blocked(request):
    return cache.get(client_key(request), 0) >= settings.CLIENT_LOGIN_MAX_FAILURES


def record_failure(request, pupil=None):
    key = client_key(request)
    cache.add(key, 0, timeout=settings.CLIENT_LOGIN_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=settings.CLIENT_LOGIN_WINDOW_SECONDS)
    if pupil is not None:
        type(pupil).objects.filter(pk=pupil.pk).update(failed_logins=F("failed_logins") + 1)
        pupil.refresh_from_db(fields=["failed_logins"])


def record_success(pupil):
    if pupil.failed_logins:
        type(pupil).objects.filter(pk=pupil.pk).update(failed_logins=0)
        pupil.failed_logins = 0


def unlock(pupil):
    type(pupil).objects.filter(pk=pupil.pk).update(failed_logins=0)
    pupil.failed_logins = 0
