"""Demo feed for G6DEMO and G8DEMO: pupil posts with good and weak citations, photos with and without
consent, comments, reactions, announcements and scenario posts from ready-made personas. Idempotent."""

import io
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import SchoolClass

from . import consent, moderation, services, wordcheck
from .choices import (
    CitationVerdict,
    ConsentMethod,
    ConsentPurpose,
    ModerationAction,
    ModerationMode,
    PeopleOnPhoto,
    PersonaKind,
    PostKind,
    PostStatus,
    RejectReason,
    ReportReason,
    SourceKind,
)
from .models import Comment, Persona, PhotoTag, Post, PostView, Reaction, WordList
from .photos import process_photo
from .text import clean_text

PERSONAS = [
    ("Dagblad Oost", PersonaKind.NEWS, "Een nieuwssite: echt nieuws, met bron en datum."),
    ("LiefsLotje", PersonaKind.INFLUENCER, "Een influencer die verstopte reclame maakt voor snoep."),
    ("Weetjesjager", PersonaKind.RUMOUR, "Verspreidt een gerucht zonder bron."),
]


def _picture(kind, seed):
    """A simple drawn 'photo': a playground with figures, or a drawing without people."""
    image = Image.new("RGB", (960, 640), (135, 200, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 420, 960, 640], fill=(90, 170, 80))
    draw.ellipse([760, 40, 880, 160], fill=(255, 215, 0))
    if kind == "people":
        for n in range(2 + seed % 2):
            x = 220 + n * 220
            draw.ellipse([x, 250, x + 80, 330], fill=(240, 200, 160))
            draw.rectangle([x + 10, 330, x + 70, 470], fill=[(200, 60, 60), (60, 60, 200), (230, 140, 30)][n])
    else:
        draw.polygon([(300, 420), (480, 180), (660, 420)], fill=(150, 110, 80))
        draw.rectangle([430, 330, 530, 420], fill=(100, 70, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    buffer.seek(0)
    buffer.size = len(buffer.getvalue())
    return buffer


def _post(school_class, author, text, minutes_ago, **fields):
    tagged = fields.pop("tagged", [])
    photo_kind = fields.pop("photo", None)
    post = Post(school_class=school_class, author=author, text=clean_text(text), **fields)
    if photo_kind:
        post.photo, post.thumbnail = process_photo(_picture(photo_kind, len(text)))
    post.published_at = timezone.now() - timedelta(minutes=minutes_ago)
    post.save()
    post.add_version(post.text, author)
    PhotoTag.objects.bulk_create([PhotoTag(post=post, pupil=p) for p in tagged])
    if tagged or fields.get("people_on_photo") == PeopleOnPhoto.OTHERS:
        status = PostStatus.PENDING if services.photo_needs_teacher(post, tagged) else PostStatus.VISIBLE
        Post.objects.filter(pk=post.pk).update(status=status)
        post.status = status
    return post


def _seed_class(school_class, stdout):
    teacher = school_class.teachers.first()
    pupils = list(school_class.ordered_pupils())
    if teacher is None or len(pupils) < 8 or Post.objects.filter(school_class=school_class).exists():
        return False
    personas = {}
    for name, kind, description in PERSONAS:
        personas[name], _ = Persona.objects.get_or_create(
            school_class=school_class,
            name=name,
            defaults={"kind": kind, "description": description, "created_by": teacher},
        )

    # Consent: about half the class has a yes for this feed; one pupil's parents disagree.
    for index, pupil in enumerate(pupils[:12]):
        consent.record_decision(
            pupil=pupil,
            purpose=ConsentPurpose.CLASS_FEED,
            decision=True,
            decided_by="ouder 1",
            method=ConsentMethod.FORM,
            recorded_by=teacher,
        )
        if index % 3 == 0:
            consent.record_decision(
                pupil=pupil,
                purpose=ConsentPurpose.SCHOOL_WEBSITE,
                decision=True,
                decided_by="ouder 1",
                method=ConsentMethod.FORM,
                recorded_by=teacher,
            )
    consent.record_decision(
        pupil=pupils[11],
        purpose=ConsentPurpose.CLASS_FEED,
        decision=False,
        decided_by="ouder 2",
        method=ConsentMethod.PARENT_APP,
        recorded_by=teacher,
    )

    a, b, c, d, e, f, g, h = pupils[:8]
    no_consent = pupils[14]
    _post(
        school_class,
        teacher,
        "Vrijdag is de sportdag! Neem gymkleren en een flesje water mee. We vertrekken om 8.45 uur.",
        600,
        kind=PostKind.ANNOUNCEMENT,
        pinned=True,
    )
    _post(
        school_class,
        teacher,
        "Opdracht voor deze week: deel iets wat je leerde over dieren en noem je bron met de bronnencoach.",
        550,
        kind=PostKind.ANNOUNCEMENT,
        pinned=True,
    )
    good_quote = _post(
        school_class,
        a,
        'Ik vind dit zo mooi gezegd, daarom deel ik het met jullie: "Een boek is een droom die je vasthoudt."',
        500,
        source_kind=SourceKind.QUOTE,
        source_maker="Neil Gaiman",
        source_title="Interview in de krant",
        source_date="2016",
        source_published=True,
        citation_verdict=CitationVerdict.CORRECT,
        citation_comment="Netjes: aanhalingstekens, maker, bron en datum.",
    )
    _post(
        school_class,
        b,
        "Een octopus heeft drie harten en blauw bloed. Dat wist ik echt niet!",
        450,
        source_kind=SourceKind.PARAPHRASE,
        source_title="Jeugdjournaal: tien weetjes over de zee",
        source_url="https://nos.nl/jeugdjournaal",
        source_date="maart 2025",
        source_published=True,
    )
    weak_quote = _post(
        school_class,
        c,
        "Walvissen zingen liedjes die soms wel twintig minuten duren en die andere walvissen kilometers ver "
        "kunnen horen.",
        400,
        source_kind=SourceKind.QUOTE,
        source_published=True,
        citation_verdict=CitationVerdict.INCORRECT,
        citation_comment="Dit heb je overgenomen: zet het tussen aanhalingstekens en noem wie het schreef.",
    )
    _post(
        school_class,
        d,
        "Deze tekening vond ik op internet, zo mooi!",
        350,
        source_kind=SourceKind.IMAGE,
        source_maker="onbekend",
        photo="drawing",
    )
    _post(
        school_class,
        e,
        "Wij met z'n drieën op het schoolplein na het voetballen!",
        300,
        photo="people",
        people_on_photo=PeopleOnPhoto.CLASSMATES,
        tagged=[a, b],
    )
    _post(
        school_class,
        f,
        "Kijk, wij bij de hut in het bos.",
        250,
        photo="people",
        people_on_photo=PeopleOnPhoto.CLASSMATES,
        tagged=[g, no_consent],
    )
    _post(school_class, h, "Ik heb een hut gebouwd met mijn broertje.", 200, photo="drawing")
    _post(
        school_class,
        g,
        "Ik heb een plaatje gemaakt van een draak die pannenkoeken bakt.",
        180,
        source_kind=SourceKind.AI,
        source_maker="een tekenprogramma met AI",
        source_date="vandaag",
        source_published=True,
        photo="drawing",
    )
    news = _post(
        school_class,
        teacher,
        "Nieuw onderzoek: kinderen die buiten spelen slapen beter. Lees het hele artikel op onze site.",
        160,
        kind=PostKind.SCENARIO,
        persona=personas["Dagblad Oost"],
        source_kind=SourceKind.PARAPHRASE,
        source_title="Dagblad Oost",
        source_date="deze week",
        source_published=True,
    )
    ad = _post(
        school_class,
        teacher,
        "Mijn favoriete snoepje ooit!!! 🍭 Echt iedereen moet dit proberen, gebruik mijn code LOTJE10 op "
        "snoepwinkel-actie.biz 😍",
        140,
        kind=PostKind.SCENARIO,
        persona=personas["LiefsLotje"],
    )
    _post(
        school_class,
        teacher,
        "Ik hoorde dat de zomervakantie dit jaar twee weken korter wordt!! Het staat op nos-nieuws.biz/zomer. "
        "Deel dit met iedereen!!",
        120,
        kind=PostKind.SCENARIO,
        persona=personas["Weetjesjager"],
        revealed=True,
    )
    edited = _post(school_class, b, "Wie gaat er mee naar de film vanmiddag? Niet iedereen mag mee hoor", 100)
    services.edit_post(edited, "Wie gaat er mee naar de film vanmiddag?", b)
    deleted = _post(school_class, d, "Ik vind de les van vandaag saai", 90)
    services.delete_post(deleted)

    comments = [
        (good_quote, b, "Mooie zin! Ik ga dat boek lenen."),
        (good_quote, e, "Goed dat je erbij zet wie het zei."),
        (weak_quote, a, "Waar heb je dat gelezen?"),
        (ad, h, "Is dit reclame? Ze geeft een kortingscode..."),
        (news, f, "Dan ga ik vanmiddag lekker buiten spelen!"),
    ]
    for post, author, text in comments:
        Comment.objects.create(post=post, author=author, text=clean_text(text))
    # A comment that names a classmate: the name links to their page in the class, and they get a badge.
    services.add_comment(edited, e, f"@{b.first_name} ik ga mee! Hoe laat begint de film?")
    reactions = [(good_quote, "heart"), (good_quote, "idea"), (weak_quote, "wow"), (news, "thumb"), (ad, "laugh")]
    for index, (post, kind) in enumerate(reactions):
        for pupil in pupils[index : index + 4]:
            Reaction.objects.get_or_create(post=post, user=pupil, kind=kind)
    PostView.objects.bulk_create(
        [PostView(post=p, pupil=pupil) for p in (edited, deleted) for pupil in pupils[8:13]], ignore_conflicts=True
    )
    _seed_moderation(school_class, teacher, pupils)
    stdout.write(f"Demo feed for {school_class} ready.")
    return True


def _seed_moderation(school_class, teacher, pupils):
    """Groep 8 runs pre-moderation with things waiting in the queue; groep 6 post-moderation with a report
    and a hidden comment. The school's word list starts from the documented starter list."""
    word_list, created = WordList.objects.get_or_create(school=school_class.school)
    if created:
        wordcheck.load_starter_list(word_list)
    a, b, c, d, e, _f, g, h = pupils[:8]
    first, second = pupils[8], pupils[9]
    if school_class.groep >= 8:
        moderation.update_settings(school_class, teacher, moderation_mode=ModerationMode.PRE, slow_mode_minutes=0)
        services.create_post(
            school_class=school_class,
            author=first,
            raw_text="Wie wil er morgen naast mij zitten in de bus naar het museum?",
            fields={},
        )
        services.create_post(
            school_class=school_class,
            author=second,
            raw_text="Haha niemand wil met Bas in een groepje, wat een loser",
            fields={},
        )
        refused = services.create_post(
            school_class=school_class,
            author=c,
            raw_text="Mijn adres is Dorpsstraat 12, kom je spelen?",
            fields={},
        )
        moderation.apply(
            refused,
            teacher,
            ModerationAction.REJECT,
            reason=RejectReason.PRIVACY,
            feedback="Je adres deel je niet in een feed. Spreek het liever in het echt af.",
        )
        services.create_post(
            school_class=school_class,
            author=c,
            raw_text="Wie wil er na school bij mij spelen? Vraag het me in de klas!",
            fields={},
            resubmission_of=refused,
        )
        target = Post.objects.filter(school_class=school_class, author=b, status=PostStatus.VISIBLE).first()
        if target is not None:
            services.add_comment(target, d, "Stom filmpje, dat gaat toch niemand kijken")
            moderation.report(target, e, ReportReason.MEAN)
    else:
        moderation.update_settings(school_class, teacher, moderation_mode=ModerationMode.POST)
        target = Post.objects.filter(school_class=school_class, author=a, status=PostStatus.VISIBLE).first()
        if target is not None:
            mean = services.add_comment(target, h, "Dat boek is voor baby's, jij bent een sukkel")
            moderation.report(mean, a, ReportReason.MEAN)
            moderation.apply(mean, teacher, ModerationAction.HIDE)
            moderation.report(target, g, ReportReason.COPYRIGHT)


@transaction.atomic
def seed(stdout):
    for code in ("G6DEMO", "G8DEMO"):
        school_class = SchoolClass.objects.filter(join_code=code).first()
        if school_class is not None:
            _seed_class(school_class, stdout)
