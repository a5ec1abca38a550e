"""The consent register: a whole class on one form, one submit; only changed cells are recorded, each
through consent.record_decision; "geen formulier terug" stays distinct from "nee" and is counted."""

import pytest
from django.urls import reverse

from sandbox_feed import consent
from sandbox_feed.choices import ConsentMethod, ConsentPurpose, PeopleOnPhoto
from sandbox_feed.forms_consent import cell_name
from sandbox_feed.models import ConsentDecision, PhotoTag
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db

PURPOSES = ConsentPurpose.values


def current(states):
    """The register's initial choices, as the page sends them back unchanged."""
    choice = {"yes": "ja", "no": "nee", "missing": "geen"}
    return {cell_name(pk, purpose): choice[state] for pk, by in states.items() for purpose, state in by.items()}


def submit(client, school_class, changes, **extra):
    data = current(consent.register_states(school_class.ordered_pupils()))
    data.update(changes)
    data.update({"register": "1", "decided_by": "ouders", "method": ConsentMethod.FORM, "decided_on": ""})
    data.update(extra)
    return client.post(reverse("sandbox_feed:consent", args=[school_class.pk]), data)


def test_one_submit_saves_many_decisions(client, teacher, school_class, pupils):
    client.force_login(teacher)
    response = submit(
        client,
        school_class,
        {
            cell_name(pupils[0].pk, ConsentPurpose.CLASS_FEED): "ja",
            cell_name(pupils[0].pk, ConsentPurpose.NEWSLETTER): "nee",
            cell_name(pupils[1].pk, ConsentPurpose.CLASS_FEED): "nee",
        },
    )
    assert response.status_code == 302
    assert ConsentDecision.objects.count() == 3
    states = consent.register_states(pupils)
    assert states[pupils[0].pk][ConsentPurpose.CLASS_FEED] == "yes"
    assert states[pupils[0].pk][ConsentPurpose.NEWSLETTER] == "no"
    assert states[pupils[1].pk][ConsentPurpose.CLASS_FEED] == "no"
    assert states[pupils[2].pk][ConsentPurpose.CLASS_FEED] == "missing"  # "geen formulier terug" is not "nee"
    assert set(ConsentDecision.objects.values_list("decided_by", "recorded_by")) == {("ouders", teacher.pk)}


def test_a_submit_records_nothing_that_did_not_change(client, teacher, school_class, pupils):
    consent.record_decision(
        pupil=pupils[0],
        purpose=ConsentPurpose.CLASS_FEED,
        decision=True,
        decided_by="moeder",
        method=ConsentMethod.FORM,
        recorded_by=teacher,
    )
    client.force_login(teacher)
    assert submit(client, school_class, {}).status_code == 302
    assert ConsentDecision.objects.count() == 1
    submit(client, school_class, {cell_name(pupils[1].pk, ConsentPurpose.SCHOOL_WEBSITE): "ja"})
    assert ConsentDecision.objects.count() == 2
    assert ConsentDecision.objects.filter(pupil=pupils[0]).count() == 1


def test_a_recorded_decision_cannot_go_back_to_no_form_and_nothing_is_saved(client, teacher, school_class, pupils):
    consent.record_decision(
        pupil=pupils[0],
        purpose=ConsentPurpose.CLASS_FEED,
        decision=False,
        decided_by="vader",
        method=ConsentMethod.FORM,
        recorded_by=teacher,
    )
    client.force_login(teacher)
    response = submit(
        client,
        school_class,
        {
            cell_name(pupils[0].pk, ConsentPurpose.CLASS_FEED): "geen",
            cell_name(pupils[1].pk, ConsentPurpose.CLASS_FEED): "ja",
        },
    )
    assert response.status_code == 400
    assert "kan niet terug" in response.content.decode()
    assert ConsentDecision.objects.count() == 1
    # What the teacher chose is still on the form.
    assert response.context["register_form"][cell_name(pupils[1].pk, ConsentPurpose.CLASS_FEED)].value() == "ja"


def test_a_no_in_the_register_hides_photos_as_a_single_decision_does(client, teacher, school_class, pupils):
    author, tagged = pupils[0], pupils[1]
    post = PostFactory(
        school_class=school_class, author=author, photo="photos/a.jpg", people_on_photo=PeopleOnPhoto.CLASSMATES
    )
    PhotoTag.objects.create(post=post, pupil=tagged)
    client.force_login(teacher)
    submit(client, school_class, {cell_name(tagged.pk, ConsentPurpose.CLASS_FEED): "nee"})
    post.refresh_from_db()
    assert post.photo_hidden is True


def test_the_page_counts_forms_not_back(client, teacher, school_class, pupils):
    consent.record_decision(
        pupil=pupils[0],
        purpose=ConsentPurpose.CLASS_FEED,
        decision=False,
        decided_by="vader",
        method=ConsentMethod.FORM,
        recorded_by=teacher,
    )
    client.force_login(teacher)
    page = client.get(reverse("sandbox_feed:consent", args=[school_class.pk])).content.decode()
    assert "Nog 2 formulieren niet terug" in page
    assert "geen formulier terug" in page


def test_a_date_in_the_future_is_refused_in_dutch(client, teacher, school_class, pupils):
    client.force_login(teacher)
    response = submit(
        client, school_class, {cell_name(pupils[0].pk, ConsentPurpose.CLASS_FEED): "ja"}, decided_on="2999-01-01"
    )
    assert response.status_code == 400
    assert "toekomst" in response.content.decode()
    assert ConsentDecision.objects.count() == 0


def test_the_register_is_for_the_class_teachers_only(client, other_teacher, school_class, pupils):
    client.force_login(other_teacher)
    response = submit(client, school_class, {cell_name(pupils[0].pk, ConsentPurpose.CLASS_FEED): "ja"})
    assert response.status_code == 404
    assert ConsentDecision.objects.count() == 0
