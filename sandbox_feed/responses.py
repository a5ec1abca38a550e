"""How a feed action answers: a redirect for a plain form post (the page works without JavaScript), and for
feed.js, which sends the same form with fetch, JSON with what to tell the user and where the redirect went,
so the page updates in place."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, resolve_url


def is_fetch(request):
    """feed.js marks its requests (a form sent in place, a region it refreshes) with this header."""
    return request.headers.get("X-Requested-With") == "fetch"


def done(request, to, *args, **kwargs):
    """After a change: redirect as always, or answer feed.js with the messages of this request (they are
    then not shown again on the next page) and the address the redirect would have gone to."""
    url = resolve_url(to, *args, **kwargs)
    if not is_fetch(request):
        return redirect(url)
    told = [{"level": message.level_tag, "text": str(message)} for message in messages.get_messages(request)]
    return JsonResponse({"messages": told, "location": url})
