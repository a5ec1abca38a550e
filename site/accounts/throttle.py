"""Login throttling for picture codes and staff passwords, kept in the database (never in the cache).

A failed login is stored once for each key it counts against (`ThrottleScope`): the account (a pupil, or the
username typed on a staff login form), that account on this client address, and the client address alone.
Within a key's window the first failures are free; after that every failure makes the next attempt wait,
doubling up to a cap. A guesser keeps getting slower, while a pupil typing their own code waits briefly at
most: the per-account wait (any client) has a short cap, the long waits are per client. A correct login
clears the account's wait, never the client's.

An attempt is recorded as a failure *before* its code is checked (`start_attempt`) and taken back when the code
turns out right (`Attempt.succeeded`). The check and the record happen in one transaction holding a lock row
per key, so parallel guesses queue and each one sees those before it.
"""

import ipaddress
import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import ThrottleScope
from .models import LoginFailure, LoginThrottleLock


@dataclass(frozen=True)
class Key:
    name: str
    scope: str
    user: object = None  # the pupil, on the pupil's own keys: for the teacher's overview and "clear the wait"


@dataclass(frozen=True)
class Policy:
    free: int  # failures within the window before attempts must wait
    window: timedelta
    cap: int  # longest wait in seconds


def policy(scope):
    if scope == ThrottleScope.CLIENT:
        return Policy(
            settings.CLIENT_LOGIN_FREE_FAILURES,
            timedelta(seconds=settings.CLIENT_LOGIN_WINDOW_SECONDS),
            settings.LOGIN_WAIT_MAX_SECONDS,
        )
    cap = settings.LOGIN_ACCOUNT_WAIT_MAX_SECONDS if scope == ThrottleScope.ACCOUNT else settings.LOGIN_WAIT_MAX_SECONDS
    return Policy(settings.LOGIN_FREE_FAILURES, timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS), cap)


def wait_after(failures, scope):
    """Seconds the next attempt waits after `failures` counted failures of one key: 0, then 5, 10, 20 ... cap."""
    rule = policy(scope)
    if failures < rule.free:
        return 0
    doublings = min(failures - rule.free, 32)  # the cap is reached long before; keeps the number small
    return min(rule.cap, settings.LOGIN_WAIT_FIRST_SECONDS * 2**doublings)


def retention():
    # The teacher sees today's failures, so rows stay at least a day, and at least as long as any window.
    return timedelta(
        seconds=max(24 * 3600, settings.LOGIN_FAILURE_WINDOW_SECONDS, settings.CLIENT_LOGIN_WINDOW_SECONDS)
    )


def client_address(request):
    # Behind a reverse proxy REMOTE_ADDR is the proxy; the deployment notes say to pass the client
    # address through (uvicorn --proxy-headers sets it from X-Forwarded-For).
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        # A home or school gets a whole /64: counting single IPv6 addresses would let a guesser hop around.
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def keys_for(request, *, pupil=None, username=None):
    client = client_address(request)
    keys = [Key(f"client:{client}", ThrottleScope.CLIENT)]
    if pupil is not None:
        account, user = f"pupil:{pupil.pk}", pupil
    elif username is not None:
        # Keyed by what was typed, so unknown usernames are throttled too. Hashed with the secret key:
        # people type their password into the username field by mistake, and it must not be stored readable.
        digest = salted_hmac("accounts.throttle.username", username.strip().lower()).hexdigest()[:32]
        account, user = f"staff:{digest}", None
    else:
        return keys
    return [
        *keys,
        Key(account, ThrottleScope.ACCOUNT, user),
        Key(f"{account}@{client}", ThrottleScope.ACCOUNT_ON_CLIENT, user),
    ]


def _failure_counts(keys, now):
    """{key name: (failures that count for the wait within the key's window, time of the last one)}."""
    within_window = Q()
    for key in keys:
        within_window |= Q(key=key.name, failed_at__gt=now - policy(key.scope).window)
    rows = (
        LoginFailure.objects.filter(within_window, counts_for_wait=True)
        .values("key")
        .annotate(failures=Count("pk"), last=Max("failed_at"))
    )
    return {row["key"]: (row["failures"], row["last"]) for row in rows}


def _remaining_wait(keys, counts, now):
    remaining = 0
    for key in keys:
        failures, last = counts.get(key.name, (0, None))
        if failures:
            ends = last + timedelta(seconds=wait_after(failures, key.scope))
            remaining = max(remaining, math.ceil((ends - now).total_seconds()))
    return remaining


def _lock(keys):
    """Create (if needed) and lock one row per key, in key order so that two attempts never deadlock."""
    names = sorted(key.name for key in keys)
    now = timezone.now()
    for _try in range(3):
        LoginThrottleLock.objects.bulk_create(
            [LoginThrottleLock(key=name, used_at=now) for name in names], ignore_conflicts=True
        )
        locked = list(
            LoginThrottleLock.objects.select_for_update().filter(key__in=names).order_by("key").values_list("pk")
        )
        if len(locked) == len(names):
            break
        # A stale row was removed by a clean-up between the insert and the lock: insert it again.
    LoginThrottleLock.objects.filter(key__in=names).update(used_at=now)


def _clean_up(now):
    # Plain range deletes (nothing refers to these rows), run after the attempt's own transaction: they never
    # hold one lock while waiting for another. A lock row in use has a fresh used_at and is left alone.
    cutoff = now - retention()
    LoginFailure.objects.filter(failed_at__lt=cutoff).delete()
    LoginThrottleLock.objects.filter(used_at__lt=cutoff).delete()


def _waive(key_names):
    if key_names:
        LoginFailure.objects.filter(key__in=key_names, counts_for_wait=True).update(counts_for_wait=False)


@dataclass
class Attempt:
    """One login attempt. With `wait` set it was refused unchecked and nothing was recorded."""

    wait: int = 0
    wait_if_wrong: int = 0  # the wait that applies now if this attempt's code turns out wrong
    failure_ids: list = field(default_factory=list)
    account_keys: list = field(default_factory=list)

    def succeeded(self):
        """The code was right: take this attempt's failure back and clear the account's wait, not the client's."""
        with transaction.atomic():
            LoginFailure.objects.filter(pk__in=self.failure_ids).delete()
            _waive(self.account_keys)


def start_attempt(request, *, pupil=None, username=None):
    """Decide whether a login may be checked now; if so, record it as a failure until `succeeded()`.

    Without `pupil` or `username` only the client counts (a class code, a login card).
    """
    keys = keys_for(request, pupil=pupil, username=username)
    with transaction.atomic():
        _lock(keys)
        now = timezone.now()
        counts = _failure_counts(keys, now)
        wait = _remaining_wait(keys, counts, now)
        if wait:
            return Attempt(wait=wait)
        failures = LoginFailure.objects.bulk_create(
            [LoginFailure(key=key.name, scope=key.scope, user=key.user, failed_at=now) for key in keys]
        )
    _clean_up(now)
    return Attempt(
        wait_if_wrong=max(wait_after(counts.get(key.name, (0, None))[0] + 1, key.scope) for key in keys),
        failure_ids=[failure.pk for failure in failures],
        account_keys=[key.name for key in keys if key.scope != ThrottleScope.CLIENT],
    )


def current_wait(request, *, pupil=None, username=None):
    """Seconds this client must wait before trying this account again; reads only."""
    keys = keys_for(request, pupil=pupil, username=username)
    now = timezone.now()
    return _remaining_wait(keys, _failure_counts(keys, now), now)


def record_success(request, pupil):
    """A login that needed no code (a login card): clear the pupil's wait, as a right picture code does."""
    _waive([key.name for key in keys_for(request, pupil=pupil) if key.scope != ThrottleScope.CLIENT])


def clear_wait(pupil):
    """The teacher's "clear the wait": the pupil may try again at once, from every client. Today's count stays."""
    LoginFailure.objects.filter(user=pupil, counts_for_wait=True).update(counts_for_wait=False)


def forget_failures(pupil):
    """After a new picture code, guesses at the old one no longer matter to the pupil or the teacher."""
    LoginFailure.objects.filter(user=pupil).delete()


def pupils_with_login_status(pupils):
    """The pupils (a queryset) as a list, in one query, each with:

    `failures_today`: wrong picture codes tried today; `login_wait`: seconds any client must still wait;
    `wait_can_be_cleared`: enough recent failures that the next one makes the pupil wait;
    `needs_attention`: so many failures today that the teacher should consider a new code and card.
    """
    now = timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    rule = policy(ThrottleScope.ACCOUNT)
    account = Q(login_failures__scope=ThrottleScope.ACCOUNT)
    waiting = account & Q(login_failures__counts_for_wait=True, login_failures__failed_at__gt=now - rule.window)
    annotated = pupils.annotate(
        failures_today=Count("login_failures", filter=account & Q(login_failures__failed_at__gte=today)),
        waiting_failures=Count("login_failures", filter=waiting),
        last_failure_at=Max("login_failures__failed_at", filter=waiting),
    )
    result = list(annotated)
    for pupil in result:
        pupil.login_wait = 0
        if pupil.waiting_failures:
            ends = pupil.last_failure_at + timedelta(seconds=wait_after(pupil.waiting_failures, ThrottleScope.ACCOUNT))
            pupil.login_wait = max(0, math.ceil((ends - now).total_seconds()))
        pupil.wait_can_be_cleared = pupil.waiting_failures >= rule.free
        pupil.needs_attention = pupil.failures_today >= rule.free
    return result


def wait_message(seconds):
    """For an 8-year-old: how long to wait, in whole seconds or (from two minutes) whole minutes."""
    if seconds < 120:
        return ngettext(
            "Wacht nog %(count)s seconde en probeer het dan opnieuw.",
            "Wacht nog %(count)s seconden en probeer het dan opnieuw.",
            seconds,
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Wacht nog %(count)s minuut en probeer het dan opnieuw.",
        "Wacht nog %(count)s minuten en probeer het dan opnieuw.",
        minutes,
    ) % {"count": minutes}


def staff_wait_message(seconds):
    return _("Te veel mislukte inlogpogingen.") + " " + wait_message(seconds)
