"""A pupil plays an H5P activity in Chromium; the teacher's results view shows the attempt and its score."""

import io
import json
import re

import pytest
from playwright.sync_api import expect

from h5p import builder
from h5p.models import H5PAttempt, H5PUserData
from h5p.storage import import_package
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory

QUESTION = {
    "question": "<p>Mag je een foto van een klasgenoot zomaar online zetten?</p>",
    "answers": [
        {"text": "Ja, als het een leuke foto is", "correct": False},
        {"text": "Nee, eerst toestemming vragen", "correct": True, "explanation": "Iedereen beslist zelf."},
    ],
}


# Transactional browser tests flush the Moderators group's permissions that a data migration made, so
# packages are imported as the server operator does (allow_libraries); permissions have unit tests.
@pytest.fixture(autouse=True)
def h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p"


def test_pupil_plays_activity_and_teacher_sees_the_score(context, login_as):
    teacher = TeacherFactory(username="juf.anouk", first_name="Anouk")
    pupil = PupilFactory(first_name="Noor", initial="V")
    school_class = SchoolClassFactory(name="Groep 6", teachers=[teacher], pupils=[pupil])
    package = builder.build_package("Fotovraag", "OEF.MultiChoice-1.0", QUESTION)
    content = import_package(io.BytesIO(package), allow_libraries=True)

    page = login_as(pupil)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"/h5p/{content.pk}/spelen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fotovraag")
    frame = page.frame_locator(".h5p-player iframe")
    frame.get_by_role("button", name="Nee, eerst toestemming vragen").click()
    frame.get_by_role("button", name="Nakijken").click()
    expect(frame.get_by_text("Goed zo!")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="opgeslagen")).to_contain_text("1 van 1 punten")
    assert errors == []

    # The player saves its state (every 5 s) through contentUserDataUrl; after a reload it continues.
    saved = None
    for _ in range(40):
        saved = H5PUserData.objects.filter(user=pupil, content=content, data_type="state").first()
        if saved is not None:
            break
        page.wait_for_timeout(500)
    assert saved is not None and json.loads(saved.data) == {"chosen": 1, "checked": True}
    page.reload()
    expect(page.frame_locator(".h5p-player iframe").get_by_text("Goed zo!")).to_be_visible()

    context.clear_cookies()
    teacher_page = login_as(teacher)
    teacher_page.goto(f"/h5p/{content.pk}/resultaten/{school_class.pk}/")
    row = teacher_page.get_by_role("row", name=re.compile("Noor V."))
    expect(row).to_contain_text("1 / 1")
    expect(row).to_contain_text("100%")


def test_two_activities_on_one_page_start_one_after_another(context, login_as, settings):
    settings.ROOT_URLCONF = "tests.h5p.two_players_urls"
    pupil = PupilFactory(first_name="Sem", initial="H")
    first = import_package(
        io.BytesIO(builder.build_package("Vraag een", "OEF.MultiChoice-1.0", QUESTION)), allow_libraries=True
    )
    post = {
        "posts": [
            {
                "author": "Daan",
                "text": "Mijn werkstuk over bijen is af!",
                "shouldPost": True,
                "reasoning": "Eigen werk.",
            }
        ]
    }
    second = import_package(
        io.BytesIO(builder.build_package("Posten?", "OEF.PostOrNot-1.0", post)), allow_libraries=True
    )

    page = login_as(pupil)
    page.goto("/test/twee-activiteiten/")
    expect(page.locator("[data-h5p-ready=true]")).to_have_count(2)
    frames = page.frame_locator(".h5p-player iframe")
    frames.nth(1).get_by_role("button", name="Posten", exact=True).click()
    expect(frames.nth(1).get_by_text("Goed gekozen!")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="opgeslagen")).to_have_count(1)
    frames.nth(0).get_by_role("button", name="Ja, als het een leuke foto is").click()
    frames.nth(0).get_by_role("button", name="Nakijken").click()
    expect(page.get_by_role("status").filter(has_text="opgeslagen")).to_have_count(2)
    assert H5PAttempt.objects.get(content=second, user=pupil).raw_score == 1
    assert H5PAttempt.objects.get(content=first, user=pupil).raw_score == 0
