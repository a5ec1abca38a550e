"""Test-only URLs: the project's URLs plus a page with two H5P activity blocks, as a lesson step would have."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from h5p.blocks import H5PActivityBlock
from h5p.models import H5PContent
from oefenfeed.urls import urlpatterns as project_urlpatterns

PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}<h1>Twee activiteiten</h1>'
    "{% for block in blocks %}{{ block }}{% endfor %}{% endblock %}"
)


@login_required
def two_players(request):
    block = H5PActivityBlock()
    blocks = [
        block.render(block.to_python({"activity": content.pk, "intro": f"Opdracht {n}"}), context={"request": request})
        for n, content in enumerate(H5PContent.objects.order_by("pk")[:2], start=1)
    ]
    return HttpResponse(PAGE.render({"blocks": blocks}, request))


urlpatterns = [path("test/twee-activiteiten/", two_players), *project_urlpatterns]
