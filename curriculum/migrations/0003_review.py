"""The Dutch review workflow "Beoordeling door coördinator" (nobody approves their own change) replaces Wagtail's
"Moderators approval"; coordinators lose the publish permission and may edit frameworks and frame goals."""

import django.db.models.deletion
from django.db import migrations, models


def set_up(apps, schema_editor):
    from curriculum.review import set_up_review

    set_up_review(apps)


def restore_publish(apps, schema_editor):
    """Back to Wagtail's defaults: the old workflow name and the coordinators' publish permission."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name="Beoordeling door coördinator").update(name="Moderators approval")
    group = Group.objects.filter(name="Moderators").first()
    publish = Permission.objects.filter(codename="publish_page", content_type__app_label="wagtailcore").first()
    if group and publish:
        for root in Page.objects.filter(depth=1):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=publish)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('curriculum', '0002_frameworks'),
        ('wagtailcore', '0098_apitoken'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='CoordinatorReviewTask',
            fields=[
                ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                ('groups', models.ManyToManyField(help_text='Pages/snippets at this step in a workflow will be moderated or approved by these groups of users', to='auth.group', verbose_name='groups')),
            ],
            options={
                'verbose_name': 'beoordeling door een collega',
                'verbose_name_plural': 'beoordelingen door een collega',
            },
            bases=('wagtailcore.task',),
        ),
        migrations.RunPython(set_up, restore_publish),
    ]
