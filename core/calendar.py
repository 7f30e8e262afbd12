"""iCalendar (RFC 5545) pieces shared by residents' classes and staff courses.

Every event Tsunagu publishes follows the same rules, so a calendar app treats
a class and a staff course alike:

* the UID is stable for the life of the class or session (`<kind>-<id>@<host>`,
  the host taken from PUBLIC_BASE_URL), so an app updates the event it already
  has instead of adding a second one;
* SEQUENCE is the row's own counter, raised by every service that changes it;
* a cancelled event stays with STATUS:CANCELLED, so the app removes it from the day;
* times are written in Asia/Tokyo with its VTIMEZONE, so every client reads
  them the same way.

Each app adds what only it knows (a venue's map position, a meeting link).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

TOKYO = ZoneInfo("Asia/Tokyo")
CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid_host() -> str:
    return urlsplit(settings.PUBLIC_BASE_URL).hostname or "tsunagu.invalid"


def event_uid(kind: str, pk: int) -> str:
    """`class-12@tsunagu.example.jp`: stable for the life of the row."""
    return f"{kind}-{pk}@{uid_host()}"


def base_event(
    *,
    uid: str,
    sequence: int,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    updated_at: dt.datetime,
    summary: str,
    cancelled: bool,
) -> Event:
    """An event with the fields every Tsunagu event carries; the caller adds the rest."""
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", updated_at)
    event.add("dtstart", starts_at.astimezone(TOKYO))
    event.add("dtend", ends_at.astimezone(TOKYO))
    event.add("summary", summary)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_bytes(
    events: Iterable[Event], *, name: str, product: str, method: str | None = None
) -> bytes:
    """A whole VCALENDAR with Asia/Tokyo's VTIMEZONE; `method` for email invitations (RFC 5546)."""
    cal = Calendar()
    cal.add("prodid", f"-//Tsunagu//{product}//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Tokyo")
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def ics_response(
    body: bytes, *, filename: str | None = None, private: bool = False
) -> HttpResponse:
    """An .ics download (with a file name) or a feed an app polls (without).

    `private` for a personal feed reached by a secret address: never cached
    by a proxy, never indexed.
    """
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response
