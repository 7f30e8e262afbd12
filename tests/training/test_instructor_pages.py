"""Instructor pages: my sessions, the roster with present / absent / undo, and a coordinator's cancel."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from tests.factories import CourseFactory, CourseSessionFactory, EnrolmentFactory, UserFactory
from training import services
from training.models import CourseSession, EmailLog, Enrolment

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


def _running(instructor, **course_fields):
    start = timezone.now() - dt.timedelta(minutes=5)
    return CourseSessionFactory(
        course=CourseFactory(**course_fields), instructor=instructor, starts_at=start
    )


def test_an_instructor_sees_their_own_sessions_and_a_coordinator_sees_all(
    client, instructor, other_instructor, coordinator_with_totp
):
    mine = CourseSessionFactory(instructor=instructor, course=CourseFactory(title="私の研修"))
    CourseSessionFactory(instructor=other_instructor, course=CourseFactory(title="他の研修"))
    CourseSessionFactory(
        instructor=instructor,
        course=CourseFactory(title="先月の研修"),
        starts_at=timezone.now() - dt.timedelta(days=30),
    )

    client.force_login(instructor)
    page = client.get(reverse("training:instructor-home")).content.decode()
    assert "私の研修" in page and "他の研修" not in page and "先月の研修" not in page
    assert reverse("training:instructor-roster", args=[mine.pk]) in page

    client.force_login(coordinator_with_totp)
    page = client.get(reverse("training:instructor-home")).content.decode()
    assert "私の研修" in page and "他の研修" in page


def test_only_the_sessions_instructor_or_a_coordinator_opens_its_roster(
    client, instructor, other_instructor, staff_learner
):
    session = CourseSessionFactory(instructor=instructor)
    url = reverse("training:instructor-roster", args=[session.pk])

    client.force_login(other_instructor)
    assert client.get(url).status_code == 403
    client.force_login(staff_learner)
    assert client.get(url).status_code == 403
    client.force_login(instructor)
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="training.view_roster", actor=instructor).count() == 1


def test_the_roster_reads_in_the_same_number_of_queries_whatever_the_number_of_learners(
    client, instructor
):
    """Guards N+1s over learners and their departments: 3 (session, user, roles)
    + 1 (the session) + 1 (enrolments with learners and departments) + 1 (the audit line)."""
    session = _running(instructor, requires_quiz=True)
    session.capacity = 40
    session.save(update_fields=["capacity"])
    client.force_login(instructor)
    url = reverse("training:instructor-roster", args=[session.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    EnrolmentFactory(session=session)
    one = count()
    for n in range(20):
        EnrolmentFactory(session=session, status=Status.ATTENDED if n % 2 else Status.CONFIRMED)
    EnrolmentFactory(session=session, status=Status.WAITLISTED)
    assert count() == one == 6


def test_marking_present_absent_and_undo_with_one_post_each(client, instructor):
    session = _running(instructor, requires_quiz=True)
    learner = UserFactory(display_name="相模 次郎")
    enrolment = EnrolmentFactory(session=session, learner=learner)
    client.force_login(instructor)
    mark = reverse("training:instructor-mark", args=[enrolment.pk])

    response = client.post(mark, {"attendance": "present"})
    assert response["Location"] == (
        reverse("training:instructor-roster", args=[session.pk]) + f"#e{enrolment.pk}"
    )
    page = client.get(response["Location"]).content.decode()
    assert "相模 次郎: 出席にしました" in page
    assert "確認テスト待ち" in page and "テスト待ち 1人" in page
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ATTENDED

    client.post(mark, {"attendance": "absent"})
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.attendance) == (Status.CANCELLED, "absent")

    client.post(mark, {"attendance": ""})
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.attendance) == (Status.CONFIRMED, "")


def test_a_mark_that_does_not_fit_is_refused_politely(client, instructor):
    session = CourseSessionFactory(instructor=instructor)  # next week: too early
    enrolment = EnrolmentFactory(session=session)
    client.force_login(instructor)

    response = client.post(
        reverse("training:instructor-mark", args=[enrolment.pk]),
        {"attendance": "present"},
        follow=True,
    )

    assert response.status_code == 200
    assert "出欠は開始の30分前から記録できます。" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.attendance == ""
    bad = client.post(
        reverse("training:instructor-mark", args=[enrolment.pk]),
        {"attendance": "maybe"},
        follow=True,
    )
    assert "出欠の値が正しくありません。" in bad.content.decode()


def test_another_instructor_cannot_mark(client, instructor, other_instructor):
    enrolment = EnrolmentFactory(session=_running(instructor))
    client.force_login(other_instructor)

    response = client.post(
        reverse("training:instructor-mark", args=[enrolment.pk]), {"attendance": "present"}
    )

    assert response.status_code == 403
    enrolment.refresh_from_db()
    assert enrolment.attendance == ""


def test_a_coordinator_cancels_a_session_from_the_roster_with_a_reason_and_mail_goes(
    client, coordinator_with_totp, instructor, staff_learner, django_capture_on_commit_callbacks
):
    session = CourseSessionFactory(instructor=instructor)
    services.enrol(staff_learner, session)
    cancel = reverse("training:instructor-session-cancel", args=[session.pk])
    client.force_login(instructor)
    assert client.get(cancel).status_code == 403

    client.force_login(coordinator_with_totp)
    assert (
        "この開催回を中止する"
        in client.get(reverse("training:instructor-roster", args=[session.pk])).content.decode()
    )
    missing = client.post(cancel, {"reason": " "})
    assert missing.status_code == 400
    assert "中止の理由を入力してください。" in missing.content.decode()
    session.refresh_from_db()
    assert session.status == CourseSession.Status.PUBLISHED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel, {"reason": "講師の急病のため"})

    assert response["Location"] == reverse("training:instructor-roster", args=[session.pk])
    session.refresh_from_db()
    assert session.status == CourseSession.Status.CANCELLED
    assert [m.to for m in mail.outbox if "中止" in m.subject] == [[staff_learner.email]]
    assert EmailLog.objects.get(kind="session_cancelled").status == "sent"
