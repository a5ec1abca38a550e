"""What each role may do outside Oefenfeed's own views: Wagtail admin groups and Django admin flags."""

from django.contrib.auth.models import Group

from .choices import Role

# Wagtail's own "Moderators" group may edit, review and publish pages; coordinators join it.
COORDINATOR_GROUP = "Moderators"


def apply_role(user):
    """Set flags and groups that follow from `user.role`. Call after creating or changing a role."""
    user.is_superuser = user.role == Role.ADMINISTRATOR
    user.is_staff = user.role == Role.ADMINISTRATOR
    user.save(update_fields=["is_superuser", "is_staff"])
    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    if user.role == Role.COORDINATOR:
        user.groups.add(group)
    else:
        user.groups.remove(group)
