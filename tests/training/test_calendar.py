"""Course sessions in calendars: the .ics download and a learner's secret, revocable feed."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories import CourseSessionFactory, UserFactory
from training import services
from training.models import CourseSession, LearnerCalendarFeed

pytestmark = pytest.mark.django_db


def _calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _event(client, session):
    cal = _calendar(client.get(reverse("training:session-calendar", args=[session.pk])))
    return cal, next(iter(cal.walk("VEVENT")))


def test_a_session_is_an_event_in_tokyo_time(client, staff_learner):
    session = CourseSessionFactory(room="本庁舎 第1会議室", online_url="https://meet.example.jp/x")
    client.force_login(staff_learner)

    cal, event = _event(client, session)

    assert any(tz["TZID"] == "Asia/Tokyo" for tz in cal.walk("VTIMEZONE"))
    assert str(event["UID"]) == f"course-session-{session.pk}@127.0.0.1"
    assert event.decoded("DTSTART") == session.starts_at
    assert event.decoded("DTSTART").utcoffset().total_seconds() == 9 * 3600
    assert event["LOCATION"] == "本庁舎 第1会議室 / https://meet.example.jp/x"
    assert (event["STATUS"], event["SEQUENCE"]) == ("CONFIRMED", 0)
    assert "METHOD" not in cal  # a download, not an invitation


def test_every_change_raises_sequence_and_keeps_the_uid(client, staff_learner, coordinator):
    session = CourseSessionFactory()
    client.force_login(staff_learner)
    _cal, before = _event(client, session)

    services.update_session(session, by=coordinator, room="第2会議室")
    _cal, moved = _event(client, session)
    services.cancel_session(session, by=coordinator, reason="講師の都合")
    _cal, cancelled = _event(client, session)

    assert before["UID"] == moved["UID"] == cancelled["UID"]
    assert [before["SEQUENCE"], moved["SEQUENCE"], cancelled["SEQUENCE"]] == [0, 1, 2]
    assert cancelled["STATUS"] == "CANCELLED"


def test_the_download_needs_a_staff_sign_in_and_a_session_that_is_not_a_draft(
    client, staff_learner, trainer
):
    session = CourseSessionFactory()
    url = reverse("training:session-calendar", args=[session.pk])
    assert client.get(url).status_code == 302
    client.force_login(trainer)
    assert client.get(url).status_code == 403
    client.force_login(staff_learner)
    draft = CourseSessionFactory(status=CourseSession.Status.DRAFT)
    assert client.get(reverse("training:session-calendar", args=[draft.pk])).status_code == 404


def _feed_uids(client, token):
    cal = _calendar(client.get(reverse("training:learner-feed", args=[token])))
    return {str(e["UID"]).split("@")[0]: str(e["STATUS"]) for e in cal.walk("VEVENT")}


def test_my_feed_holds_my_seats_and_the_sessions_cancelled_under_me(
    client, staff_learner, other_learner, coordinator
):
    mine = CourseSessionFactory(capacity=1)
    services.enrol(staff_learner, mine)
    full = CourseSessionFactory(capacity=1)
    services.enrol(other_learner, full)
    services.enrol(staff_learner, full)  # waiting: not in my calendar
    given_up = CourseSessionFactory()
    services.cancel_enrolment(services.enrol(staff_learner, given_up), by=staff_learner)
    called_off = CourseSessionFactory()
    services.enrol(staff_learner, called_off)
    services.cancel_session(called_off, by=coordinator, reason="大雪")
    CourseSessionFactory()  # someone else's

    client.force_login(staff_learner)
    client.post(reverse("training:learner-feed-rotate"))
    token = LearnerCalendarFeed.objects.get(user=staff_learner).token
    client.logout()
    response = client.get(reverse("training:learner-feed", args=[token]))

    assert response["Cache-Control"] == "private, no-store"
    assert _feed_uids(client, token) == {
        f"course-session-{mine.pk}": "CONFIRMED",
        f"course-session-{called_off.pk}": "CANCELLED",
    }


def test_a_revoked_feed_address_and_a_departed_learner_get_nothing(client, staff_learner):
    client.force_login(staff_learner)
    client.post(reverse("training:learner-feed-rotate"))
    old = LearnerCalendarFeed.objects.get(user=staff_learner).token
    response = client.post(reverse("training:learner-feed-rotate"))
    assert response["Location"].endswith("/training/#calendar")
    new = LearnerCalendarFeed.objects.get(user=staff_learner).token
    client.logout()

    assert old != new
    assert client.get(reverse("training:learner-feed", args=[old])).status_code == 404
    assert client.get(reverse("training:learner-feed", args=[new])).status_code == 200
    staff_learner.is_active = False
    staff_learner.save(update_fields=["is_active"])
    assert client.get(reverse("training:learner-feed", args=[new])).status_code == 404


def test_rotating_needs_a_post_from_a_staff_learner(client, trainer):
    client.force_login(trainer)
    assert client.post(reverse("training:learner-feed-rotate")).status_code == 403
    client.force_login(UserFactory(role="Staff learner"))
    assert client.get(reverse("training:learner-feed-rotate")).status_code == 405
