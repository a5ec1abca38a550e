"""Login throttling: waits that grow with failures, per pupil or staff account and per client, in the database."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import redis
from django.core.cache import cache
from django.db import connection, connections
from django.db.models import F
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from accounts import throttle
from accounts.choices import ThrottleScope
from accounts.models import LoginFailure, LoginThrottleLock
from tests.factories import STAFF_PASSWORD

pytestmark = pytest.mark.django_db

RIGHT = ["hond", "ster", "appel"]
WRONG = ["vis", "kat", "boom"]
PRANKSTER = "10.0.0.66"
PUPILS_TABLET = "10.0.0.7"
TEACHERS_LAPTOP = "10.0.0.8"
DEAD_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}
STAFF_LOGIN_URLS = ["/inloggen/", "/cms/login/"]


def picture_url(school_class, pupil):
    return reverse("accounts:pupil_picture_code", args=[school_class.join_code, pupil.pk])


def try_code(device, school_class, pupil, keys):
    data = {f"picture{i}": key for i, key in enumerate(keys, start=1)}
    return device.post(picture_url(school_class, pupil), data)


def waited_seconds(response):
    """The wait the page asks for, in seconds, or None when it asks for none."""
    match = re.search(r"Wacht nog (\d+) (seconde|seconden|minuut|minuten) en probeer het dan opnieuw\.", text(response))
    if match is None:
        return None
    return int(match[1]) * (60 if match[2].startswith("minu") else 1)


def text(response):
    return response.content.decode()


def time_passes(seconds):
    """Move every recorded failure back in time, as if `seconds` went by."""
    LoginFailure.objects.update(failed_at=F("failed_at") - timedelta(seconds=seconds))


def logged_in_as(device, user):
    return device.session.get("_auth_user_id") == str(user.pk)


def fail_patiently(device, school_class, pupil, times):
    """Wrong codes that each get checked: wait out every wait first. Returns the last wait asked for."""
    wait = None
    for _ in range(times):
        if wait:
            time_passes(wait)
        response = try_code(device, school_class, pupil, WRONG)
        assert "Dat klopt niet" in text(response)
        wait = waited_seconds(response)
    return wait


# Pupils


def test_a_pranksters_five_wrong_codes_make_the_real_pupil_wait_only_briefly(school_class, pupil):
    prankster, tablet = Client(REMOTE_ADDR=PRANKSTER), Client(REMOTE_ADDR=PUPILS_TABLET)
    fail_patiently(prankster, school_class, pupil, 5)

    refused = try_code(tablet, school_class, pupil, RIGHT)
    assert "Wacht nog 20 seconden en probeer het dan opnieuw." in text(refused)
    assert not logged_in_as(tablet, pupil)

    time_passes(20)
    assert try_code(tablet, school_class, pupil, RIGHT).status_code == 302
    assert logged_in_as(tablet, pupil)


def test_even_fifty_wrong_codes_keep_the_real_pupil_out_for_the_short_wait_only(school_class, pupil):
    prankster, tablet = Client(REMOTE_ADDR=PRANKSTER), Client(REMOTE_ADDR=PUPILS_TABLET)
    last_wait = fail_patiently(prankster, school_class, pupil, 50)
    assert last_wait == 300  # the prankster's own device waits five minutes per try by now

    assert waited_seconds(try_code(tablet, school_class, pupil, RIGHT)) == 30
    time_passes(30)
    assert try_code(tablet, school_class, pupil, RIGHT).status_code == 302
    assert logged_in_as(tablet, pupil)


def test_the_wait_grows_with_each_failure_up_to_five_minutes(school_class, pupil):
    device = Client(REMOTE_ADDR=PRANKSTER)
    waits = []
    for _ in range(10):
        response = try_code(device, school_class, pupil, WRONG)
        waits.append(waited_seconds(response))
        time_passes(waits[-1] or 0)
    # From two minutes on the page speaks of whole minutes, rounded up: 160 seconds read "3 minuten".
    assert waits == [None, None, 5, 10, 20, 40, 80, 180, 300, 300]


def test_an_attempt_during_the_wait_is_refused_unchecked_and_does_not_count(school_class, pupil):
    device = Client(REMOTE_ADDR=PUPILS_TABLET)
    for _ in range(3):
        try_code(device, school_class, pupil, WRONG)
    recorded = LoginFailure.objects.count()

    response = try_code(device, school_class, pupil, RIGHT)
    assert "Wacht nog 5 seconden en probeer het dan opnieuw." in text(response)
    assert "Dat klopt niet" not in text(response)
    assert not logged_in_as(device, pupil)
    assert LoginFailure.objects.count() == recorded
    # The page says so before the pupil even picks pictures.
    assert "Wacht nog" in text(device.get(picture_url(school_class, pupil)))


def test_a_slow_guesser_keeps_getting_slower_while_the_pupil_logs_in_meanwhile(school_class, pupil):
    guesser, tablet = Client(REMOTE_ADDR=PRANKSTER), Client(REMOTE_ADDR=PUPILS_TABLET)
    guesser_waits = []
    for _ in range(6):
        guesser_waits.append(waited_seconds(try_code(guesser, school_class, pupil, WRONG)))
        # The real pupil logs in right after each guess, without waiting, and logs out again.
        assert try_code(tablet, school_class, pupil, RIGHT).status_code == 302
        assert logged_in_as(tablet, pupil)
        tablet.logout()
        time_passes(guesser_waits[-1] or 0)
    assert guesser_waits == [None, None, 5, 10, 20, 40]
    # Right after a guess the guesser must wait again, although the pupil's own wait was cleared.
    try_code(guesser, school_class, pupil, WRONG)
    assert waited_seconds(try_code(guesser, school_class, pupil, WRONG)) == 80


@override_settings(CLIENT_LOGIN_FREE_FAILURES=4, LOGIN_FREE_FAILURES=100)
def test_logging_in_as_yourself_does_not_reset_your_devices_wait(school_class, pupils):
    guesser, own_account, victims = Client(REMOTE_ADDR=PRANKSTER), pupils[2], pupils[:2]
    for victim in [*victims, *victims]:
        try_code(guesser, school_class, victim, WRONG)
    time_passes(5)
    assert try_code(guesser, school_class, own_account, RIGHT).status_code == 302
    guesser.logout()

    assert waited_seconds(try_code(guesser, school_class, victims[0], WRONG)) == 10


def test_a_correct_login_resets_the_pupils_own_wait(school_class, pupil):
    tablet = Client(REMOTE_ADDR=PUPILS_TABLET)
    fail_patiently(tablet, school_class, pupil, 3)
    time_passes(5)
    assert try_code(tablet, school_class, pupil, RIGHT).status_code == 302
    tablet.logout()

    response = try_code(tablet, school_class, pupil, WRONG)
    assert "Kies de drie plaatjes in de goede volgorde" in text(response)
    assert waited_seconds(response) is None


def test_the_login_card_still_works_while_the_picture_code_must_wait(school_class, pupil):
    prankster, tablet = Client(REMOTE_ADDR=PRANKSTER), Client(REMOTE_ADDR=PUPILS_TABLET)
    fail_patiently(prankster, school_class, pupil, 5)
    assert waited_seconds(try_code(tablet, school_class, pupil, RIGHT))

    card = reverse("accounts:pupil_card_login", args=[pupil.card_token])
    assert tablet.get(card).status_code == 200
    assert tablet.post(card).status_code == 302
    assert logged_in_as(tablet, pupil)
    # A card login is a correct login: the picture code works at once again.
    tablet.logout()
    assert try_code(tablet, school_class, pupil, RIGHT).status_code == 302


def test_wrong_class_codes_make_that_client_wait(school_class, settings):
    settings.CLIENT_LOGIN_FREE_FAILURES = 2
    device, other = Client(REMOTE_ADDR=PRANKSTER), Client(REMOTE_ADDR=PUPILS_TABLET)
    url = reverse("accounts:pupil_class_code")
    device.post(url, {"code": "NOPE42"})
    response = device.post(url, {"code": "NOPE43"})
    assert "Deze klascode kennen we niet" in text(response)
    assert waited_seconds(response) == 5
    refused = device.post(url, {"code": school_class.join_code})
    assert refused.status_code == 200
    assert waited_seconds(refused) == 5
    # Another device is not affected.
    assert other.post(url, {"code": school_class.join_code}).status_code == 302


def test_failures_older_than_the_window_stop_counting_and_are_cleaned_up(school_class, pupil):
    device = Client(REMOTE_ADDR=PRANKSTER)
    fail_patiently(device, school_class, pupil, 3)
    old = set(LoginFailure.objects.values_list("pk", flat=True))
    assert old
    time_passes(24 * 3600 + 1)

    response = try_code(device, school_class, pupil, WRONG)
    assert waited_seconds(response) is None
    assert not LoginFailure.objects.filter(pk__in=old).exists()
    assert LoginFailure.objects.filter(user=pupil, scope=ThrottleScope.ACCOUNT).count() == 1


@override_settings(LOGIN_WAIT_FIRST_SECONDS=0)  # no waits, so the twelve tries need no time travel
def test_the_teacher_sees_repeated_failures_with_a_hint(client, school_class, pupil, pupils, teacher):
    prankster = Client(REMOTE_ADDR=PRANKSTER)
    for _ in range(12):
        try_code(prankster, school_class, pupil, WRONG)
    classmate = pupils[1]
    try_code(prankster, school_class, classmate, WRONG)

    client.force_login(teacher)
    body = text(client.get(reverse("accounts:class_detail", args=[school_class.pk])))
    assert f"Bij {pupil.display_name} is vandaag 12 keer een verkeerde code geprobeerd." in body
    assert f"Geef {pupil.display_name} dan een nieuwe code en kaart." in body
    assert f"Bij {classmate.display_name} is vandaag" not in body


def test_the_teacher_sees_the_wait_and_clears_it_but_the_count_stays(client, school_class, pupil, teacher):
    prankster, tablet = Client(REMOTE_ADDR=PRANKSTER), Client(REMOTE_ADDR=PUPILS_TABLET)
    fail_patiently(prankster, school_class, pupil, 4)
    client.force_login(teacher)
    page = text(client.get(reverse("accounts:class_detail", args=[school_class.pk])))
    assert "Moet nog 10 seconden wachten" in page
    assert f"Wachttijd opheffen voor {pupil.display_name}" in page

    response = client.post(reverse("accounts:pupil_unlock", args=[school_class.pk, pupil.pk]))
    assert response.status_code == 302
    page = text(client.get(reverse("accounts:class_detail", args=[school_class.pk])))
    assert "Moet nog" not in page
    assert f"Bij {pupil.display_name} is vandaag 4 keer een verkeerde code geprobeerd." in page
    assert try_code(tablet, school_class, pupil, RIGHT).status_code == 302


def test_a_new_code_forgets_the_guesses_at_the_old_one(client, school_class, pupil, teacher):
    fail_patiently(Client(REMOTE_ADDR=PRANKSTER), school_class, pupil, 4)
    client.force_login(teacher)
    client.post(reverse("accounts:pupil_reset_login", args=[school_class.pk, pupil.pk]))
    assert not LoginFailure.objects.filter(user=pupil).exists()
    # The prankster's device keeps its own record.
    assert LoginFailure.objects.filter(key=f"client:{PRANKSTER}").count() == 4


# Every login view answers GET and POST only


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_login_views_refuse_other_methods(school_class, pupil, teacher, method):
    urls = [
        reverse("accounts:login"),
        reverse("accounts:pupil_class_code"),
        reverse("accounts:pupil_pick_name", args=[school_class.join_code]),
        picture_url(school_class, pupil),
        reverse("accounts:pupil_card_login", args=[pupil.card_token]),
        reverse("wagtailadmin_login"),
    ]
    device = Client()
    for url in urls:
        assert getattr(device, method)(url).status_code == 405, url
    login_data = f"username={teacher.username}&password={STAFF_PASSWORD}"
    device.put(reverse("accounts:login"), login_data, content_type="application/x-www-form-urlencoded")
    assert "_auth_user_id" not in device.session


# Staff passwords, on our login and on Wagtail's


@pytest.mark.parametrize("url", STAFF_LOGIN_URLS)
def test_fifty_wrong_passwords_then_the_right_one_is_refused_in_dutch(url, teacher):
    device = Client(REMOTE_ADDR=PRANKSTER)
    for number in range(50):
        device.post(url, {"username": teacher.username, "password": f"fout-{number}"})
    response = device.post(url, {"username": teacher.username, "password": STAFF_PASSWORD})
    assert response.status_code == 200
    assert "Te veel mislukte inlogpogingen." in text(response)
    assert waited_seconds(response)
    assert "_auth_user_id" not in device.session


@pytest.mark.parametrize("url", STAFF_LOGIN_URLS)
def test_a_patient_password_guesser_waits_longer_and_longer(url, teacher):
    device = Client(REMOTE_ADDR=PRANKSTER)
    waits = []
    for number in range(9):
        response = device.post(url, {"username": teacher.username, "password": f"fout-{number}"})
        assert "_auth_user_id" not in device.session
        waits.append(waited_seconds(response))
        time_passes(waits[-1] or 0)
    assert waits == [None, None, 5, 10, 20, 40, 80, 180, 300]
    # Never for ever: after the wait, the right password logs in.
    assert device.post(url, {"username": teacher.username, "password": STAFF_PASSWORD}).status_code == 302
    assert logged_in_as(device, teacher)


def test_a_prankster_elsewhere_keeps_a_teacher_out_for_the_short_wait_only(teacher):
    prankster, laptop = Client(REMOTE_ADDR=PRANKSTER), Client(REMOTE_ADDR=TEACHERS_LAPTOP)
    url = reverse("accounts:login")
    wait = None
    for number in range(20):
        time_passes(wait or 0)
        wait = waited_seconds(prankster.post(url, {"username": teacher.username, "password": f"fout-{number}"}))
    assert wait == 300

    refused = laptop.post(url, {"username": teacher.username, "password": STAFF_PASSWORD})
    assert waited_seconds(refused) == 30
    time_passes(30)
    assert laptop.post(url, {"username": teacher.username, "password": STAFF_PASSWORD}).status_code == 302
    assert logged_in_as(laptop, teacher)


def test_a_right_password_clears_the_accounts_wait_and_unknown_names_are_throttled_unreadably(teacher):
    device = Client(REMOTE_ADDR=TEACHERS_LAPTOP)
    url = reverse("accounts:login")
    for number in range(2):
        device.post(url, {"username": teacher.username, "password": f"fout-{number}"})
    assert device.post(url, {"username": teacher.username, "password": STAFF_PASSWORD}).status_code == 302
    device.logout()
    assert not LoginFailure.objects.filter(counts_for_wait=True).exclude(scope=ThrottleScope.CLIENT).exists()

    for _ in range(3):
        device.post(url, {"username": "mijn-geheime-wachtwoord", "password": "x"})
    assert waited_seconds(device.post(url, {"username": "mijn-geheime-wachtwoord", "password": "x"})) == 5
    keys = list(LoginFailure.objects.values_list("key", flat=True)) + list(
        LoginThrottleLock.objects.values_list("key", flat=True)
    )
    assert not any("geheime" in key or teacher.username in key for key in keys)


# Without the cache


def test_pupil_and_staff_logins_work_while_redis_is_down(school_class, pupil, teacher):
    with override_settings(CACHES=DEAD_REDIS):
        with pytest.raises(redis.exceptions.ConnectionError):
            cache.set("is-redis-there", 1)

        tablet = Client(REMOTE_ADDR=PUPILS_TABLET)
        assert tablet.post(reverse("accounts:pupil_class_code"), {"code": school_class.join_code}).status_code == 302
        assert "Dat klopt niet" in text(try_code(tablet, school_class, pupil, WRONG))
        assert try_code(tablet, school_class, pupil, RIGHT).status_code == 302
        assert logged_in_as(tablet, pupil)

        card = Client(REMOTE_ADDR=PUPILS_TABLET)
        assert card.post(reverse("accounts:pupil_card_login", args=[pupil.card_token])).status_code == 302
        assert logged_in_as(card, pupil)

        for url in STAFF_LOGIN_URLS:
            laptop = Client(REMOTE_ADDR=TEACHERS_LAPTOP)
            assert laptop.post(url, {"username": teacher.username, "password": "fout"}).status_code == 200
            assert laptop.post(url, {"username": teacher.username, "password": STAFF_PASSWORD}).status_code == 302
            assert logged_in_as(laptop, teacher)
    assert LoginFailure.objects.filter(scope=ThrottleScope.CLIENT).count() == 3


# Parallel attempts


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers; SQLite's IMMEDIATE mode queues them anyway"
)
def test_parallel_guesses_queue_so_only_the_free_ones_are_checked(pupil):
    parallel = 12
    barrier = threading.Barrier(parallel)

    def guess(_number):
        try:
            barrier.wait()
            return throttle.start_attempt(RequestFactory().post("/", REMOTE_ADDR=PRANKSTER), pupil=pupil)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(parallel) as pool:
        attempts = list(pool.map(guess, range(parallel)))
    assert len([attempt for attempt in attempts if not attempt.wait]) == 3
    assert LoginFailure.objects.filter(user=pupil, scope=ThrottleScope.ACCOUNT).count() == 3
