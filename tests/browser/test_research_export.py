"""A coordinator downloads the anonymised research export from the start page and h5py opens it; parents reach
the privacy page from the footer without logging in; the register of processing activities is printable.
Every page passes axe-core's WCAG 2.1 A/AA rules."""

import h5py
from playwright.sync_api import expect

from privacy.research import SCHEMA_VERSION, K
from tests.factories import CoordinatorFactory, PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import CommentFactory, PostFactory


def test_a_coordinator_downloads_the_research_export_and_h5py_opens_it(context, login_as, tmp_path, assert_accessible):
    coordinator = CoordinatorFactory(username="coordinator", first_name="Marieke")
    teacher = TeacherFactory(school=coordinator.school)
    pupils = [PupilFactory(first_name=name) for name in ["Sanne", "Daan", "Noor", "Sem", "Lotte"]]
    assert len(pupils) == K
    school_class = SchoolClassFactory(school=coordinator.school, groep=6, teachers=[teacher], pupils=pupils)
    for pupil in pupils:
        post = PostFactory(school_class=school_class, author=pupil, text=f"Groetjes van {pupil.first_name}")
        CommentFactory(post=post, author=pupil, text="Leuk!")

    page = login_as(coordinator)
    page.goto("/coordinator/")
    page.get_by_role("link", name="Export voor onderzoek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export voor onderzoek")
    assert_accessible(page, "the research export page")
    expect(page.get_by_label("HDF5 (.h5): één bestand, voor Python, R of MATLAB")).to_be_checked()
    with page.expect_download() as info:
        page.get_by_role("button", name="Export downloaden").click()
    download = info.value
    assert download.suggested_filename.startswith("oefenfeed-onderzoek-school-")
    assert download.suggested_filename.endswith(".h5")
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    with h5py.File(target, "r") as hdf:
        assert hdf.attrs["schema_version"] == SCHEMA_VERSION
        assert hdf.attrs["k"] == K
        events = hdf[f"{school_class.school_year}/5-6/events"]
        assert events.attrs["rows"] == 2 * K
        assert sorted({event.decode() for event in events["event"][()]}) == ["comment", "post"]
    content = target.read_bytes()
    assert b"Sanne" not in content and b"Groetjes" not in content


def test_parents_find_the_privacy_page_in_the_footer(page, assert_accessible):
    page.goto("/")
    page.get_by_role("link", name="Privacy: wat bewaren we? (voor ouders)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy: wat Oefenfeed over uw kind bewaart")
    expect(page.get_by_role("heading", name="Hoe lang bewaren we het?")).to_be_visible()
    assert_accessible(page, "the parents' privacy page")


def test_a_coordinator_opens_the_register_from_the_overview(login_as, assert_accessible):
    coordinator = CoordinatorFactory(username="coordinator", first_name="Marieke")
    page = login_as(coordinator)
    page.goto("/privacy/leerlingen/")
    page.get_by_role("link", name="Verwerkingsregister").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwerkingsregister")
    expect(page.get_by_role("button", name="Printen")).to_be_visible()
    assert_accessible(page, "the register of processing activities")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Printen")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
