"""Frameworks as data: each frame goal belongs to a framework with a status and a start date, may have a parent
(kerndoel 21 -> 21A) and may name the goal it replaces. Loads data/frameworks.json; the old `frame` column's
rows move to their framework, so existing mappings keep their frame goals."""

import json
from datetime import date
from pathlib import Path

import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models


DATA = Path(__file__).resolve().parents[1] / "data" / "frameworks.json"
# The old Frame choices and the framework that takes over their rows.
OLD_FRAMES = {
    "slo": "slo",
    "kerndoel": "kerndoelen-2025",
    "mediawijzer": "mediawijzer-2021",
    "protocol": "protocol-ooe",
}


def load_frameworks(apps, schema_editor):
    Framework = apps.get_model("curriculum", "Framework")
    FrameGoal = apps.get_model("curriculum", "FrameGoal")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    frameworks = {}
    for position, spec in enumerate(data["frameworks"], start=1):
        applies_from = date.fromisoformat(spec["applies_from"]) if spec["applies_from"] else None
        frameworks[spec["code"]], _ = Framework.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "short_name": spec["short_name"],
                "status": spec["status"],
                "applies_from": applies_from,
                "description": spec["description"],
                "position": position,
            },
        )
    for frame, code in OLD_FRAMES.items():
        FrameGoal.objects.filter(frame=frame, framework__isnull=True).update(framework=frameworks[code])

    goals = {}
    replacing = []

    positions = {}

    def load(framework, specs, parent=None):
        # Positions run through the tree depth-first, so ordering by position lists 21, 21A, 21B, ..., 22.
        for spec in specs:
            position = positions[framework.code] = positions.get(framework.code, 0) + 1
            goal, created = FrameGoal.objects.get_or_create(
                framework=framework,
                code=spec["code"],
                defaults={"title": spec["title"], "frame": framework.code[:20]},
            )
            # A title a school already had stays; structure and description come from the data.
            goal.description = goal.description or spec["description"]
            goal.parent = parent
            goal.position = position
            goal.save()
            goals[(framework.code, spec["code"])] = goal
            if "replaces" in spec:
                replacing.append((goal, tuple(spec["replaces"])))
            load(framework, spec.get("children", []), parent=goal)

    for spec in data["frameworks"]:
        load(frameworks[spec["code"]], spec["goals"])
    for goal, (framework_code, code) in replacing:
        goal.replaces = goals.get((framework_code, code))
        goal.save(update_fields=["replaces"])
    # Goals of an old frame value nobody knew: keep them, in a framework of their own.
    orphans = FrameGoal.objects.filter(framework__isnull=True)
    if orphans.exists():
        other, _ = Framework.objects.get_or_create(
            code="overig", defaults={"name": "Overig", "short_name": "Overig", "status": "concept", "position": 99}
        )
        orphans.update(framework=other)


class Migration(migrations.Migration):

    dependencies = [
        ('curriculum', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Framework',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(help_text='Bijvoorbeeld kerndoelen-2025.', max_length=40, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=150, verbose_name='naam')),
                ('short_name', models.CharField(help_text='Voor tabellen, bijvoorbeeld SLO.', max_length=40, verbose_name='korte naam')),
                ('status', models.CharField(choices=[('concept', 'concept'), ('definitief-concept', 'definitief concept'), ('vastgesteld', 'vastgesteld (geen wet)'), ('wet', 'wet'), ('vervangen', 'vervangen')], max_length=20, verbose_name='status')),
                ('applies_from', models.DateField(blank=True, null=True, verbose_name='geldt vanaf')),
                ('description', models.TextField(blank=True, verbose_name='toelichting')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
            ],
            options={
                'verbose_name': 'kader',
                'verbose_name_plural': 'kaders',
                'ordering': ['position', 'name'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.AlterModelOptions(
            name='framegoal',
            options={'ordering': ['framework__position', 'position', 'code'], 'verbose_name': 'kaderdoel', 'verbose_name_plural': 'kaderdoelen'},
        ),
        migrations.AddField(
            model_name='framegoal',
            name='description',
            field=models.TextField(blank=True, help_text='In onze eigen woorden.', verbose_name='toelichting'),
        ),
        migrations.AddField(
            model_name='framegoal',
            name='parent',
            field=models.ForeignKey(blank=True, help_text='Voor een subdoel: het domein of kerndoel waar het onder valt, bijvoorbeeld 21 bij 21A.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='curriculum.framegoal', verbose_name='hoort bij'),
        ),
        migrations.AddField(
            model_name='framegoal',
            name='position',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='volgorde'),
        ),
        migrations.AddField(
            model_name='framegoal',
            name='replaces',
            field=models.ForeignKey(blank=True, help_text='Het kaderdoel (uit een ouder kader) dat dit doel vervangt.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='replaced_by', to='curriculum.framegoal', verbose_name='vervangt'),
        ),
        migrations.AlterField(
            model_name='goalmapping',
            name='frame_goal',
            field=models.ForeignKey(limit_choices_to={'children__isnull': True}, on_delete=django.db.models.deletion.PROTECT, related_name='mappings', to='curriculum.framegoal', verbose_name='kaderdoel'),
        ),
        migrations.AddField(
            model_name='framegoal',
            name='framework',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='goals', to='curriculum.framework', verbose_name='kader'),
        ),
        migrations.RunPython(load_frameworks, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='framegoal',
            name='unique_frame_goal_code',
        ),
        migrations.RemoveField(
            model_name='framegoal',
            name='frame',
        ),
        migrations.AlterField(
            model_name='framegoal',
            name='framework',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='goals', to='curriculum.framework', verbose_name='kader'),
        ),
        migrations.AddConstraint(
            model_name='framegoal',
            constraint=models.UniqueConstraint(fields=('framework', 'code'), name='unique_framework_goal_code'),
        ),
    ]
