"""Course sessions as iCalendar events: the .ics download, a learner's feed, and email invitations.

The rules shared with residents' classes (stable UID, SEQUENCE, STATUS:CANCELLED,
Asia/Tokyo's VTIMEZONE) are core.calendar's. The download, the feed and the
emailed invitation of one session carry the same UID and SEQUENCE, so a
calendar app holds one event for it whichever way it arrived.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Event, vCalAddress

from core import calendar as ical
from training.models import CourseSession, Enrolment

UID_KIND = "course-session"
PRODUCT = "Staff ICT courses"
# A learner's feed keeps a month of past sessions, so "what did I attend" stays visible.
FEED_PAST_DAYS = 30


def session_uid(session: CourseSession) -> str:
    return ical.event_uid(UID_KIND, session.pk)


def session_event(session: CourseSession, *, cancelled: bool | None = None) -> Event:
    course = session.course
    cancelled = session.is_cancelled if cancelled is None else cancelled
    event = ical.base_event(
        uid=session_uid(session),
        sequence=session.sequence,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        updated_at=session.updated_at,
        summary=f"{_('職員研修')}：{course.display_title}",
        cancelled=cancelled,
    )
    places = [p for p in (session.room, session.online_url) if p]
    if places:
        event.add("location", " / ".join(places))
    url = settings.PUBLIC_BASE_URL + reverse("training:course", args=[course.pk])
    event.add("url", url)
    lines = [course.display_description]
    if session.online_url:
        lines.append(f"{_('オンライン会議')}：{session.online_url}")
    if session.notes:
        lines.append(session.notes)
    if session.is_cancelled and session.cancellation_reason:
        lines.append(f"{_('中止の理由')}：{session.cancellation_reason}")
    lines.append(url)
    event.add("description", "\n".join(line for line in lines if line))
    if not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("まもなく職員研修が始まります"))
        alarm.add("trigger", -dt.timedelta(minutes=30))
        event.add_component(alarm)
    return event


def session_calendar(session: CourseSession) -> bytes:
    """The .ics download of one session."""
    return ical.calendar_bytes(
        [session_event(session)], name=session.course.display_title, product=PRODUCT
    )


def learner_calendar(learner) -> bytes:
    """A learner's feed: the sessions they hold a seat in, and those cancelled under them."""
    since = timezone.now() - dt.timedelta(days=FEED_PAST_DAYS)
    enrolments = (
        Enrolment.objects.of(learner)
        .in_calendar()
        .filter(session__starts_at__gte=since)
        .select_related("course", "session", "session__course")
        .order_by("session__starts_at")
    )
    return ical.calendar_bytes(
        (session_event(e.session) for e in enrolments), name=_("受講する職員研修"), product=PRODUCT
    )


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = name
    for key, value in params.items():
        address.params[key] = value
    return address


def invitation(session: CourseSession, learner, *, method: str) -> bytes:
    """An invitation for email (RFC 5546): METHOD:REQUEST to add or update, CANCEL to remove.

    The same UID and SEQUENCE as the session's .ics. The organizer is the
    city's training office (TRAINING_ORGANIZER_EMAIL); the one attendee is the learner.
    """
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"method must be REQUEST or CANCEL, not {method!r}")
    event = session_event(session, cancelled=session.is_cancelled or method == "CANCEL")
    event.add(
        "organizer",
        _address(settings.TRAINING_ORGANIZER_EMAIL, str(settings.TRAINING_ORGANIZER_NAME)),
    )
    event.add(
        "attendee",
        _address(
            learner.email,
            learner.get_full_name(),
            role="REQ-PARTICIPANT",
            partstat="ACCEPTED",
            rsvp="FALSE",
        ),
    )
    return ical.calendar_bytes(
        [event], name=session.course.display_title, product=PRODUCT, method=method
    )
