"""Importing streams the package: memory stays far below its size, files arrive byte for byte, and a zip that
lies about its sizes or changes before it is installed is refused with nothing left on disk."""

import dataclasses
import hashlib
import io
import random
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.urls import reverse

from h5p.models import H5PContent, H5PLibrary
from h5p.package import PackageError, read_package
from h5p.storage import content_dir, import_package, install, libraries_dir, limits
from tests.h5p.packages import MB, own_package
from tests.h5p.test_import import leftovers

MEDIA = {"content/videos/les.mp4": 16 * MB, "content/videos/uitleg.webm": 12 * MB, "content/audio/vraag.mp3": 7 * MB}


def write_package(path, media, *, compression=zipfile.ZIP_STORED):
    """A valid package (our own multiple choice) at `path`, with `media` ({name: size}) of incompressible bytes
    appended chunk by chunk; returns {name: SHA-256} of what was written."""
    path.write_bytes(own_package().getvalue())
    rng = random.Random(2026)
    digests = {}
    with zipfile.ZipFile(path, "a", compression) as zf:
        for name, size in media.items():
            digest = hashlib.sha256()
            with zf.open(name, "w") as entry:
                for start in range(0, size, MB):
                    chunk = rng.randbytes(min(MB, size - start))
                    entry.write(chunk)
                    digest.update(chunk)
            digests[name] = digest.hexdigest()
    return digests


def sha256_of(path):
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(MB):
            digest.update(chunk)
    return digest.hexdigest()


def claim_size(path, name, claimed):
    """Make the local and the central header of entry `name` claim `claimed` unpacked bytes."""
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(name).header_offset
    data = bytearray(path.read_bytes())
    data[local + 22 : local + 26] = claimed.to_bytes(4, "little")
    end = data.rfind(b"PK\x05\x06")
    central = int.from_bytes(data[end + 16 : end + 20], "little")
    while data[central : central + 4] == b"PK\x01\x02":
        name_length, extra, comment = (
            int.from_bytes(data[central + at : central + at + 2], "little") for at in (28, 30, 32)
        )
        if data[central + 46 : central + 46 + name_length] == name.encode():
            data[central + 24 : central + 28] = claimed.to_bytes(4, "little")
        central += 46 + name_length + extra + comment
    path.write_bytes(bytes(data))


def test_a_large_package_is_imported_in_far_less_memory_than_its_size(coordinator, tmp_path):
    path = tmp_path / "groot.h5p"
    digests = write_package(path, MEDIA)
    assert path.stat().st_size > 35 * MB
    import_package(own_package(), user=coordinator)  # first use: imports, caches and queries are not the package

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _peak = tracemalloc.get_traced_memory()
        with path.open("rb") as fileobj:
            content = import_package(fileobj, user=coordinator)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak - before < 16 * MB, (
        f"peak {(peak - before) / MB:.1f} MB while importing {path.stat().st_size / MB:.0f} MB"
    )
    for name, digest in digests.items():
        assert sha256_of(content_dir(content.pk) / name) == digest


def test_library_files_hash_is_the_hash_of_the_installed_bytes(coordinator):
    import_package(own_package(), user=coordinator)
    library = H5PLibrary.objects.get(machine_name="OEF.MultiChoice")
    folder = libraries_dir() / library.folder
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = file.relative_to(folder).as_posix()
        digest.update(relative.encode() + b"\0" + hashlib.sha256(file.read_bytes()).digest())
    assert library.files_hash == digest.hexdigest()


def test_an_entry_larger_than_the_limit_is_refused_by_its_real_bytes(coordinator, tmp_path, settings, h5p_root):
    settings.H5P_MAX_FILE_SIZE = 1 * MB
    path = tmp_path / "te-groot.h5p"
    write_package(path, {"content/videos/les.mp4": 3 * MB})
    with path.open("rb") as fileobj, pytest.raises(PackageError) as caught:
        import_package(fileobj, user=coordinator)
    assert "content/videos/les.mp4 is groter dan 1 MB" in " | ".join(caught.value.problems)
    assert leftovers(h5p_root) == []
    assert not H5PContent.objects.exists()
    assert not H5PLibrary.objects.exists()


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_an_entry_larger_than_its_headers_claim_is_refused(coordinator, tmp_path, settings, h5p_root, compression):
    settings.H5P_MAX_FILE_SIZE = 1 * MB
    path = tmp_path / "liegt.h5p"
    write_package(path, {"content/videos/les.mp4": 3 * MB}, compression=compression)
    claim_size(path, "content/videos/les.mp4", 10)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("content/videos/les.mp4").file_size == 10
    with path.open("rb") as fileobj, pytest.raises(PackageError) as caught:
        import_package(fileobj, user=coordinator)
    assert "content/videos/les.mp4" in " | ".join(caught.value.problems)
    assert leftovers(h5p_root) == []
    assert not H5PContent.objects.exists()
    assert not H5PLibrary.objects.exists()


def test_a_package_whose_file_changes_before_install_is_refused_and_leaves_nothing(coordinator, tmp_path, h5p_root):
    path = tmp_path / "verandert.h5p"
    write_package(path, {"content/videos/les.mp4": 2 * MB})
    with path.open("r+b") as fileobj:
        package = read_package(fileobj, **limits())
        entry = package.content_files["videos/les.mp4"]
        # Same length, other bytes: the headers still match, only what validation read does not.
        fileobj.seek(entry.info.header_offset + 26)
        name_length, extra = (int.from_bytes(fileobj.read(2), "little") for _ in range(2))
        fileobj.seek(entry.info.header_offset + 30 + name_length + extra + MB)
        fileobj.write(b"\x00" * 1024)
        fileobj.flush()
        with pytest.raises(PackageError) as caught:
            install(package, user=coordinator, may_install=True)
        package.close()
    assert "content/videos/les.mp4" in " | ".join(caught.value.problems)
    assert leftovers(h5p_root) == []
    assert not H5PContent.objects.exists()
    assert not H5PLibrary.objects.exists()


def test_copying_never_writes_more_than_validation_counted(tmp_path):
    path = tmp_path / "pakket.h5p"
    write_package(path, {"content/videos/les.mp4": 2 * MB})
    with path.open("rb") as fileobj, read_package(fileobj, **limits()) as package:
        entry = package.content_files["videos/les.mp4"]
        copied = io.BytesIO()
        package.copy_entry(entry, copied)
        assert hashlib.sha256(copied.getvalue()).digest() == entry.sha256
        # As if the zip now gave more bytes than validation counted for this entry.
        smaller = dataclasses.replace(entry, size=MB)
        written = io.BytesIO()
        with pytest.raises(PackageError, match="groter dan bij de controle"):
            package.copy_entry(smaller, written)
        assert len(written.getvalue()) <= MB


def test_only_the_json_the_validator_parses_is_kept_in_memory(tmp_path):
    path = tmp_path / "pakket.h5p"
    write_package(path, {"content/videos/les.mp4": 2 * MB})
    with path.open("rb") as fileobj, read_package(fileobj, **limits()) as package:
        kept = {f"content/{name}" for name, entry in package.content_files.items() if entry.data is not None}
        for folder, library in package.libraries.items():
            kept |= {f"{folder}/{name}" for name, entry in library.files.items() if entry.data is not None}
        video = package.content_files["videos/les.mp4"]
    assert video.size == 2 * MB
    assert kept == {
        "content/content.json",
        "OEF.MultiChoice-1.0/library.json",
        "OEF.MultiChoice-1.0/semantics.json",
        "OEF.Common-1.0/library.json",
    }


def test_a_large_upload_in_the_admin_is_installed_from_its_temporary_file(client, coordinator, tmp_path, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1 * MB  # so the upload goes to a temporary file, as big ones do
    path = tmp_path / "upload.h5p"
    digests = write_package(path, {"content/videos/les.mp4": 3 * MB})
    client.force_login(coordinator)
    seen = []
    original = TemporaryUploadedFile.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        seen.append(self)

    with path.open("rb") as fileobj, pytest.MonkeyPatch.context() as patch:
        patch.setattr(TemporaryUploadedFile, "__init__", remember)
        response = client.post(reverse("wagtailsnippets_h5p_h5pcontent:add"), {"package": fileobj, "title": ""})
    assert response.status_code == 302
    assert seen, "the upload was not written to a temporary file"
    content = H5PContent.objects.get(title="Toets")
    assert sha256_of(content_dir(content.pk) / "content/videos/les.mp4") == digests["content/videos/les.mp4"]
