"""Stored texts linked straight to the open web; since text.clean_text every link goes through the leave page
(/feed/link/?url=...). Rewrite the links already stored, in posts, their versions and comments, the same way.
Frozen here on purpose (no import of text.py): the rule of the day this ran."""

import html
import re
from urllib.parse import urlencode

from django.db import migrations

LEAVE_PATH = "/feed/link/"
OLD_LINK = re.compile(r'<a href="(https?://[^"]*)"')


def _rewrite(text):
    def replace(match):
        url = html.unescape(match.group(1))
        return '<a href="{}" class="leave-link"'.format(html.escape(f"{LEAVE_PATH}?{urlencode({'url': url})}"))

    return OLD_LINK.sub(replace, text)


def forwards(apps, schema_editor):
    for name in ("Post", "PostVersion", "Comment"):
        model = apps.get_model("sandbox_feed", name)
        changed = []
        for item in model.objects.filter(text__contains='<a href="http').only("pk", "text").iterator():
            new = _rewrite(item.text)
            if new != item.text:
                item.text = new
                changed.append(item)
        model.objects.bulk_update(changed, ["text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("sandbox_feed", "0005_version_source"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
