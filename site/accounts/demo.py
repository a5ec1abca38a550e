"""Demo people: one school, groep 6 (shared by two part-time teachers, as most Dutch classes are) and groep 8 of
24 pupils, three teachers, a coordinator and an administrator."""

from django.db import transaction

from .choices import Role
from .models import School, SchoolClass, User
from .roles import apply_role

DEMO_PASSWORD = "oefenfeed"  # noqa: S105 - printed and documented on purpose: demo only
DEMO_PICTURE_CODE = "hond-ster-appel"

STAFF = [
    ("coordinator", "Marieke", "Hofstra", Role.COORDINATOR),
    ("leerkracht6", "Anouk", "Visser", Role.TEACHER),
    ("leerkracht6b", "Petra", "de Boer", Role.TEACHER),
    ("leerkracht8", "Joris", "Bakker", Role.TEACHER),
    ("beheerder", "Bram", "Mulder", Role.ADMINISTRATOR),
]

GROEP6 = (
    "Sanne B, Daan K, Noor V, Sem H, Lotte D, Finn W, Eva M, Luuk S, Julia T, Milan R, Tess J, Jesse P, "
    "Fenna L, Thijs G, Yara O, Bram Z, Isa N, Mees A, Liv C, Ruben E, Nina F, Sven I, Zoë U, Gijs Y"
)
GROEP8 = (
    "Emma V, Lucas D, Sophie B, Levi M, Mila K, Noah S, Saar H, Jens W, Anna P, Stijn R, Lieke T, Tim G, "
    "Roos L, Ties O, Amira N, Hugo A, Fleur C, Cas E, Jade F, Olivier I, Elin J, Bas U, Hanna Z, Mohamed Y"
)

CLASSES = [
    ("Groep 6", 6, "G6DEMO", ("leerkracht6", "leerkracht6b"), GROEP6),
    ("Groep 8", 8, "G8DEMO", ("leerkracht8",), GROEP8),
]


def _names(spec):
    return [tuple(name.strip().split(" ")) for name in spec.split(",")]


@transaction.atomic
def seed(stdout):
    school, _ = School.objects.get_or_create(name="OBS De Veenhorst (demo)", defaults={"brin": "99ZZ"})
    users = {}
    for username, first, last, role in STAFF:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "role": role, "school": school}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        apply_role(user)
        users[username] = user

    for name, groep, code, teachers, pupils in CLASSES:
        school_class, _ = SchoolClass.objects.get_or_create(
            join_code=code, defaults={"name": name, "groep": groep, "school": school}
        )
        school_class.teachers.add(*(users[teacher] for teacher in teachers))
        existing = {(p.first_name, p.initial) for p in school_class.pupils.all()}
        missing = [pair for pair in _names(pupils) if pair not in existing]
        for pupil in school_class.add_pupils(missing):
            pupil.picture_code = DEMO_PICTURE_CODE
            pupil.save(update_fields=["picture_code"])
    stdout.write(f"Demo people ready: {User.objects.filter(role=Role.PUPIL).count()} pupils in 2 classes.")


LOGINS = f"""
Demo logins (password for staff: {DEMO_PASSWORD})
  coordinator   coördinator: Wagtail admin, lessons and curriculum
  leerkracht6   teacher of Groep 6 (class code G6DEMO), Monday to Wednesday
  leerkracht6b  her duo colleague in Groep 6, Thursday and Friday
  leerkracht8   teacher of Groep 8 (class code G8DEMO)
  beheerder     administrator
Pupils: go to /leerling/inloggen/, class code G6DEMO or G8DEMO, pick a name,
        picture code: hond, ster, appel (in that order).
"""
