"""iCalendar: one class, and a trainer's secret feed."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from outreach.models import CalendarFeed
from outreach.services import cancel_class, update_class
from tests.factories import ClassSessionFactory

pytestmark = pytest.mark.django_db


def _event(client, session):
    response = client.get(reverse("outreach:class-calendar", args=[session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return cal, next(iter(cal.walk("VEVENT")))


def test_a_class_is_an_event_in_tokyo_time_with_place_and_reminder(client):
    session = ClassSessionFactory()
    cal, event = _event(client, session)
    assert any(tz["TZID"] == "Asia/Tokyo" for tz in cal.walk("VTIMEZONE"))
    assert str(event["UID"]).startswith(f"class-{session.pk}@")
    assert event["LOCATION"].startswith(session.venue.display_name)
    assert event["GEO"].latitude == pytest.approx(35.6)
    assert event.decoded("DTSTART") == session.starts_at
    assert event.walk("VALARM")[0]["TRIGGER"].dt.days == -1
    assert event["STATUS"] == "CONFIRMED"


def test_every_change_raises_sequence_and_keeps_the_uid(client):
    session = ClassSessionFactory()
    _cal, before = _event(client, session)
    update_class(session, capacity=20)
    _cal, after = _event(client, session)
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    cancel_class(session, reason="雪のため")
    _cal, cancelled = _event(client, session)
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] == before["SEQUENCE"] + 2


def test_a_trainer_feed_lists_their_classes_and_dies_when_revoked(client, trainer, other_trainer):
    mine = ClassSessionFactory(lead_trainer=trainer)
    helping = ClassSessionFactory()
    helping.helpers.add(trainer)
    ClassSessionFactory(lead_trainer=other_trainer)
    client.force_login(trainer)
    client.post(reverse("outreach:desk-rotate-feed"))
    token = CalendarFeed.objects.get(user=trainer).token
    client.logout()
    response = client.get(reverse("outreach:trainer-feed", args=[token]))
    uids = {
        str(e["UID"]).split("@")[0] for e in Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert uids == {f"class-{mine.pk}", f"class-{helping.pk}"}
    client.force_login(trainer)
    client.post(reverse("outreach:desk-rotate-feed"))
    client.logout()
    assert client.get(reverse("outreach:trainer-feed", args=[token])).status_code == 404
