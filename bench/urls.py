"""The project's URLs plus a bare view to compare pages with; only the benchmarks use this URLconf."""

from django.http import HttpResponse
from django.urls import path

from oefenfeed.urls import urlpatterns as project_urlpatterns


def bare(request):
    """The least a Django view does: no template, no query."""
    return HttpResponse("ok", content_type="text/plain")


def who(request):
    """A bare view that knows who asks, as every logged-in page must: the session and the user, two queries."""
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


urlpatterns = [path("__bench__/bare/", bare), path("__bench__/who/", who), *project_urlpatterns]
