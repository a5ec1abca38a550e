"""Every response carries the strict Content-Security-Policy; only our own pages may frame the Wagtail
preview and the H5P player, and only the Wagtail admin may add inline styles (never inline scripts)."""

import pytest


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.django_db
def test_a_public_page_gets_the_strict_policy(client):
    policy = directives(client.get("/"))
    assert policy["script-src"] == ["'self'", "'report-sample'"]
    assert policy["style-src"] == ["'self'", "'report-sample'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_the_wagtail_admin_may_be_framed_by_us_and_use_inline_styles_but_not_scripts(client):
    policy = directives(client.get("/cms/login/"))
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
