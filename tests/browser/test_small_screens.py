"""Phones and paper. At 360 px wide no main page scrolls sideways and the header stays within 80 px, for a
pupil, a teacher and someone not logged in; and the login cards print on A4 with every card's content inside
its cut lines."""

import re

import pytest
from django.urls import reverse

from sandbox_feed.models import Post
from tests.factories import PupilFactory, SchoolClassFactory, SchoolFactory, TeacherFactory

PHONE = {"width": 360, "height": 740}
MAX_HEADER_HEIGHT = 80

# How wide the page is, how tall the header, and which elements stick out past the right edge (for the message).
MEASURE = """() => {
  const header = document.querySelector('.site-header');
  const wide = Array.from(document.querySelectorAll('body *'))
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter((el) => !el.closest('.site-header nav') && !(el.parentElement && el.parentElement.closest('.table-scroll')))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className}`);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    header: header ? header.getBoundingClientRect().height : 0,
    wide,
  };
}"""


@pytest.fixture
def classroom():
    school = SchoolFactory(name="OBS De Esch")
    teacher = TeacherFactory(
        username="juf.mirjam", first_name="Mirjam", last_name="van den Berg-Hoogeveen", school=school
    )
    pupils = [PupilFactory(first_name=name, initial="B") for name in ("Sanne", "Daan", "Noor", "Mohammed")]
    school_class = SchoolClassFactory(
        school=school,
        name="Groep 7/8 De Uilen",
        groep=7,
        groep_tot=8,
        join_code="G78UIL",
        teachers=[teacher],
        pupils=pupils,
    )
    Post.objects.create(
        school_class=school_class,
        author=pupils[0],
        text="Kijk eens: https://www.voorbeeld.nl/een/heel/lang/adres/dat/niet/op/een/telefoon/past/zonder/af/te/breken",
    )
    return school_class, teacher, pupils


def phone_page(browser, live_server, session_for, user=None):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE, is_mobile=True)
    context.set_default_timeout(10_000)
    if user is not None:
        name, value = session_for(user)
        context.add_cookies([{"name": name, "value": value, "url": live_server.url}])
    return context, context.new_page()


def check_pages(page, urls):
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response.ok, f"{url} answered {response.status}"
        measured = page.evaluate(MEASURE)
        if measured["scrollWidth"] > PHONE["width"]:
            problems.append(f"{url} is {measured['scrollWidth']} px wide: {measured['wide']}")
        if measured["header"] > MAX_HEADER_HEIGHT:
            problems.append(f"{url}: the header is {measured['header']:.0f} px high")
    return problems


def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, session_for, classroom, context):
    # `context` makes sure Wagtail's base data is there; these pages open in phone-sized contexts of their own.
    school_class, teacher, pupils = classroom
    pk = school_class.pk
    problems = []

    phone, page = phone_page(browser, live_server, session_for)
    try:
        problems += check_pages(
            page,
            [
                "/",
                reverse("accounts:pupil_class_code"),
                reverse("accounts:pupil_pick_name", args=[school_class.join_code]),
                reverse("accounts:pupil_picture_code", args=[school_class.join_code, pupils[0].pk]),
                reverse("accounts:login"),
                reverse("privacy:parents"),
            ],
        )
    finally:
        phone.close()

    phone, page = phone_page(browser, live_server, session_for, pupils[0])
    try:
        problems += check_pages(
            page,
            [
                reverse("home:pupil"),
                reverse("sandbox_feed:feed", args=[pk]),
                reverse("sandbox_feed:footprint", args=[pk]),
                reverse("h5p:my_results"),
            ],
        )
    finally:
        phone.close()

    phone, page = phone_page(browser, live_server, session_for, teacher)
    try:
        problems += check_pages(
            page,
            [
                reverse("home:teacher"),
                reverse("accounts:class_list"),
                reverse("accounts:class_detail", args=[pk]),
                reverse("accounts:class_edit", args=[pk]),
                reverse("accounts:login_cards", args=[pk]),
                reverse("sandbox_feed:feed", args=[pk]),
                reverse("sandbox_feed:wall", args=[pk]),
                reverse("sandbox_feed:queue"),
                reverse("sandbox_feed:consent", args=[pk]),
                reverse("sandbox_feed:audit", args=[pk]),
                reverse("sandbox_feed:moderation_settings", args=[pk]),
                reverse("lessons:run_history", args=[pk]),
                reverse("h5p:results_index"),
            ],
        )
    finally:
        phone.close()
    assert not problems, "\n".join(problems)


def test_the_picture_code_grid_fits_a_phone(browser, live_server, session_for, classroom, context):
    school_class, _teacher, pupils = classroom
    phone, page = phone_page(browser, live_server, session_for)
    try:
        page.goto(reverse("accounts:pupil_picture_code", args=[school_class.join_code, pupils[0].pk]))
        grid = page.locator(".picture-step:not([hidden]) .picture-grid").first.bounding_box()
        assert grid["x"] >= 0
        assert grid["x"] + grid["width"] <= PHONE["width"]
        tile = page.locator(".picture-step:not([hidden]) .picture-tile").first.bounding_box()
        assert tile["width"] >= 48 and tile["height"] >= 48  # still a big touch target
    finally:
        phone.close()


def card_overflows(page):
    """For every card, the children whose box sticks out of the card's border box (0.5 px slack)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.login-card')).flatMap((card, index) => {
             const box = card.getBoundingClientRect();
             return Array.from(card.querySelectorAll('*')).filter((el) => {
               const r = el.getBoundingClientRect();
               if (r.width === 0 && r.height === 0) return false;
               return r.left < box.left - 0.5 || r.right > box.right + 0.5
                   || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
             }).map((el) => `card ${index + 1}: ${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className}`);
           })"""
    )


def test_login_cards_print_inside_their_cut_lines_on_a4(page, login_as, classroom):
    school_class, teacher, pupils = classroom
    # Long names and nine cards: one full A4 page, the tenth card on a second page.
    for index in range(6):
        pupils.append(PupilFactory(first_name=f"Maximiliaan-Alexander{index}", initial="V"))
    school_class.pupils.add(*pupils)
    assert school_class.pupils.count() == 10
    login_as(teacher, page)
    # A4 minus the 10 mm margins of the print stylesheet: 190 mm wide at 96 px per inch.
    page.set_viewport_size({"width": round(190 / 25.4 * 96), "height": 1200})
    page.emulate_media(media="print")
    page.goto(reverse("accounts:login_cards", args=[school_class.pk]))
    cards = page.locator(".login-card")
    assert cards.count() == 10
    assert card_overflows(page) == []
    first = cards.first.bounding_box()
    assert 55 <= first["width"] / 96 * 25.4 <= 65  # mm: three cards side by side
    assert first["height"] / 96 * 25.4 <= 92
    assert page.locator(".site-header").is_hidden()

    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 2, f"ten cards should take two A4 pages, not {pages}"

    # The text on the cards: where to go, the class code and the numbered pictures.
    card = cards.first
    assert card.locator(".login-card-site").inner_text() == f"Ga naar {page.url.split('/')[2]}"
    assert "G78UIL" in card.inner_text()
    assert re.fullmatch(r"1\s+\S+\s+hond\s*2\s+\S+\s+ster\s*3\s+\S+\s+appel", card.locator("ol").inner_text().strip())
