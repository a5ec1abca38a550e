"""The anonymised research export of a school with 100,000 events: peak memory and time, HDF5 and CSV zip.

Not a page, so this module has `memory()`. The school (10 classes of 30 pupils, 40 weeks of posts, comments,
emoji, views, H5P attempts and lessons: about 100,000 events) is written once into the benchmark database.
Each export runs in a fresh subprocess (`python -m bench.bench_research_export <format> <school id>`), so
nothing else this run allocated counts: the child first exports a small school (imports, caches, h5py), then
measures the peak RSS (VmHWM) around one export. For comparison a third child measures what holding every
event row in a list takes. Goal: the RSS rise of an export stays under GOAL_MB.
"""

import json
import os
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from unittest import mock

from bench.rss import ROOT, peak_rss_kb, reset_peak_rss, run_module

MB = 1024 * 1024
GOAL_MB = 24  # holding every event row of the 100,000 events takes about as much
CLASSES = 10
PUPILS = 30
WEEKS = 40
SCHOOL = "Benchschool onderzoek"
WARM_UP = "Benchschool onderzoek (opwarmen)"


def make_school():
    """The benchmark school and a small one to warm up with, made once: returns (school id, number of events)."""
    from accounts.models import School

    school = School.objects.filter(name=SCHOOL).first()
    if school is not None:
        return school.pk, None
    _fill(School.objects.create(name=WARM_UP), classes=1, weeks=2, tag="W")
    school = School.objects.create(name=SCHOOL)
    return school.pk, _fill(school, classes=CLASSES, weeks=WEEKS, tag="Z")


def _fill(school, *, classes, weeks, tag):
    """`classes` classes of PUPILS pupils, with `weeks` weeks of every kind of event (about 251 per class and week)."""
    from django.utils import timezone

    from accounts.models import SchoolClass, User
    from h5p.models import H5PAttempt, H5PContent, H5PLibrary, H5PSubContentResult
    from lessons.models import LessonRun
    from sandbox_feed.models import Comment, Post, PostView, Reaction

    teacher = User.objects.create(username=f"bench-onderzoek-juf-{tag}", role="teacher", school=school)
    library, _ = H5PLibrary.objects.get_or_create(
        machine_name="OEF.Bench", major_version=1, minor_version=0, patch_version=0, defaults={"title": "Bench"}
    )
    content = H5PContent.objects.create(title="Benchquiz", main_library=library, school=school)
    start = timezone.now() - timedelta(weeks=weeks)
    events = 0
    attempt_numbers = {}
    for number in range(classes):
        school_class = SchoolClass.objects.create(
            school=school, name=f"Onderzoek {number}", groep=5 + number % 4, join_code=f"OND{tag}{number:02d}"
        )
        school_class.teachers.add(teacher)
        pupils = school_class.add_pupils([(f"Kind{number}-{index}", "A") for index in range(PUPILS)])
        for week in range(weeks):
            when = start + timedelta(weeks=week)
            # auto_now_add fields take "now" from here: every row of this week gets the week's time.
            clock = mock.patch("django.utils.timezone.now", return_value=when)
            clock.start()
            posts = Post.objects.bulk_create(
                [Post(school_class=school_class, author=pupil, text="x") for pupil in pupils]
            )
            others = [posts[(index + 1) % PUPILS] for index in range(PUPILS)]
            comments = Comment.objects.bulk_create(
                [Comment(post=other, author=pupil, text="x") for pupil, other in zip(pupils, others, strict=True)]
            )
            reactions = Reaction.objects.bulk_create(
                [
                    Reaction(post=posts[(index + step) % PUPILS], user=pupil, kind="heart")
                    for index, pupil in enumerate(pupils)
                    for step in (1, 2)
                ]
            )
            PostView.objects.bulk_create(
                [
                    PostView(post=posts[(index + step) % PUPILS], pupil=pupil, seen_at=when)
                    for index, pupil in enumerate(pupils)
                    for step in (1, 2, 3, 4)
                ]
            )
            attempts = []
            for pupil in pupils[week % 3 :: 3]:
                attempt_numbers[pupil.pk] = attempt_numbers.get(pupil.pk, 0) + 1
                attempts.append(
                    H5PAttempt(content=content, user=pupil, number=attempt_numbers[pupil.pk], raw_score=1, max_score=2)
                )
            attempts = H5PAttempt.objects.bulk_create(attempts)
            H5PSubContentResult.objects.bulk_create(
                [
                    H5PSubContentResult(
                        attempt=attempt, sub_content_id="q1", raw_score=Decimal(index % 2), max_score=Decimal(1)
                    )
                    for index, attempt in enumerate(attempts)
                ]
            )
            clock.stop()
            LessonRun.objects.create(
                teacher=teacher,
                school_class=school_class,
                lesson_title="Bench",
                started_at=when,
                ended_at=when + timedelta(minutes=45),
            )
            events += len(posts) + len(comments) + len(reactions) + 4 * PUPILS + len(attempts) + 1
    return events


def child(mode, school_id):
    """In the subprocess: print JSON {rise_kb, rows, seconds} for one export (`mode` hdf5 or csv) of the school,
    or, for `mode` held, for keeping every event row of it in a list (the reference)."""
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    import django

    django.setup()

    from accounts.models import School
    from privacy.research import ResearchExport
    from privacy.research_files import csv_pieces, write_hdf5

    def run(schools, folder):
        research = ResearchExport(schools)
        if mode == "held":
            held = [row for table in research.tables() if table.name == "events" for row in table.rows(table)]
            return len(held)
        if mode == "hdf5":
            tables = write_hdf5(research, Path(folder) / "onderzoek.h5")
        else:
            tables = []
            with open(os.devnull, "wb") as sink:
                for piece in csv_pieces(research, tables):
                    sink.write(piece)
        return sum(table.row_count for table in tables if table.name == "events")

    with tempfile.TemporaryDirectory(prefix="oefenfeed-bench-onderzoek-") as folder:
        run([School.objects.get(name=WARM_UP)], folder)  # imports, caches, h5py, the database connection
        reset_peak_rss()
        before = peak_rss_kb()
        start = time.perf_counter()
        rows = run([School.objects.get(pk=school_id)], folder)
        seconds = time.perf_counter() - start
        print(json.dumps({"rise_kb": peak_rss_kb() - before, "rows": rows, "seconds": seconds}))


def memory():
    """Rows (label, event rows written, peak RSS rise in MB, goal in MB, seconds) for HDF5 and the CSV zip; prints
    what holding every event row takes, for comparison."""
    school_id, events = make_school()
    held = run_module("bench.bench_research_export", "held", school_id)
    print(
        f"  research export ({events or 'about 100,000'} events): holding every event row in a list would take "
        f"+{held['rise_kb'] / 1024:.1f} MB RSS ({held['rows']} rows)"
    )
    rows = []
    for mode in ("hdf5", "csv"):
        result = run_module("bench.bench_research_export", mode, school_id)
        rows.append((f"research export: {mode}", result["rows"], result["rise_kb"] / 1024, GOAL_MB, result["seconds"]))
    return rows


if __name__ == "__main__":
    child(sys.argv[1], int(sys.argv[2]))
