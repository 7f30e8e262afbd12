"""Whole-page cache for public pages, shared by every anonymous reader.

The help pages and the class finder (list and class page) are served from here.
A cached page must never carry one visitor's CSRF token, session or language to
another, so only these are cached: GET requests on a path listed in
settings.PUBLIC_PAGE_CACHE, with no query parameter other than that path's own
(each given once), from a visitor with no session and no pending messages,
answered 200 by a view that marked its response ``page_cacheable``, setting no
cookie. The key holds the path and query (and so the language prefix and the
filters), the host and the reader's reading-aid cookie.

Publishing a page or any change to classes or registrations starts a new
generation, which makes every older entry stale (with Redis, on every server at
once): an entry keeps the generation it was made in, and a hit fetches the
current generation and the entry in one round trip to the cache. The class pages show seats left, so the generation is bumped
by outreach's signals, which are sent after the change has committed: a reader
who asks after the registration's response never gets the old count.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from cms.reading import COOKIE, encode, parse

GENERATION_KEY = "cms:pages:generation"
# Seats left are live; a short life bounds how stale they can be on a server
# whose cache another server cannot purge (locmem, one per process).
TIMEOUT = getattr(settings, "CMS_PAGE_CACHE_SECONDS", 60)
KEPT_HEADERS = ("Content-Type", "Vary", "X-Frame-Options", "Content-Language", "Cache-Control")
HEADER = "X-Page-Cache"


def purge(**_kwargs) -> None:
    """Start a new generation: every cached page is rebuilt on its next visit."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def _query(request) -> str | None:
    """The query string in a fixed order, or None when this path may not be cached with it."""
    # re keeps the compiled patterns; read each time, so a test may change the setting.
    rules = getattr(settings, "PUBLIC_PAGE_CACHE", ())
    params = next((params for pattern, params in rules if re.match(pattern, request.path)), None)
    if params is None:
        return None
    items = []
    for name in request.GET:
        values = request.GET.getlist(name)
        if name not in params or len(values) != 1:
            return None
        items.append((name, values[0]))
    return urlencode(sorted(items))


def cache_key(request) -> str | None:
    """The page's key, without the generation: the entry carries the generation it was
    made in, so one round trip to the cache fetches both (see lookup())."""
    if request.method not in ("GET", "HEAD"):
        return None
    query = _query(request)
    if query is None:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    prefs = encode(*parse(request.COOKIES.get(COOKIE)))
    where = hashlib.sha256(f"{request.get_host()}{request.path}?{query}".encode()).hexdigest()
    return f"cms:page:{get_language()}:{prefs}:{where[:32]}"


def lookup(key: str) -> tuple[str, tuple | None]:
    """The current generation and the page stored under key if it was made in it."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return _generation(), None
    stored = found.get(key)
    if stored is None or stored[0] != generation:
        return generation, None
    return generation, stored[1:]


class PublicPageCacheMiddleware:
    """Sits right after LocaleMiddleware, so a hit skips sessions, auth and the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        generation = None
        if key is not None:
            generation, stored = lookup(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                response[HEADER] = "hit"
                return response
        response = self.get_response(request)
        if (
            key is not None
            and getattr(response, "page_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            # Stored with the generation read before the view ran: if a change
            # committed meanwhile, the entry is already stale and never served.
            cache.set(key, (generation, response.content, headers), TIMEOUT)
            response[HEADER] = "miss"
        return response
