"""Leaving Oefenfeed: every link in a post or comment opens this page first, a small lesson in checking an
address; and the pupil's list of posts and comments that mention them."""

from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import mentions as mention_rules
from .text import is_fake_domain, is_web_address

MAX_URL = 2000


def _require_member(user):
    """Pupils and school staff only; everyone else gets the same 404 as for a page that is not theirs."""
    if not (user.is_pupil or user.is_school_staff):
        raise Http404


def _split_host(host):
    """("www.", "nos-nieuws", ".biz"): the registered domain is what the page highlights."""
    labels = host.split(".")
    if len(labels) < 2:
        return "", host, ""
    domain = ".".join(labels[-2:])
    prefix = host[: len(host) - len(domain)]
    name, _dot, tld = domain.partition(".")
    return prefix, name, "." + tld


@login_required
@require_GET
def leave(request):
    _require_member(request.user)
    url = request.GET.get("url", "").strip()
    context = {"url": url, "valid": False, "fake": False}
    if url and len(url) <= MAX_URL and is_web_address(url):
        parts = urlsplit(url)
        host = parts.hostname or ""
        prefix, name, tld = _split_host(host)
        context.update(
            valid=True,
            fake=is_fake_domain(host),
            secure=parts.scheme == "https",
            host=host,
            host_prefix=prefix,
            host_name=name,
            host_tld=tld,
            rest=url.split(parts.netloc, 1)[1] if parts.netloc else "",
            scheme=parts.scheme,
        )
    return render(request, "sandbox_feed/leave.html", context, status=200 if context["valid"] else 400)


@login_required
@require_GET
def mentions(request):
    """The posts and comments that mention this pupil, newest first; opening the list marks them read."""
    if not request.user.is_pupil:
        raise Http404
    items = mention_rules.listing(request.user)
    return render(request, "sandbox_feed/mentions.html", {"items": items})
