"""A pupil logs in with class code and pictures; a teacher creates a class and prints login cards."""

import re

from playwright.sync_api import expect

from accounts.models import SchoolClass
from tests.factories import PupilFactory, SchoolClassFactory, SchoolFactory, TeacherFactory


def test_pupil_logs_in_with_class_code_and_picture_code(page):
    school_class = SchoolClassFactory(join_code="G6KLAS", name="Groep 6", groep=6)
    PupilFactory(first_name="Noor", initial="V", picture_code="raket-vis-kat")
    school_class.pupils.add(*PupilFactory._meta.model.objects.filter(first_name="Noor"))

    page.goto("/")
    page.get_by_role("link", name="Inloggen als leerling").first.click()
    page.get_by_label("Klascode").fill("g6klas")
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("link", name="Noor V.").click()

    # A wrong order first: a clear message, still on the picture page.
    for step, key in zip(["Eerste plaatje", "Tweede plaatje", "Derde plaatje"], ["vis", "raket", "kat"], strict=True):
        page.get_by_role("group", name=step).get_by_label(key).check()
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("goede volgorde")

    for step, key in zip(["Eerste plaatje", "Tweede plaatje", "Derde plaatje"], ["raket", "vis", "kat"], strict=True):
        page.get_by_role("group", name=step).get_by_label(key).check()
    expect(page.get_by_role("list", name="Gekozen plaatjes")).to_contain_text("🚀🐟🐱")
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/leerling/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoi Noor!")


def test_picture_code_can_be_entered_with_the_keyboard_only(page):
    school_class = SchoolClassFactory(join_code="G5KEYS")
    pupil = PupilFactory(first_name="Sem", initial="H", picture_code="hond-kat-fiets")
    school_class.pupils.add(pupil)
    page.goto(f"/leerling/inloggen/G5KEYS/{pupil.pk}/")
    # One row at a time: arrow keys choose inside a row, Enter goes to the next row, as a keyboard user would.
    page.get_by_role("group", name="Eerste plaatje").get_by_label("hond").focus()
    page.keyboard.press("Space")
    expect(page.locator(".picture-progress")).to_have_text("Plaatje 1 van 3")
    page.keyboard.press("Enter")
    expect(page.locator(".picture-progress")).to_have_text("Plaatje 2 van 3")
    expect(page.get_by_role("button", name="Inloggen")).to_be_hidden()
    page.keyboard.press("ArrowRight")  # hond -> kat
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # hond -> kat -> fiets
    page.keyboard.press("Enter")
    expect(page.locator(".picture-progress")).to_have_text("Klaar! Druk op Inloggen.")
    expect(page.get_by_role("button", name="Inloggen")).to_be_focused()
    expect(page.get_by_role("button", name="Terug")).to_be_enabled()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/leerling/$"))


def test_teacher_creates_a_class_adds_pupils_and_prints_login_cards(page):
    school = SchoolFactory()
    TeacherFactory(username="juf.anouk", first_name="Anouk", school=school, password="een-goed-wachtwoord")

    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("juf.anouk")
    page.get_by_label("Wachtwoord").fill("een-goed-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anouk")

    page.get_by_role("link", name="Nieuwe klas").first.click()
    page.get_by_label("Naam").fill("Groep 7C")
    page.get_by_label("Groep", exact=True).select_option("7")
    page.get_by_role("button", name="Klas aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Groep 7C")

    page.get_by_label("Namen van leerlingen").fill("Mila Koster\nTeun de Boer\nAya Benali")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("3 leerlingen toegevoegd")
    expect(page.get_by_role("row", name=re.compile("Teun B."))).to_be_visible()

    page.get_by_role("link", name="Inlogkaarten printen").click()
    cards = page.locator(".login-card")
    expect(cards).to_have_count(3)
    expect(cards.first.locator("svg")).to_be_visible()
    code = SchoolClass.objects.get(name="Groep 7C").join_code
    expect(cards.first).to_contain_text(code)

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Printen")).to_be_hidden()
    expect(cards.nth(2)).to_be_visible()
