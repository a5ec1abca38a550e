"""The anonymised research export: the HDF5 layout read back with h5py, the k-rule, numbers that change per
export, nothing identifying in the file, the same tables as CSV, who may download it, the command and memory."""

import csv
import io
import json
import math
import tracemalloc
import zipfile
from datetime import timedelta
from decimal import Decimal

import h5py
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from h5p.models import H5PAttempt, H5PContent, H5PLibrary, H5PSubContentResult
from lessons.models import LessonGoalLink, LessonRun
from privacy.choices import PrivacyAction
from privacy.models import PrivacyLog
from privacy.research import SCHEMA_VERSION, K, Numbering, ResearchExport
from privacy.research_files import csv_pieces, write_hdf5
from sandbox_feed.choices import CitationVerdict, ModerationAction, PostKind, RejectReason, ReportReason, SourceKind
from sandbox_feed.models import ModerationLog, Post, PostView, Report
from tests.curriculum.factories import CurriculumIndexPageFactory, GradeBandPageFactory, LearningGoalFactory
from tests.factories import (
    AdministratorFactory,
    CoordinatorFactory,
    PupilFactory,
    SchoolClassFactory,
    SchoolFactory,
    TeacherFactory,
)
from tests.lessons.factories import default_steps, make_home, make_lesson
from tests.sandbox_feed.factories import CommentFactory, PostFactory, ReactionFactory

pytestmark = pytest.mark.django_db

TABLES = ("events", "h5p_questions", "moderation", "reports", "citations")
EVENT_COLUMNS = {
    "week": "str",
    "school": "int32",
    "class": "int32",
    "pupil": "int32",
    "event": "str",
    "lesson": "int64",
    "learning_goal": "int64",
}
SECRET_TEXT = "ZEERGEHEIMEBERICHTTEKST"


def activity_for(school):
    library, _ = H5PLibrary.objects.get_or_create(
        machine_name="OEF.Test", major_version=1, minor_version=0, patch_version=0, defaults={"title": "Test"}
    )
    return H5PContent.objects.create(title="Zou jij dit posten?", main_library=library, school=school)


def active_class(school, size, *, groep=7, teacher=None, names=None, lesson=None):
    """A class of `size` pupils who each post (with a quote), comment, react, see a post, report a scenario
    post, answer an H5P question and get a post refused; with a lesson run around it all."""
    teacher = teacher or TeacherFactory(school=school)
    pupils = [PupilFactory(**({"first_name": names[i]} if names else {})) for i in range(size)]
    school_class = SchoolClassFactory(school=school, groep=groep, teachers=[teacher], pupils=pupils)
    run = LessonRun.objects.create(
        teacher=teacher,
        school_class=school_class,
        lesson=lesson,
        lesson_title=lesson.title if lesson else "Een les",
        started_at=timezone.now() - timedelta(minutes=30),
    )
    scenario = PostFactory(school_class=school_class, author=teacher, kind=PostKind.SCENARIO, text="Nepnieuws")
    content = activity_for(school)
    for pupil in pupils:
        post = PostFactory(
            school_class=school_class,
            author=pupil,
            text=f"{SECRET_TEXT} van {pupil.first_name}",
            source_kind=SourceKind.QUOTE,
            citation_verdict=CitationVerdict.CORRECT,
        )
        CommentFactory(post=post, author=pupil, text=f"{SECRET_TEXT} reactie")
        ReactionFactory(post=post, user=pupil)
        PostView.objects.create(post=scenario, pupil=pupil)
        Report.objects.create(school_class=school_class, reporter=pupil, post=scenario, reason=ReportReason.UNTRUE)
        ModerationLog.objects.create(
            school_class=school_class,
            actor=teacher,
            action=ModerationAction.REJECT,
            reason=RejectReason.UNKIND,
            post=post,
            pupil=pupil,
            detail=f"{SECRET_TEXT} uitleg",
        )
        attempt = H5PAttempt.objects.create(content=content, user=pupil, number=1, raw_score=1, max_score=2)
        H5PSubContentResult.objects.create(
            attempt=attempt,
            sub_content_id="vraag-1",
            interaction_type="choice",
            description="Wat doe je?",
            response=f"{SECRET_TEXT} antwoord",
            raw_score=Decimal(1),
            max_score=Decimal(1),
        )
    run.end()
    return school_class, pupils


def read_table(hdf, path):
    group = hdf[path]
    return {name: [v.decode() if isinstance(v, bytes) else v for v in group[name][()].tolist()] for name in group}


def hdf5_of(schools, tmp_path, whole_board=False, name="onderzoek.h5"):
    target = tmp_path / name
    write_hdf5(ResearchExport(schools, whole_board=whole_board), target)
    return target


@pytest.fixture
def school(db):
    return SchoolFactory(name="OBS De Esch")


@pytest.fixture
def big_and_small(school):
    """A class of K pupils (groep 7) and a class of K - 1 (groep 5) at the same school."""
    lesson = make_lesson(title="Eén klik en het staat online", grade_band="7-8")
    big, _big_pupils = active_class(school, K, groep=7, lesson=lesson)
    small, _small_pupils = active_class(school, K - 1, groep=5)
    return big, small


class TestLayout:
    def test_it_writes_the_documented_groups_attributes_and_types(self, big_and_small, school, tmp_path):
        big, _small = big_and_small
        with h5py.File(hdf5_of([school], tmp_path)) as hdf:
            assert hdf.attrs["schema_version"] == SCHEMA_VERSION
            assert hdf.attrs["k"] == K
            assert hdf.attrs["scope"] == "school"
            assert hdf.attrs["schools"] == 1
            assert "ISO 8601 week" in hdf.attrs["time_bucket"]
            assert set(hdf) == {big.school_year, "lookup"}
            assert set(hdf[big.school_year]) == {"5-6", "7-8"}
            band = hdf[f"{big.school_year}/7-8"]
            assert band.attrs["school_year"] == big.school_year
            assert band.attrs["grade_band"] == "7-8"
            assert list(band.attrs["groups"]) == [7, 8]
            assert set(band) == set(TABLES)
            events = band["events"]
            assert list(events.attrs["columns"]) == list(EVENT_COLUMNS)
            assert events.attrs["k"] == K and "distinct pupils" in events.attrs["k_rule"]
            for name, kind in EVENT_COLUMNS.items():
                dataset = events[name]
                assert dataset.ndim == 1 and dataset.maxshape == (None,) and dataset.chunks is not None
                assert dataset.attrs["description"]
                if kind == "str":
                    string = h5py.check_string_dtype(dataset.dtype)
                    assert string is not None and string.encoding == "utf-8" and string.length is None
                else:
                    assert dataset.dtype == kind
            assert events["week"].attrs["units"] == "YYYY-Www"
            lengths = {len(events[name]) for name in events}
            assert lengths == {events.attrs["rows"]}
            questions = band["h5p_questions"]
            assert questions["right_share"].dtype == "float64"
            assert questions["right_share"].attrs["units"] == "fraction 0-1"
            assert set(hdf["lookup"]) == {"lessons", "activities", "learning_goals", "lesson_goals"}

    def test_the_events_carry_weeks_numbers_and_the_running_lesson(self, big_and_small, school, tmp_path):
        big, _small = big_and_small
        with h5py.File(hdf5_of([school], tmp_path)) as hdf:
            events = read_table(hdf, f"{big.school_year}/7-8/events")
            lessons = read_table(hdf, "lookup/lessons")
        week = timezone.localdate().isocalendar()
        assert set(events["week"]) == {f"{week.year}-W{week.week:02d}"}
        assert set(events["event"]) == {"post", "comment", "reaction", "view", "report", "h5p_attempt", "lesson_run"}
        # Numbers 1..9 for the nine pupils of the school; the five of this class have five of them.
        numbers = set(events["pupil"]) - {-1}
        assert len(numbers) == K and numbers <= set(range(1, 2 * K))
        assert events["pupil"][events["event"].index("lesson_run")] == -1
        assert set(events["learning_goal"]) == {-1}  # the lesson has no learning goals
        # Everything happened while the lesson ran, so every event names it; the lookup gives its title.
        assert set(events["lesson"]) == {lessons["lesson"][0]}
        assert lessons["title"] == ["Eén klik en het staat online"]

    def test_the_aggregates_count_what_happened(self, big_and_small, school, tmp_path):
        big, _small = big_and_small
        with h5py.File(hdf5_of([school], tmp_path)) as hdf:
            band = f"{big.school_year}/7-8"
            questions = read_table(hdf, f"{band}/h5p_questions")
            moderation = read_table(hdf, f"{band}/moderation")
            reports = read_table(hdf, f"{band}/reports")
            citations = read_table(hdf, f"{band}/citations")
            activities = read_table(hdf, "lookup/activities")
        assert questions["question"] == ["vraag-1"] and questions["interaction"] == ["choice"]
        assert (questions["answers"], questions["pupils"], questions["right"]) == ([K], [K], [K])
        assert questions["right_share"] == [1.0] and questions["mean_scaled"] == [1.0]
        assert activities["title"] == ["Zou jij dit posten?"]
        assert (moderation["action"], moderation["reason"], moderation["pupils"]) == (["reject"], ["unkind"], [K])
        assert (reports["reason"], reports["target"], reports["reporters"], reports["authors"]) == (
            ["untrue"],
            ["staff"],
            [K],
            [0],
        )
        assert (citations["source"], citations["verdict"], citations["posts"]) == (["quote"], ["correct"], [K])


def learning_goals(*texts):
    band = GradeBandPageFactory(parent=CurriculumIndexPageFactory(parent=make_home()))
    return [LearningGoalFactory(page=band, text=text) for text in texts]


def link(lesson, *goals):
    for order, goal in enumerate(goals):
        LessonGoalLink.objects.create(page=lesson, goal=goal, coverage="full", sort_order=order)


class TestLearningGoals:
    def test_a_lesson_with_one_goal_names_it_and_the_lookups_explain_it(self, school, tmp_path):
        lesson = make_lesson(title="Netjes citeren", grade_band="7-8", slug="netjes-citeren")
        (goal,) = learning_goals("Ik kan een bron noemen.")
        link(lesson, goal)
        school_class, _pupils = active_class(school, K, lesson=lesson)
        with h5py.File(hdf5_of([school], tmp_path)) as hdf:
            band = f"{school_class.school_year}/7-8"
            events = read_table(hdf, f"{band}/events")
            questions = read_table(hdf, f"{band}/h5p_questions")
            goals = read_table(hdf, "lookup/learning_goals")
            lesson_goals = read_table(hdf, "lookup/lesson_goals")
        assert set(events["learning_goal"]) == {goal.pk}
        assert questions["learning_goal"] == [goal.pk]
        assert goals == {"learning_goal": [goal.pk], "text": ["Ik kan een bron noemen."], "grade_band": ["7-8"]}
        assert lesson_goals == {"lesson": [lesson.pk], "learning_goal": [goal.pk], "coverage": ["full"]}

    def test_with_several_goals_events_say_none_and_scores_count_per_goal(self, school, tmp_path):
        lesson = make_lesson(title="Bronnen", grade_band="7-8", slug="bronnen")
        first, second = learning_goals("Ik kan een bron noemen.", "Ik kan citeren.")
        link(lesson, first, second)
        school_class, _pupils = active_class(school, K, lesson=lesson)
        with h5py.File(hdf5_of([school], tmp_path)) as hdf:
            band = f"{school_class.school_year}/7-8"
            events = read_table(hdf, f"{band}/events")
            questions = read_table(hdf, f"{band}/h5p_questions")
            lesson_goals = read_table(hdf, "lookup/lesson_goals")
        assert set(events["learning_goal"]) == {-1}
        assert set(events["lesson"]) == {lesson.pk}
        assert sorted(questions["learning_goal"]) == sorted([first.pk, second.pk])
        assert questions["answers"] == [K, K]
        assert lesson_goals["learning_goal"] == [first.pk, second.pk]

    def test_an_attempt_outside_a_lesson_counts_for_the_one_lesson_holding_the_activity(self, school, tmp_path):
        school_class, _pupils = active_class(school, K)  # its lesson run has no lesson page
        activity = H5PContent.objects.get()
        steps = default_steps()
        steps.insert(-1, ("h5p_activity", {"activity": activity, "intro": ""}))
        lesson = make_lesson(title="Quizles", grade_band="7-8", slug="quizles", steps=steps)
        (goal,) = learning_goals("Ik kan nadenken voor ik iets deel.")
        link(lesson, goal)
        with h5py.File(hdf5_of([school], tmp_path)) as hdf:
            band = f"{school_class.school_year}/7-8"
            events = read_table(hdf, f"{band}/events")
            questions = read_table(hdf, f"{band}/h5p_questions")
        attempts = [i for i, event in enumerate(events["event"]) if event == "h5p_attempt"]
        assert {events["lesson"][i] for i in attempts} == {lesson.pk}
        assert {events["lesson"][i] for i, event in enumerate(events["event"]) if event == "post"} == {-1}
        assert (questions["lesson"], questions["learning_goal"]) == ([lesson.pk], [goal.pk])


class TestKRule:
    @pytest.mark.parametrize("size", [K - 1, K])
    def test_a_class_below_k_yields_no_rows_and_a_class_of_k_does(self, school, tmp_path, size):
        school_class, _pupils = active_class(school, size)
        with h5py.File(hdf5_of([school], tmp_path)) as hdf:
            band = hdf[f"{school_class.school_year}/7-8"]
            for table in TABLES:
                rows = band[table].attrs["rows"]
                assert rows == len(band[table]["school"])
                assert (rows > 0) == (size >= K), table
                assert (band[table].attrs["suppressed_cells"] > 0) == (size < K), table

    def test_each_event_cell_is_judged_on_its_own(self, school, tmp_path):
        school_class, pupils = active_class(school, K)
        for pupil in pupils[:2]:  # a kept cell keeps every event in it, also a pupil's second post
            PostFactory(school_class=school_class, author=pupil)
        outsider = PupilFactory()
        school_class.pupils.add(outsider)
        PostView.objects.create(post=Post.objects.filter(author=pupils[0]).first(), pupil=outsider)
        with h5py.File(hdf5_of([school], tmp_path)) as hdf:
            events = read_table(hdf, f"{school_class.school_year}/7-8/events")
        counted = {event: events["event"].count(event) for event in set(events["event"])}
        assert counted["post"] == K + 2
        assert counted["view"] == K + 1  # a pupil who did nothing else counts in the views cell

    def test_a_class_of_k_where_fewer_than_k_did_something_yields_no_rows_for_it(self, school, tmp_path):
        school_class, _pupils = active_class(school, K)
        lonely = PupilFactory()
        other = SchoolClassFactory(school=school, groep=8, pupils=[lonely, *PupilFactory.create_batch(K)])
        PostFactory(school_class=other, author=lonely, text="alleen")
        with h5py.File(hdf5_of([school], tmp_path)) as hdf:
            events = read_table(hdf, f"{school_class.school_year}/7-8/events")
        assert len(set(events["class"])) == 1  # the other class's one post stays out


class TestPseudonyms:
    def test_numbers_differ_per_export(self, school):
        _school_class, pupils = active_class(school, 12)
        first, second = ResearchExport([school]), ResearchExport([school])
        numbers = [[export.pupil_numbers[pupil.pk] for pupil in pupils] for export in (first, second)]
        assert sorted(numbers[0]) == sorted(numbers[1]) == list(range(1, 13))
        assert numbers[0] != numbers[1]

    def test_numbering_is_a_keyed_rank(self):
        ids = range(1000, 1050)
        same_salt = [Numbering(b"s" * 32, "pupil", ids), Numbering(b"s" * 32, "pupil", ids)]
        other_salt = Numbering(b"t" * 32, "pupil", ids)
        assert [same_salt[0][pk] for pk in ids] == [same_salt[1][pk] for pk in ids]
        assert [same_salt[0][pk] for pk in ids] != [other_salt[pk] for pk in ids]
        assert [same_salt[0][pk] for pk in ids] != list(range(1, 51))  # not the order of the ids

    def test_no_names_texts_or_ids_of_people_in_either_file(self, school, tmp_path):
        names = ["Xandrijn", "Ymkje", "Quirijn", "Wubbina", "Zefanja"]
        school_class, pupils = active_class(school, K, names=names)
        target = hdf5_of([school], tmp_path)
        zipped = b"".join(csv_pieces(ResearchExport([school])))
        with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
            csv_bytes = b"".join(archive.read(name) for name in archive.namelist())
        forbidden = [*names, SECRET_TEXT, school.name, school_class.name, school_class.join_code]
        forbidden += [pupil.username for pupil in pupils] + [pupil.card_token for pupil in pupils]
        for content in (target.read_bytes(), csv_bytes):
            for word in forbidden:
                assert word.encode() not in content, word


class TestCsv:
    def test_the_command_writes_the_same_tables_as_csv(self, big_and_small, school, tmp_path):
        big, _small = big_and_small
        call_command(
            "export_research", str(tmp_path / "uit.h5"), "--school", str(school.pk), "--csv", str(tmp_path / "uit.zip")
        )
        with h5py.File(tmp_path / "uit.h5") as hdf, zipfile.ZipFile(tmp_path / "uit.zip") as archive:
            metadata = json.loads(archive.read("metadata.json"))
            assert metadata["attributes"]["schema_version"] == SCHEMA_VERSION
            table_paths = []
            hdf.visititems(lambda name, item: table_paths.append(name) if "columns" in item.attrs else None)
            assert sorted(f"{path}.csv" for path in table_paths) == sorted(
                name for name in archive.namelist() if name != "metadata.json"
            )
            for path in table_paths:
                columns = list(hdf[path].attrs["columns"])
                text = archive.read(f"{path}.csv").decode("utf-8")
                rows = list(csv.reader(io.StringIO(text), delimiter=";"))
                assert rows[0] == columns, path
                from_hdf5 = read_table(hdf, path)
                expected = [
                    ["" if isinstance(v, float) and math.isnan(v) else str(v) for v in row]
                    for row in zip(*(from_hdf5[name] for name in columns), strict=True)
                ]
                assert rows[1:] == expected, path
                assert metadata["tables"][path]["attributes"]["rows"] == hdf[path].attrs["rows"]
            assert metadata["tables"][f"{big.school_year}/7-8/events"]["columns"][0]["units"] == "YYYY-Www"


@pytest.fixture
def other_school(db):
    other = SchoolFactory(name="OBS Elders")
    active_class(other, K, groep=6)
    return other


def download(client, data):
    response = client.post(reverse("privacy:research"), data)
    assert response.status_code == 200, response.content[:500]
    return response, b"".join(response.streaming_content)


def opened(content, tmp_path):
    target = tmp_path / "download.h5"
    target.write_bytes(content)
    return h5py.File(target)


class TestWhoMay:
    def test_a_coordinator_downloads_their_own_school_only(self, big_and_small, school, other_school, tmp_path):
        client = Client()
        client.force_login(CoordinatorFactory(school=school))
        page = client.get(reverse("privacy:research"))
        assert page.status_code == 200
        assert b'name="school"' not in page.content
        # A school id in the form changes nothing: the coordinator's own school it is.
        response, content = download(client, {"file_format": "hdf5", "school": str(other_school.pk)})
        assert response["Content-Type"] == "application/x-hdf5"
        assert response["Content-Disposition"].startswith('attachment; filename="oefenfeed-onderzoek-school-')
        assert response["Cache-Control"] == "no-store, private"
        with opened(content, tmp_path) as hdf:
            assert hdf.attrs["scope"] == "school" and hdf.attrs["schools"] == 1
            year = next(iter(set(hdf) - {"lookup"}))
            assert set(hdf[year]) == {"5-6", "7-8"}
            assert hdf[f"{year}/5-6"].attrs["classes"] == 1  # the own groep 5, not the other school's groep 6
        entry = PrivacyLog.objects.get()
        assert (entry.action, entry.school, entry.pseudonym) == (PrivacyAction.RESEARCH, school, "")
        assert entry.counts["format"] == "hdf5"

    def test_an_administrator_chooses_a_school_or_the_whole_board(self, school, other_school, tmp_path):
        active_class(school, K)
        client = Client()
        client.force_login(AdministratorFactory(school=None))
        assert b"Alle scholen van het bestuur" in client.get(reverse("privacy:research")).content
        _response, content = download(client, {"file_format": "hdf5", "school": str(other_school.pk)})
        with opened(content, tmp_path) as hdf:
            assert hdf.attrs["schools"] == 1
            year = next(iter(set(hdf) - {"lookup"}))
            assert set(hdf[year]) == {"5-6"}
        response, content = download(client, {"file_format": "csv", "school": "alle"})
        assert response["Content-Type"] == "application/zip"
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            metadata = json.loads(archive.read("metadata.json"))
        assert metadata["attributes"]["scope"] == "board" and metadata["attributes"]["schools"] == 2
        assert PrivacyLog.objects.filter(action=PrivacyAction.RESEARCH, school=None).count() == 1

    @pytest.mark.parametrize("role", ["teacher", "pupil"])
    def test_teachers_and_pupils_are_refused(self, school, role):
        school_class, pupils = active_class(school, K)
        user = school_class.teachers.first() if role == "teacher" else pupils[0]
        client = Client()
        client.force_login(user)
        assert client.get(reverse("privacy:research")).status_code == 403
        assert client.post(reverse("privacy:research"), {"file_format": "hdf5"}).status_code == 403
        assert not PrivacyLog.objects.exists()

    def test_visitors_are_sent_to_the_login(self, db):
        response = Client().post(reverse("privacy:research"), {"file_format": "hdf5"})
        assert response.status_code == 302 and "/inloggen/" in response["Location"]
        assert not PrivacyLog.objects.exists()

    def test_a_bad_choice_shows_the_form_again(self, school):
        client = Client()
        client.force_login(AdministratorFactory())
        response = client.post(reverse("privacy:research"), {"file_format": "pdf", "school": "999999"})
        assert response.status_code == 400
        assert not PrivacyLog.objects.exists()

    def test_the_download_is_linked_from_the_start_page_and_the_overview(self, school):
        client = Client()
        client.force_login(CoordinatorFactory(school=school))
        url = reverse("privacy:research").encode()
        assert url in client.get(reverse("home:coordinator")).content
        assert url in client.get(reverse("privacy:school")).content


def run(*args):
    out = io.StringIO()
    call_command("export_research", *args, stdout=out)
    return out.getvalue()


class TestCommand:
    def test_it_writes_one_school_and_says_what_it_did(self, big_and_small, school, tmp_path):
        output = run(str(tmp_path / "esch.h5"), "--school", str(school.pk))
        assert f"Wrote the research export of school {school.pk} (OBS De Esch) to {tmp_path / 'esch.h5'}" in output
        assert "events: " in output and "cells suppressed" in output and "lookup/lessons: 1 rows" in output
        with h5py.File(tmp_path / "esch.h5") as hdf:
            assert hdf.attrs["scope"] == "school"
        entry = PrivacyLog.objects.get()
        assert (entry.action, entry.actor_name, entry.school) == (
            PrivacyAction.RESEARCH,
            "manage.py export_research",
            school,
        )
        assert not list(tmp_path.glob(".research-*"))

    def test_without_a_school_it_writes_the_whole_board(self, school, other_school, tmp_path):
        output = run(str(tmp_path / "bestuur.h5"), "--csv", str(tmp_path / "bestuur.zip"))
        assert "the whole board (2 schools)" in output and "Wrote the same export as CSV files" in output
        assert zipfile.is_zipfile(tmp_path / "bestuur.zip")
        assert list(PrivacyLog.objects.values_list("counts__format", flat=True).order_by("pk")) == ["hdf5", "csv"]

    @pytest.mark.parametrize(
        ("school_id", "message"),
        [("abc", "SCHOOL_ID must be a number, not 'abc'"), ("999999", "No school with id 999999. Schools: ")],
    )
    def test_a_bad_school_id_stops_with_a_clear_message(self, school, tmp_path, school_id, message):
        with pytest.raises(CommandError, match=message) as error:
            run(str(tmp_path / "uit.h5"), "--school", school_id)
        assert error.value.returncode == 1
        assert not (tmp_path / "uit.h5").exists()
        assert not PrivacyLog.objects.exists()

    def test_an_unwritable_path_stops_with_a_clear_message(self, school, tmp_path):
        with pytest.raises(CommandError, match="not a file in an existing folder"):
            run(str(tmp_path / "bestaat-niet" / "uit.h5"))
        (tmp_path / "map.h5").mkdir()
        with pytest.raises(CommandError, match="not a file in an existing folder"):
            run(str(tmp_path / "map.h5"))
        with pytest.raises(CommandError, match=r"must end in \.h5 or \.hdf5"):
            run(str(tmp_path / "uit.txt"))
        with pytest.raises(CommandError, match=r"--csv must end in \.zip"):
            run(str(tmp_path / "uit.h5"), "--csv", str(tmp_path / "uit.csv"))
        assert not PrivacyLog.objects.exists()

    def test_a_folder_nobody_may_write_in_stops_with_a_clear_message(self, school):
        # /proc refuses new files even to root (the tests run as root in CI), unlike a chmod-ed folder.
        with pytest.raises(CommandError, match="cannot write there"):
            run("/proc/oefenfeed-onderzoek.h5")
        assert not PrivacyLog.objects.exists()


def _spread_events(school_class, pupils, total, weeks, before=0):
    """`total` views of posts, spread over `weeks` ISO weeks that end `before` weeks ago; one post per pupil
    per week."""
    start = timezone.now() - timedelta(weeks=weeks + before)
    per_week = total // weeks
    for week in range(weeks):
        when = start + timedelta(weeks=week)
        posts = Post.objects.bulk_create([Post(school_class=school_class, author=pupil, text="x") for pupil in pupils])
        Post.objects.filter(pk__in=[post.pk for post in posts]).update(created_at=when)
        views = []
        for index in range(per_week):
            post = posts[index // len(pupils) % len(posts)]
            views.append(PostView(post=post, pupil=pupils[index % len(pupils)], seen_at=when))
        # One view per (post, pupil): per_week stays below posts x pupils.
        PostView.objects.bulk_create(views)


def _peak_while_writing(school, tmp_path):
    export = ResearchExport([school])
    tracemalloc.start()
    try:
        write_hdf5(export, tmp_path / "groot.h5")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _memory_to_hold_every_event_row(school):
    events = next(ResearchExport([school]).tables())
    tracemalloc.start()
    try:
        rows = list(events.rows(events))
        return len(rows), tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_events(school, tmp_path):
    """Four times the events (over four times the weeks) take about the same memory, well below what holding
    every row would: the writer holds a chunk of rows, the database's chunk per kind of event and one week
    (the small run has not filled every buffer yet, hence the margin). bench/bench_research_export.py measures
    100,000 events."""
    pupils = PupilFactory.create_batch(40)
    school_class = SchoolClassFactory(school=school, groep=7, pupils=pupils)
    _spread_events(school_class, pupils, total=4_000, weeks=4)
    small = _peak_while_writing(school, tmp_path)
    _spread_events(school_class, pupils, total=12_000, weeks=12, before=4)
    large = _peak_while_writing(school, tmp_path)
    rows, holding_every_row = _memory_to_hold_every_event_row(school)
    assert rows == 16_000 + 16 * 40
    assert large < small * 2, (small, large)
    assert large < holding_every_row / 2, (large, holding_every_row)
