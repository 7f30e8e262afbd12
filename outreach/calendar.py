"""Classes as iCalendar events (RFC 5545) for residents' and trainers' calendar apps.

The UID is stable for the life of a class, and SEQUENCE is the class's own
counter, raised by every service that changes it, so a calendar app updates the
event it already has instead of adding a second one. A cancelled class stays in
the feed with STATUS:CANCELLED so the app removes it from the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from outreach.models import ClassSession

TOKYO = ZoneInfo("Asia/Tokyo")


def _uid(session: ClassSession) -> str:
    host = urlsplit(settings.PUBLIC_BASE_URL).hostname or "tsunagu.invalid"
    return f"class-{session.pk}@{host}"


def class_event(session: ClassSession) -> Event:
    event = Event()
    event.add("uid", _uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", session.updated_at)
    event.add("dtstart", session.starts_at.astimezone(TOKYO))
    event.add("dtend", session.ends_at.astimezone(TOKYO))
    event.add("summary", f"{_('スマホ教室')}：{session.display_title}")
    venue = session.venue
    event.add("location", f"{venue.display_name} {venue.address}")
    if venue.latitude is not None and venue.longitude is not None:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    url = settings.PUBLIC_BASE_URL + reverse("outreach:class-detail", args=[session.pk])
    event.add("url", url)
    lines = [session.topic.display_summary]
    if session.topic.display_what_to_bring:
        lines.append(f"{_('持ち物')}：{session.topic.display_what_to_bring}")
    if session.notes:
        lines.append(session.notes)
    lines.append(url)
    event.add("description", "\n".join(line for line in lines if line))
    if session.is_cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("明日はスマホ教室です"))
        alarm.add("trigger", -dt.timedelta(days=1))
        event.add_component(alarm)
    return event


def calendar_for(sessions: Iterable[ClassSession], *, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Tsunagu//Smartphone classes//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Tokyo")
    for session in sessions:
        cal.add_component(class_event(session))
    # VTIMEZONE for Asia/Tokyo, so every client reads the times the same way.
    cal.add_missing_timezones()
    return cal.to_ical()
