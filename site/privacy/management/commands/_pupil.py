"""What both privacy commands share: find the pupil by id, or stop with a clear message."""

from django.core.management.base import CommandError

from accounts.models import User
from privacy import permissions


def pupil_from_argument(value):
    if not str(value).isdigit():
        raise CommandError(f"PUPIL_ID must be a number, not {value!r}.")
    user = User.objects.filter(pk=int(value)).first()
    if user is None:
        raise CommandError(f"No user with id {value}.")
    if not permissions.is_target(user):
        raise CommandError(
            f"User {value} is not a pupil (role: {user.role}); only pupils' data can be exported or erased."
        )
    return user
