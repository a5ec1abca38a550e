"""One row per Leren goal and protocol theme, so lessons can be tagged and filtered by them."""

from django.db import migrations

GOALS = ["L1", "L2", "L3", "L4"]
THEMES = ["realtime", "altijd-online", "auteursrecht", "netiquette", "C1", "C2", "C3", "C4", "C5", "P1", "P2", "P3", "P4"]


def create_rows(apps, schema_editor):
    LerenGoalTag = apps.get_model("lessons", "LerenGoalTag")
    ThemeTag = apps.get_model("lessons", "ThemeTag")
    for code in GOALS:
        LerenGoalTag.objects.get_or_create(code=code)
    for position, code in enumerate(THEMES):
        ThemeTag.objects.update_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("lessons", "0001_initial")]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
