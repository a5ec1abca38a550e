"""Schools are sealed off: another school's coordinator, teacher or pupil cannot see, play, store results for,
list, choose or delete our activities; deleting an activity with results archives it and keeps them."""

import importlib
import json

import pytest
from django.apps import apps
from django.db.models import ProtectedError
from django.urls import reverse

from h5p import tokens
from h5p.models import H5PAttempt, H5PContent, H5PUserData
from h5p.storage import import_package
from tests.factories import (
    AdministratorFactory,
    CoordinatorFactory,
    PupilFactory,
    SchoolClassFactory,
    SchoolFactory,
    TeacherFactory,
)
from tests.h5p.packages import own_package
from tests.h5p.statements import statement, token_headers

LIST_URL = "wagtailsnippets_h5p_h5pcontent:list"


@pytest.fixture
def other_school(db):
    return SchoolFactory(name="OBS Het Andere Eind")


@pytest.fixture
def coordinator_b(other_school):
    return CoordinatorFactory(username="coord.b", first_name="Bram", school=other_school)


@pytest.fixture
def class_b(other_school, coordinator_b):
    # The other school's coordinator teaches a class too, so class-based views are reachable for them.
    return SchoolClassFactory(
        school=other_school, name="Groep 8 Elders", teachers=[coordinator_b], pupils=PupilFactory.create_batch(2)
    )


@pytest.fixture
def pupil_b(class_b):
    return class_b.pupils.first()


@pytest.fixture
def ours(content, school_class):
    """Our activity (school A, uploaded by our coordinator), limited to our class Groep 7B."""
    content.title = "Onze geheime toets"
    content.save()
    content.limit_to_classes.set([school_class])
    return content


def play(client, user, content, raw=1):
    return client.post(
        reverse("h5p:xapi", args=[content.pk]),
        json.dumps(statement(content, raw=raw, maximum=1)),
        content_type="application/json",
        headers=token_headers(user, content),
    )


def save_state(client, user, content, data='{"chosen": 1}'):
    url = reverse("h5p:user_data", args=[content.pk, "state", "0"])
    return client.post(url, {"data": data}, headers=token_headers(user, content))


def test_upload_belongs_to_the_uploaders_school(ours, school):
    assert ours.school == school


def test_coordinator_of_another_school_gets_404_on_play_results_state_and_xapi(
    client, coordinator_b, class_b, school_class, ours
):
    client.force_login(coordinator_b)
    assert client.get(reverse("h5p:play", args=[ours.pk])).status_code == 404
    assert client.get(reverse("h5p:play_demo", args=[ours.pk])).status_code == 404
    for class_pk in (class_b.pk, school_class.pk):
        assert client.get(reverse("h5p:results", args=[ours.pk, class_pk])).status_code == 404
        assert client.get(reverse("h5p:results_csv", args=[ours.pk, class_pk])).status_code == 404
    assert play(client, coordinator_b, ours).status_code == 404
    assert save_state(client, coordinator_b, ours).status_code == 404
    url = reverse("h5p:user_data", args=[ours.pk, "state", "0"])
    assert client.get(url, headers=token_headers(coordinator_b, ours)).status_code == 404
    # Even a token made out to them opens no frame or file.
    token, _play = tokens.issue(coordinator_b, ours, parent_origin="http://testserver")
    assert client.get(reverse("h5p:frame", args=[token])).status_code == 404
    assert client.get(reverse("h5p:frame_content_file", args=[token, "h5p.json"])).status_code == 404
    assert not H5PAttempt.objects.exists() and not H5PUserData.objects.exists()
    html = client.get(reverse("h5p:results_index")).content.decode()
    assert "Onze geheime toets" not in html


def test_our_own_coordinator_may_play_the_class_limited_activity(client, coordinator, ours):
    client.force_login(coordinator)
    assert client.get(reverse("h5p:play", args=[ours.pk])).status_code == 200


def test_pupil_of_another_school_cannot_play_an_unlimited_activity(client, pupil_b, content, school_class):
    client.force_login(pupil_b)
    assert client.get(reverse("h5p:play", args=[content.pk])).status_code == 404
    assert play(client, pupil_b, content).status_code == 404


def test_cms_listing_shows_only_the_own_schools_activities(client, coordinator, coordinator_b, class_b, ours):
    theirs = import_package(own_package(), user=coordinator_b, title="Hun eigen quiz")
    client.force_login(coordinator_b)
    html = client.get(reverse(LIST_URL)).content.decode()
    assert "Hun eigen quiz" in html
    assert "Onze geheime toets" not in html and "Groep 7B" not in html
    assert reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[ours.pk]) not in html
    client.force_login(coordinator)
    html = client.get(reverse(LIST_URL)).content.decode()
    assert "Onze geheime toets" in html and theirs.title not in html


def test_administrator_sees_every_school(client, ours, coordinator_b):
    theirs = import_package(own_package(), user=coordinator_b, title="Hun eigen quiz")
    client.force_login(AdministratorFactory(school=None))
    html = client.get(reverse(LIST_URL)).content.decode()
    assert ours.title in html and theirs.title in html
    assert client.get(reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[ours.pk])).status_code == 200
    assert client.get(reverse("h5p:play", args=[theirs.pk])).status_code == 200


def test_coordinator_of_another_school_cannot_edit_inspect_or_delete(client, coordinator_b, ours):
    client.force_login(coordinator_b)
    for name in ("edit", "delete", "usage", "history"):
        url = reverse(f"wagtailsnippets_h5p_h5pcontent:{name}", args=[ours.pk])
        assert client.get(url).status_code == 404, name
    assert client.post(reverse("wagtailsnippets_h5p_h5pcontent:delete", args=[ours.pk])).status_code == 404
    response = client.post(reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[ours.pk]), {"title": "Van ons nu"})
    assert response.status_code == 404
    ours.refresh_from_db()
    assert ours.title == "Onze geheime toets" and ours.archived_at is None


def test_bulk_delete_leaves_other_schools_alone_and_names_nothing(client, coordinator_b, ours):
    client.force_login(coordinator_b)
    url = reverse("wagtail_bulk_action", args=["h5p", "h5pcontent", "delete"]) + f"?id={ours.pk}"
    assert "Onze geheime toets" not in client.get(url).content.decode()
    client.post(url)
    assert H5PContent.objects.filter(pk=ours.pk, archived_at__isnull=True).exists()


def test_chooser_offers_only_own_and_shared_activities(client, coordinator_b, class_b, ours):
    shared = import_package(own_package(), allow_libraries=True, title="Voor alle scholen")
    theirs = import_package(own_package(), user=coordinator_b, title="Hun eigen quiz")
    client.force_login(coordinator_b)
    html = client.get(reverse("wagtailsnippetchoosers_h5p_h5pcontent:choose")).content.decode()
    assert theirs.title in html and shared.title in html
    assert "Onze geheime toets" not in html
    assert client.get(reverse("wagtailsnippetchoosers_h5p_h5pcontent:chosen", args=[ours.pk])).status_code == 404
    multiple = client.get(reverse("wagtailsnippetchoosers_h5p_h5pcontent:chosen_multiple"), {"id": [ours.pk]})
    assert "Onze geheime toets" not in multiple.content.decode()


def test_class_choices_are_the_own_schools(client, coordinator, ours, school_class, class_b):
    client.force_login(coordinator)
    edit_url = reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[ours.pk])
    html = client.get(edit_url).content.decode()
    assert "Groep 7B" in html and "Groep 8 Elders" not in html
    add_html = client.get(reverse("wagtailsnippets_h5p_h5pcontent:add")).content.decode()
    assert "Groep 7B" in add_html and "Groep 8 Elders" not in add_html
    response = client.post(edit_url, {"title": "Onze geheime toets", "limit_to_classes": [class_b.pk]})
    assert response.status_code == 200  # refused with the form shown again
    assert list(ours.limit_to_classes.all()) == [school_class]


def test_a_coordinator_cannot_move_an_activity_to_another_school(client, coordinator, other_school, ours, school):
    client.force_login(coordinator)
    edit_url = reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[ours.pk])
    assert 'name="school"' not in client.get(edit_url).content.decode()
    client.post(edit_url, {"title": "Onze geheime toets", "school": other_school.pk})
    ours.refresh_from_db()
    assert ours.school == school


def test_shared_activities_are_played_by_all_but_managed_by_administrators(client, pupil_b, coordinator_b):
    shared = import_package(own_package(), allow_libraries=True, title="Voor alle scholen")
    assert shared.school is None
    client.force_login(pupil_b)
    assert client.get(reverse("h5p:play", args=[shared.pk])).status_code == 200
    client.force_login(coordinator_b)
    assert client.get(reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[shared.pk])).status_code == 404
    assert shared.title not in client.get(reverse(LIST_URL)).content.decode()


def test_deleting_an_activity_with_results_archives_it_and_keeps_them(client, coordinator, pupil, teacher, ours):
    play(client_for(client, pupil), pupil, ours)
    save_state(client, pupil, ours)
    client.force_login(coordinator)
    delete_url = reverse("wagtailsnippets_h5p_h5pcontent:delete", args=[ours.pk])
    confirm = client.get(delete_url).content.decode()
    assert "gearchiveerd in plaats van verwijderd" in confirm and "Ja, archiveren" in confirm
    assert client.post(delete_url).status_code == 302

    ours.refresh_from_db()
    assert ours.archived_at is not None
    assert H5PAttempt.objects.filter(content=ours, user=pupil).count() == 1
    assert H5PUserData.objects.filter(content=ours, user=pupil).exists()
    assert "is gearchiveerd; de resultaten zijn bewaard" in client.get(reverse(LIST_URL)).content.decode()
    assert ours.title not in client.get(reverse(LIST_URL)).content.decode()  # the message shown, the row gone
    # Gone for pupils; the teacher still reads the kept results.
    client.force_login(pupil)
    assert client.get(reverse("h5p:play", args=[ours.pk])).status_code == 404
    client.force_login(teacher)
    school_class = ours.limit_to_classes.get()
    assert client.get(reverse("h5p:results", args=[ours.pk, school_class.pk])).status_code == 200
    assert (
        reverse("h5p:results", args=[ours.pk, school_class.pk])
        in client.get(reverse("h5p:results_index")).content.decode()
    )


def client_for(client, user):
    client.force_login(user)
    return client


def test_deleting_an_activity_without_results_deletes_it(client, coordinator, ours):
    client.force_login(coordinator)
    delete_url = reverse("wagtailsnippets_h5p_h5pcontent:delete", args=[ours.pk])
    assert "Ja, verwijderen" in client.get(delete_url).content.decode()
    client.post(delete_url)
    assert not H5PContent.objects.filter(pk=ours.pk).exists()


def test_bulk_delete_archives_what_has_results(client, coordinator, pupil, ours):
    empty = import_package(own_package(), user=coordinator, title="Nog niet gemaakt")
    play(client_for(client, pupil), pupil, ours)
    client.force_login(coordinator)
    url = reverse("wagtail_bulk_action", args=["h5p", "h5pcontent", "delete"]) + f"?id={ours.pk}&id={empty.pk}"
    client.post(url)
    assert not H5PContent.objects.filter(pk=empty.pk).exists()
    ours.refresh_from_db()
    assert ours.archived_at is not None and H5PAttempt.objects.filter(content=ours).exists()


def test_results_are_never_deleted_along_with_their_activity(client, pupil, ours):
    play(client_for(client, pupil), pupil, ours)
    with pytest.raises(ProtectedError):
        ours.delete()
    assert H5PAttempt.objects.filter(content=ours).exists()


def test_a_lesson_step_with_an_archived_activity_says_so(rf, pupil, ours):
    from h5p.blocks import H5PActivityBlock

    ours.archive()
    request = rf.get("/")
    request.user = pupil
    block = H5PActivityBlock()
    html = block.render(block.to_python({"activity": ours.pk, "intro": ""}), context={"request": request})
    assert "Deze activiteit is gearchiveerd." in html
    assert "data-h5p-frame-src" not in html


def test_a_lesson_step_with_another_schools_activity_shows_no_player(rf, pupil_b, ours):
    from h5p.blocks import H5PActivityBlock

    request = rf.get("/")
    request.user = pupil_b
    block = H5PActivityBlock()
    html = block.render(block.to_python({"activity": ours.pk, "intro": ""}), context={"request": request})
    assert "niet beschikbaar" in html and "data-h5p-frame-src" not in html and ours.title not in html


def test_the_migration_takes_the_school_from_the_uploader_or_the_classes(coordinator, school, other_school):
    fill_school = importlib.import_module("h5p.migrations.0003_school_and_archive").fill_school
    by_uploader = import_package(own_package(), user=coordinator)
    by_classes = import_package(own_package(), allow_libraries=True)
    by_classes.limit_to_classes.set([SchoolClassFactory(school=other_school)])
    mixed = import_package(own_package(), allow_libraries=True)
    mixed.limit_to_classes.set([SchoolClassFactory(school=school), SchoolClassFactory(school=other_school)])
    H5PContent.objects.update(school=None)

    fill_school(apps, None)

    assert H5PContent.objects.get(pk=by_uploader.pk).school == school
    assert H5PContent.objects.get(pk=by_classes.pk).school == other_school
    assert H5PContent.objects.get(pk=mixed.pk).school is None


def test_a_teacher_of_another_school_sees_none_of_our_results(client, ours, other_school, pupil):
    play(client_for(client, pupil), pupil, ours)
    teacher_b = TeacherFactory(school=other_school)
    class_b = SchoolClassFactory(school=other_school, teachers=[teacher_b])
    client.force_login(teacher_b)
    assert client.get(reverse("h5p:results", args=[ours.pk, class_b.pk])).status_code == 404
    assert ours.title not in client.get(reverse("h5p:results_index")).content.decode()


def upload(client, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    package = SimpleUploadedFile("activiteit.h5p", own_package().getvalue(), "application/zip")
    return client.post(reverse("wagtailsnippets_h5p_h5pcontent:add"), {"package": package, "title": "", **fields})


def test_an_upload_belongs_to_the_coordinators_school_whatever_is_posted(client, coordinator, school, other_school):
    client.force_login(coordinator)
    assert upload(client, school=other_school.pk).status_code == 302
    assert H5PContent.objects.get().school == school


def test_a_coordinator_without_a_school_cannot_upload(client, school):
    client.force_login(CoordinatorFactory(school=None))
    response = upload(client)
    assert "hoort bij geen school" in response.content.decode()
    assert not H5PContent.objects.exists()


def test_an_administrator_chooses_the_school_or_all_schools(client, other_school):
    client.force_login(AdministratorFactory(school=SchoolFactory()))
    assert upload(client, school=other_school.pk, title="Voor de andere school").status_code == 302
    assert upload(client, school="", title="Voor iedereen").status_code == 302
    assert H5PContent.objects.get(title="Voor de andere school").school == other_school
    assert H5PContent.objects.get(title="Voor iedereen").school is None
