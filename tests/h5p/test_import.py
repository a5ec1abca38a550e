"""Importing packages: libraries stored once, the install permission, cleaned text, nothing left when refused."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from h5p.models import H5PContent, H5PLibrary
from h5p.package import PackageError
from h5p.storage import content_dir, import_package, libraries_dir
from tests.h5p.packages import library, own_package, package


def leftovers(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) if root.exists() else []


def test_import_stores_libraries_once_and_reuses_identical_ones(coordinator, h5p_root):
    first = import_package(own_package(), user=coordinator)
    second = import_package(own_package(), user=coordinator)
    assert first.pk != second.pk
    assert H5PLibrary.objects.count() == 2
    assert (libraries_dir() / "OEF.MultiChoice-1.0" / "multichoice.js").is_file()
    assert (content_dir(first.pk) / "h5p.json").is_file()
    assert json.loads((content_dir(second.pk) / "content" / "content.json").read_text())["answers"][1]["correct"]
    assert {lib.folder for lib in second.libraries.all()} == {"OEF.MultiChoice-1.0", "OEF.Common-1.0"}


def test_teacher_without_permission_cannot_install_new_libraries(teacher, h5p_root):
    with pytest.raises(PackageError, match=r"OEF\.MultiChoice-1\.0\.0") as caught:
        import_package(own_package(), user=teacher)
    assert "recht" in caught.value.problems[0]
    assert not H5PContent.objects.exists()
    assert not H5PLibrary.objects.exists()
    assert leftovers(h5p_root) == []


def test_teacher_may_import_content_that_only_uses_installed_libraries(teacher, coordinator):
    import_package(own_package(), user=coordinator)
    content = import_package(own_package(), user=teacher)
    assert content.uploaded_by == teacher


def test_newer_patch_needs_permission_and_replaces_the_files(teacher, coordinator):
    import_package(package(libraries=[library("OEF.Test", patch=1)]), user=coordinator)
    newer = package(libraries=[library("OEF.Test", patch=2, js="v2.js")])
    with pytest.raises(PackageError, match=r"OEF\.Test-1\.0\.2"):
        import_package(newer, user=teacher)
    newer.seek(0)
    import_package(newer, user=coordinator)
    assert H5PLibrary.objects.get().patch_version == 2
    assert (libraries_dir() / "OEF.Test-1.0" / "v2.js").is_file()
    assert not (libraries_dir() / "OEF.Test-1.0" / "lib.js").exists()


def test_html_text_is_cleaned_to_the_tags_semantics_allow(coordinator):
    content = {
        "question": (
            '<p onclick="x()">Wat doe je?<script>alert(1)</script> <img src=x onerror=alert(1)>'
            "<strong>Let op</strong></p>"
        ),
        "answers": [{"text": "<b>Ja</b>", "correct": True, "explanation": "<em>Goed</em><iframe></iframe>"}],
    }
    item = import_package(own_package(content=content), user=coordinator)
    saved = json.loads((content_dir(item.pk) / "content" / "content.json").read_text())
    assert saved["question"] == "<p>Wat doe je?alert(1) <strong>Let op</strong></p>"
    assert saved["answers"][0]["text"] == "&lt;b&gt;Ja&lt;/b&gt;"
    assert saved["answers"][0]["explanation"] == "<em>Goed</em>"


def test_refused_package_leaves_nothing_on_disk(coordinator, h5p_root):
    bad = package(entries={"content/evil.svg": "<svg/>"})
    with pytest.raises(PackageError):
        import_package(bad, user=coordinator)
    assert leftovers(h5p_root) == []
    assert not H5PLibrary.objects.exists()


def test_import_command_prints_the_new_id(tmp_path, db):
    path = tmp_path / "quiz.h5p"
    path.write_bytes(own_package().getvalue())
    out = StringIO()
    call_command("h5p_import", str(path), "--title", "Fotoquiz", stdout=out)
    content = H5PContent.objects.get()
    assert out.getvalue().strip() == str(content.pk)
    assert content.title == "Fotoquiz"


def test_import_command_exits_nonzero_naming_every_problem(tmp_path, db):
    path = tmp_path / "bad.h5p"
    path.write_bytes(package(entries={"content/a.html": "x", "OEF.Test-1.0/b.php": "y"}).getvalue())
    with pytest.raises(CommandError) as caught:
        call_command("h5p_import", str(path))
    message = str(caught.value)
    assert "content/a.html" in message and "OEF.Test-1.0/b.php" in message
    assert not H5PContent.objects.exists()


def test_import_command_refuses_other_file_types(tmp_path, db):
    path = tmp_path / "notes.zip"
    path.write_bytes(b"PK")
    with pytest.raises(CommandError, match=r"\.h5p"):
        call_command("h5p_import", str(path))


def test_import_command_exit_code_in_a_subprocess(tmp_path, db):
    import subprocess
    import sys

    path = tmp_path / "bad.h5p"
    path.write_bytes(b"not a zip")
    result = subprocess.run(
        [sys.executable, "manage.py", "h5p_import", str(path), "--settings=oefenfeed.settings.test"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "geen zip" in result.stderr


def test_coordinator_group_has_the_install_permission(coordinator, teacher):
    assert coordinator.has_perm("h5p.install_library")
    assert not teacher.has_perm("h5p.install_library")


def test_deleting_content_removes_its_files_but_keeps_libraries(content, django_capture_on_commit_callbacks):
    folder = content_dir(content.pk)
    assert folder.is_dir()
    with django_capture_on_commit_callbacks(execute=True):
        content.delete()
    assert not folder.exists()
    assert (libraries_dir() / "OEF.MultiChoice-1.0" / "library.json").is_file()
