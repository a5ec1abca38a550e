"""Mentions stored as <span class="mention">@Sanne</span> become links to the classmate's page in the class
(<a class="mention" href="/feed/<class id>/leerling/<pupil id>/">@Sanne</a>, views_member), in posts, comments and
their versions. Who is meant: the class's pupils with that first name, narrowed to the pupils the item's Mention
rows name; a mark becomes a link only when that leaves exactly one (two classmates with the same name keep the
plain mark, as text.mark_mentions does). Running it again changes nothing; backwards the links become marks.
Frozen here on purpose (no import of text.py): the rule of the day this ran."""

import re

from django.db import migrations

SPAN = re.compile(r'<span class="mention">(@(\w+))</span>')
LINK = re.compile(r'<a class="mention" href="/feed/\d+/leerling/\d+/">(@\w+)</a>')
MODELS = (
    # (model, the path to its class, to its post, to its comment: for the Mention rows it has)
    ("Post", "school_class_id", "id", None),
    ("PostVersion", "post__school_class_id", "post_id", None),
    ("Comment", "post__school_class_id", "post_id", "id"),
    ("CommentVersion", "comment__post__school_class_id", "comment__post_id", "comment_id"),
)


def _class_pupils(apps):
    """{class id: {casefolded first name: {pupil ids}}}"""
    SchoolClass = apps.get_model("accounts", "SchoolClass")
    pupils = {}
    rows = SchoolClass.pupils.through.objects.values_list("schoolclass_id", "user_id", "user__first_name")
    for class_id, pupil_id, first_name in rows.iterator():
        pupils.setdefault(class_id, {}).setdefault(first_name.casefold(), set()).add(pupil_id)
    return pupils


def _mentioned(apps):
    """({post id: pupil ids named in the post}, {comment id: pupil ids named in the comment})"""
    Mention = apps.get_model("sandbox_feed", "Mention")
    in_posts, in_comments = {}, {}
    for post_id, comment_id, pupil_id in Mention.objects.values_list("post_id", "comment_id", "pupil_id").iterator():
        if comment_id is None:
            in_posts.setdefault(post_id, set()).add(pupil_id)
        else:
            in_comments.setdefault(comment_id, set()).add(pupil_id)
    return in_posts, in_comments


def forwards(apps, schema_editor):
    pupils = _class_pupils(apps)
    in_posts, in_comments = _mentioned(apps)
    for name, class_path, post_path, comment_path in MODELS:
        model = apps.get_model("sandbox_feed", name)
        fields = ["pk", "text", class_path, post_path] + ([comment_path] if comment_path else [])
        changed = []
        for row in model.objects.filter(text__contains='<span class="mention">').values(*fields).iterator():
            class_id = row[class_path]
            named = in_comments.get(row[comment_path], set()) if comment_path else in_posts.get(row[post_path], set())

            def replace(match, class_id=class_id, named=named):
                candidates = pupils.get(class_id, {}).get(match.group(2).casefold(), set())
                candidates = (candidates & named) or candidates
                if len(candidates) != 1:
                    return match.group(0)
                (pupil_id,) = candidates
                return f'<a class="mention" href="/feed/{class_id}/leerling/{pupil_id}/">{match.group(1)}</a>'

            text = SPAN.sub(replace, row["text"])
            if text != row["text"]:
                changed.append(model(pk=row["pk"], text=text))
        model.objects.bulk_update(changed, ["text"], batch_size=500)


def backwards(apps, schema_editor):
    for name, *_paths in MODELS:
        model = apps.get_model("sandbox_feed", name)
        changed = []
        for pk, text in model.objects.filter(text__contains='<a class="mention"').values_list("pk", "text").iterator():
            changed.append(model(pk=pk, text=LINK.sub(r'<span class="mention">\1</span>', text)))
        model.objects.bulk_update(changed, ["text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("sandbox_feed", "0007_comment_mentions"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
