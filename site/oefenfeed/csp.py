"""The Content-Security-Policy of every page (django-csp builds the header), and where it must differ.

Our own pages run no inline script and no inline style, so the policy is strict: scripts, styles and
connections from our own origin only (websockets to the same host count as 'self'), no plugins, no
<base> tricks, and no framing by anyone. Two places are framed by our own pages and allow that: Wagtail's
preview and the H5P player frame. The H5P frame document sets its own, sandboxing policy. The Wagtail
admin needs inline styles for its rich-text editor; its scripts stay 'self' only (we start its date
choosers from JSON data, see home/static/home/admin-widgets.js).
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE

POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'report-sample'"],
        "style-src": [SELF, "'report-sample'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF, "blob:"],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Our own pages may be framed by our own pages here (X-Frame-Options is SAMEORIGIN for the same reason).
FRAMED_BY_OURSELVES = ("/cms/", "/h5p/")
# Wagtail's rich-text editor (Draft.js) writes <style> elements at run time; styles only, never scripts.
ADMIN = "/cms/"


class PolicyPerPathMiddleware:
    """Lets the Wagtail preview and the H5P player be framed by our own pages (every other page keeps
    frame-ancestors 'none') and lets the Wagtail admin add inline styles. Listed after csp's middleware,
    so it marks the response before the header is written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(FRAMED_BY_OURSELVES):
            replace = dict(getattr(response, "_csp_replace", None) or {})
            replace.setdefault("frame-ancestors", [SELF])
            response._csp_replace = replace
        if request.path.startswith(ADMIN):
            update = dict(getattr(response, "_csp_update", None) or {})
            update.setdefault("style-src", [UNSAFE_INLINE])
            response._csp_update = update
        return response
