"""Open data at stable public addresses (no language prefix): the same file for everyone.

Each file is cached under a key that changes with the data (the upcoming
classes' latest change; the figures' last refresh), so a change shows at once
and the database is asked again only then or when the cache time runs out.
No session, cookie or CSRF token is read or set here.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from metrics import exports, opendata
from metrics.refresh import last_refresh
from outreach import queries as outreach


def _serve(key: str, build, filename: str) -> HttpResponse:
    text = cache.get(key)
    if text is None:
        text = exports.csv_text(build())
        cache.set(key, text, settings.OPEN_DATA_CACHE_SECONDS)
    response = HttpResponse(text.encode("utf-8"), content_type=exports.CSV_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={settings.OPEN_DATA_CACHE_SECONDS}"
    response["X-License"] = settings.OPEN_DATA_LICENSE
    return response


@require_GET
def events_csv(request):
    """Upcoming classes in the 自治体標準オープンデータセット「イベント一覧」layout."""
    key = f"opendata:events:{outreach.upcoming_classes_version()}"
    return _serve(key, opendata.event_rows, "events.csv")


@require_GET
def figures_csv(request):
    """The yearly figures, city-wide, every year on record, small counts suppressed."""
    state = last_refresh()
    stamp = state.finished_at.isoformat() if state and state.finished_at else "never"
    key = f"opendata:figures:{stamp}:{settings.SMALL_COUNT_THRESHOLD}"
    return _serve(key, opendata.figures_rows, "figures.csv")
