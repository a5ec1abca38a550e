"""Remove a content item's extracted files when the item is deleted (libraries stay: other content uses them)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import storage
from .models import H5PContent


@receiver(post_delete, sender=H5PContent)
def remove_content_files(sender, instance, **kwargs):
    pk = instance.pk
    transaction.on_commit(lambda: storage.delete_content_files(pk))
