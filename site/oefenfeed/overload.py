"""A busy database answers 503 "try again in a moment" with Retry-After, instead of an error page.

Two failures mean "too busy", not "broken": every pooled PostgreSQL connection stayed taken for
DATABASE_POOL_TIMEOUT seconds (psycopg_pool.PoolTimeout, which Django wraps in OperationalError), or a
SQLite writer waited out its busy timeout ("database is locked"). A class of thirty pupils posting at
the same moment can cause either; a retry a few seconds later succeeds.
"""

import html
import logging

from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from psycopg_pool import PoolTimeout

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def is_overload(error):
    if isinstance(error, PoolTimeout) or isinstance(error.__cause__, PoolTimeout):
        return True
    return isinstance(error, OperationalError) and "database is locked" in str(error)


def overload_response(request):
    message = _("Het is even erg druk. Probeer het zo nog eens.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        # A page of its own, not the site's base template: that template's context asks the database
        # for the user's roles, and the database is what is too busy.
        title = html.escape(_("Even geduld"))
        response = HttpResponse(
            f'<!doctype html><html lang="{html.escape(get_language())}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>'
            f"<body><main><h1>{title}</h1><p>{html.escape(message)}</p></main></body></html>",
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class OverloadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_overload(exception):
            return None
        logger.warning("Database too busy for %s %s: %r", request.method, request.path, exception)
        return overload_response(request)
