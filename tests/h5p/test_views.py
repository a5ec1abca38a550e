"""Serving files, the play page, saved state, the teacher's results with CSV, and the pupil's own results."""

import json

import pytest
from django.urls import reverse

from h5p import tokens
from h5p.models import H5PAttempt, H5PUserData
from h5p.storage import libraries_dir
from tests.factories import PupilFactory, SchoolClassFactory
from tests.h5p.statements import statement, token_headers


def frame_url(user, content, name="h5p:frame", *args):
    """A URL of the player frame for a play token issued to `user` for `content`, as the play page makes."""
    token, _play = tokens.issue(user, content, parent_origin="http://testserver")
    return reverse(name, args=[token, *args])


def json_script(html, element_id):
    return json.loads(html.split(f'id="{element_id}" type="application/json">')[1].split("</script>")[0])


def test_content_files_are_served_with_type_and_nosniff(client, pupil, school_class, content):
    response = client.get(frame_url(pupil, content, "h5p:frame_content_file", "content/content.json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert json.loads(b"".join(response.streaming_content))["answers"]


def test_library_js_is_served_as_javascript(client, pupil, school_class, content):
    response = client.get(frame_url(pupil, content, "h5p:frame_library_file", "OEF.MultiChoice-1.0", "multichoice.js"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_files_need_a_valid_play_token(client, pupil, school_class, content):
    client.force_login(pupil)  # the session does not count: the frame has none
    assert client.get(reverse("h5p:frame_content_file", args=["geen-token", "h5p.json"])).status_code == 403
    assert client.get(reverse("h5p:frame_library_file", args=["x", "OEF.Common-1.0", "common.js"])).status_code == 403
    assert client.get("/h5p/bibliotheken/OEF.Common-1.0/common.js").status_code == 404  # no file route without token


def test_files_of_content_limited_to_another_class_are_hidden(client, outsider_pupil, school_class, content):
    content.limit_to_classes.set([school_class])
    assert client.get(frame_url(outsider_pupil, content, "h5p:frame_content_file", "h5p.json")).status_code == 404
    client.force_login(outsider_pupil)
    assert client.get(reverse("h5p:play", args=[content.pk])).status_code == 404


def test_only_the_libraries_of_the_activity_are_served(client, pupil, school_class, content, quiz):
    url = frame_url(pupil, content, "h5p:frame_library_file", "OEF.Quiz-1.0", "quiz.js")
    assert client.get(url).status_code == 404
    assert client.get(frame_url(pupil, quiz, "h5p:frame_library_file", "OEF.Quiz-1.0", "quiz.js")).status_code == 200


@pytest.mark.parametrize("path", ["../../etc/passwd", "content/../../1/h5p.json", "..%2Fh5p.json"])
def test_paths_outside_the_content_folder_are_not_served(client, pupil, school_class, content, path):
    assert client.get(frame_url(pupil, content, "h5p:frame_content_root") + path).status_code == 404


def test_library_path_cannot_leave_the_libraries_folder(client, pupil, school_class, content, h5p_root):
    (h5p_root / "geheim.txt").write_text("geheim")
    url = frame_url(pupil, content, "h5p:frame_library_root")
    assert client.get(url + "OEF.Common-1.0/../../geheim.txt").status_code == 404
    assert (libraries_dir() / "OEF.Common-1.0" / "common.js").is_file()


def test_play_page_frames_the_player_and_the_frame_holds_its_options(client, pupil, school_class, content):
    client.force_login(pupil)
    response = client.get(reverse("h5p:play_demo", args=[content.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    frame_src = html.split('data-h5p-frame-src="')[1].split('"')[0]
    token = frame_src.split("/h5p/frame/")[1].rstrip("/")
    assert f'data-h5p-token="{token}"' in html
    assert f'data-h5p-xapi-url="/h5p/{content.pk}/xapi/"' in html
    client.logout()  # the frame's own requests carry no session
    frame = client.get(frame_src)
    assert frame.status_code == 200
    config = json_script(frame.content.decode(), "h5p-frame-config")
    options = config["options"]
    assert options["h5pJsonPath"] == f"http://testserver/h5p/frame/{token}/bestanden"
    assert options["librariesPath"] == f"http://testserver/h5p/frame/{token}/bibliotheken"
    assert options["embedType"] == "div"
    assert options["xAPIObjectIRI"] == f"http://testserver/h5p/{content.pk}/"
    assert options["ajax"]["contentUserDataUrl"] == "/h5p/frame/relay/:dataType/:subContentId/"
    assert options["user"]["name"] == pupil.display_name
    assert config["parentOrigin"] == "http://testserver"
    assert f'data-h5p-nonce="{config["nonce"]}"' in html


def test_play_page_needs_login(client, content):
    response = client.get(reverse("h5p:play", args=[content.pk]))
    assert response.status_code == 302


def test_saved_state_round_trip(client, pupil, school_class, content):
    client.force_login(pupil)
    url = reverse("h5p:user_data", args=[content.pk, "state", "0"])
    headers = token_headers(pupil, content)
    assert client.get(url, headers=headers).json() == {"success": True, "data": False}
    response = client.post(url, {"data": '{"chosen": 1}', "preload": "1", "invalidate": "0"}, headers=headers)
    assert response.json()["success"]
    assert client.get(url, headers=headers).json()["data"] == '{"chosen": 1}'
    client.post(url, {"data": "0"}, headers=headers)
    assert not H5PUserData.objects.exists()


def test_saved_state_is_per_user(client, pupils, school_class, content):
    url = reverse("h5p:user_data", args=[content.pk, "state", "0"])
    client.force_login(pupils[0])
    client.post(url, {"data": '{"chosen": 1}'}, headers=token_headers(pupils[0], content))
    client.force_login(pupils[1])
    assert client.get(url, headers=token_headers(pupils[1], content)).json()["data"] is False


def test_saved_state_needs_login(client, content):
    assert client.get(reverse("h5p:user_data", args=[content.pk, "state", "0"])).status_code == 403


def _play(client, pupil, content, *scores):
    client.force_login(pupil)
    for raw in scores:
        client.post(
            reverse("h5p:xapi", args=[content.pk]),
            json.dumps(statement(content, raw=raw, maximum=4)),
            content_type="application/json",
            headers=token_headers(pupil, content),
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


def test_pupil_sees_own_results_only(client, pupils, school_class, content):
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


def test_saved_state_is_handed_to_the_player_by_the_parent_page(client, pupil, school_class, content):
    client.force_login(pupil)
    url = reverse("h5p:user_data", args=[content.pk, "state", "0"])
    client.post(url, {"data": '{"chosen": 0}'}, headers=token_headers(pupil, content))
    html = client.get(reverse("h5p:play", args=[content.pk])).content.decode()
    assert json_script(html, f"h5p-state-{content.pk}") == [{"state": '{"chosen": 0}'}]
    assert f'data-h5p-state="h5p-state-{content.pk}"' in html


def test_results_index_leaves_out_classes_the_content_is_not_for(client, teacher, school_class, content):
    second = SchoolClassFactory(school=school_class.school, teachers=[teacher], name="Groep 8Z")
    content.limit_to_classes.set([second])
    client.force_login(teacher)
    html = client.get(reverse("h5p:results_index")).content.decode()
    assert reverse("h5p:results", args=[content.pk, second.pk]) in html
    assert reverse("h5p:results", args=[content.pk, school_class.pk]) not in html


def test_results_index_names_each_activitys_grade_method(client, teacher, school_class, content):
    content.grade_method = "eerste"
    content.save()
    client.force_login(teacher)
    html = client.get(reverse("h5p:results_index")).content.decode()
    assert '<th scope="col">Score volgens</th>' in html
    assert "<td>Eerste poging</td>" in html


def test_an_unknown_grade_method_in_the_address_falls_back_to_the_activitys(
    client, teacher, pupils, school_class, content
):
    _play(client, pupils[0], content, 4, 1)
    content.grade_method = "laatste"
    content.save()
    client.force_login(teacher)
    response = client.get(reverse("h5p:results", args=[content.pk, school_class.pk]), {"methode": "onzin"})
    assert response.context["method"] == "laatste"
    assert {r.pupil: g for r, g in response.context["rows"]}[pupils[0]] == 25


def test_play_page_names_the_activity_once_as_its_heading(client, pupil, school_class, content):
    client.force_login(pupil)
    html = client.get(reverse("h5p:play", args=[content.pk])).content.decode()
    assert html.count("<h1") == 1
    assert f'<h1 id="h5p-title-{content.pk}" class="h5p-activity-title">{content.title}</h1>' in html
    assert f">{content.title}</h2>" not in html
