"""The /cms/ edit form of a grade band page: its learning goals and their mappings read in two queries."""

from wagtail.admin.forms import WagtailAdminPageForm


class GradeBandPageForm(WagtailAdminPageForm):
    """Without unpublished changes Wagtail edits the live database copy of a page, and every nested inline
    panel asks the database for its own rows: one query per learning goal for its mappings, so a band page
    with many goals was slow to open. Hand the form the goals with their mappings loaded at once, in memory,
    as a revision would."""

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and instance.pk and "goals" not in getattr(instance, "_cluster_related_objects", {}):
            instance.goals = list(instance.goals.prefetch_related("mappings"))
        super().__init__(*args, instance=instance, **kwargs)
