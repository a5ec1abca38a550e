"""Every aria-describedby and aria-labelledby on the main pages points at elements that exist, also after a
form comes back with errors (Django's widgets point at <id>_helptext and <id>_error)."""

import pytest
from django.urls import reverse

from sandbox_feed.models import Post
from tests.factories import PupilFactory, SchoolClassFactory, SchoolFactory, TeacherFactory

MISSING_REFERENCES = """() => Array.from(document.querySelectorAll('[aria-describedby], [aria-labelledby]'))
  .flatMap((el) =>
  ['aria-describedby', 'aria-labelledby'].flatMap((attribute) =>
    (el.getAttribute(attribute) || '').split(/\\s+/).filter(Boolean)
      .filter((id) => !document.getElementById(id))
      .map((id) => `${el.tagName.toLowerCase()}#${el.id} ${attribute}="${id}"`)))"""


@pytest.fixture
def classroom():
    school = SchoolFactory(name="OBS De Esch")
    teacher = TeacherFactory(username="juf.mirjam", first_name="Mirjam", school=school)
    TeacherFactory(username="meester.ahmed", first_name="Ahmed", school=school)
    pupils = [PupilFactory(first_name=name, initial="B") for name in ("Sanne", "Daan")]
    school_class = SchoolClassFactory(
        school=school, name="Groep 6A", groep=6, join_code="G6ATST", teachers=[teacher], pupils=pupils
    )
    post = Post.objects.create(school_class=school_class, author=pupils[0], text="Hallo klas!")
    return school_class, teacher, pupils, post


def missing_on(page, urls):
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response.ok, f"{url} answered {response.status}"
        problems += [f"{url}: {problem}" for problem in page.evaluate(MISSING_REFERENCES)]
    return problems


def test_every_aria_reference_points_at_an_element(context, page, login_as, classroom):
    school_class, teacher, pupils, post = classroom
    pk = school_class.pk
    problems = missing_on(
        page,
        [
            "/",
            reverse("accounts:pupil_class_code"),
            reverse("accounts:pupil_picture_code", args=[school_class.join_code, pupils[0].pk]),
            reverse("accounts:login"),
        ],
    )

    # Forms that come back with errors point at their error messages too.
    page.goto(reverse("accounts:pupil_class_code"))
    page.get_by_role("button", name="Verder").click()
    assert page.get_by_label("Klascode").get_attribute("aria-describedby") == "id_code_helptext id_code_error"
    problems += [f"klascode met fout: {problem}" for problem in page.evaluate(MISSING_REFERENCES)]

    login_as(pupils[0])
    problems += missing_on(
        page,
        [
            reverse("home:pupil"),
            reverse("sandbox_feed:feed", args=[pk]),
            reverse("sandbox_feed:footprint", args=[pk]),
            reverse("sandbox_feed:post_edit", args=[post.pk]),
        ],
    )

    login_as(teacher)
    problems += missing_on(
        page,
        [
            reverse("home:teacher"),
            reverse("accounts:class_list"),
            reverse("accounts:class_create"),
            reverse("accounts:class_detail", args=[pk]),
            reverse("accounts:class_edit", args=[pk]),
            reverse("accounts:login_cards", args=[pk]),
            reverse("sandbox_feed:feed", args=[pk]),
            reverse("sandbox_feed:wall", args=[pk]),
            reverse("sandbox_feed:queue"),
            reverse("sandbox_feed:consent", args=[pk]),
            reverse("sandbox_feed:moderation_settings", args=[pk]),
            reverse("sandbox_feed:audit", args=[pk]),
            reverse("h5p:results_index"),
        ],
    )
    page.goto(reverse("accounts:class_create"))
    page.get_by_label("Schooljaar").fill("dit jaar")
    page.get_by_role("button", name="Klas aanmaken").click()
    assert "id_school_year_error" in page.get_by_label("Schooljaar").get_attribute("aria-describedby")
    problems += [f"nieuwe klas met fout: {problem}" for problem in page.evaluate(MISSING_REFERENCES)]

    page.goto(reverse("accounts:class_detail", args=[pk]))
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    problems += [f"leerlingen toevoegen met fout: {problem}" for problem in page.evaluate(MISSING_REFERENCES)]
    assert not problems, "\n".join(problems)
