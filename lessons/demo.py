"""Demo lesson library: eight Dutch lessons grounded in the OOE protocol, with images drawn in code."""

# ruff: noqa: E501 - lesson prose reads better unbroken than wrapped at 120 characters

import datetime
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Workflow, WorkflowPage

from curriculum.review import REVIEW_WORKFLOW_NAME
from h5p.models import H5PContent
from home.models import HomePage

from .demo_images import DRAWINGS, png_bytes
from .models import LerenGoalTag, LessonIndexPage, LessonPage, LessonRun, ThemeTag

MAKER = "Oefenfeed-team (getekend met code)"
SOURCE = "Oefenfeed demo-afbeeldingen"
WORKFLOW_NAME = REVIEW_WORKFLOW_NAME
# Lessons each demo class was given, and how many days ago: class progress, the coverage matrix and the
# dashboard show something real. Groep 6 had the footprint quiz, whose demo results h5p.demo makes.
GIVEN = {
    "G6DEMO": [("een-klik-en-het-staat-online", 75), ("je-digitale-voetafdruk", 40), ("aardig-blijven-online", 9)],
    "G8DEMO": [("netjes-citeren", 61), ("een-vraag-aan-een-expert", 26)],
}


def picture(key, alt):
    return {"image": key, "alt_text": alt, "maker": MAKER, "source": SOURCE, "licence": "eigen-werk"}


def text(heading, html, key, alt):
    return ("text_with_image", {"heading": heading, "text": html, "image": picture(key, alt)})


def image(heading, key, alt):
    return ("image", {"heading": heading, "image": picture(key, alt)})


def question(q, *prompts):
    return ("discussion_question", {"question": q, "prompts": list(prompts)})


def scenario(author, post, picture_description, choices, reasoning):
    return (
        "scenario_card",
        {
            "author": author,
            "post_text": post,
            "picture_description": picture_description,
            "question": "Zou jij dit plaatsen?",
            "choices": [{"label": label, "feedback": feedback} for label, feedback in choices],
            "reasoning": reasoning,
        },
    )


def note(html):
    return ("teacher_note", {"text": html})


def feed_assignment(prompt, hint=""):
    """A step "opdracht in de feed": in a running lesson the prompt goes into the class feed, pinned."""
    return ("feed_assignment", {"prompt": prompt, "teacher_hint": hint})


LESSONS = [
    {
        "slug": "een-klik-en-het-staat-online",
        "title": "Eén klik en het staat online",
        "aim": "Na deze les kun je uitleggen dat een bericht meteen online staat en even wachten voordat je iets plaatst.",
        "grade_band": "5-6",
        "duration": 45,
        "goals": ["L1", "L3"],
        "themes": ["realtime", "altijd-online", "C4"],
        "steps": [
            question(
                "Hoe snel denk jij dat een bericht bij iemand anders is?",
                "Heb je weleens iets verstuurd en daarna gedacht: oei?",
                "Wie kan een bericht allemaal zien?",
            ),
            note("<p>Laat een paar leerlingen vertellen. Schrijf de snelste en de traagste schatting op het bord.</p>"),
            text(
                "Realtime: het gaat meteen",
                "<p>Als je op <b>plaatsen</b> drukt, staat je bericht binnen een seconde online. "
                "Iedereen die je volgt, kan het direct zien. Er zit geen juf of meester tussen die eerst meeleest.</p>",
                "realtime",
                "Een telefoon met een nieuw bericht en een bliksemschicht.",
            ),
            scenario(
                "Sam (11)",
                "Wat een saaie gymles vandaag 😴 die meester snapt er niks van",
                "",
                [
                    ("Ja, plaatsen", "Je bent boos, maar straks lezen je meester en je klasgenoten het meteen."),
                    ("Nee, niet plaatsen", "Goed gezien: dit kwetst iemand en het staat meteen online."),
                    ("Eerst tien tellen wachten", "Slim: vaak voel je je na even wachten al anders."),
                ],
                "Wie boos is, typt snel. Omdat een bericht meteen online staat, is even wachten een goede gewoonte. "
                "Vertel wat je dwarszit liever aan iemand in het echt.",
            ),
            question(
                "Wat kun je doen voordat je op plaatsen drukt?",
                "Tel tot tien.",
                "Lees je bericht hardop voor jezelf.",
                "Zou je het ook zeggen als die persoon naast je staat?",
            ),
            image("Jullie stopknop", "klas", "Een klas kijkt samen naar het bord met de tekst: Vandaag: posten!"),
            note(
                "<p>Opdracht: laat tweetallen een eigen 'stopknop-regel' bedenken en op een briefje schrijven. "
                "Hang de briefjes bij het bord.</p>"
            ),
            feed_assignment(
                "Jouw stopknop-regel: wat doe jij voordat je iets plaatst? Schrijf het als reactie onder dit bericht.",
                "Laat de antwoorden op het bord staan en kies er samen drie die de klas als afspraak ophangt.",
            ),
            question("Wat neem je mee uit deze les?", "Maak de zin af: voordat ik iets plaats, ..."),
        ],
    },
    {
        "slug": "je-digitale-voetafdruk",
        "title": "Je digitale voetafdruk",
        "aim": "Na deze les kun je vertellen waarom iets wat online staat moeilijk weg te halen is.",
        "grade_band": "7-8",
        "duration": 45,
        "goals": ["L3", "L4"],
        "themes": ["altijd-online", "netiquette", "P2"],
        "steps": [
            question(
                "Als je iets verwijdert, is het dan echt weg?",
                "Wat gebeurt er als iemand er al een schermafbeelding van maakte?",
            ),
            text(
                "Sporen die blijven",
                "<p>Alles wat je online zet, laat een spoor achter: een <b>digitale voetafdruk</b>. "
                "Anderen kunnen je bericht opslaan, doorsturen of er een schermafbeelding van maken. "
                "Weghalen lukt daarom vaak niet meer helemaal.</p>",
                "voetafdruk",
                "Voetstappen in twee kleuren die over het beeld lopen.",
            ),
            note(
                "<p>Vertel eventueel dat bedrijven en scholen soms online zoeken naar iemands naam. "
                "Houd het luchtig: het gaat om bewust kiezen, niet om bang worden.</p>"
            ),
            scenario(
                "Lina (12)",
                "Haha kijk mijn broertje, hij slaapt met zijn mond open 😂",
                "Een foto van een slapend jongetje in pyjama.",
                [
                    (
                        "Ja, het is grappig",
                        "Nu wel, maar je broertje vindt dit over een paar jaar misschien vreselijk.",
                    ),
                    ("Nee", "Goed: deze foto blijft rondgaan, ook als je hem later weghaalt."),
                    ("Eerst aan mijn broertje vragen", "Netjes. En ook dan: past dit bij hoe hij gezien wil worden?"),
                ],
                "Wat online staat, blijft vaak bestaan. Denk dus aan hoe jij en anderen overkomen, nu en later.",
            ),
            question(
                "Zoek je eigen voetafdruk: wat zou iemand over jou kunnen vinden?",
                "Denk aan foto's, filmpjes, reacties en spelletjes.",
                "Wat vind je daar prima en wat liever niet?",
            ),
            question("Welke afspraak maak jij met jezelf?", "Schrijf één afspraak op en vertel hem aan je buur."),
        ],
    },
    {
        "slug": "mag-ik-jouw-foto-delen",
        "title": "Mag ik jouw foto delen?",
        "aim": "Na deze les kun je uitleggen waarom je toestemming vraagt voordat je een foto van iemand plaatst.",
        "grade_band": "7-8",
        "duration": 45,
        "goals": ["L1", "L3"],
        "themes": ["auteursrecht", "P4", "C2"],
        "steps": [
            question(
                "Zou jij het fijn vinden als iemand zomaar een foto van jou online zet?",
                "Bij welke foto wel, en bij welke niet?",
            ),
            text(
                "Portretrecht: jouw gezicht is van jou",
                "<p>Staat iemand herkenbaar op een foto of filmpje? Dan vraag je <b>eerst</b> of je het mag plaatsen. "
                "Ook als het gezicht half bedekt is, kan iemand herkenbaar zijn. Voor kinderen onder de 16 geven "
                "de ouders toestemming. Daarom vraagt de school ouders ook om toestemming voor foto's van leerlingen.</p>",
                "camera",
                "Een fototoestel en een persoon met een vraagteken ernaast.",
            ),
            scenario(
                "Groep 8 Zonnebloem",
                "Wat een gave schoolreis! Hier zie je Tim van de glijbaan gaan 🎢",
                "Een foto waarop Tim duidelijk te zien is, nat en met een rood hoofd.",
                [
                    ("Ja, het is een leuke foto", "Misschien, maar Tim (en zijn ouders) moeten dat zelf mogen zeggen."),
                    ("Eerst Tim en zijn ouders vragen", "Precies: toestemming vóór het plaatsen."),
                    ("Een foto zonder herkenbare kinderen kiezen", "Ook een goede oplossing."),
                ],
                "Foto's, filmpjes en geluid van leerlingen publiceer je alleen met toestemming. Stilte is geen ja: "
                "je moet echt 'ja' horen. En wie eerst ja zei, mag later nee zeggen.",
            ),
            note(
                "<p>Koppel dit aan de school: de school vraagt ouders elk jaar opnieuw om toestemming per kanaal "
                "(website, nieuwsbrief, ouderapp). Laat eventueel het formulier zien zonder namen.</p>"
            ),
            question(
                "Hoe vraag je toestemming op een aardige manier?",
                "Oefen in tweetallen: vraag, en accepteer ook een nee.",
            ),
            image("Eerst vragen, dan delen", "camera", "Een fototoestel en een persoon met een vraagteken."),
            question("Wat is het belangrijkste dat je vandaag leerde?", "Maak af: voordat ik een foto deel, ..."),
        ],
    },
    {
        "slug": "netjes-citeren",
        "title": "Netjes citeren: wie heeft het gemaakt?",
        "aim": "Na deze les kun je een stukje tekst van een ander goed citeren en de maker en bron noemen.",
        "grade_band": "7-8",
        "duration": 60,
        "goals": ["L2", "L4"],
        "themes": ["auteursrecht", "C3"],
        "steps": [
            question(
                "Je vindt een mooi gedicht online. Mag je het zomaar op je eigen pagina zetten?",
                "Wie heeft het gemaakt?",
                "Wat zou de maker ervan vinden?",
            ),
            text(
                "Auteursrecht en citaatrecht",
                "<p>Wat iemand maakt, zoals een tekst, tekening of foto, is van die maker: dat heet "
                "<b>auteursrecht</b>. Je mag een klein stukje overnemen als <b>citaat</b>, als je:</p>"
                "<ul><li>er zelf iets over schrijft (jouw tekst is het grootste deel);</li>"
                "<li>het precies overneemt, tussen aanhalingstekens;</li>"
                "<li>de maker en de bron noemt.</li></ul>"
                "<p>Een hele foto, tekening of gedicht mag je meestal niet overnemen zonder toestemming of licentie.</p>",
                "citaat",
                "Een tekstvak met aanhalingstekens en de woorden: bron.",
            ),
            scenario(
                "Daan (12)",
                "Mijn spreekbeurt over wolven! Alle tekst en foto's komen van een natuursite 🐺",
                "Vijf foto's van wolven van een natuurfotograaf, zonder naam erbij.",
                [
                    (
                        "Ja, het is voor school",
                        "Voor school in een gesloten klas mag soms meer, maar online is het openbaar.",
                    ),
                    ("Nee, eerst bronnen en makers noemen", "Goed: en de foto's alleen met toestemming of licentie."),
                ],
                "Daan plaatst werk van anderen zonder te zeggen van wie het is. Dat mag niet en kan zelfs een boete "
                "opleveren. Beter: eigen woorden, een kort citaat met bron, en zelfgemaakte of vrij te gebruiken foto's.",
            ),
            note(
                "<p>De afbeeldingen in deze les hebben zelf ook een maker, bron en licentie. Wijs de leerlingen op "
                "de regel onder elke afbeelding: zo ziet een goede bronvermelding eruit.</p>"
            ),
            question(
                "Oefening: schrijf een bericht over een boek dat je leest, met één citaat.",
                "Staat het citaat tussen aanhalingstekens?",
                "Noem je de schrijver en de titel?",
                "Is jouw eigen tekst langer dan het citaat?",
            ),
            feed_assignment(
                "Welk boek lees jij nu? Zet er één zin uit tussen aanhalingstekens en noem de schrijver en de titel.",
                "Zet namen verbergen aan op de muur en bespreek samen een paar antwoorden: klopt de bronvermelding?",
            ),
            question("Wissel uit: controleer het bericht van je buur met de drie regels."),
            question("Waarom is het eerlijk om de maker te noemen?"),
        ],
    },
    {
        "slug": "aardig-blijven-online",
        "title": "Aardig blijven, ook online",
        "aim": "Na deze les kun je een reactie geven die respectvol is, ook als je het ergens niet mee eens bent.",
        "grade_band": "5-6",
        "duration": 30,
        "goals": ["L3"],
        "themes": ["netiquette", "P3"],
        "steps": [
            question(
                "Wat is het verschil tussen iets zeggen in het echt en iets typen?", "Wat zie je niet als je typt?"
            ),
            text(
                "Netiquette: de regels van netjes online",
                "<p>Online gelden dezelfde regels als op het schoolplein: je behandelt de ander met respect. "
                "Je scheldt niet, je beledigt niemand en je verspreidt geen roddels. "
                "Je deelt ook geen privézaken van een ander.</p>",
                "aardig",
                "Twee personen met tussen hen een tekstballon met een hartje.",
            ),
            scenario(
                "Noor (10)",
                "Wie draagt er nou nog zulke schoenen 🙄 @Eva",
                "",
                [
                    ("Ja, het is maar een grapje", "Voor Eva voelt het misschien helemaal niet als een grapje."),
                    ("Nee", "Goed: dit is kwetsend, en iedereen kan het lezen."),
                ],
                "Een grap die een ander kwetst, is geen grap. Online zie je niet hoe iemand reageert. "
                "Heb je een probleem met iemand? Praat het uit in het echt.",
            ),
            note("<p>Let op dat de voorbeeldnaam niet in de klas zit; pas hem anders aan.</p>"),
            question(
                "Maak de reactie aardiger: 'Wat een lelijke tekening.'",
                "Wat vind je er wél goed aan?",
                "Hoe zeg je eerlijk wat beter kan?",
            ),
            feed_assignment(
                "Iemand schrijft: 'Wat een lelijke tekening.' Schrijf een betere reactie: eerlijk, maar aardig.",
                "Pas op dat niemand wordt uitgelachen om zijn antwoord. Zet bij twijfel namen verbergen aan.",
            ),
            question("Welke aardige reactie ga jij deze week geven?"),
        ],
    },
    {
        "slug": "ruzie-praat-het-uit-in-het-echt",
        "title": "Ruzie? Praat het uit in het echt",
        "aim": "Na deze les weet je wat je doet als iemand online iets naars over jou of een ander zegt.",
        "grade_band": "5-6",
        "duration": 45,
        "goals": ["L1", "L3"],
        "themes": ["P3", "P2", "netiquette", "C4"],
        "steps": [
            question(
                "Heb je weleens gezien dat een ruzie online steeds groter werd?",
                "Wat gebeurde er toen meer mensen gingen reageren?",
            ),
            text(
                "Niet terugschrijven, wel bespreken",
                "<p>Lees je iets naars? Ga dan <b>niet</b> online ruziemaken. Maak een schermafbeelding, "
                "vertel het aan je juf, meester of ouders, en praat het uit in het echt. "
                "Alleen als er iets niet klopt, mag je het rustig verbeteren.</p>",
                "praten",
                "Twee personen aan tafel; één zegt: Zullen we praten?",
            ),
            scenario(
                "Jesse (11)",
                "Dat is echt NIET waar wat jij over mij zegt!!! Jij bent zelf een leugenaar!!!",
                "",
                [
                    ("Ja, ik moet mezelf verdedigen", "Begrijpelijk, maar zo wordt de ruzie online alleen groter."),
                    ("Nee, ik praat het morgen uit", "Goed: in het echt zie je elkaar en kun je het oplossen."),
                    ("Ik vertel het aan de juf", "Ook slim: een volwassene kan helpen."),
                ],
                "Ruzie online wordt vaak groter, want iedereen leest mee en reageert. De school spreekt af: "
                "negatieve ervaringen bespreek je in het echt, niet online.",
            ),
            note(
                "<p>Dit sluit aan bij P3 van het protocol. Vertel hoe jullie school dit aanpakt: bij wie kunnen "
                "leerlingen terecht? Laat geen echte voorvallen uit de klas bespreken.</p>"
            ),
            question(
                "Rollenspel: hoe begin je een goed gesprek?",
                "Zeg wat je las en hoe je je voelde.",
                "Luister naar de ander.",
                "Bedenk samen een oplossing.",
            ),
            question("Wie kun jij om hulp vragen als het online misgaat?"),
        ],
    },
    {
        "slug": "wat-is-een-bericht",
        "title": "Wat is een bericht?",
        "aim": "Na deze les weet je dat een foto of bericht door veel mensen gezien kan worden.",
        "grade_band": "3-4",
        "duration": 30,
        "goals": ["L3"],
        "themes": ["realtime", "P4", "netiquette"],
        "steps": [
            question("Wie heeft weleens een foto gestuurd naar opa of oma?", "Hoe ging dat?"),
            image("Een bericht gaat heel snel", "realtime", "Een telefoon met een bericht en een bliksemschicht."),
            text(
                "Een foto van een ander",
                "<p>Wil je een foto van een vriendje of vriendinnetje sturen? "
                "Vraag het <b>eerst</b>. Zij mogen zelf kiezen.</p>",
                "camera",
                "Een fototoestel en een kind met een vraagteken.",
            ),
            scenario(
                "Mila (7)",
                "Kijk, Bas huilt 😢",
                "Een foto van een huilende jongen op het schoolplein.",
                [
                    ("Ja", "Zou jij dat fijn vinden als jij verdrietig bent?"),
                    ("Nee, ik ga Bas troosten", "Goed zo: je helpt Bas in het echt."),
                ],
                "Een foto van iemand die verdrietig is, stuur je niet rond. Vraag altijd eerst, en help liever.",
            ),
            note("<p>Houd de les kort en speels. Laat leerlingen duim omhoog of omlaag doen bij het scenario.</p>"),
            question("Wat doe je voordat je een foto van een ander stuurt?"),
        ],
    },
    {
        "slug": "een-vraag-aan-een-expert",
        "title": "Een vraag aan een expert",
        "aim": "Na deze les kun je samen met de klas een nette vraag aan een expert online zetten.",
        "grade_band": "7-8",
        "duration": 60,
        "goals": ["L2", "L4"],
        "themes": ["C1", "C3", "C5", "P1", "realtime"],
        "steps": [
            question("Over welk onderwerp willen jullie meer weten?", "Wie zou daar veel van weten?"),
            text(
                "Sociale media als bron",
                "<p>Via sociale media kun je experts bereiken, zoals een bioloog, een schrijver of de burgemeester. "
                "De juf of meester plaatst het bericht namens de klas en de school. "
                "Daarom schrijf je netjes en stel je een duidelijke vraag.</p>",
                "expert",
                "Een telefoon met berichten en een persoon met een vergrootglas.",
            ),
            scenario(
                "Groep 7/8",
                "Hoi!! Wij willen alles weten over bijen. Stuur ons alles wat je hebt!!! 🐝",
                "",
                [
                    ("Ja, prima", "De expert weet zo niet wat jullie precies willen weten."),
                    ("Nee, eerst beter maken", "Goed: stel jezelf voor, stel één duidelijke vraag en bedank."),
                ],
                "Een goed bericht aan een expert zegt wie je bent, stelt één duidelijke vraag en is beleefd. "
                "Het staat meteen online en het zegt ook iets over jullie school.",
            ),
            note(
                "<p>Plaats het echte bericht zelf, via het schoolaccount: jij spreekt namens de school en beoordeelt "
                "wat er online gaat. Zet geen namen of foto's van leerlingen zonder toestemming in het bericht.</p>"
            ),
            question(
                "Schrijf in groepjes een bericht aan de expert.",
                "Wie zijn jullie?",
                "Wat is jullie vraag?",
                "Hoe bedanken jullie?",
            ),
            image("Positief nieuws delen", "klas", "Een klas voor het bord met de tekst: Vandaag: posten!"),
            question("Welk bericht kiezen we samen? Waarom?", "Wat vertellen we ouders over dit project?"),
        ],
    },
]


def _images():
    Image = get_image_model()
    images = {}
    for key, (title, _draw) in DRAWINGS.items():
        full_title = f"Demo: {title}"
        image = Image.objects.filter(title=full_title).first()
        if image is None:
            image = Image(title=full_title)
            image.file = ImageFile(_bytes_file(key), name=f"oefenfeed-demo-{key}.png")
            image.save()
        images[key] = image
    return images


def _bytes_file(key):
    return BytesIO(png_bytes(key))


# Lessons with an interactive activity before their wrap-up: lesson slug -> (H5P activity title, intro).
ACTIVITIES = {
    "een-klik-en-het-staat-online": ("Zou jij dit posten?", "Speel het spel. Kies bij elk bericht: posten of niet?"),
    "je-digitale-voetafdruk": (
        "Quiz: denk na voor je post",
        "Maak de quiz. Denk bij elke vraag: kan ik dit terugdraaien?",
    ),
    "mag-ik-jouw-foto-delen": ("Vraag: een foto van een klasgenoot", "Wat doe jij? Kies het beste antwoord."),
}


def _with_activity(slug, steps):
    """The demo activity (imported by h5p.demo, which runs first) as the step before the wrap-up."""
    if slug not in ACTIVITIES:
        return steps
    title, intro = ACTIVITIES[slug]
    activity = H5PContent.objects.filter(title=title).first()
    if activity is None:
        return steps
    return [*steps[:-1], ("h5p_activity", {"activity": activity, "intro": intro}), steps[-1]]


def _with_images(steps, images):
    resolved = []
    for block_type, value in steps:
        value = dict(value)
        if "image" in value:
            credited = dict(value["image"])
            credited["image"] = images[credited["image"]]
            value["image"] = credited
        resolved.append((block_type, value))
    return resolved


def library():
    """The lesson library under the home page, made if missing, with the moderation workflow on it."""
    home = HomePage.objects.first()
    index = LessonIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=LessonIndexPage(
                title="Lessen",
                slug="lessen",
                intro="Lessen over sociale media, gebouwd op de vier leerdoelen van het protocol.",
            )
        )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return index


@transaction.atomic
def seed(stdout):
    index = library()
    images = _images()
    goals = {tag.code: tag for tag in LerenGoalTag.objects.all()}
    themes = {tag.code: tag for tag in ThemeTag.objects.all()}
    made = 0
    for spec in LESSONS:
        if LessonPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        lesson = LessonPage(
            title=spec["title"],
            slug=spec["slug"],
            aim=spec["aim"],
            grade_band=spec["grade_band"],
            duration=spec["duration"],
            steps=_with_activity(spec["slug"], _with_images(spec["steps"], images)),
        )
        lesson.leren_goals = [goals[code] for code in spec["goals"]]
        lesson.themes = [themes[code] for code in spec["themes"]]
        index.add_child(instance=lesson)
        lesson.save_revision().publish()
        made += 1
    stdout.write(f"Demo lessons ready: {made} new, {LessonPage.objects.count()} in the library.")
    seed_runs(stdout)


def seed_runs(stdout):
    """Finished lesson runs for the demo classes (GIVEN), once: a run for that class and lesson is enough."""
    from accounts.models import SchoolClass

    made = 0
    now = timezone.now()
    for code, given in GIVEN.items():
        school_class = SchoolClass.objects.filter(join_code=code).prefetch_related("teachers").first()
        teacher = school_class and school_class.teachers.first()
        if teacher is None:
            continue
        for slug, days_ago in given:
            lesson = LessonPage.objects.filter(slug=slug).first()
            if lesson is None or LessonRun.objects.finished().filter(school_class=school_class, lesson=lesson).exists():
                continue
            started = (now - datetime.timedelta(days=days_ago)).replace(hour=9, minute=30, second=0, microsecond=0)
            LessonRun.objects.create(
                teacher=teacher,
                school_class=school_class,
                lesson=lesson,
                lesson_title=lesson.title,
                started_at=started,
                ended_at=started + datetime.timedelta(minutes=lesson.duration),
            )
            made += 1
    stdout.write(f"Demo lesson runs ready: {made} new.")
