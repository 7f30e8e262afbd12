"""Whole-page cache for the public help pages, shared by every anonymous reader.

A cached page must never carry one visitor's CSRF token, session or language to
another, so only these are cached: GET requests under a help path, from a
visitor with no session and no pending messages, answered 200 by a help page
that marked itself cacheable, setting no cookie. The key holds the path (and so
the language prefix), the host and the reader's reading-aid cookie. Publishing
a page or any change to classes or registrations starts a new generation, which
makes every older entry unreachable (with Redis, on every server at once).
"""

from __future__ import annotations

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from cms.reading import COOKIE, encode, parse

GENERATION_KEY = "cms:pages:generation"
HELP_PATH_RE = re.compile(r"^/(?:[a-z]{2,3}(?:-[a-z0-9]+)*/)?help/")
# Seats left on the "next classes" box are live; a short life bounds how stale
# they can be on a server whose cache another server cannot purge (locmem).
TIMEOUT = getattr(settings, "CMS_PAGE_CACHE_SECONDS", 60)
KEPT_HEADERS = ("Content-Type", "Vary", "X-Frame-Options", "Content-Language", "Cache-Control")


def purge(**_kwargs) -> None:
    """Start a new generation: every cached help page is rebuilt on its next visit."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def cache_key(request) -> str | None:
    if request.method not in ("GET", "HEAD") or request.GET:
        return None
    if not HELP_PATH_RE.match(request.path):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    prefs = encode(*parse(request.COOKIES.get(COOKIE)))
    where = hashlib.sha256(f"{request.get_host()}{request.path}".encode()).hexdigest()[:32]
    return f"cms:page:{_generation()}:{get_language()}:{prefs}:{where}"


class HelpPageCacheMiddleware:
    """Sits right after LocaleMiddleware, so a hit skips sessions, auth and Wagtail's routing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                response["X-Help-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if (
            key is not None
            and getattr(response, "cms_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), TIMEOUT)
            response["X-Help-Cache"] = "miss"
        return response
