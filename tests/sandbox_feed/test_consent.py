"""Consent register: default no, latest decision per guardian, no wins, append-only, withdrawal hides photos."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sandbox_feed import consent
from sandbox_feed.choices import ConsentMethod, ConsentPurpose, PeopleOnPhoto
from sandbox_feed.models import ConsentDecision, PhotoTag
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db


def decide(pupil, teacher, yes, by="moeder", purpose=ConsentPurpose.CLASS_FEED, minutes_ago=0):
    return consent.record_decision(
        pupil=pupil,
        purpose=purpose,
        decision=yes,
        decided_by=by,
        method=ConsentMethod.FORM,
        recorded_by=teacher,
        decided_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_default_is_no(pupil):
    assert consent.has_consent(pupil) is False


def test_latest_decision_counts(pupil, teacher):
    decide(pupil, teacher, False, minutes_ago=10)
    decide(pupil, teacher, True, minutes_ago=5)
    assert consent.has_consent(pupil) is True


def test_consent_is_per_purpose(pupil, teacher):
    decide(pupil, teacher, True, purpose=ConsentPurpose.NEWSLETTER)
    assert consent.has_consent(pupil, ConsentPurpose.NEWSLETTER) is True
    assert consent.has_consent(pupil, ConsentPurpose.CLASS_FEED) is False


def test_no_wins_when_guardians_disagree(pupil, teacher):
    decide(pupil, teacher, True, by="Moeder", minutes_ago=5)
    decide(pupil, teacher, False, by="vader", minutes_ago=1)
    decide(pupil, teacher, True, by="moeder ", minutes_ago=0)  # the same guardian again
    assert consent.has_consent(pupil) is False


def test_decisions_are_append_only(pupil, teacher):
    entry = decide(pupil, teacher, True)
    entry.decision = False
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    assert ConsentDecision.objects.get().decision is True


def test_withdrawal_hides_every_photo_of_the_pupil_at_once(school_class, pupils, teacher):
    tagged, author = pupils[0], pupils[1]
    decide(tagged, teacher, True, minutes_ago=10)
    posts = [
        PostFactory(
            school_class=school_class, author=author, photo="photos/a.jpg", people_on_photo=PeopleOnPhoto.CLASSMATES
        )
        for _ in range(2)
    ]
    untouched = PostFactory(school_class=school_class, author=author, photo="photos/b.jpg")
    for post in posts:
        PhotoTag.objects.create(post=post, pupil=tagged)
    decide(tagged, teacher, False, by="vader")
    for post in posts:
        post.refresh_from_db()
        assert post.photo_hidden is True
    untouched.refresh_from_db()
    assert untouched.photo_hidden is False


def test_overview_has_a_state_per_pupil_and_purpose_in_one_query(school_class, teacher, django_assert_num_queries):
    pupils = list(school_class.ordered_pupils())
    decide(pupils[0], teacher, True)
    with django_assert_num_queries(1):
        rows = consent.overview(pupils)
    assert rows[0][1][0] is True
    assert rows[1][1] == [False, False, False, False]
