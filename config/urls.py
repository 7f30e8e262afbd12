from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api
from core import views as core_views

# Not translated: machine contracts (DESIGN.md "HTTP") and sign-in.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    # Wagtail's own sign-in would accept a password alone and skip the TOTP
    # step that coordinators must pass; everyone signs in through allauth.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin-login-redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("twilio/", include("messaging.urls")),
    # Open data: stable addresses for programs, the same in every language.
    path("opendata/", include("metrics.urls_opendata")),
]

# Resident and staff pages: Japanese at /, English at /en/.
urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("", include("outreach.urls")),
    path("training/", include("training.urls")),
    path("desk/messages/", include("messaging.urls_desk")),
    path("desk/figures/", include("metrics.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler400 = "core.views.bad_request"
handler403 = "core.views.forbidden"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
