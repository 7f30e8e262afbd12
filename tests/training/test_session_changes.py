"""A coordinator's changes to a session (training.services.sessions): edit, publish, cancel."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import AuditEvent
from tests.factories import CourseFactory, CourseSessionFactory, EnrolmentFactory, UserFactory
from training import services
from training.models import CourseSession, EmailLog, Enrolment
from training.services import EnrolmentError, NotAllowedNow

pytestmark = pytest.mark.django_db
Status = Enrolment.Status
Kind = EmailLog.Kind


def test_raising_capacity_promotes_the_waiting_list_in_order(coordinator):
    session = CourseSessionFactory(capacity=1)
    services.enrol(UserFactory(), session)
    first, second, third = (services.enrol(UserFactory(), session) for _ in range(3))

    promoted = services.update_session(session, by=coordinator, capacity=3)

    assert [e.pk for e in promoted] == [first.pk, second.pk]
    third.refresh_from_db()
    assert third.status == Status.WAITLISTED
    assert session.sequence == 1
    assert EmailLog.objects.filter(kind=Kind.PROMOTED).count() == 2


def test_lowering_capacity_removes_nobody_and_confirms_nobody_new(coordinator, staff_learner):
    session = CourseSessionFactory(capacity=3)
    seats = [services.enrol(UserFactory(), session) for _ in range(3)]

    services.update_session(session, by=coordinator, capacity=1)

    assert Enrolment.objects.filter(pk__in=[e.pk for e in seats]).holding_seats().count() == 3
    assert services.enrol(staff_learner, session).status == Status.WAITLISTED


def test_moving_a_session_tells_those_holding_a_seat_once_per_change(coordinator):
    session = CourseSessionFactory(capacity=1)
    seat = services.enrol(UserFactory(), session)
    services.enrol(UserFactory(), session)  # waiting: no invitation to update
    EmailLog.objects.all().delete()

    later = session.starts_at + dt.timedelta(hours=2)
    services.update_session(
        session, by=coordinator, starts_at=later, ends_at=later + dt.timedelta(hours=1)
    )
    services.update_session(session, by=coordinator, notes="筆記用具を持参")  # no move: no email
    services.update_session(session, by=coordinator, room="第2会議室")

    changes = EmailLog.objects.filter(kind=Kind.SESSION_CHANGED)
    assert [(e.enrolment_id, e.occasion) for e in changes] == [(seat.pk, "1"), (seat.pk, "3")]
    assert session.sequence == 3


def test_an_end_before_the_start_is_refused_and_nothing_changes(coordinator):
    session = CourseSessionFactory()
    before = (session.ends_at, session.sequence)

    with pytest.raises(ValidationError) as refused:
        services.update_session(session, by=coordinator, ends_at=session.starts_at)

    assert "ends_at" in refused.value.message_dict
    session.refresh_from_db()
    assert (session.ends_at, session.sequence) == before


def test_an_unknown_field_is_a_programming_error(coordinator):
    with pytest.raises(TypeError):
        services.update_session(CourseSessionFactory(), by=coordinator, status="published")


def test_publishing_opens_a_draft_and_raises_its_sequence(coordinator, staff_learner):
    session = CourseSessionFactory(status=CourseSession.Status.DRAFT)

    services.publish_session(session, by=coordinator)

    assert (session.status, session.sequence) == (CourseSession.Status.PUBLISHED, 1)
    assert services.enrol(staff_learner, session).status == Status.CONFIRMED
    assert AuditEvent.objects.filter(action="training.publish_session").count() == 1


def test_a_past_draft_or_a_self_study_session_is_not_published(coordinator):
    past = CourseSessionFactory(
        status=CourseSession.Status.DRAFT, starts_at=timezone.now() - dt.timedelta(days=1)
    )
    self_study = CourseSessionFactory(
        status=CourseSession.Status.DRAFT, course=CourseFactory(format="self_study")
    )

    with pytest.raises(EnrolmentError, match="開始日時を過ぎた"):
        services.publish_session(past, by=coordinator)
    with pytest.raises(EnrolmentError, match="自習"):
        services.publish_session(self_study, by=coordinator)
    assert not CourseSession.objects.published().exists()


def test_cancelling_a_session_cancels_everyone_and_tells_each_of_them(coordinator):
    session = CourseSessionFactory(capacity=1)
    seat = services.enrol(UserFactory(), session)
    waiting = services.enrol(UserFactory(), session)
    gone = services.enrol(UserFactory(), session)
    services.cancel_enrolment(gone, by=gone.learner)
    EmailLog.objects.all().delete()

    cancelled = services.cancel_session(session, by=coordinator, reason="講師の急病のため")

    assert {e.pk for e in cancelled} == {seat.pk, waiting.pk}
    assert set(Enrolment.objects.filter(session=session).values_list("status", flat=True)) == {
        Status.CANCELLED
    }
    emails = {
        e.enrolment_id: e.detail for e in EmailLog.objects.filter(kind=Kind.SESSION_CANCELLED)
    }
    assert emails == {
        seat.pk: {"reason": "講師の急病のため", "held_seat": True},
        waiting.pk: {"reason": "講師の急病のため", "held_seat": False},
    }
    assert (session.status, session.sequence) == (CourseSession.Status.CANCELLED, 1)
    assert services.cancel_session(session, by=coordinator, reason="二度目") == []


def test_cancelling_a_session_needs_a_reason(coordinator):
    session = CourseSessionFactory()

    with pytest.raises(EnrolmentError, match="理由"):
        services.cancel_session(session, by=coordinator, reason="")

    session.refresh_from_db()
    assert session.status == CourseSession.Status.PUBLISHED


def test_a_session_whose_attendance_was_taken_is_not_cancelled(coordinator):
    session = CourseSessionFactory(starts_at=timezone.now() - dt.timedelta(minutes=5))
    EnrolmentFactory(session=session, attendance="present", status=Status.ATTENDED)

    with pytest.raises(NotAllowedNow, match="出欠"):
        services.cancel_session(session, by=coordinator, reason="間違い")
