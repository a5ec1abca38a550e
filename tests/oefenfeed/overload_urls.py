"""Views that fail the way an overloaded database fails, for tests/oefenfeed/test_overload.py."""

from django.db import OperationalError, connection
from django.http import HttpResponse
from django.urls import path
from psycopg_pool import PoolTimeout


def pool_timeout(request):
    # As Django raises it: psycopg's PoolTimeout wrapped in django.db.OperationalError.
    with connection.wrap_database_errors:
        raise PoolTimeout("couldn't get a connection after 10.00 sec")


def bare_pool_timeout(request):
    raise PoolTimeout("couldn't get a connection after 10.00 sec")


def locked(request):
    raise OperationalError("database is locked")


def other_operational_error(request):
    raise OperationalError("no such table: lessons_lessonpage")


def fine(request):
    return HttpResponse("ok")


urlpatterns = [
    path("pagina/vol/", pool_timeout),
    path("pagina/vol-kaal/", bare_pool_timeout),
    path("pagina/op-slot/", locked),
    path("pagina/kapot/", other_operational_error),
    path("pagina/goed/", fine),
    path("api/v1/vol/", pool_timeout),
    path("api/v1/op-slot/", locked),
]
