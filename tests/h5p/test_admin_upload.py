"""The coordinator uploads a .h5p in the Wagtail admin; problems are shown, teachers cannot upload."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
