"""Lesson pages for tests: a home page as site root, the library under it, lessons with a few steps."""

import wagtail_factories
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from lessons.models import LerenGoalTag, LessonIndexPage, LessonPage, ThemeTag

NOTE_TEXT = "Geheime tip voor de juf"


def make_home():
    home = HomePage.objects.first()
    if home is None:
        # Browser tests flush the database between tests, Wagtail's locale and root page included.
        Locale.objects.get_or_create(language_code="nl")
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=HomePage(title="Oefenfeed", slug="oefenfeed"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home


def make_library():
    index = LessonIndexPage.objects.first()
    if index is None:
        index = make_home().add_child(instance=LessonIndexPage(title="Lessen", slug="lessen"))
    return index


def credited(image, **overrides):
    value = {
        "image": image,
        "alt_text": "Een tekening",
        "maker": "Juf Els",
        "source": "Eigen tekening",
        "licence": "eigen-werk",
    }
    value.update(overrides)
    return value


def default_steps(image=None):
    image = image or wagtail_factories.ImageFactory()
    return [
        ("discussion_question", {"question": "Wat weet je al over berichten?", "prompts": ["Vertel het je buur."]}),
        ("teacher_note", {"text": f"<p>{NOTE_TEXT}: begin met een rondje.</p>"}),
        (
            "text_with_image",
            {"heading": "Eén klik", "text": "<p>Een bericht staat meteen online.</p>", "image": credited(image)},
        ),
        (
            "scenario_card",
            {
                "author": "Sam",
                "post_text": "Kijk mijn nieuwe fiets!",
                "picture_description": "",
                "question": "Zou jij dit plaatsen?",
                "choices": [
                    {"label": "Ja", "feedback": "Het is je eigen fiets."},
                    {"label": "Nee", "feedback": "Ook prima."},
                ],
                "reasoning": "Je eigen spullen mag je laten zien.",
            },
        ),
        ("discussion_question", {"question": "Wat neem je mee?", "prompts": []}),
    ]


def make_lesson(
    title="Eén klik en het staat online",
    grade_band="5-6",
    duration=45,
    goals=("L1",),
    themes=("realtime",),
    steps=None,
    slug=None,
    live=True,
):
    index = make_library()
    lesson = LessonPage(
        title=title,
        slug=slug or "",
        aim="Na deze les kun je uitleggen dat een bericht meteen online staat.",
        grade_band=grade_band,
        duration=duration,
        steps=steps if steps is not None else default_steps(),
        live=live,
    )
    # get_or_create: browser tests flush the rows the data migration made.
    lesson.leren_goals = [LerenGoalTag.objects.get_or_create(code=code)[0] for code in goals]
    lesson.themes = [ThemeTag.objects.get_or_create(code=code)[0] for code in themes]
    index.add_child(instance=lesson)
    return lesson
