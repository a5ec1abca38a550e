"""The .h5p validator refuses every malicious or broken package and names the problem."""

import io
import zipfile

import pytest

from h5p.package import PackageError, read_package
from tests.h5p.packages import MB, library, own_package, package, raw_zip, symlink_entry

LIMITS = {"max_file_size": 1 * MB, "max_total_size": 3 * MB, "core_api": (1, 26)}


def problems_of(fileobj, **kwargs):
    with pytest.raises(PackageError) as caught:
        read_package(fileobj, **{**LIMITS, **kwargs})
    return " | ".join(caught.value.problems)


def test_good_package_is_read():
    result = read_package(package(entries={"content/images/foto.png": b"\x89PNG"}), **LIMITS)
    assert result.title == "Testactiviteit"
    assert set(result.content_files) == {"content.json", "images/foto.png"}
    assert list(result.libraries) == ["OEF.Test-1.0"]
    assert result.main_library_key == ("OEF.Test", 1, 0)


def test_our_own_content_type_with_several_dependencies_is_read():
    result = read_package(own_package("OEF.Quiz-1.0", content={"questions": []}), **LIMITS)
    assert set(result.libraries) == {"OEF.Quiz-1.0", "OEF.MultiChoice-1.0", "OEF.Common-1.0"}
    assert result.libraries["OEF.Quiz-1.0"].dependencies() == [("OEF.Common", 1, 0), ("OEF.MultiChoice", 1, 0)]


def test_library_with_several_dependencies_like_an_export():
    libs = [
        library("OEF.Test", deps=["OEF.Common", "OEF.Question", "FontAwesome"]),
        library("OEF.Common"),
        library("OEF.Question", deps=["OEF.Common"]),
        library("FontAwesome", js="fa.js", preloadedCss=[{"path": "fa.css"}], extra_files={"fa.css": "a{}"}),
    ]
    assert len(read_package(package(libraries=libs), **LIMITS).libraries) == 4


def test_missing_dependency_is_named():
    text = problems_of(package(libraries=[library("OEF.Test", deps=["OEF.Common"])]))
    assert "OEF.Common-1.0" in text and "niet geïnstalleerd" in text


def test_dependency_already_installed_may_be_left_out():
    fileobj = package(libraries=[library("OEF.Test", deps=["OEF.Common"])])
    result = read_package(fileobj, is_installed=lambda key: key == ("OEF.Common", 1, 0), **LIMITS)
    assert list(result.libraries) == ["OEF.Test-1.0"]


def test_zip_slip_is_refused():
    assert "'..'" in problems_of(package(entries={"content/../../evil.json": "{}"}))


def test_absolute_path_is_refused():
    assert "absoluut pad" in problems_of(raw_zip(lambda zf: zf.writestr("/etc/cron.d/evil.json", "{}")))


def test_backslash_path_is_refused():
    assert "backslash" in problems_of(raw_zip(lambda zf: zf.writestr("content\\..\\..\\evil.json", "{}")))


def test_symlink_is_refused():
    text = problems_of(raw_zip(lambda zf: symlink_entry(zf, "content/link.json", "/etc/passwd")))
    assert "symbolische koppeling" in text


@pytest.mark.parametrize("name", ["content/plaatje.svg", "content/pagina.html", "content/data.xml"])
def test_svg_html_or_xml_in_content_is_refused(name):
    assert f"{name}: bestanden met de extensie" in problems_of(package(entries={name: "<svg onload=alert(1)>"}))


def test_php_in_a_library_is_refused():
    assert ".php" in problems_of(package(entries={"OEF.Test-1.0/shell.php": "<?php system($_GET['c']);"}))


def test_missing_library_json_is_refused():
    libs = [{"OEF.Test-1.0/lib.js": "x"}]
    assert "OEF.Test-1.0: library.json ontbreekt" in problems_of(package(libraries=libs))


def test_missing_preloaded_js_file_is_refused():
    libs = [{"OEF.Test-1.0/library.json": library("OEF.Test")["OEF.Test-1.0/library.json"]}]
    assert "lib.js" in problems_of(package(libraries=libs))


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"title": ""}, "'title'"),
        ({"title": "x" * 256}, "'title'"),
        ({"mainLibrary": "../x"}, "'mainLibrary'"),
        ({"embedTypes": ["script"]}, "'embedTypes'"),
        ({"language": "<script>"}, "'language'"),
        ({"preloadedDependencies": [{"machineName": "OEF.Test"}]}, "majorVersion"),
    ],
)
def test_bad_h5p_json_fields_are_named(overrides, expected):
    from tests.h5p.packages import h5p_json

    assert expected in problems_of(package(h5p=h5p_json(**overrides)))


def test_missing_h5p_json_is_refused():
    fileobj = io.BytesIO()
    with zipfile.ZipFile(fileobj, "w") as zf:
        zf.writestr("content/content.json", "{}")
    assert "h5p.json ontbreekt" in problems_of(fileobj)


def test_not_a_zip_is_refused():
    assert "geen zip" in problems_of(io.BytesIO(b"<?php echo 1;"))


def test_newer_core_api_is_refused():
    libs = [library("OEF.Test", coreApi={"majorVersion": 1, "minorVersion": 99})]
    assert "H5P core 1.99" in problems_of(package(libraries=libs))


def test_oversized_file_is_refused():
    text = problems_of(package(entries={"content/video.mp4": b"\x00" * (MB + 1)}))
    assert "content/video.mp4 is groter dan 1 MB" in text


def test_zip_bomb_stops_at_the_total_limit_on_real_bytes():
    # 40 entries of 900 kB zeros each compress to almost nothing; the zip headers are honest, but only
    # reading counts: the reader stops once 3 MB are unpacked.
    entries = {f"content/deel{i}.txt": b"\x00" * (900 * 1024) for i in range(40)}
    fileobj = package(entries=entries)
    assert fileobj.getbuffer().nbytes < 200 * 1024
    assert "uitgepakt groter dan 3 MB" in problems_of(fileobj)


def test_zip_that_lies_about_its_size_is_caught_while_reading():
    fileobj = package(entries={"content/groot.txt": b"\x00" * (2 * MB)})
    data = bytearray(fileobj.getvalue())
    # Patch the central directory's uncompressed size of the big entry to claim 10 bytes.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("content/groot.txt")
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"content/groot.txt"))
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    text = problems_of(io.BytesIO(bytes(data)))
    assert "content/groot.txt" in text
    assert info.file_size == 2 * MB


def test_main_library_that_is_not_runnable_is_refused():
    assert "niet zelfstandig te spelen" in problems_of(package(libraries=[library("OEF.Test", runnable=0)]))
