"""Packages as schools really export them (h5p.org, Moodle, WordPress, Lumi) are read like the reference core
reads them: string versions, optional metadata, archivers' leftovers, sub-content; every security check stays."""

import io
import json
import zipfile

import pytest

from h5p.models import H5PLibrary
from h5p.package import PackageError, license_label, parse_version, read_package, runtime_dependencies
from h5p.storage import content_dir, import_package, libraries_dir
from tests.h5p import real_exports
from tests.h5p.packages import MB, h5p_json, library, package, symlink_entry

LIMITS = {"max_file_size": 1 * MB, "max_total_size": 3 * MB, "core_api": (1, 26)}


def read(fileobj, **kwargs):
    return read_package(fileobj, **{**LIMITS, **kwargs})


def problems_of(fileobj, **kwargs):
    with pytest.raises(PackageError) as caught:
        read(fileobj, **kwargs)
    return " | ".join(caught.value.problems)


def rezip(fileobj, change):
    """The archive in `fileobj` with `change(entries)` applied to its {name: bytes}."""
    with zipfile.ZipFile(fileobj) as zf:
        entries = {info.filename: zf.read(info) for info in zf.infolist()}
    change(entries)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    buffer.seek(0)
    return buffer


def edit_json(name, edit):
    def change(entries):
        data = json.loads(entries[name])
        edit(data)
        entries[name] = json.dumps(data)

    return change


# --- versions ---------------------------------------------------------------------------------------------


def test_php_export_with_string_versions_is_read_with_integer_versions():
    result = read(real_exports.php_question_set())
    assert result.main_library_key == ("H5P.QuestionSet", 1, 20)
    for dep in result.h5p["preloadedDependencies"]:
        assert type(dep["majorVersion"]) is int and type(dep["minorVersion"]) is int
    true_false = result.libraries["H5P.TrueFalse-1.8"]  # its library.json has string versions too
    assert (true_false.major, true_false.minor, true_false.patch) == (1, 8, 11)
    assert true_false.metadata["coreApi"] == {"majorVersion": 1, "minorVersion": 24}
    assert true_false.dependencies() == [("H5P.JoubelUI", 1, 3), ("H5P.Question", 1, 5), ("FontAwesome", 4, 5)]


def test_lumi_export_with_integer_versions_is_read():
    result = read(real_exports.lumi_question_set())
    assert set(result.libraries) == {
        f"{n}-{'.'.join(map(str, real_exports.version_of(n)))}" for n in real_exports.QUESTION_SET_LIBRARIES
    }


def test_every_library_json_written_with_strings_is_read():
    fileobj = real_exports.php_question_set(text_libraries=real_exports.QUESTION_SET_LIBRARIES)
    result = read(fileobj)
    assert {lib.key for lib in result.libraries.values()} >= {("H5P.QuestionSet", 1, 20), ("FontAwesome", 4, 5)}
    assert all(type(lib.patch) is int for lib in result.libraries.values())


def test_string_versions_are_compared_with_installed_libraries_as_numbers():
    asked = []

    def installed(key):
        asked.append(key)
        return key == ("FontAwesome", 4, 5)

    result = read(real_exports.php_question_set(leave_out=("FontAwesome",)), is_installed=installed)
    assert "FontAwesome-4.5" not in result.libraries
    assert ("FontAwesome", 4, 5) in asked
    assert all(type(part) is int for key in asked for part in key[1:])


def test_string_core_api_is_compared_as_numbers():
    libs = [library("OEF.Test", coreApi={"majorVersion": "1", "minorVersion": "100"})]
    assert "H5P core 1.100" in problems_of(package(libraries=libs))
    libs = [library("OEF.Test", coreApi={"majorVersion": "1", "minorVersion": "9"})]
    assert read(package(libraries=libs)).libraries["OEF.Test-1.0"].metadata["coreApi"]["minorVersion"] == 9


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1.5, "1.5"),
        ("1.2", '"1.2"'),
        ("", '""'),
        (-1, "-1"),
        (True, "true"),
        ("1 ", '"1 "'),
        ([1], "[1]"),
        (100000, "100000"),
    ],
)
def test_bad_version_in_h5p_json_names_the_field_and_the_value(value, shown):
    deps = [{"machineName": "OEF.Test", "majorVersion": value, "minorVersion": 0}]
    text = problems_of(package(h5p=h5p_json(preloadedDependencies=deps)))
    assert "h5p.json, preloadedDependencies[0]: 'majorVersion'" in text
    assert f"maar is {shown}." in text
    assert "ontbreekt" not in text


@pytest.mark.parametrize("key", ["majorVersion", "minorVersion", "patchVersion"])
def test_bad_version_in_library_json_names_the_field_and_the_value(key):
    libs = [library("OEF.Test", **{key: "1.0"})]
    text = problems_of(package(libraries=libs))
    assert f"OEF.Test-1.0/library.json: '{key}' moet een geheel getal" in text
    assert 'maar is "1.0".' in text


@pytest.mark.parametrize("kind", ["preloadedDependencies", "dynamicDependencies", "editorDependencies"])
def test_bad_version_in_a_library_dependency_list_is_named(kind):
    libs = [library("OEF.Test", **{kind: [{"machineName": "OEF.Common", "majorVersion": 1, "minorVersion": False}]})]
    text = problems_of(package(libraries=libs))
    assert f"OEF.Test-1.0/library.json, {kind}[0]: 'minorVersion'" in text and "maar is false." in text


def test_bad_core_api_version_is_named():
    libs = [library("OEF.Test", coreApi={"majorVersion": 1, "minorVersion": 2.5})]
    assert "coreApi: 'minorVersion' moet een geheel getal" in problems_of(package(libraries=libs))


def test_missing_version_is_called_missing():
    deps = [{"machineName": "OEF.Test", "minorVersion": "0"}]
    assert "preloadedDependencies[0]: 'majorVersion' ontbreekt." in problems_of(
        package(h5p=h5p_json(preloadedDependencies=deps))
    )


def test_parse_version_accepts_only_digits_and_integers():
    assert [parse_version(v) for v in (0, 7, "0", "16", "99999")] == [0, 7, 0, 16, 99999]
    assert [parse_version(v) for v in (True, False, 1.0, "1.0", "", "-1", "١", "1\n", None)] == [None] * 9


def test_runnable_written_as_a_string_is_accepted_and_stored_as_a_number():
    result = read(package(libraries=[library("OEF.Test", runnable="1")]))
    assert result.libraries["OEF.Test-1.0"].metadata["runnable"] == 1
    assert "niet zelfstandig te spelen" in problems_of(package(libraries=[library("OEF.Test", runnable="0")]))
    assert "'runnable' moet 0 of 1 zijn" in problems_of(package(libraries=[library("OEF.Test", runnable="ja")]))


# --- metadata ---------------------------------------------------------------------------------------------


def test_optional_metadata_is_accepted_and_exposed():
    result = read(real_exports.php_question_set())
    assert result.metadata == {
        "title": "Denk na voor je post",
        "license": "CC BY-SA",
        "licenseVersion": "4.0",
        "licenseExtras": "Gemaakt voor groep 7 en 8.",
        "authors": [{"name": "Marieke Jansen", "role": "Author"}, {"name": "OBS De Esch", "role": "Licensee"}],
        "changes": [{"date": "12-03-24 10:15:00", "author": "Marieke Jansen", "log": "Vraag 2 toegevoegd"}],
        "source": "https://www.mediawijsheid.nl/lesmateriaal",
        "yearFrom": 2023,
        "yearTo": 2024,
        "defaultLanguage": "nl",
        "extraTitle": "Denk na voor je post",
        "a11yTitle": "Quiz over posten",
        "authorComments": "Na de les over privacy gebruiken.",
        "contentType": "Question Set",
    }
    assert license_label(result.metadata) == "Naamsvermelding-GelijkDelen (CC BY-SA) 4.0"


def test_package_without_metadata_is_undisclosed_without_authors():
    result = read(real_exports.lumi_question_set(with_metadata=False))
    assert result.metadata == {"title": "Denk na voor je post", "license": "U", "authors": [], "changes": []}
    assert license_label(result.metadata) == "Niet vermeld"


def test_empty_metadata_values_of_older_exports_are_accepted():
    fileobj = real_exports.php_question_set(
        source="", licenseExtras="", yearFrom="", authors=[{"name": "", "role": ""}]
    )
    metadata = read(fileobj).metadata
    assert "source" not in metadata and "licenseExtras" not in metadata and "yearFrom" not in metadata
    assert metadata["authors"] == []


def test_source_that_is_no_web_address_is_not_exposed():
    assert "source" not in read(real_exports.php_question_set(source="javascript:alert(1)")).metadata
    assert "source" not in read(real_exports.php_question_set(source="de bibliotheek")).metadata


def test_deprecated_single_author_becomes_an_author():
    metadata = read(real_exports.php_question_set(authors=[], author="Juf Els")).metadata
    assert metadata["authors"] == [{"name": "Juf Els", "role": "Author"}]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"authors": "Marieke"}, "h5p.json: 'authors' moet een lijst zijn, maar is \"Marieke\"."),
        (
            {"authors": [{"name": 5}]},
            'h5p.json: authors[0] moet een object met tekst in name, role zijn, maar is {"name": 5}.',
        ),
        ({"changes": {"log": "x"}}, "h5p.json: 'changes' moet een lijst zijn"),
        ({"license": 4}, "h5p.json: 'license' moet tekst zijn, maar is 4."),
        ({"yearFrom": "vorig jaar"}, "h5p.json: 'yearFrom' moet een jaartal zijn, maar is \"vorig jaar\"."),
        ({"yearTo": True}, "h5p.json: 'yearTo' moet een jaartal zijn, maar is true."),
        ({"metadata": "ja"}, "h5p.json: 'metadata' moet een object zijn"),
    ],
)
def test_metadata_of_the_wrong_type_is_named(overrides, expected):
    assert expected in problems_of(real_exports.php_question_set(**overrides))


@pytest.mark.parametrize("embed", [["div"], ["iframe"], ["div", "iframe"]])
def test_embed_types_with_one_or_both_values_are_accepted(embed):
    assert read(real_exports.php_question_set(embedTypes=embed)).h5p["embedTypes"] == embed


@pytest.mark.parametrize("embed", [[], ["script"], "iframe", [{"a": 1}]])
def test_other_embed_types_are_refused(embed):
    assert "'embedTypes'" in problems_of(real_exports.php_question_set(embedTypes=embed))


def test_player_copy_of_h5p_json_escapes_metadata_and_keeps_the_rest_out():
    fileobj = real_exports.php_question_set(
        title='Quiz <img src=x onerror="alert(1)">',
        authors=[{"name": "<script>alert(1)</script>", "role": "Author"}],
        secret="niet voor de speler",
    )
    player = read(fileobj).h5p_for_player()
    assert player["title"] == "Quiz &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert player["authors"] == [{"name": "&lt;script&gt;alert(1)&lt;/script&gt;", "role": "Author"}]
    assert player["mainLibrary"] == "H5P.QuestionSet"
    assert player["preloadedDependencies"][0] == {
        "machineName": "H5P.QuestionSet",
        "majorVersion": 1,
        "minorVersion": 20,
    }
    assert "secret" not in player


# --- stray entries ----------------------------------------------------------------------------------------


def test_archivers_leftovers_are_ignored_and_never_extracted():
    result = read(real_exports.php_question_set())
    assert not [path for path in result.files if "DS_Store" in path or "MACOSX" in path or "README" in path]
    assert "content/images/foto-klas.jpg" in result.files
    assert "H5P.QuestionSet-1.20/scripts/questionset.js" in result.files
    assert ".DS_Store" not in result.libraries["H5P.QuestionSet-1.20"].files
    assert set(result.content_files) == {"content.json", "images/foto-klas.jpg"}


@pytest.mark.parametrize("name", ["README.txt", "LICENSE", "index.html", "install.php", "notes.md"])
def test_a_stray_top_level_file_is_ignored_whatever_its_extension(name):
    result = read(real_exports.lumi_question_set(extra={name: "<?php echo 1;"}))
    assert name not in result.files


def test_stray_top_level_file_is_not_read_so_it_cannot_fill_the_budget():
    result = read(real_exports.lumi_question_set(extra={"README.txt": b"\x00" * (5 * MB)}))
    assert "README.txt" not in result.files


def test_a_folder_that_is_no_library_is_still_refused():
    text = problems_of(real_exports.lumi_question_set(extra={"docs/uitleg.txt": "x"}))
    assert "docs/uitleg.txt hoort niet in een H5P-pakket" in text


def test_a_library_folder_whose_name_does_not_match_its_library_json_is_refused():
    def rename(entries):
        for name in [n for n in entries if n.startswith("H5P.TrueFalse-1.8/")]:
            entries[name.replace("H5P.TrueFalse-1.8/", "H5P.TrueFalse-1.7/")] = entries.pop(name)

    text = problems_of(rezip(real_exports.lumi_question_set(), rename))
    assert "H5P.TrueFalse-1.7/library.json: de map hoort H5P.TrueFalse-1.8 te heten" in text


def test_forbidden_files_inside_a_real_library_folder_are_still_refused():
    text = problems_of(real_exports.php_question_set(extra={"H5P.QuestionSet-1.20/scripts/shell.php": "<?php"}))
    assert "H5P.QuestionSet-1.20/scripts/shell.php: bestanden met de extensie .php" in text


def test_unsafe_entries_are_refused_even_where_leftovers_are_ignored():
    def add(entries):
        entries["__MACOSX/../../evil.json"] = b"{}"

    assert "'..'" in problems_of(rezip(real_exports.php_question_set(), add))
    buffer = io.BytesIO(real_exports.php_question_set().getvalue())
    with zipfile.ZipFile(buffer, "a") as zf:
        symlink_entry(zf, "__MACOSX/link", "/etc/passwd")
    buffer.seek(0)
    assert "symbolische koppeling" in problems_of(buffer)


def test_svg_in_content_is_still_refused_in_a_real_export():
    assert "content/images/logo.svg" in problems_of(
        real_exports.php_question_set(extra={"content/images/logo.svg": "<svg/>"})
    )


def test_deeply_nested_json_is_refused_not_crashed_on():
    nested = ("[" * 100_000) + ("]" * 100_000)
    assert "content/content.json is geen geldige JSON" in problems_of(
        real_exports.lumi_question_set(extra={"content/content.json": nested})
    )


# --- sub-content ------------------------------------------------------------------------------------------


def test_sub_content_of_a_question_set_is_found():
    result = read(real_exports.php_question_set())
    assert [(item.library, item.sub_content_id, item.path) for item in result.subcontent] == [
        (("H5P.MultiChoice", 1, 16), real_exports.QUESTION_IDS[0], "questions[0]"),
        (("H5P.TrueFalse", 1, 8), real_exports.QUESTION_IDS[1], "questions[1]"),
    ]
    assert result.subcontent_libraries == {("H5P.MultiChoice", 1, 16), ("H5P.TrueFalse", 1, 8)}


def test_content_libraries_are_the_main_library_its_sub_content_and_their_dependencies():
    # The question set does not preload its question types; only the content shows they are needed.
    fileobj = real_exports.php_question_set()
    result = read(fileobj)
    assert ("H5P.MultiChoice", 1, 16) not in result.libraries["H5P.QuestionSet-1.20"].dependencies()
    assert result.content_libraries() == {
        ("H5P.QuestionSet", 1, 20),
        ("H5P.MultiChoice", 1, 16),
        ("H5P.TrueFalse", 1, 8),
        ("H5P.Question", 1, 5),
        ("H5P.JoubelUI", 1, 3),
        ("FontAwesome", 4, 5),
    }


def test_content_libraries_follow_sub_content_even_when_h5p_json_does_not_list_it():
    def forget_questions(data):
        data["preloadedDependencies"] = [
            d for d in data["preloadedDependencies"] if d["machineName"] == "H5P.QuestionSet"
        ]

    result = read(rezip(real_exports.lumi_question_set(), edit_json("h5p.json", forget_questions)))
    assert {("H5P.MultiChoice", 1, 16), ("H5P.TrueFalse", 1, 8), ("H5P.Question", 1, 5)} <= result.content_libraries()


def test_content_libraries_follow_installed_libraries_through_their_library_json():
    # What storage keeps of an installed library: its library.json (versions already integers).
    installed = {
        ("H5P.TrueFalse", 1, 8): {
            "preloadedDependencies": [{"machineName": "H5P.Question", "majorVersion": 1, "minorVersion": 5}],
            "dynamicDependencies": [{"machineName": "OEF.Installed", "majorVersion": 1, "minorVersion": 0}],
        }
    }
    fileobj = real_exports.php_question_set(leave_out=("H5P.TrueFalse",))
    result = read(fileobj, is_installed=lambda key: key in installed)
    assert ("OEF.Installed", 1, 0) not in result.content_libraries()
    used = result.content_libraries(installed_dependencies=lambda key: runtime_dependencies(installed.get(key, {})))
    assert {("H5P.TrueFalse", 1, 8), ("OEF.Installed", 1, 0)} <= used


def test_dynamic_dependencies_in_h5p_json_are_normalised_and_used():
    dynamic = [{"machineName": "H5P.MathDisplay", "majorVersion": "1", "minorVersion": "0"}]
    result = read(real_exports.php_question_set(dynamicDependencies=dynamic))
    assert result.h5p["dynamicDependencies"] == [
        {"machineName": "H5P.MathDisplay", "majorVersion": 1, "minorVersion": 0}
    ]
    assert ("H5P.MathDisplay", 1, 0) in result.content_libraries()
    bad = [{"machineName": "H5P.MathDisplay", "majorVersion": "1.0", "minorVersion": "0"}]
    assert "h5p.json, dynamicDependencies[0]: 'majorVersion'" in problems_of(
        real_exports.php_question_set(dynamicDependencies=bad)
    )


def test_sub_content_deep_in_a_course_presentation_is_found():
    result = read(real_exports.course_presentation())
    assert [item.path for item in result.subcontent] == [
        "presentation.slides[0].elements[0].action",
        "presentation.slides[0].elements[1].action",
    ]
    assert ("H5P.AdvancedText", 1, 1) in result.content_libraries()


def test_sub_content_library_that_is_nowhere_is_refused():
    def add_blanks(data):
        data["questions"].append({"library": "H5P.Blanks 1.14", "params": {}, "subContentId": "x"})

    text = problems_of(rezip(real_exports.lumi_question_set(), edit_json("content/content.json", add_blanks)))
    assert "Bibliotheek H5P.Blanks-1.14 (nodig voor content/content.json) zit niet in het pakket" in text


def test_sub_content_library_that_is_installed_may_be_left_out():
    fileobj = real_exports.lumi_question_set(leave_out=("H5P.TrueFalse",))
    assert "H5P.TrueFalse-1.8" in problems_of(fileobj)
    fileobj.seek(0)
    assert read(fileobj, is_installed=lambda key: key == ("H5P.TrueFalse", 1, 8)).subcontent_libraries


# --- the whole import ---------------------------------------------------------------------------------------


def test_a_real_export_imports_with_every_library_recorded(coordinator):
    content = import_package(real_exports.php_question_set(), user=coordinator)
    recorded = {lib.key: lib for lib in H5PLibrary.objects.all()}
    assert set(recorded) == {
        ("H5P.QuestionSet", 1, 20),
        ("H5P.MultiChoice", 1, 16),
        ("H5P.TrueFalse", 1, 8),
        ("H5P.Question", 1, 5),
        ("H5P.JoubelUI", 1, 3),
        ("FontAwesome", 4, 5),
    }
    true_false = recorded[("H5P.TrueFalse", 1, 8)]
    assert true_false.patch_version == 11 and true_false.metadata["majorVersion"] == 1
    assert true_false.semantics[0]["name"] == "question"
    assert (libraries_dir() / "H5P.TrueFalse-1.8" / "scripts" / "truefalse.js").is_file()
    assert not (libraries_dir() / "H5P.QuestionSet-1.20" / ".DS_Store").exists()
    folder = content_dir(content.pk)
    assert sorted(p.name for p in folder.iterdir()) == ["content", "h5p.json"]
    assert not (folder / "content" / ".DS_Store").exists()
    stored = json.loads((folder / "h5p.json").read_text())
    assert stored["preloadedDependencies"][0] == {
        "machineName": "H5P.QuestionSet",
        "majorVersion": 1,
        "minorVersion": 20,
    }
    assert content.h5p_json["license"] == "CC BY-SA"


def test_a_real_export_keeps_its_sub_content_cleaned_by_each_librarys_semantics(coordinator):
    def hostile(data):
        data["questions"][0]["params"]["question"] = (
            '<p style="color: #ff0000; text-align: right" onclick="x()">Vraag<script>alert(1)</script></p>'
        )
        data["questions"][0]["params"]["answers"][0]["text"] = (
            "<div>Ja <b>zeker</b> <table><tr><td>t</td></tr></table></div>"
        )
        data["questions"][1]["params"]["correct"] = '"><img src=x onerror=alert(1)>'
        data["questions"][1]["metadata"]["title"] = "<b>Vraag</b>"
        data["questions"][1]["subContentId"] = '"><script>'

    fileobj = rezip(real_exports.php_question_set(), edit_json("content/content.json", hostile))
    content = import_package(fileobj, user=coordinator)
    saved = json.loads((content_dir(content.pk) / "content" / "content.json").read_text())
    first, second = saved["questions"]
    assert first["subContentId"] == real_exports.QUESTION_IDS[0]
    # MultiChoice's question allows font colour; QuestionSet's introduction keeps its link.
    assert first["params"]["question"] == '<p style="color: #ff0000; text-align: right;">Vraagalert(1)</p>'
    # Tables are not among this field's tags: the table goes, its text stays (bleach leaves a line break).
    assert " ".join(first["params"]["answers"][0]["text"].split()) == "<div>Ja <b>zeker</b> t</div>"
    assert second["params"]["correct"] == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert second["metadata"]["title"] == "&lt;b&gt;Vraag&lt;/b&gt;"
    assert "subContentId" not in second
    assert 'href="https://www.mediawijsheid.nl"' in saved["introPage"]["introduction"]


def test_a_table_heavy_course_presentation_keeps_its_table(coordinator):
    content = import_package(real_exports.course_presentation(), user=coordinator)
    saved = json.loads((content_dir(content.pk) / "content" / "content.json").read_text())
    text = saved["presentation"]["slides"][0]["elements"][0]["action"]["params"]["text"]
    for kept in (
        '<table border="1" cellpadding="4" cellspacing="0" style="width: 100%; border-collapse: collapse;">',
        "<caption>Toestemming</caption>",
        '<col span="1" style="width: 40%;">',
        '<th scope="col" style="text-align: left;">Wat</th>',
        '<td style="vertical-align: top; padding: 4px; background-color: #ffeeee;">Foto van een vriend</td>',
        '<td style="border: 1px solid #cccccc;">',
        '<span style="font-size: 1.25em; color: #0000ff;">',
    ):
        assert kept in text


def test_an_imported_content_records_the_libraries_of_its_sub_content(coordinator):
    """A question set's main library does not preload its question types; the content needs them anyway,
    so deleting or updating MultiChoice must know this content uses it."""
    content = import_package(real_exports.php_question_set(), user=coordinator)
    used = {lib.key for lib in content.libraries.all()}
    assert ("H5P.MultiChoice", 1, 16) in used
    assert ("H5P.TrueFalse", 1, 8) in used
    assert ("H5P.QuestionSet", 1, 20) in used


def test_the_players_h5p_json_has_its_metadata_escaped(coordinator):
    def hostile(data):
        data["title"] = '<img src=x onerror="alert(1)">Quiz'
        data["authors"] = [{"name": "<script>x()</script>Juf", "role": "Author"}]

    content = import_package(rezip(real_exports.php_question_set(), edit_json("h5p.json", hostile)), user=coordinator)
    written = (content_dir(content.pk) / "h5p.json").read_text()
    assert "<img" not in written and "<script>" not in written
    assert "&lt;script&gt;" in written
