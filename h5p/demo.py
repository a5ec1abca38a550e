"""Demo H5P activities built from our own content types and imported through the normal validation."""

import io

from . import builder, xapi
from .models import H5PAttempt, H5PContent
from .storage import import_package

# Our own activities, shared as schools share theirs: shown in the "Gebruiksrechten" box under each one.
RIGHTS = {
    "license": "CC BY-SA",
    "licenseVersion": "4.0",
    "authors": [{"name": "Team Oefenfeed", "role": "Author"}],
    "yearFrom": 2026,
    "licenseExtras": "Vrij te gebruiken en aan te passen op school, met naamsvermelding.",
}
QUIZ_TITLE = "Quiz: denk na voor je post"
# Which quiz questions each demo pupil got right, in turn: question 2 ("verwijderen is niet weg") is the one
# the class finds hard, so the teacher's results page has something to show. Some pupils try twice.
DEMO_ANSWERS = [(True, False, True), (True, True, True), (True, False, False), (False, False, True), (True, True, True)]

POST_OR_NOT = {
    "intro": (
        "<p>Lees elk bericht. Zou jij het <strong>posten</strong>? Veeg naar rechts om te "
        "posten, naar links om het niet te doen, of gebruik de knoppen.</p>"
    ),
    "posts": [
        {
            "author": "Lotte (groep 7)",
            "text": "Wat een gave schoolreis vandaag! Hier is een foto van iedereen in de bus 🚌",
            "shouldPost": False,
            "reasoning": (
                "<p>Op de foto staan klasgenoten. Vraag eerst of zij (en hun ouders) het goed "
                "vinden. Zonder toestemming post je het niet.</p>"
            ),
        },
        {
            "author": "Daan",
            "text": "Ik heb net mijn eerste werkstuk over bijen af. Trots!",
            "shouldPost": True,
            "reasoning": (
                "<p>Je deelt je eigen werk en er staat niets persoonlijks van anderen in. Dat mag je gerust posten.</p>"
            ),
        },
        {
            "author": "Sem",
            "text": "Mijn adres is Dorpsstraat 12, kom vanmiddag maar langs!",
            "shouldPost": False,
            "reasoning": (
                "<p>Een adres is persoonlijke informatie. Wat online staat, krijg je bijna niet "
                "meer weg. Stuur het liever privé aan iemand die je kent.</p>"
            ),
        },
        {
            "author": "Noor",
            "text": "Die nieuwe jongen is echt zo raar, niemand wil naast hem zitten haha",
            "shouldPost": False,
            "reasoning": (
                "<p>Dit kwetst iemand. Denk aan de netiquette: behandel anderen online zoals je "
                "zelf behandeld wilt worden.</p>"
            ),
        },
    ],
}

QUESTIONS = [
    {
        "question": "<p>Je wilt een foto van je vriendin op het klassenprikbord zetten. Wat doe je eerst?</p>",
        "answers": [
            {"text": "Gewoon plaatsen, het is een leuke foto", "correct": False},
            {
                "text": "Haar vragen of ze het goed vindt",
                "correct": True,
                "explanation": "Iedereen bepaalt zelf of een foto van hem of haar online komt.",
            },
            {"text": "De foto eerst bewerken", "correct": False},
        ],
    },
    {
        "question": "<p>Je hebt per ongeluk iets gemeens gepost. Wat is waar?</p>",
        "answers": [
            {"text": "Als ik het verwijder, is het voor altijd weg", "correct": False},
            {
                "text": "Iemand kan er al een schermafbeelding van hebben gemaakt",
                "correct": True,
                "explanation": "Wat online staat, blijft vaak bewaard, ook als je het weghaalt.",
            },
        ],
    },
    {
        "question": "<p>Je gebruikt een stukje tekst van een website in je bericht. Wat hoort erbij?</p>",
        "answers": [
            {"text": "Niets, internet is van iedereen", "correct": False},
            {
                "text": "Aanhalingstekens en de naam van de bron",
                "correct": True,
                "explanation": "Zo laat je zien wat van een ander komt: dat heet citeren.",
            },
        ],
    },
]

ACTIVITIES = [
    ("Zou jij dit posten?", "OEF.PostOrNot-1.0", POST_OR_NOT),
    (
        QUIZ_TITLE,
        "OEF.Quiz-1.0",
        {
            "title": "Denk na voor je post",
            "questions": [
                {"library": "OEF.MultiChoice 1.0", "params": question, "subContentId": f"demo-vraag-{index}"}
                for index, question in enumerate(QUESTIONS, start=1)
            ],
        },
    ),
    ("Vraag: een foto van een klasgenoot", "OEF.MultiChoice-1.0", QUESTIONS[0]),
]


def seed(stdout):
    from accounts.models import User

    # Uploaded by the demo coordinator (accounts' demo runs first), so they belong to the demo school and the
    # coordinator manages them in /cms/. Without it: activities for all schools.
    uploader = User.objects.filter(username="coordinator").first()
    made = 0
    for title, folder, content in ACTIVITIES:
        if H5PContent.objects.filter(title=title).exists():
            continue
        package = builder.build_package(title, folder, content, metadata=RIGHTS)
        import_package(io.BytesIO(package), user=uploader, title=title, allow_libraries=True)
        made += 1
    stdout.write(f"Demo H5P activities ready ({made} new, {H5PContent.objects.count()} in total).")
    seed_results(stdout)


def _statement(iri, verb, raw, maximum, sub_content_id="", description=""):
    """A statement as the player sends it; the server sets the actor, so none is given."""
    definition = {"interactionType": "choice", "description": {"nl-NL": description}}
    object_id = f"{iri}?subContentId={sub_content_id}" if sub_content_id else iri
    return {
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"id": object_id, "objectType": "Activity", "definition": definition},
        "result": {"score": {"raw": raw, "max": maximum}, "completion": True, "success": raw == maximum},
    }


def seed_results(stdout, base_url="http://127.0.0.1:8000"):
    """The quiz played by most pupils of the first demo class, so per-question results show for the teacher."""
    from django.urls import reverse

    from accounts.models import SchoolClass

    quiz = H5PContent.objects.filter(title=QUIZ_TITLE).first()
    school_class = SchoolClass.objects.filter(pupils__isnull=False).order_by("groep", "pk").first()
    if quiz is None or school_class is None or H5PAttempt.objects.filter(content=quiz).exists():
        return
    iri = base_url + reverse("h5p:play", args=[quiz.pk])
    pupils = list(school_class.ordered_pupils())
    played = pupils[: len(pupils) * 3 // 4]  # a few have not done it yet
    for index, pupil in enumerate(played):
        tries = [DEMO_ANSWERS[index % len(DEMO_ANSWERS)]]
        if index % 4 == 2:
            tries.append((True, True, True))  # tried again after the class discussion
        for rights in tries:
            for number, (right, question) in enumerate(zip(rights, QUESTIONS, strict=True), start=1):
                answered = _statement(iri, "answered", int(right), 1, f"demo-vraag-{number}", question["question"])
                xapi.record(quiz, pupil, answered, object_iri=iri, home_page=base_url + "/")
            completed = _statement(iri, "completed", sum(rights), len(rights))
            xapi.record(quiz, pupil, completed, object_iri=iri, home_page=base_url + "/")
    stdout.write(f"Demo quiz results: {len(played)} pupils of {school_class.name}.")
