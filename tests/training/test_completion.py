"""Attendance, the self-study declaration and the quiz (training.services.completion)."""

import datetime as dt

import pytest
from django.utils import timezone

from core.fiscal import FiscalYear
from tests.factories import (
    CourseFactory,
    CourseSessionFactory,
    EnrolmentFactory,
    QuizQuestionFactory,
    RequirementFactory,
    UserFactory,
    answers_for,
)
from training import services
from training.models import Certificate, Enrolment
from training.progress import RequirementStatus, progress
from training.services import AlreadyEnrolled, EnrolmentError, NotAllowedNow

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


def _running(**course_fields):
    """A session that began ten minutes ago (attendance is open)."""
    course = CourseFactory(**course_fields)
    start = timezone.now() - dt.timedelta(minutes=10)
    return CourseSessionFactory(course=course, starts_at=start, capacity=2)


def _seat(session, learner=None):
    return EnrolmentFactory(session=session, learner=learner or UserFactory())


def _quiz(course, questions=3):
    for _ in range(questions):
        QuizQuestionFactory(course=course)


def test_present_completes_a_course_without_a_quiz(instructor):
    enrolment = _seat(_running())

    marked = services.mark_attendance(enrolment, "present", by=instructor)

    assert (marked.status, marked.attendance) == (Status.COMPLETED, "present")
    assert marked.completed_at is not None and marked.attended_at is not None


def test_present_waits_for_the_quiz_when_the_course_needs_it(instructor):
    session = _running(requires_quiz=True, pass_mark=60)
    _quiz(session.course)
    enrolment = _seat(session)

    marked = services.mark_attendance(enrolment, "present", by=instructor)
    assert (marked.status, marked.completed_at) == (Status.ATTENDED, None)
    assert services.quiz_open(marked)

    result = services.submit_quiz(marked, answers_for(session.course, correct=2), by=marked.learner)

    assert (result.score, result.passed, result.attempts) == (67, True, 1)
    marked.refresh_from_db()
    assert marked.status == Status.COMPLETED and marked.quiz_passed_at is not None


def test_absent_gives_the_seat_up_and_opens_the_course_again(instructor):
    session = _running()
    enrolment = _seat(session)
    waiting = EnrolmentFactory(session=session, status=Status.WAITLISTED)

    marked = services.mark_attendance(enrolment, "absent", by=instructor)

    assert (marked.status, marked.attendance) == (Status.CANCELLED, "absent")
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED  # the session has begun: nobody is promoted
    later = CourseSessionFactory(course=session.course)
    assert services.enrol(enrolment.learner, later).status == Status.CONFIRMED


def test_undo_returns_to_confirmed_and_withdraws_a_certificate(instructor):
    enrolment = services.mark_attendance(_seat(_running()), "present", by=instructor)
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        holder_name="x",
        course_title="y",
        completed_on=timezone.localdate(),
        hours=1.5,
    )

    undone = services.mark_attendance(enrolment, "", by=instructor)
    assert (undone.status, undone.attendance, undone.completed_at) == (Status.CONFIRMED, "", None)
    certificate.refresh_from_db()
    assert not certificate.is_valid

    services.mark_attendance(enrolment, "present", by=instructor)
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_undoing_an_absence_is_refused_when_the_seat_has_been_taken(instructor):
    session = _running()
    session.capacity = 1
    session.save(update_fields=["capacity"])
    enrolment = _seat(session)
    services.mark_attendance(enrolment, "absent", by=instructor)
    _seat(session)  # someone took the freed seat

    with pytest.raises(NotAllowedNow, match="満席"):
        services.mark_attendance(enrolment, "present", by=instructor)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.CANCELLED


def test_undoing_an_absence_is_refused_when_they_enrolled_elsewhere_in_the_course(instructor):
    session = _running(requires_quiz=True)
    enrolment = _seat(session)
    services.mark_attendance(enrolment, "absent", by=instructor)
    services.enrol(enrolment.learner, CourseSessionFactory(course=session.course))

    with pytest.raises(AlreadyEnrolled, match="別の開催回"):
        services.mark_attendance(enrolment, "present", by=instructor)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("too_early", "30分前"),
        ("waitlisted", "キャンセル待ち"),
        ("cancelled_session", "中止"),
        ("cancelled_enrolment", "取り消された"),
        ("bad_value", "正しくありません"),
    ],
)
def test_marks_that_do_not_fit_are_refused(instructor, case, message):
    session = _running()
    enrolment = _seat(session)
    value = "present"
    if case == "too_early":
        session.starts_at = timezone.now() + dt.timedelta(hours=1)
        session.ends_at = session.starts_at + dt.timedelta(hours=1)
        session.save(update_fields=["starts_at", "ends_at"])
    elif case == "waitlisted":
        enrolment.status = Status.WAITLISTED
        enrolment.save(update_fields=["status"])
    elif case == "cancelled_session":
        session.status = session.Status.CANCELLED
        session.save(update_fields=["status"])
    elif case == "cancelled_enrolment":
        enrolment.status = Status.CANCELLED
        enrolment.save(update_fields=["status"])
    else:
        value = "late"

    with pytest.raises(EnrolmentError, match=message):
        services.mark_attendance(enrolment, value, by=instructor)

    enrolment.refresh_from_db()
    assert enrolment.attendance == ""


def test_a_failed_quiz_counts_the_attempt_and_may_be_taken_again(staff_learner):
    session = _running(requires_quiz=True, pass_mark=80)
    _quiz(session.course, questions=5)
    enrolment = EnrolmentFactory(
        session=session, learner=staff_learner, status=Status.ATTENDED, attendance="present"
    )

    first = services.submit_quiz(
        enrolment, answers_for(session.course, correct=3), by=staff_learner
    )
    second = services.submit_quiz(
        enrolment, answers_for(session.course, correct=4), by=staff_learner
    )

    assert (first.score, first.passed, first.attempts) == (60, False, 1)
    assert (second.score, second.passed, second.attempts) == (80, True, 2)
    with pytest.raises(NotAllowedNow, match="すでに修了"):
        services.submit_quiz(enrolment, answers_for(session.course, correct=5), by=staff_learner)


def test_an_unanswered_question_is_refused_and_no_attempt_is_counted(staff_learner):
    session = _running(requires_quiz=True)
    _quiz(session.course)
    enrolment = EnrolmentFactory(session=session, learner=staff_learner, status=Status.ATTENDED)
    answers = answers_for(session.course, correct=3)
    answers.popitem()

    with pytest.raises(EnrolmentError, match="すべての問題"):
        services.submit_quiz(enrolment, answers, by=staff_learner)

    enrolment.refresh_from_db()
    assert (enrolment.quiz_attempts, enrolment.quiz_score) == (0, None)


def test_the_quiz_is_closed_before_attending_and_without_questions(staff_learner):
    session = _running(requires_quiz=True)
    _quiz(session.course)
    confirmed = EnrolmentFactory(session=session, learner=staff_learner)
    with pytest.raises(NotAllowedNow, match="まだ受けられません"):
        services.submit_quiz(confirmed, answers_for(session.course, correct=3), by=staff_learner)

    empty = _running(requires_quiz=True)
    attended = EnrolmentFactory(session=empty, status=Status.ATTENDED)
    with pytest.raises(NotAllowedNow, match="用意されていません"):
        services.submit_quiz(attended, {}, by=attended.learner)


def test_self_study_is_completed_by_the_declaration_and_a_passed_quiz(staff_learner):
    course = CourseFactory(format="self_study", pass_mark=100)
    _quiz(course, questions=2)
    requirement = RequirementFactory(course=course)
    enrolment = services.enrol_self_study(staff_learner, course)
    assert not services.quiz_open(enrolment)

    services.declare_self_study(enrolment, by=staff_learner)
    declared_at = enrolment.declared_at
    services.declare_self_study(enrolment, by=staff_learner)  # idempotent
    assert enrolment.declared_at == declared_at
    result = services.submit_quiz(enrolment, answers_for(course, correct=2), by=staff_learner)

    assert result.passed and enrolment.status == Status.COMPLETED
    [row] = progress(FiscalYear.current(), learners=[staff_learner])
    assert (row.requirement, row.status) == (requirement, RequirementStatus.DONE)


def test_score_is_a_percentage_rounded_half_up():
    assert [services.completion.score_percent(c, 3) for c in range(4)] == [0, 33, 67, 100]
    assert services.completion.score_percent(1, 8) == 13  # 12.5 -> 13
