"""Demo curriculum: learning goals per grade band in our own words, mapped to frame goals, and the demo lessons
linked to them. The frameworks and frame goals themselves are product data (migration 0002).

Groep 1-2 has goals but no lessons yet, and a few goals of the other bands have none either: the coverage
matrix shows real gaps. Runs after lessons.demo (INSTALLED_APPS order), so the lessons exist.
"""

from django.db import transaction

from accounts.choices import GradeBand
from home.models import HomePage

from .choices import Coverage
from .models import CurriculumIndexPage, FrameGoal, GoalMapping, GradeBandPage, LearningGoal

KD, SLO, MW, PR = "kerndoelen-2025", "slo", "mediawijzer-2021", "protocol-ooe"
FULL, PART = Coverage.FULL, Coverage.PARTIAL

# (grade band, title, intro, [(goal, [(framework, frame goal code, coverage)], [(lesson slug, coverage)])])
BANDS = [
    (
        GradeBand.G1_2,
        "Groep 1 en 2",
        "De jongste kinderen ontdekken samen met de leerkracht wat je met een tablet of telefoon kunt.",
        [
            (
                "Ik kan vertellen wat ik op een tablet of telefoon zie.",
                [(KD, "21A", PART), (MW, "Bedienen", PART)],
                [],
            ),
            (
                "Ik kan stoppen als iets op een scherm niet fijn voelt en het aan de juf of meester vertellen.",
                [(KD, "23B", PART), (MW, "Reflecteren", PART)],
                [],
            ),
            (
                "Ik kan samen met de juf of meester een foto maken en vragen of iemand dat goed vindt.",
                [(PR, "P4", PART), (KD, "22A", PART)],
                [],
            ),
            (
                "Ik kan zeggen wat echt is en wat verzonnen is in een filmpje.",
                [(MW, "Doorgronden", PART), (KD, "23C", PART)],
                [],
            ),
            ("Ik kan vertellen dat een foto ook door anderen gezien kan worden.", [(KD, "23A", PART)], []),
        ],
    ),
    (
        GradeBand.G3_4,
        "Groep 3 en 4",
        "Jonge kinderen ontdekken dat een bericht of foto door anderen gezien wordt.",
        [
            (
                "Ik kan vertellen wat een bericht op internet is.",
                [(SLO, "MEDIA", PART), (KD, "21B", PART)],
                [("wat-is-een-bericht", FULL)],
            ),
            (
                "Ik kan eerst vragen of ik een foto van iemand mag maken.",
                [(PR, "P4", PART), (PR, "C2", PART)],
                [("wat-is-een-bericht", PART)],
            ),
            ("Ik kan aardig reageren op wat een ander maakt.", [(MW, "Verbinden", PART), (KD, "23B", PART)], []),
            (
                "Ik kan uitleggen dat wat ik verstuur meteen bij een ander is.",
                [(PR, "L3", PART), (KD, "21A", PART)],
                [("wat-is-een-bericht", PART)],
            ),
            (
                "Ik kan een volwassene om hulp vragen als ik online iets naars zie.",
                [(PR, "P3", PART), (KD, "23A", PART)],
                [],
            ),
        ],
    ),
    (
        GradeBand.G5_6,
        "Groep 5 en 6",
        "Leerlingen oefenen met posten en reageren, en leren dat wat online staat moeilijk weg te halen is.",
        [
            (
                "Ik kan uitleggen waarom een bericht misschien voor altijd online blijft.",
                [(KD, "23B", PART), (MW, "Reflecteren", PART), (SLO, "MEDIA", PART)],
                [("een-klik-en-het-staat-online", FULL), ("je-digitale-voetafdruk", FULL)],
            ),
            (
                "Ik kan zeggen van wie een foto of tekst is die ik gebruik.",
                [(KD, "21B", PART), (MW, "Creëren", PART)],
                [],
            ),
            (
                "Ik kan een foto van een klasgenoot pas delen als die dat goed vindt.",
                [(PR, "P4", FULL), (PR, "C2", PART)],
                [("mag-ik-jouw-foto-delen", PART)],
            ),
            (
                "Ik kan een gemene reactie melden in plaats van terug te schelden.",
                [(PR, "P3", FULL), (MW, "Discussiëren", PART)],
                [("ruzie-praat-het-uit-in-het-echt", FULL), ("aardig-blijven-online", PART)],
            ),
            (
                "Ik kan even wachten en nadenken voordat ik iets plaats.",
                [(PR, "L3", PART), (MW, "Reflecteren", PART), (KD, "23B", PART)],
                [("een-klik-en-het-staat-online", FULL), ("aardig-blijven-online", PART)],
            ),
        ],
    ),
    (
        GradeBand.G7_8,
        "Groep 7 en 8",
        "Oudere leerlingen beoordelen bronnen, citeren correct en denken na over hoe ze overkomen.",
        [
            (
                "Ik kan een citaat correct overnemen met de naam van de maker en de bron.",
                [(KD, "21B", FULL), (SLO, "INFO", PART), (KD, "22A", PART)],
                [("netjes-citeren", FULL)],
            ),
            (
                "Ik kan een verborgen reclame of een gerucht herkennen.",
                [(MW, "Doorgronden", PART), (KD, "23C", PART)],
                [],
            ),
            (
                "Ik kan bedenken hoe een bericht overkomt voordat ik het plaats.",
                [(MW, "Reflecteren", FULL), (PR, "L3", PART), (KD, "23B", PART)],
                [("je-digitale-voetafdruk", PART)],
            ),
            (
                "Ik kan uitleggen welke gegevens over mij online staan en wie ze kan zien.",
                [(KD, "23A", PART), (KD, "21C", PART)],
                [("je-digitale-voetafdruk", PART)],
            ),
            (
                "Ik kan met de klas een beleefde vraag stellen aan een expert via sociale media.",
                [(PR, "L2", FULL), (PR, "C1", PART), (MW, "Verbinden", PART)],
                [("een-vraag-aan-een-expert", FULL)],
            ),
            (
                "Ik kan uitleggen waarom je voor een foto van een ander toestemming nodig hebt.",
                [(PR, "P4", FULL), (PR, "C2", FULL), (KD, "23A", PART)],
                [("mag-ik-jouw-foto-delen", FULL)],
            ),
        ],
    ),
]


def _index():
    index = CurriculumIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.first().add_child(
            instance=CurriculumIndexPage(
                title="Curriculum digitale geletterdheid",
                slug="curriculum",
                intro="<p>Wat leren onze leerlingen over sociale media, per groep? "
                "Elk leerdoel is gekoppeld aan de kerndoelen, SLO, Mediawijzer en ons protocol.</p>",
            )
        )
    return index


def _bands(index, frame_goals):
    made = 0
    for band, title, intro, goals in BANDS:
        if GradeBandPage.objects.child_of(index).filter(grade_band=band).exists():
            continue
        page = GradeBandPage(title=title, slug=f"groep-{band}", grade_band=band, intro=f"<p>{intro}</p>")
        for order, (text, mappings, _lessons) in enumerate(goals):
            goal = LearningGoal(text=text, sort_order=order)
            goal.mappings = [
                GoalMapping(frame_goal=frame_goals[(framework, code)], coverage=coverage, sort_order=position)
                for position, (framework, code, coverage) in enumerate(mappings)
            ]
            page.goals.add(goal)
        index.add_child(instance=page)
        page.save_revision().publish()
        made += 1
    return made


def _lesson_links():
    """Each demo lesson linked to its learning goals, through a published revision (as /cms/ would)."""
    from lessons.models import LessonGoalLink, LessonPage

    goals = {(goal.page.grade_band, goal.text): goal for goal in LearningGoal.objects.select_related("page")}
    wanted = {}
    for band, _title, _intro, band_goals in BANDS:
        for text, _mappings, lessons in band_goals:
            goal = goals.get((band, text))
            for slug, coverage in lessons:
                if goal is not None:
                    wanted.setdefault(slug, []).append((goal, coverage))
    linked = 0
    for lesson in LessonPage.objects.filter(slug__in=wanted):
        if lesson.goal_links.exists():
            continue
        lesson.goal_links = [
            LessonGoalLink(goal=goal, coverage=coverage, sort_order=order)
            for order, (goal, coverage) in enumerate(wanted[lesson.slug])
        ]
        lesson.save_revision().publish()
        linked += 1
    return linked


@transaction.atomic
def seed(stdout):
    frame_goals = {(goal.framework.code, goal.code): goal for goal in FrameGoal.objects.select_related("framework")}
    index = _index()
    bands = _bands(index, frame_goals)
    linked = _lesson_links()
    goals = LearningGoal.objects.count()
    stdout.write(f"Demo curriculum ready: {bands} new grade bands, {goals} learning goals, {linked} lessons linked.")
