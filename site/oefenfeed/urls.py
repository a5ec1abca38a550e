from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_http_methods
from django.views.i18n import JavaScriptCatalog, set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views import account as wagtail_account
from wagtail.documents import urls as wagtaildocs_urls

from .api import api
from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    # Wagtail's login view answers any method; like our own logins it takes GET and POST only.
    path(
        "cms/login/",
        require_http_methods(["GET", "POST"])(wagtail_account.LoginView.as_view()),
        name="wagtailadmin_login",
    ),
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("accounts.urls")),
    path("", include("home.urls")),
    path("", include("lessons.urls")),
    path("feed/", include("sandbox_feed.urls")),
    path("privacy/", include("privacy.urls")),
    path("", include("h5p.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the page tree (lesson library, curriculum) for every path not matched above.
urlpatterns.append(path("", include(wagtail_urls)))
