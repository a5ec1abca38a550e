"""Serving files, the play page, saved state, the teacher's results with CSV, and the pupil's own results."""

import json

import pytest
from django.urls import reverse

from h5p.models import H5PAttempt, H5PUserData
from h5p.storage import libraries_dir
from tests.factories import PupilFactory, SchoolClassFactory
from tests.h5p.statements import statement


def test_content_files_are_served_with_type_and_nosniff(client, pupil, content):
    client.force_login(pupil)
    response = client.get(reverse("h5p:content_file", args=[content.pk, "content/content.json"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert json.loads(b"".join(response.streaming_content))["answers"]


def test_library_js_is_served_as_javascript(client, pupil, content):
    client.force_login(pupil)
    response = client.get(reverse("h5p:library_file", args=["OEF.MultiChoice-1.0", "multichoice.js"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymous_users_get_no_files(client, content):
    assert client.get(reverse("h5p:content_file", args=[content.pk, "h5p.json"])).status_code == 404
    assert client.get(reverse("h5p:library_file", args=["OEF.Common-1.0", "common.js"])).status_code == 404


def test_files_of_content_limited_to_another_class_are_hidden(client, outsider_pupil, school_class, content):
    content.limit_to_classes.set([school_class])
    client.force_login(outsider_pupil)
    assert client.get(reverse("h5p:content_file", args=[content.pk, "h5p.json"])).status_code == 404
    assert client.get(reverse("h5p:play", args=[content.pk])).status_code == 404


@pytest.mark.parametrize("path", ["../../etc/passwd", "content/../../1/h5p.json", "..%2Fh5p.json"])
def test_paths_outside_the_content_folder_are_not_served(client, pupil, content, path):
    client.force_login(pupil)
    assert client.get(f"/h5p/{content.pk}/bestanden/{path}").status_code == 404


def test_library_path_cannot_leave_the_libraries_folder(client, pupil, content, h5p_root):
    (h5p_root / "geheim.txt").write_text("geheim")
    client.force_login(pupil)
    assert client.get("/h5p/bibliotheken/OEF.Common-1.0/../../geheim.txt").status_code == 404
    assert (libraries_dir() / "OEF.Common-1.0" / "common.js").is_file()


def test_play_page_renders_the_player_with_its_options(client, pupil, content):
    client.force_login(pupil)
    response = client.get(reverse("h5p:play_demo", args=[content.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-h5p-options="h5p-options-' in html
    options = json.loads(html.split(f'id="h5p-options-{content.pk}" type="application/json">')[1].split("</script>")[0])
    assert options["h5pJsonPath"] == f"/h5p/{content.pk}/bestanden"
    assert options["xAPIObjectIRI"] == f"http://testserver/h5p/{content.pk}/"
    assert options["ajax"]["contentUserDataUrl"] == f"/h5p/{content.pk}/voortgang/:dataType/:subContentId/"
    assert options["user"]["name"] == pupil.display_name


def test_play_page_needs_login(client, content):
    response = client.get(reverse("h5p:play", args=[content.pk]))
    assert response.status_code == 302


def test_saved_state_round_trip(client, pupil, content):
    client.force_login(pupil)
    url = reverse("h5p:user_data", args=[content.pk, "state", "0"])
    assert client.get(url).json() == {"success": True, "data": False}
    assert client.post(url, {"data": '{"chosen": 1}', "preload": "1", "invalidate": "0"}).json()["success"]
    assert client.get(url).json()["data"] == '{"chosen": 1}'
    client.post(url, {"data": "0"})
    assert not H5PUserData.objects.exists()


def test_saved_state_is_per_user(client, pupils, content):
    url = reverse("h5p:user_data", args=[content.pk, "state", "0"])
    client.force_login(pupils[0])
    client.post(url, {"data": '{"chosen": 1}'})
    client.force_login(pupils[1])
    assert client.get(url).json()["data"] is False


def test_saved_state_needs_login(client, content):
    assert client.get(reverse("h5p:user_data", args=[content.pk, "state", "0"])).status_code == 403


def _play(client, pupil, content, *scores):
    client.force_login(pupil)
    for raw in scores:
        client.post(
            reverse("h5p:xapi", args=[content.pk]),
            json.dumps(statement(content, raw=raw, maximum=4)),
            content_type="application/json",
        )


def test_teacher_sees_attempts_best_and_last_score(client, teacher, pupils, school_class, content):
    _play(client, pupils[0], content, 2, 4, 1)
    client.force_login(teacher)
    response = client.get(reverse("h5p:results", args=[content.pk, school_class.pk]))
    assert response.status_code == 200
    rows = {row.pupil: (row, grade) for row, grade in response.context["rows"]}
    row, grade = rows[pupils[0]]
    assert len(row.attempts) == 3
    assert row.best.raw_score == 4 and row.last.raw_score == 1
    assert grade == 100
    assert rows[pupils[1]][0].attempts == []
    response = client.get(reverse("h5p:results", args=[content.pk, school_class.pk]), {"methode": "gemiddelde"})
    assert {r.pupil: g for r, g in response.context["rows"]}[pupils[0]] == 58


def test_teacher_downloads_results_as_csv(client, teacher, pupils, school_class, content):
    _play(client, pupils[0], content, 3)
    client.force_login(teacher)
    response = client.get(reverse("h5p:results_csv", args=[content.pk, school_class.pk]))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Leerling;Pogingen;Beste score")
    assert f"{pupils[0].display_name};1;3/4;3/4;75;ja" in lines


def test_teacher_cannot_see_results_of_another_class(client, teacher, other_class, content):
    client.force_login(teacher)
    assert client.get(reverse("h5p:results", args=[content.pk, other_class.pk])).status_code == 404
    assert client.get(reverse("h5p:results_csv", args=[content.pk, other_class.pk])).status_code == 404


def test_pupil_cannot_see_class_results(client, pupil, school_class, content):
    client.force_login(pupil)
    assert client.get(reverse("h5p:results", args=[content.pk, school_class.pk])).status_code == 403


def test_results_query_count_does_not_grow_with_pupils(
    client, teacher, school_class, content, django_assert_num_queries
):
    client.force_login(teacher)
    url = reverse("h5p:results", args=[content.pk, school_class.pk])
    _play(client, school_class.pupils.first(), content, 1)
    client.force_login(teacher)
    client.get(url)  # warm up session and content type caches

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    extra = PupilFactory.create_batch(6)
    school_class.pupils.add(*extra)
    for pupil in extra:
        _play(client, pupil, content, 2, 3)
    client.force_login(teacher)
    client.get(url)
    with django_assert_num_queries(small):
        client.get(url)


def test_pupil_sees_own_results_only(client, pupils, content):
    _play(client, pupils[1], content, 1)
    _play(client, pupils[0], content, 3)
    response = client.get(reverse("h5p:my_results"))
    attempts = list(response.context["attempts"])
    assert [a.user for a in attempts] == [pupils[0]]
    assert "3 / 4" in response.content.decode()
    assert H5PAttempt.objects.count() == 2


def test_teacher_results_index_lists_own_classes(client, teacher, school_class, other_class, content):
    client.force_login(teacher)
    html = client.get(reverse("h5p:results_index")).content.decode()
    assert reverse("h5p:results", args=[content.pk, school_class.pk]) in html
    assert reverse("h5p:results", args=[content.pk, other_class.pk]) not in html


def test_start_pages_link_to_the_results(client, teacher, pupil, school_class):
    client.force_login(teacher)
    assert reverse("h5p:results_index") in client.get(reverse("home:teacher")).content.decode()
    client.force_login(pupil)
    assert reverse("h5p:my_results") in client.get(reverse("home:pupil")).content.decode()


def test_saved_state_is_preloaded_into_the_player_options(client, pupil, content):
    client.force_login(pupil)
    client.post(reverse("h5p:user_data", args=[content.pk, "state", "0"]), {"data": '{"chosen": 0}'})
    html = client.get(reverse("h5p:play", args=[content.pk])).content.decode()
    options = json.loads(html.split(f'id="h5p-options-{content.pk}" type="application/json">')[1].split("</script>")[0])
    assert options["contentUserData"] == [{"state": '{"chosen": 0}'}]


def test_results_index_leaves_out_classes_the_content_is_not_for(client, teacher, school_class, content):
    second = SchoolClassFactory(teachers=[teacher], name="Groep 8Z")
    content.limit_to_classes.set([second])
    client.force_login(teacher)
    html = client.get(reverse("h5p:results_index")).content.decode()
    assert reverse("h5p:results", args=[content.pk, second.pk]) in html
    assert reverse("h5p:results", args=[content.pk, school_class.pk]) not in html
