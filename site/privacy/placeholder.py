"""The one stand-in author of erased pupils' comments in other pupils' threads: "verwijderde leerling".

A pupil account that can never log in (inactive, no password, picture code or card) and is in no class.
The feed, the API and the queue show its name as any author's; the comment template shows a translated
"verwijderde leerling" without text. Nobody can download or erase it (privacy.permissions skips it).
"""

from accounts.choices import Role
from accounts.models import User

USERNAME = "verwijderde-leerling"
NAME = "verwijderde leerling"  # stored, so every place that prints an author's name says it too


def is_placeholder(user):
    return getattr(user, "username", None) == USERNAME


def get_placeholder():
    user, created = User.objects.get_or_create(
        username=USERNAME, defaults={"first_name": NAME, "role": Role.PUPIL, "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
