"""Coordinators (Wagtail's Moderators group) may install H5P libraries; superusers (administrators) may anyway."""

from django.db import migrations

COORDINATOR_GROUP = "Moderators"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="h5p", model="h5plibrary")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="install_library",
        defaults={"name": "Mag H5P-bibliotheken (JavaScript) installeren en bijwerken"},
    )
    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    group.permissions.add(permission)
    # The coordinator uploads content in the Wagtail admin too.
    for codename in ("add_h5pcontent", "change_h5pcontent", "delete_h5pcontent", "view_h5pcontent"):
        perm, _ = Permission.objects.get_or_create(
            content_type=ContentType.objects.get_or_create(app_label="h5p", model="h5pcontent")[0],
            codename=codename,
            defaults={"name": codename.replace("_", " ")},
        )
        group.permissions.add(perm)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATOR_GROUP).first()
    if group:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="h5p"))


class Migration(migrations.Migration):
    dependencies = [
        ("h5p", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
