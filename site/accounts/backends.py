"""Throttling for every password login that goes through Django's authenticate(): /inloggen/, /cms/login/, admin."""

from asgiref.sync import sync_to_async
from django.core.exceptions import PermissionDenied

from . import throttle


class LoginThrottleBackend:
    """First in AUTHENTICATION_BACKENDS; it never logs anyone in, it only refuses a login that must wait first.

    Django's authenticate() stops at PermissionDenied, so no later backend checks the password then, and the
    login form shows the wait (`forms.LoginWaitMessageMixin`). Otherwise the attempt is recorded as a failure
    before ModelBackend checks the password, and `clear_wait_after_login` takes it back when the login succeeds.
    There is deliberately no get_user(): sessions keep naming ModelBackend, and force_login skips this class.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None:
            return None  # no client to count against: a shell or a script calling authenticate() itself
        attempt = throttle.start_attempt(request, username=username)
        if attempt.wait:
            request.login_wait = attempt.wait
            raise PermissionDenied
        request.login_attempt = attempt
        return None

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        return await sync_to_async(self.authenticate)(request, username=username, password=password, **kwargs)


def clear_wait_after_login(sender, request, user, **kwargs):
    """user_logged_in: the password was right, so this attempt was no failure and the account need not wait."""
    attempt = getattr(request, "login_attempt", None)
    if attempt is not None:
        attempt.succeeded()
        request.login_attempt = None
