"""Enrolling, cancelling and the waiting list (training.services.enrolment): every rule and refusal."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from core.models import AuditEvent
from tests.factories import (
    CourseFactory,
    CourseSessionFactory,
    EnrolmentFactory,
    UserFactory,
)
from training import services
from training.models import CourseSession, EmailLog, Enrolment
from training.services import (
    AlreadyEnrolled,
    CourseNotOpen,
    EnrolmentError,
    LearnerNotActive,
    NotAllowedNow,
    PrerequisitesMissing,
    SessionNotOpen,
    WrongFormat,
)

pytestmark = pytest.mark.django_db
Status = Enrolment.Status
Kind = EmailLog.Kind


def _emails(kind=None):
    rows = EmailLog.objects.order_by("id")
    if kind:
        rows = rows.filter(kind=kind)
    return [(r.kind, r.recipient, r.detail.get("position")) for r in rows]


def _nothing_written(before: int):
    assert Enrolment.objects.count() == before
    assert EmailLog.objects.count() == 0


def test_a_free_seat_confirms_and_queues_the_confirmation_email(staff_learner):
    session = CourseSessionFactory(capacity=2)

    enrolment = services.enrol(staff_learner, session, by=staff_learner)

    assert enrolment.status == Status.CONFIRMED
    assert enrolment.waitlist_position is None
    assert enrolment.course == session.course
    assert _emails() == [(Kind.CONFIRMED, staff_learner.email, None)]


def test_a_full_session_waitlists_in_order_and_says_which_place(staff_learner, other_learner):
    session = CourseSessionFactory(capacity=1)
    services.enrol(UserFactory(), session)

    first = services.enrol(staff_learner, session)
    second = services.enrol(other_learner, session)

    assert (first.status, first.waitlist_position) == (Status.WAITLISTED, 1)
    assert (second.status, second.waitlist_position) == (Status.WAITLISTED, 2)
    assert services.waitlist_position(second) == 2
    assert _emails(Kind.WAITLISTED) == [
        (Kind.WAITLISTED, staff_learner.email, 1),
        (Kind.WAITLISTED, other_learner.email, 2),
    ]


def test_a_newcomer_never_overtakes_someone_already_waiting(staff_learner):
    # A seat is free while someone waits only if the list was not served; the
    # newcomer still goes behind them (core.capacity: first come, first served).
    session = CourseSessionFactory(capacity=2)
    EnrolmentFactory(session=session, status=Status.CONFIRMED)
    EnrolmentFactory(session=session, status=Status.WAITLISTED)

    enrolment = services.enrol(staff_learner, session)

    assert (enrolment.status, enrolment.waitlist_position) == (Status.WAITLISTED, 2)


def test_enrolling_twice_in_a_session_is_refused_and_writes_nothing(staff_learner):
    session = CourseSessionFactory()
    services.enrol(staff_learner, session)
    EmailLog.objects.all().delete()
    before = Enrolment.objects.count()

    with pytest.raises(AlreadyEnrolled, match="すでに申し込んで"):
        services.enrol(staff_learner, session)

    _nothing_written(before)


def test_a_second_session_of_the_same_course_is_refused(staff_learner):
    first = CourseSessionFactory()
    other_day = CourseSessionFactory(
        course=first.course, starts_at=first.starts_at + dt.timedelta(days=7)
    )
    services.enrol(staff_learner, first)

    with pytest.raises(AlreadyEnrolled):
        services.enrol(staff_learner, other_day)


def test_the_partial_unique_constraint_refuses_what_the_check_did_not_see(
    staff_learner, monkeypatch
):
    """Two enrolments in two sessions of one course at the same moment take different
    locks; the database's partial unique constraint stops the second."""
    first = CourseSessionFactory()
    EnrolmentFactory(learner=staff_learner, session=first)
    other_day = CourseSessionFactory(course=first.course)
    monkeypatch.setattr(
        "training.services.enrolment._check_learner_and_course", lambda learner, course: None
    )
    before = Enrolment.objects.count()

    with pytest.raises(AlreadyEnrolled):
        services.enrol(staff_learner, other_day)

    _nothing_written(before)
    with pytest.raises(IntegrityError):
        EnrolmentFactory(learner=staff_learner, session=other_day)


@pytest.mark.parametrize(
    ("status", "starts_in", "message"),
    [
        (CourseSession.Status.PUBLISHED, dt.timedelta(minutes=-5), "すでに始まって"),
        (CourseSession.Status.PUBLISHED, dt.timedelta(days=-3), "すでに始まって"),
        (CourseSession.Status.CANCELLED, dt.timedelta(days=3), "中止になりました"),
        (CourseSession.Status.DRAFT, dt.timedelta(days=3), "受け付けていません"),
    ],
    ids=["started", "past", "cancelled", "draft"],
)
def test_a_session_that_is_not_open_is_refused(staff_learner, status, starts_in, message):
    session = CourseSessionFactory(status=status, starts_at=timezone.now() + starts_in)

    with pytest.raises(SessionNotOpen, match=message):
        services.enrol(staff_learner, session)

    _nothing_written(0)


def test_a_missing_prerequisite_is_refused_by_name_until_it_is_completed(staff_learner):
    basics = CourseFactory(title="情報セキュリティ基礎")
    advanced = CourseFactory(title="情報セキュリティ応用")
    advanced.prerequisites.add(basics)
    session = CourseSessionFactory(course=advanced)

    with pytest.raises(PrerequisitesMissing, match="「情報セキュリティ基礎」"):
        services.enrol(staff_learner, session)
    _nothing_written(0)

    EnrolmentFactory(
        learner=staff_learner,
        session=CourseSessionFactory(course=basics),
        status=Status.COMPLETED,
        completed_at=timezone.now(),
    )
    assert services.enrol(staff_learner, session).status == Status.CONFIRMED


def test_a_session_of_a_self_study_course_is_refused(staff_learner):
    session = CourseSessionFactory(course=CourseFactory(format="self_study"))

    with pytest.raises(WrongFormat, match="自習"):
        services.enrol(staff_learner, session)

    _nothing_written(0)


def test_a_learner_who_is_not_active_is_refused(staff_learner):
    staff_learner.is_active = False
    staff_learner.save(update_fields=["is_active"])

    with pytest.raises(LearnerNotActive):
        services.enrol(staff_learner, CourseSessionFactory())

    _nothing_written(0)


def test_a_course_no_longer_offered_is_refused(staff_learner):
    session = CourseSessionFactory(course=CourseFactory(is_active=False))

    with pytest.raises(CourseNotOpen):
        services.enrol(staff_learner, session)


def test_self_study_is_confirmed_at_once_without_a_session_or_an_email(staff_learner):
    course = CourseFactory(format="self_study")

    enrolment = services.enrol_self_study(staff_learner, course, by=staff_learner)

    assert (enrolment.status, enrolment.session) == (Status.CONFIRMED, None)
    assert EmailLog.objects.count() == 0
    with pytest.raises(AlreadyEnrolled):
        services.enrol_self_study(staff_learner, course)
    with pytest.raises(WrongFormat):
        services.enrol_self_study(staff_learner, CourseFactory(format="in_person"))


def test_a_completed_course_may_be_taken_again(staff_learner):
    session = CourseSessionFactory()
    EnrolmentFactory(
        learner=staff_learner,
        session=CourseSessionFactory(course=session.course),
        status=Status.COMPLETED,
        completed_at=timezone.now() - dt.timedelta(days=400),
    )

    assert services.enrol(staff_learner, session).status == Status.CONFIRMED


def test_cancelling_promotes_the_first_waiting_learner_and_queues_both_emails(
    staff_learner, other_learner
):
    session = CourseSessionFactory(capacity=1)
    seat = services.enrol(staff_learner, session)
    waiting = services.enrol(other_learner, session)
    behind = services.enrol(UserFactory(), session)
    EmailLog.objects.all().delete()

    promoted = services.cancel_enrolment(seat, by=staff_learner)

    assert [e.pk for e in promoted] == [waiting.pk]
    waiting.refresh_from_db()
    behind.refresh_from_db()
    assert (waiting.status, waiting.promoted_at is not None) == (Status.CONFIRMED, True)
    assert services.waitlist_position(behind) == 1
    assert seat.status == Status.CANCELLED
    assert _emails() == [
        (Kind.CANCELLED, staff_learner.email, None),
        (Kind.PROMOTED, other_learner.email, None),
    ]
    # A learner's own cancellation is no audit event; a coordinator's is.
    assert not AuditEvent.objects.filter(action="training.cancel_enrolment").exists()


def test_a_coordinator_must_give_a_reason_and_the_learner_is_told_it(coordinator, staff_learner):
    enrolment = services.enrol(staff_learner, CourseSessionFactory())
    EmailLog.objects.all().delete()

    with pytest.raises(EnrolmentError, match="理由"):
        services.cancel_enrolment(enrolment, by=coordinator, reason="  ")
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED

    services.cancel_enrolment(enrolment, by=coordinator, reason="受講対象外の部署のため")

    email = EmailLog.objects.get()
    assert email.kind == Kind.CANCELLED
    assert email.detail == {
        "by_learner": False,
        "reason": "受講対象外の部署のため",
        "held_seat": True,
    }
    assert AuditEvent.objects.filter(action="training.cancel_enrolment", actor=coordinator).exists()


def test_a_learner_leaving_a_waiting_list_gets_no_email(staff_learner):
    session = CourseSessionFactory(capacity=1)
    services.enrol(UserFactory(), session)
    waiting = services.enrol(staff_learner, session)
    EmailLog.objects.all().delete()

    services.cancel_enrolment(waiting, by=staff_learner)

    assert EmailLog.objects.count() == 0


def test_a_learner_cannot_cancel_once_the_session_has_started(staff_learner):
    enrolment = EnrolmentFactory(
        learner=staff_learner,
        session=CourseSessionFactory(starts_at=timezone.now() - dt.timedelta(minutes=10)),
    )

    with pytest.raises(NotAllowedNow, match="始まったあと"):
        services.cancel_enrolment(enrolment, by=staff_learner)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED


def test_cancelling_twice_changes_nothing(staff_learner):
    enrolment = services.enrol(staff_learner, CourseSessionFactory())
    services.cancel_enrolment(enrolment, by=staff_learner)
    emails = EmailLog.objects.count()

    assert services.cancel_enrolment(enrolment, by=staff_learner) == []
    assert EmailLog.objects.count() == emails


def test_an_attended_enrolment_is_not_cancelled(coordinator, staff_learner):
    enrolment = EnrolmentFactory(learner=staff_learner, status=Status.ATTENDED)

    with pytest.raises(NotAllowedNow, match="出席済み"):
        services.cancel_enrolment(enrolment, by=coordinator, reason="間違い")


def test_a_waiting_place_never_reached_is_closed_so_a_later_session_can_be_taken(staff_learner):
    started = CourseSessionFactory(starts_at=timezone.now() - dt.timedelta(hours=1))
    stale = EnrolmentFactory(learner=staff_learner, session=started, status=Status.WAITLISTED)
    later = CourseSessionFactory(course=started.course)

    enrolment = services.enrol(staff_learner, later)

    assert enrolment.status == Status.CONFIRMED
    stale.refresh_from_db()
    assert stale.status == Status.CANCELLED
    assert stale.status_reason == services.enrolment.WAIT_ENDED_REASON


def test_the_daily_check_closes_every_waiting_list_of_a_begun_session(staff_learner):
    started = CourseSessionFactory(starts_at=timezone.now() - dt.timedelta(hours=1))
    coming = CourseSessionFactory()
    stale = EnrolmentFactory(session=started, status=Status.WAITLISTED)
    waiting = EnrolmentFactory(session=coming, status=Status.WAITLISTED)

    assert services.end_waiting_lists() == 1

    stale.refresh_from_db()
    waiting.refresh_from_db()
    assert (stale.status, waiting.status) == (Status.CANCELLED, Status.WAITLISTED)


def test_the_waitlist_position_of_a_list_matches_the_rule_for_one(staff_learner):
    session = CourseSessionFactory(capacity=1)
    services.enrol(UserFactory(), session)
    waiting = [services.enrol(UserFactory(), session) for _ in range(4)]
    services.cancel_enrolment(waiting[1], by=waiting[1].learner)

    annotated = {
        e.pk: e.waitlist_position
        for e in Enrolment.objects.filter(session=session).waitlisted().with_waitlist_position()
    }

    assert annotated == {
        e.pk: services.waitlist_position(e) for e in Enrolment.objects.waitlisted()
    }
    assert sorted(annotated.values()) == [1, 2, 3]
