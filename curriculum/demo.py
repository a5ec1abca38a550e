"""Demo curriculum: the frame goals as editable data, and learning goals per grade band in our own words."""

from django.db import transaction

from accounts.choices import GradeBand
from home.models import HomePage

from .choices import Coverage, Frame
from .models import CurriculumIndexPage, FrameGoal, GoalMapping, GradeBandPage, LearningGoal

FRAME_GOALS = [
    (Frame.SLO, "ICT", "ICT-basisvaardigheden"),
    (Frame.SLO, "INFO", "Informatievaardigheden"),
    (Frame.SLO, "MEDIA", "Mediawijsheid"),
    (Frame.SLO, "CT", "Computational thinking"),
    (Frame.KERNDOEL, "21A", "Digitale systemen gebruiken en begrijpen"),
    (Frame.KERNDOEL, "21B", "Digitale media en informatie zoeken, beoordelen en gebruiken"),
    (Frame.KERNDOEL, "21C", "Omgaan met data"),
    (Frame.KERNDOEL, "21D", "Kunstmatige intelligentie herkennen en begrijpen"),
    (Frame.KERNDOEL, "22A", "Digitaal creëren"),
    (Frame.KERNDOEL, "22B", "Programmeren"),
    (Frame.KERNDOEL, "23A", "Veiligheid en privacy"),
    (Frame.KERNDOEL, "23B", "Digitale technologie, jezelf en de ander"),
    (Frame.KERNDOEL, "23C", "Digitale technologie en de samenleving"),
    (Frame.MEDIAWIJZER, "Bedienen", "Apparaten en programma's bedienen"),
    (Frame.MEDIAWIJZER, "Exploreren", "Nieuwe media en mogelijkheden verkennen"),
    (Frame.MEDIAWIJZER, "Vinden", "Informatie vinden en beoordelen"),
    (Frame.MEDIAWIJZER, "Creëren", "Zelf media maken"),
    (Frame.MEDIAWIJZER, "Verbinden", "Contact maken en samenwerken met media"),
    (Frame.MEDIAWIJZER, "Discussiëren", "Deelnemen aan gesprekken en discussies online"),
    (Frame.MEDIAWIJZER, "Doorgronden", "Begrijpen hoe media werken en wat ze met je doen"),
    (Frame.MEDIAWIJZER, "Reflecteren", "Nadenken over je eigen mediagebruik"),
    (Frame.PROTOCOL, "L1", "Leerkrachten weten genoeg om sociale media goed te onderwijzen"),
    (Frame.PROTOCOL, "L2", "Sociale media in de les: experts en actualiteit"),
    (Frame.PROTOCOL, "L3", "Leerlingen ervaren zelf wat sociale media kunnen"),
    (Frame.PROTOCOL, "L4", "Leerlingen gebruiken sociale media actief om te leren"),
    (Frame.PROTOCOL, "C2", "Niets over anderen delen zonder hun toestemming"),
    (Frame.PROTOCOL, "P3", "Negatieve ervaringen bespreken in het echt, niet online"),
    (Frame.PROTOCOL, "P4", "Toestemming vragen voor foto's, film en geluid"),
]

# (grade band, title, intro, [(goal, [(frame, code, coverage)])])
BANDS = [
    (
        GradeBand.G3_4,
        "Groep 3 en 4",
        "Jonge kinderen ontdekken dat een bericht of foto door anderen gezien wordt.",
        [
            ("Ik kan vertellen wat een bericht op internet is.", [(Frame.SLO, "MEDIA", Coverage.PARTIAL)]),
            ("Ik kan eerst vragen of ik een foto van iemand mag maken.", [(Frame.PROTOCOL, "P4", Coverage.PARTIAL)]),
            ("Ik kan aardig reageren op wat een ander maakt.", [(Frame.MEDIAWIJZER, "Verbinden", Coverage.PARTIAL)]),
        ],
    ),
    (
        GradeBand.G5_6,
        "Groep 5 en 6",
        "Leerlingen oefenen met posten en reageren, en leren dat wat online staat moeilijk weg te halen is.",
        [
            (
                "Ik kan uitleggen waarom een bericht misschien voor altijd online blijft.",
                [(Frame.KERNDOEL, "23B", Coverage.PARTIAL), (Frame.MEDIAWIJZER, "Reflecteren", Coverage.PARTIAL)],
            ),
            (
                "Ik kan zeggen van wie een foto of tekst is die ik gebruik.",
                [(Frame.KERNDOEL, "21B", Coverage.PARTIAL), (Frame.MEDIAWIJZER, "Creëren", Coverage.PARTIAL)],
            ),
            (
                "Ik kan een foto van een klasgenoot pas delen als die dat goed vindt.",
                [(Frame.PROTOCOL, "P4", Coverage.FULL), (Frame.PROTOCOL, "C2", Coverage.PARTIAL)],
            ),
            (
                "Ik kan een gemene reactie melden in plaats van terug te schelden.",
                [(Frame.PROTOCOL, "P3", Coverage.PARTIAL), (Frame.MEDIAWIJZER, "Discussiëren", Coverage.PARTIAL)],
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
                [(Frame.KERNDOEL, "21B", Coverage.FULL), (Frame.SLO, "INFO", Coverage.PARTIAL)],
            ),
            (
                "Ik kan een verborgen reclame of een gerucht herkennen.",
                [(Frame.MEDIAWIJZER, "Doorgronden", Coverage.PARTIAL), (Frame.KERNDOEL, "23C", Coverage.PARTIAL)],
            ),
            (
                "Ik kan bedenken hoe een bericht overkomt voordat ik het plaats.",
                [(Frame.MEDIAWIJZER, "Reflecteren", Coverage.FULL), (Frame.PROTOCOL, "L3", Coverage.PARTIAL)],
            ),
            (
                "Ik kan uitleggen welke gegevens over mij online staan en wie ze kan zien.",
                [(Frame.KERNDOEL, "23A", Coverage.PARTIAL)],
            ),
        ],
    ),
]


@transaction.atomic
def seed(stdout):
    goals = {}
    for frame, code, title in FRAME_GOALS:
        goals[(frame, code)], _ = FrameGoal.objects.get_or_create(frame=frame, code=code, defaults={"title": title})
    home = HomePage.objects.first()
    index = CurriculumIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=CurriculumIndexPage(
                title="Curriculum digitale geletterdheid",
                slug="curriculum",
                intro="<p>Wat leren onze leerlingen over sociale media, per groep? "
                "Elk leerdoel is gekoppeld aan de kerndoelen, SLO, Mediawijzer en ons protocol.</p>",
            )
        )
    for band, title, intro, band_goals in BANDS:
        if GradeBandPage.objects.child_of(index).filter(grade_band=band).exists():
            continue
        page = GradeBandPage(title=title, slug=f"groep-{band}", grade_band=band, intro=f"<p>{intro}</p>")
        for order, (text, mappings) in enumerate(band_goals):
            goal = LearningGoal(text=text, sort_order=order)
            goal.mappings = [
                GoalMapping(frame_goal=goals[(frame, code)], coverage=coverage, sort_order=i)
                for i, (frame, code, coverage) in enumerate(mappings)
            ]
            page.goals.add(goal)
        index.add_child(instance=page)
    stdout.write("Demo curriculum ready.")
