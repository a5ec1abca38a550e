"""factory_boy factories for the people, schools and classes every test builds on."""

import factory
from django.contrib.auth import get_user_model

from accounts.choices import Role
from accounts.models import School, SchoolClass
from accounts.roles import apply_role

STAFF_PASSWORD = "geheim-wachtwoord-123"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"OBS Testschool {n}")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "Els"
    last_name = factory.Sequence(lambda n: f"Jansen{n}")
    role = Role.TEACHER
    school = factory.SubFactory(SchoolFactory)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or STAFF_PASSWORD)
        if create:
            self.save()
            apply_role(self)


class TeacherFactory(StaffFactory):
    role = Role.TEACHER


class CoordinatorFactory(StaffFactory):
    role = Role.COORDINATOR


class AdministratorFactory(StaffFactory):
    role = Role.ADMINISTRATOR


class PupilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"leerling-test{n}")
    first_name = factory.Iterator(["Sanne", "Daan", "Noor", "Sem", "Lotte", "Finn", "Eva", "Luuk"])
    initial = factory.Sequence(lambda n: "ABCDEFGHJKLMNPRSTVW"[n % 19])
    role = Role.PUPIL
    picture_code = "hond-ster-appel"
    card_token = factory.Sequence(lambda n: f"testkaart-{n:04d}-abcdefghijklmnop")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_unusable_password()
        if create:
            self.save()


class SchoolClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolClass
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Groep 7-{n}")
    groep = 7
    join_code = factory.Sequence(lambda n: f"KLAS{n:02d}")

    @factory.post_generation
    def teachers(self, create, extracted, **kwargs):
        if create and extracted:
            self.teachers.add(*extracted)

    @factory.post_generation
    def pupils(self, create, extracted, **kwargs):
        if create and extracted:
            self.pupils.add(*extracted)
