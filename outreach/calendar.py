"""Classes as iCalendar events for residents' and trainers' calendar apps.

The rules every Tsunagu event keeps (stable UID, SEQUENCE, STATUS:CANCELLED,
Asia/Tokyo) live in core.calendar; this adds what a class has: the venue, its
map position, what to bring, and a reminder the day before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Alarm, Event

from core import calendar as ical
from outreach.models import ClassSession


def class_event(session: ClassSession) -> Event:
    event = ical.base_event(
        uid=ical.event_uid("class", session.pk),
        sequence=session.sequence,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        updated_at=session.updated_at,
        summary=f"{_('スマホ教室')}：{session.display_title}",
        cancelled=session.is_cancelled,
    )
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
    if not session.is_cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("明日はスマホ教室です"))
        alarm.add("trigger", -dt.timedelta(days=1))
        event.add_component(alarm)
    return event


def calendar_for(sessions: Iterable[ClassSession], *, name: str) -> bytes:
    return ical.calendar_bytes(
        (class_event(session) for session in sessions), name=name, product="Smartphone classes"
    )
