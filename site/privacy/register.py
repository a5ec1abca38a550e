"""The register of processing activities (AVG art. 30) and the retention periods, built from the settings.

`ACTIVITIES` is the list of what Oefenfeed processes for the school; `retention(key)` words a retention period
from the PRIVACY_RETENTION_* settings (and the login throttle's own rule), so the register, the parents' page
and the settings can never disagree. Change a processing here and both pages follow.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.throttle import retention as login_failure_retention

from .research import K


def _days(number):
    return ngettext("%(n)d dag", "%(n)d dagen", number) % {"n": number}


def _years(number):
    return ngettext("%(n)d jaar", "%(n)d jaar", number) % {"n": number}


def _after_school_year():
    """What privacy.schoolyear and privacy.retention do: the close archives the feed (read-only for the
    teacher), photos in the archive go after the school year plus the setting, the rest when the pupil leaves."""
    days = settings.PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS
    after = _(
        "Daarna wist Oefenfeed de foto's. Berichten en reacties kan dan alleen de leerkracht nog lezen, in het "
        "archief van de klas. Gaat de leerling van school, dan wordt alles gewist."
    )
    if not days:
        return _("Tot het einde van het schooljaar (31 juli).") + " " + after
    return _("Tot %(days)s na het einde van het schooljaar (31 juli).") % {"days": _days(days)} + " " + after


def _after_leaving():
    days = settings.PRIVACY_RETENTION_AFTER_LEAVING_DAYS
    if not days:
        return _(
            "Zolang de leerling op school zit. Gaat de leerling van school, dan wist de school het account meteen."
        )
    return _(
        "Zolang de leerling op school zit. Gaat de leerling van school, dan stopt de inlog meteen en dan wist de "
        "school het account binnen %(days)s."
    ) % {"days": _days(days)}


def _failed_logins():
    hours = max(1, round(login_failure_retention().total_seconds() / 3600))
    return ngettext(
        "%(n)d uur. Daarna haalt Oefenfeed ze zelf weg.", "%(n)d uur. Daarna haalt Oefenfeed ze zelf weg.", hours
    ) % {"n": hours}


def _consent():
    return _(
        "Zolang de leerling op school zit. Na het wissen van de leerling bewaart de school de keuzes nog %(years)s "
        "als bewijs, onder een pseudoniem in plaats van de naam."
    ) % {"years": _years(settings.PRIVACY_PROOF_RETENTION_YEARS)}


def _proof():
    return _("%(years)s. Zonder namen of teksten: een leerling staat er alleen onder een pseudoniem.") % {
        "years": _years(settings.PRIVACY_PROOF_RETENTION_YEARS)
    }


def _research():
    return _(
        "Oefenfeed bewaart het bestand niet. Wie het downloadt, bewaart het volgens de afspraken van de school, "
        "en niet langer dan de evaluatie duurt."
    )


RETENTION = {
    "school_year": _after_school_year,
    "leaving": _after_leaving,
    "failed_logins": _failed_logins,
    "consent": _consent,
    "proof": _proof,
    "research": _research,
}


def retention(key):
    """The retention period `key` in words, from the settings as they are now."""
    return RETENTION[key]()


@dataclass(frozen=True)
class RetentionLine:
    what: str
    how_long: str


def retention_for_parents():
    """What parents read under "Hoe lang bewaren we het?"."""
    return [
        RetentionLine(_("Berichten, reacties, emoji, foto's en uitslagen van oefeningen"), retention("school_year")),
        RetentionLine(_("Het account van uw kind: naam, klas, plaatjescode en inlogkaart"), retention("leaving")),
        RetentionLine(_("Uw keuze over foto's (toestemming ja of nee)"), retention("consent")),
        RetentionLine(_("Foute pogingen om in te loggen"), retention("failed_logins")),
    ]


@dataclass(frozen=True)
class ProcessingActivity:
    """One line of the register: what, why, on which basis, about whom, for whom, how long and how secured."""

    key: str
    name: str
    purpose: str
    legal_basis: str
    data: tuple
    people: tuple
    recipients: tuple
    retention: tuple  # keys of RETENTION, with what each is about: ((label, key), ...)
    security: tuple = ()

    def retention_lines(self):
        return [RetentionLine(str(label), retention(key)) for label, key in self.retention]


EDUCATION = gettext_lazy("Taak van algemeen belang: onderwijs geven (AVG art. 6 lid 1 sub e).")
CLASS_AND_SCHOOL = gettext_lazy("De leerkrachten van de klas en de coördinatoren van de school.")
PROCESSOR = gettext_lazy("Oefenfeed, als verwerker, alleen voor beheer en ondersteuning in opdracht van de school.")

# What every processing shares; each activity lists its own measures on top.
SECURITY = (
    gettext_lazy("Versleutelde verbinding (HTTPS) in productie."),
    gettext_lazy("Rollen: een leerkracht ziet alleen de eigen klassen, een coördinator alleen de eigen school."),
    gettext_lazy("Leerlingen alleen met voornaam en eerste letter; geen e-mailadres en geen geboortedatum."),
    gettext_lazy("Wachtwoorden alleen versleuteld (als hash) opgeslagen; een wachttijd na foute inlogpogingen."),
    gettext_lazy("Geen advertenties, geen trackers en geen scripts van andere partijen (strikte CSP)."),
    gettext_lazy("Logboeken die niet te wijzigen zijn: moderatie, toestemming en privacy."),
    gettext_lazy("De school kan per leerling alle gegevens downloaden en wissen."),
)

ACTIVITIES = (
    ProcessingActivity(
        key="accounts",
        name=gettext_lazy("Inloggen en accounts"),
        purpose=gettext_lazy("Leerlingen en medewerkers veilig laten inloggen, en bepalen wie welke klas ziet."),
        legal_basis=EDUCATION,
        data=(
            gettext_lazy("Leerlingen: voornaam, eerste letter van de achternaam, klas, plaatjescode, inlogkaart."),
            gettext_lazy("Medewerkers: naam, gebruikersnaam, wachtwoord (als hash), rol en school."),
            gettext_lazy("Mislukte inlogpogingen: wanneer, voor welk account en vanaf welk netwerkadres."),
        ),
        people=(gettext_lazy("Leerlingen"), gettext_lazy("Leerkrachten, coördinatoren en beheerders")),
        recipients=(CLASS_AND_SCHOOL, PROCESSOR),
        retention=(
            (gettext_lazy("Account"), "leaving"),
            (gettext_lazy("Mislukte inlogpogingen"), "failed_logins"),
        ),
        security=(gettext_lazy("Een inlogkaart werkt niet meer zodra de leerkracht een nieuwe code maakt."),),
    ),
    ProcessingActivity(
        key="feed",
        name=gettext_lazy("Klassenfeed: berichten, reacties en emoji"),
        purpose=gettext_lazy(
            "Oefenen met sociale media in een gesloten feed van de klas, met begeleiding van de leerkracht "
            "(mediawijsheid en het protocol sociale media)."
        ),
        legal_basis=EDUCATION,
        data=(
            gettext_lazy("Berichten met elke eerdere versie, reacties, emoji en vermeldingen."),
            gettext_lazy("Welke klasgenoot een bericht zag (voor Mijn digitale voetafdruk)."),
            gettext_lazy("Bronvermeldingen en het oordeel van de leerkracht daarover."),
        ),
        people=(gettext_lazy("Leerlingen"), gettext_lazy("Leerkrachten (mededelingen en oefenberichten)")),
        recipients=(
            gettext_lazy("De klasgenoten en leerkrachten van dezelfde klas."),
            gettext_lazy("De coördinatoren van de school."),
            PROCESSOR,
        ),
        retention=((gettext_lazy("Berichten, reacties en emoji"), "school_year"),),
        security=(
            gettext_lazy("Alleen leden van de klas kunnen de feed openen; links worden veilig gemaakt."),
            gettext_lazy("Een woordenlijst en moderatie door de leerkracht."),
        ),
    ),
    ProcessingActivity(
        key="photos",
        name=gettext_lazy("Foto's in de klassenfeed"),
        purpose=gettext_lazy("Leren wat het delen van een foto betekent, alleen met toestemming van de ouders."),
        legal_basis=gettext_lazy(
            "Toestemming van de ouders van elke herkenbare leerling, voor het doel 'deze klassenfeed' "
            "(AVG art. 6 lid 1 sub a)."
        ),
        data=(
            gettext_lazy("Foto's, zonder EXIF- en locatiegegevens."),
            gettext_lazy("Welke leerlingen herkenbaar op een foto staan."),
        ),
        people=(gettext_lazy("Leerlingen op de foto"),),
        recipients=(gettext_lazy("De klasgenoten en leerkrachten van dezelfde klas."), PROCESSOR),
        retention=((gettext_lazy("Foto's"), "school_year"),),
        security=(
            gettext_lazy("Foto's staan buiten de openbare opslag en zijn alleen te zien na een controle op de klas."),
            gettext_lazy("Zonder 'ja' van iedereen op de foto wacht de foto op de leerkracht; een 'nee' wint altijd."),
            gettext_lazy("Intrekken van toestemming verbergt de foto's meteen."),
        ),
    ),
    ProcessingActivity(
        key="consent",
        name=gettext_lazy("Toestemmingsregister"),
        purpose=gettext_lazy("Vastleggen en kunnen aantonen welke toestemming ouders gaven of weigerden."),
        legal_basis=gettext_lazy(
            "Wettelijke verplichting: toestemming moet aantoonbaar zijn (AVG art. 6 lid 1 sub c en art. 7 lid 1)."
        ),
        data=(
            gettext_lazy("Per leerling en doel: het besluit, wie besloot (naam of rol van de ouder), hoe en wanneer."),
            gettext_lazy("Welke medewerker het besluit vastlegde."),
        ),
        people=(gettext_lazy("Leerlingen"), gettext_lazy("Ouders en verzorgers")),
        recipients=(CLASS_AND_SCHOOL, PROCESSOR),
        retention=((gettext_lazy("Toestemmingsbesluiten"), "consent"),),
        security=(gettext_lazy("Besluiten worden alleen toegevoegd, nooit veranderd; het laatste besluit telt."),),
    ),
    ProcessingActivity(
        key="moderation",
        name=gettext_lazy("Moderatie en meldingen"),
        purpose=gettext_lazy("De feed veilig houden en leerlingen uitleg geven over hun berichten."),
        legal_basis=EDUCATION,
        data=(
            gettext_lazy("Het logboek: welke leerkracht wat deed, wanneer en waarom."),
            gettext_lazy("Meldingen van leerlingen met de uitkomst; pauzes en nakijken per leerling."),
            gettext_lazy("Woorden die de woordenlijst in een bericht vond."),
        ),
        people=(gettext_lazy("Leerlingen"), gettext_lazy("Leerkrachten")),
        recipients=(CLASS_AND_SCHOOL, PROCESSOR),
        retention=((gettext_lazy("Logboek en meldingen"), "school_year"),),
    ),
    ProcessingActivity(
        key="h5p",
        name=gettext_lazy("H5P-activiteiten"),
        purpose=gettext_lazy("Oefenen in lessen, en de leerkracht laten zien wat de klas al begrijpt."),
        legal_basis=EDUCATION,
        data=(
            gettext_lazy("Scores en antwoorden per vraag, per poging."),
            gettext_lazy("Opgeslagen voortgang, om later verder te gaan."),
        ),
        people=(gettext_lazy("Leerlingen"),),
        recipients=(gettext_lazy("De leerling zelf."), CLASS_AND_SCHOOL, PROCESSOR),
        retention=((gettext_lazy("Uitslagen en voortgang"), "school_year"),),
        security=(
            gettext_lazy("De activiteit draait afgeschermd (sandbox) en kan niet bij inloggegevens of cookies."),
        ),
    ),
    ProcessingActivity(
        key="lessons",
        name=gettext_lazy("Lessen"),
        purpose=gettext_lazy("Bijhouden welke les een klas kreeg, voor het curriculum van de school."),
        legal_basis=EDUCATION,
        data=(gettext_lazy("Welke leerkracht welke les gaf aan welke klas, en wanneer. Geen aanwezigheid."),),
        people=(gettext_lazy("Leerkrachten"), gettext_lazy("Klassen")),
        recipients=(CLASS_AND_SCHOOL, PROCESSOR),
        retention=((gettext_lazy("Lesrondes"), "school_year"),),
    ),
    ProcessingActivity(
        key="rights",
        name=gettext_lazy("Rechten van leerlingen: kopie en wissen"),
        purpose=gettext_lazy("Ouders hun rechten laten gebruiken en daarover verantwoording afleggen."),
        legal_basis=gettext_lazy("Wettelijke verplichting (AVG art. 6 lid 1 sub c, art. 5 lid 2 en art. 15 tot 17)."),
        data=(
            gettext_lazy("Privacylogboek: wie downloadde of wiste, wanneer, voor welke school, en hoeveel."),
            gettext_lazy("Toestemmingsbewijs van gewiste leerlingen."),
        ),
        people=(gettext_lazy("Leerlingen (alleen onder een pseudoniem)"), gettext_lazy("Medewerkers")),
        recipients=(gettext_lazy("De coördinatoren van de school en de beheerders."),),
        retention=((gettext_lazy("Privacylogboek en toestemmingsbewijs"), "proof"),),
    ),
    ProcessingActivity(
        key="research",
        name=gettext_lazy("Onderzoeksexport (geanonimiseerd)"),
        purpose=gettext_lazy("Het curriculum evalueren: werken de lessen, waar hebben klassen moeite mee?"),
        legal_basis=gettext_lazy(
            "Taak van algemeen belang: de kwaliteit van het onderwijs; verenigbaar met het doel waarvoor de "
            "gegevens zijn verzameld (AVG art. 6 lid 4)."
        ),
        data=(
            gettext_lazy("Gebeurtenissen per week en scores per vraag, met nummers in plaats van namen."),
            gettext_lazy("Geen namen, geen teksten, geen foto's en geen precieze tijden."),
        ),
        people=(gettext_lazy("Leerlingen (met nummers die per export anders zijn)"),),
        recipients=(
            gettext_lazy("De coördinatoren van de school en de beheerders van het bestuur."),
            gettext_lazy("Onderzoekers alleen met afspraken van de school."),
        ),
        retention=((gettext_lazy("Het exportbestand"), "research"),),
        security=(
            format_lazy(gettext_lazy("Groepjes van minder dan {k} leerlingen worden weggelaten."), k=K),
            gettext_lazy("Elke download staat in het privacylogboek."),
        ),
    ),
)
