"""The HTTP API under /api/v1/: session authentication with CSRF, the same permission rules as the views."""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from accounts.models import SchoolClass
from sandbox_feed.api import router as feed_router

api = NinjaAPI(
    title="Oefenfeed API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_url="/docs",
)
api.add_router("/feed/", feed_router)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    """A role's action by another role (a pupil calling a teacher's route): 403 in JSON, nothing changed."""
    return api.create_response(request, {"detail": "Dit mag je niet doen met jouw account."}, status=403)


class ClassOut(Schema):
    id: int
    name: str
    groep: int
    school: str
    role: str


class MeOut(Schema):
    id: int
    display_name: str
    role: str
    classes: list[ClassOut]


@api.get("/me", response=MeOut, tags=["accounts"])
def me(request):
    """The logged-in user and the classes they belong to."""
    user = request.user
    teaching = SchoolClass.objects.for_teacher(user).select_related("school")
    learning = SchoolClass.objects.for_pupil(user).select_related("school")
    classes = [
        ClassOut(id=c.pk, name=c.name, groep=c.groep, school=c.school.name, role="teacher") for c in teaching
    ] + [ClassOut(id=c.pk, name=c.name, groep=c.groep, school=c.school.name, role="pupil") for c in learning]
    return MeOut(id=user.pk, display_name=user.display_name, role=user.role, classes=classes)
