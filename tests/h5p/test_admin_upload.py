"""The coordinator uploads a .h5p in the Wagtail admin; problems are shown, teachers cannot upload; the button
says "Uploaden" and the activity's grade method is chosen on upload and changed in the edit view."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from h5p.choices import GradeMethod
from h5p.models import H5PContent
from tests.h5p.packages import own_package, package

ADD_URL = "wagtailsnippets_h5p_h5pcontent:add"


def upload(client, data, name="activiteit.h5p", **fields):
    return client.post(
        reverse(ADD_URL), {"package": SimpleUploadedFile(name, data, "application/zip"), "title": "", **fields}
    )


def test_coordinator_uploads_a_package(client, coordinator, school_class):
    client.force_login(coordinator)
    assert client.get(reverse(ADD_URL)).status_code == 200
    response = upload(client, own_package().getvalue(), title="Fotovraag", limit_to_classes=[school_class.pk])
    assert response.status_code == 302
    content = H5PContent.objects.get()
    assert content.title == "Fotovraag"
    assert content.uploaded_by == coordinator
    assert list(content.limit_to_classes.all()) == [school_class]


def test_upload_shows_every_problem_and_stores_nothing(client, coordinator, h5p_root):
    client.force_login(coordinator)
    bad = package(entries={"content/evil.svg": "<svg/>", "OEF.Test-1.0/x.php": "<?php"}).getvalue()
    response = upload(client, bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "content/evil.svg" in html and "OEF.Test-1.0/x.php" in html
    assert not H5PContent.objects.exists()
    assert not h5p_root.exists() or not any(h5p_root.rglob("*.js"))


def test_upload_refuses_other_file_names(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, own_package().getvalue(), name="activiteit.zip")
    assert "eindigt op .h5p" in response.content.decode()
    assert not H5PContent.objects.exists()


def test_teacher_cannot_reach_the_upload(client, teacher):
    client.force_login(teacher)
    response = client.get(reverse(ADD_URL))
    assert response.status_code in (302, 403)
    assert not H5PContent.objects.exists()


def test_coordinator_lists_and_edits_activities_in_the_admin(client, coordinator, content, school_class):
    client.force_login(coordinator)
    listing = client.get(reverse("wagtailsnippets_h5p_h5pcontent:list"))
    assert listing.status_code == 200 and content.title in listing.content.decode()
    edit_url = reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[content.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, {"title": "Nieuwe titel", "limit_to_classes": [school_class.pk]})
    assert response.status_code == 302
    content.refresh_from_db()
    assert content.title == "Nieuwe titel"
    assert list(content.limit_to_classes.all()) == [school_class]


def footer_actions(html):
    """The form's action buttons in Wagtail's footer."""
    return html.split('<footer class="footer')[1].split("</nav>")[0]


def test_the_upload_button_says_uploaden(client, coordinator):
    client.force_login(coordinator)
    actions = footer_actions(client.get(reverse(ADD_URL)).content.decode())
    assert '<em data-w-progress-target="label">Uploaden</em>' in actions
    assert "Bezig met uploaden…" in actions
    assert "Opslaan" not in actions


def test_the_edit_view_keeps_its_save_button(client, coordinator, content):
    client.force_login(coordinator)
    html = client.get(reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[content.pk])).content.decode()
    actions = footer_actions(html)
    assert "Opslaan" in actions and "Uploaden" not in actions


def test_coordinator_chooses_the_grade_method_when_uploading(client, coordinator):
    client.force_login(coordinator)
    assert 'name="grade_method"' in client.get(reverse(ADD_URL)).content.decode()
    response = upload(client, own_package().getvalue(), grade_method=GradeMethod.LAST)
    assert response.status_code == 302
    assert H5PContent.objects.get().grade_method == GradeMethod.LAST


def test_an_upload_counts_the_highest_score_unless_told_otherwise(client, coordinator):
    client.force_login(coordinator)
    assert upload(client, own_package().getvalue()).status_code == 302
    assert H5PContent.objects.get().grade_method == GradeMethod.HIGHEST


def test_coordinator_changes_the_grade_method_in_the_edit_view(client, coordinator, content):
    client.force_login(coordinator)
    edit_url = reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[content.pk])
    assert 'name="grade_method"' in client.get(edit_url).content.decode()
    assert client.post(edit_url, {"title": content.title, "grade_method": GradeMethod.FIRST}).status_code == 302
    content.refresh_from_db()
    assert content.grade_method == GradeMethod.FIRST
    # A form without the field (an older page, a script) leaves the activity's method as it is.
    assert client.post(edit_url, {"title": "Andere titel"}).status_code == 302
    content.refresh_from_db()
    assert (content.title, content.grade_method) == ("Andere titel", GradeMethod.FIRST)


def test_an_unknown_grade_method_is_refused(client, coordinator, content):
    client.force_login(coordinator)
    edit_url = reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[content.pk])
    response = client.post(edit_url, {"title": content.title, "grade_method": "beste-van-drie"})
    assert response.status_code == 200
    content.refresh_from_db()
    assert content.grade_method == GradeMethod.HIGHEST
