"""Content-Security-Policy (settings.CONTENT_SECURITY_POLICY) and Permissions-Policy
on every response.

The site's own pages load only their own scripts (static/js, no inline script:
data for scripts is in <script type="application/json">, which never runs), so
script-src is 'self'. Inline <style> is allowed: the error pages and printable
certificates carry their styles inline so they render even when static files
fail; styles cannot run code.

Wagtail's admin (/admin/) writes inline scripts, so only there script-src also
allows 'unsafe-inline'; only editors and coordinators, signed in, reach it. (Its
Gravatar avatars are switched off in settings: they would send a hash of each
editor's e-mail address to a third party.)
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

WAGTAIL_ADMIN_PREFIX = "/admin/"
WAGTAIL_ADMIN_ADDITIONS = {"script-src": [UNSAFE_INLINE]}

# No page of Tsunagu uses these; a script injected or embedded cannot either.
# Read-aloud (speechSynthesis) needs no permission.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
    )
)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's additions and Permissions-Policy."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(WAGTAIL_ADMIN_PREFIX):
            parts.update = {**WAGTAIL_ADMIN_ADDITIONS, **(parts.update or {})}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
