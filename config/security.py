"""The Content-Security-Policy every response carries (django-csp, core.security_headers).

Only the site's own scripts run; inline styles are allowed because error pages and
certificates carry their own. Wagtail's admin gets its additions in core.security_headers.
"""

from csp import constants as csp


def content_security_policy() -> dict:
    return {
        "DIRECTIVES": {
            "default-src": [csp.SELF],
            "script-src": [csp.SELF],
            "style-src": [csp.SELF, csp.UNSAFE_INLINE],
            "img-src": [csp.SELF, "data:", "blob:"],
            "font-src": [csp.SELF],
            "connect-src": [csp.SELF],
            "media-src": [csp.SELF],
            "worker-src": [csp.SELF],
            "manifest-src": [csp.SELF],
            "frame-src": [csp.SELF],
            "object-src": [csp.NONE],
            "base-uri": [csp.SELF],
            # Wagtail's preview shows the page in a frame of the admin (same origin).
            "frame-ancestors": [csp.SELF],
        }
    }
