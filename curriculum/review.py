"""The editorial workflow of lessons and the curriculum: "Beoordeling door coördinator".

- Coordinators (Wagtail's "Moderators" group) write and submit; another coordinator or an administrator
  approves. Nobody approves their own change (`is_own_change`).
- Only administrators publish without review: coordinators have no publish permission, so the last
  approval publishes the page itself (`approve`).
- Coordinators add and edit frameworks and frame goals (*Kaderdoelen*); teachers read the curriculum on the
  site, not in /cms/.

`set_up_review` makes all of that in a database. Migration 0003 calls it with the historical models, so it
uses only `apps.get_model` and fields those models have; tests call it again after a flush.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

COORDINATOR_GROUP = "Moderators"  # accounts.roles.COORDINATOR_GROUP; Wagtail's own group
REVIEW_WORKFLOW_NAME = "Beoordeling door coördinator"
OLD_WORKFLOW_NAME = "Moderators approval"  # Wagtail's default, which this replaces
SNIPPET_PERMISSIONS = {
    "framework": ("add", "change", "delete", "view"),
    "framegoal": ("add", "change", "delete", "view"),
}


# Revision fields Wagtail keeps up to date itself: a revision that differs from the one before only in these
# changed nothing. (Approving from the editor saves a revision whenever the form holds a new inline row, such
# as a just-linked learning goal, without the approver changing anything.)
BOOKKEEPING = {
    "pk",
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "live",
    "live_revision",
    "first_published_at",
    "last_published_at",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",
    "wagtail_admin_comments",
}


def _content(revision_content):
    return {key: value for key, value in revision_content.items() if key not in BOOKKEEPING}


def is_own_change(obj, user):
    """True when `user` submitted `obj` to the workflow now running, or changed it in a revision since its last
    publication (so also during the review). Cached on the user for the request."""
    from wagtail.models import Revision

    cache = user.__dict__.setdefault("_curriculum_own_changes", {})
    key = (obj._meta.label, obj.pk, getattr(obj, "latest_revision_id", None))
    if key not in cache:
        state = obj.current_workflow_state
        cache[key] = (state is not None and state.requested_by_id == user.pk) or _changed_by(obj, user, Revision)
    return cache[key]


def _changed_by(obj, user, Revision):
    """Did `user` write a revision since the live one that changes the content of the revision before it?"""
    live_id = getattr(obj, "live_revision_id", None)
    revisions = Revision.objects.for_instance(obj).order_by("pk").only("pk", "user_id", "content")
    if live_id is not None:
        revisions = revisions.filter(pk__gte=live_id)
    if not any(revision.user_id == user.pk for revision in revisions.defer("content")):
        return False
    previous = None
    for revision in revisions:
        content = _content(revision.content)
        if revision.pk != live_id and revision.user_id == user.pk and content != previous:
            return True
        previous = content
    return False


@transaction.atomic
def approve(task, task_state, user, comment="", **kwargs):
    """Approve `task_state` for `user`; after the last task, publish the latest revision.

    Wagtail would publish as the approver and refuse, since coordinators cannot publish on their own."""
    from wagtail.signals import workflow_approved

    workflow_state = task_state.workflow_state
    content_object = workflow_state.content_object
    if task.is_own_change(content_object, user):
        raise PermissionDenied
    task_state.approve(user=user, update=False, comment=comment)
    if workflow_state.get_next_task() is not None:
        workflow_state.update(user=user)
        return None
    workflow_state.status = workflow_state.STATUS_APPROVED
    workflow_state.save()
    content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
    workflow_approved.send(sender=workflow_state.__class__, instance=workflow_state, user=user)
    return None


def set_up_review(apps):
    """The Dutch review workflow with its task on the whole page tree, coordinators' permissions, and
    Wagtail's "Moderators approval" workflow replaced. Safe to run again."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ReviewTask = apps.get_model("curriculum", "CoordinatorReviewTask")

    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    task_type, _ = ContentType.objects.get_or_create(app_label="curriculum", model="coordinatorreviewtask")
    task = ReviewTask.objects.filter(name=REVIEW_WORKFLOW_NAME).first()
    if task is None:
        task = ReviewTask.objects.create(name=REVIEW_WORKFLOW_NAME, content_type=task_type, active=True)
    task.groups.add(group)

    workflow = (
        Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME).first()
        or Workflow.objects.filter(name=OLD_WORKFLOW_NAME).first()
        or Workflow.objects.create(name=REVIEW_WORKFLOW_NAME, active=True)
    )
    old_links = WorkflowTask.objects.filter(workflow=workflow).exclude(task=task)
    old_task_ids = list(old_links.values_list("task", flat=True))
    old_links.delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    Task.objects.filter(pk__in=old_task_ids, workflow_tasks__isnull=True).update(active=False)
    workflow.name = REVIEW_WORKFLOW_NAME
    workflow.active = True
    workflow.save()
    for root in Page.objects.filter(depth=1):
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    _move_reviews_in_progress(apps, workflow, task, old_task_ids)

    # Publishing without review is for administrators (superusers) only.
    GroupPagePermission.objects.filter(group=group, permission__codename="publish_page").delete()

    for model, actions in SNIPPET_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="curriculum", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            group.permissions.add(permission)
    return workflow


def _move_reviews_in_progress(apps, workflow, task, old_task_ids):
    """Pages waiting in the old task wait in the new one: same revision, same submitter."""
    TaskState = apps.get_model("wagtailcore", "TaskState")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not old_task_ids:
        return
    task_state_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="taskstate")
    waiting = WorkflowState.objects.filter(
        workflow=workflow, status="in_progress", current_task_state__task_id__in=old_task_ids
    ).select_related("current_task_state")
    for workflow_state in waiting:
        old = workflow_state.current_task_state
        old.status = "cancelled"
        old.save(update_fields=["status"])
        workflow_state.current_task_state = TaskState.objects.create(
            workflow_state=workflow_state,
            revision_id=old.revision_id,
            task=task,
            status="in_progress",
            content_type=task_state_type,
        )
        workflow_state.save(update_fields=["current_task_state"])
