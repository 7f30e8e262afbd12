"""Planning at the desk: courses with quizzes, skill areas, and sessions with seats counted."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from tests.factories import (
    CourseFactory,
    CourseSessionFactory,
    EnrolmentFactory,
    SkillAreaFactory,
    UserFactory,
)
from training.models import Course, CourseSession, EmailLog, Enrolment, QuizQuestion, SkillArea

pytestmark = pytest.mark.django_db


def _management(prefix="quiz", total=2, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


def _course_data(area, **overrides):
    data = {
        "code": "genai-basic",
        "title": "生成AIの使い方",
        "title_en": "Using generative AI",
        "skill_area": area.pk,
        "level": "basic",
        "format": "online",
        "duration_minutes": "90",
        "requires_quiz": "on",
        "pass_mark": "80",
        "is_active": "on",
        "sort_order": "10",
        **_management(),
    }
    data.update(overrides)
    return data


def test_a_course_is_planned_with_its_quiz_in_one_form(desk, coordinator_with_totp):
    area = SkillAreaFactory(code="genai", name="生成AI")
    data = _course_data(
        area,
        **{
            "quiz-0-text": "入力してはいけない情報は？",
            "quiz-0-choice_1": "公開済みの広報文",
            "quiz-0-choice_2": "住民の氏名",
            "quiz-0-choice_3": "",
            "quiz-0-correct": "2",
        },
    )
    response = desk.post(reverse("training:desk-course-create"), data)

    assert response.status_code == 302
    course = Course.objects.get(code="genai-basic")
    [question] = course.questions.all()
    choices = list(question.choices.order_by("sort_order"))
    assert [(c.text, c.is_correct) for c in choices] == [
        ("公開済みの広報文", False),
        ("住民の氏名", True),
    ]
    assert AuditEvent.objects.filter(
        action="training.create_course", actor=coordinator_with_totp
    ).exists()


def test_a_course_that_needs_a_quiz_without_questions_is_refused_politely(desk):
    area = SkillAreaFactory()
    response = desk.post(reverse("training:desk-course-create"), _course_data(area))

    assert response.status_code == 400
    assert "確認テストが必要な研修には、問題を1問以上作ってください。" in response.content.decode()
    assert not Course.objects.exists()


def test_bad_numbers_on_a_course_are_form_errors(desk):
    area = SkillAreaFactory()
    response = desk.post(
        reverse("training:desk-course-create"),
        _course_data(area, pass_mark="120", duration_minutes="-5", requires_quiz=""),
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["pass_mark"] == ["合格点は0から100の間にしてください。"]
    assert form.errors["duration_minutes"] == ["所要時間は1分以上にしてください。"]


def test_a_question_with_one_choice_or_a_blank_correct_choice_is_refused(desk):
    area = SkillAreaFactory()
    data = _course_data(
        area,
        **{
            "quiz-0-text": "問1",
            "quiz-0-choice_1": "ひとつだけ",
            "quiz-0-correct": "1",
            "quiz-1-text": "問2",
            "quiz-1-choice_1": "A",
            "quiz-1-choice_2": "B",
            "quiz-1-correct": "3",
        },
    )
    response = desk.post(reverse("training:desk-course-create"), data)

    assert response.status_code == 400
    formset = response.context["formset"]
    assert formset.forms[0].non_field_errors() == ["選択肢を2つ以上入力してください。"]
    assert formset.forms[1].errors["correct"] == ["正解には、文を入力した選択肢を選んでください。"]


def test_editing_a_quiz_rewords_choices_in_place_and_deletes_a_question(desk):
    course = CourseFactory(requires_quiz=True)
    keep = QuizQuestion.objects.create(course=course, text="残す問題")
    first = keep.choices.create(text="A", is_correct=True, sort_order=10)
    keep.choices.create(text="B", sort_order=20)
    drop = QuizQuestion.objects.create(course=course, text="消す問題")
    drop.choices.create(text="X", is_correct=True)
    drop.choices.create(text="Y")
    data = _course_data(
        course.skill_area,
        code=course.code,
        **_management(total=3, initial=2),
        **{
            "quiz-0-question_id": str(keep.pk),
            "quiz-0-text": "残す問題（直した）",
            "quiz-0-choice_1": "A（直した）",
            "quiz-0-choice_2": "B",
            "quiz-0-correct": "2",
            "quiz-1-question_id": str(drop.pk),
            "quiz-1-text": "消す問題",
            "quiz-1-choice_1": "X",
            "quiz-1-choice_2": "Y",
            "quiz-1-correct": "1",
            "quiz-1-DELETE": "on",
        },
    )
    response = desk.post(reverse("training:desk-course-edit", args=[course.pk]), data)

    assert response.status_code == 302
    assert list(course.questions.values_list("text", flat=True)) == ["残す問題（直した）"]
    first.refresh_from_db()
    assert first.text == "A（直した）" and not first.is_correct


def test_a_prerequisite_loop_is_refused(desk):
    basic = CourseFactory()
    applied = CourseFactory()
    applied.prerequisites.add(basic)
    data = _course_data(
        basic.skill_area, code=basic.code, requires_quiz="", prerequisites=[applied.pk]
    )
    response = desk.post(reverse("training:desk-course-edit", args=[basic.pk]), data)

    assert response.status_code == 400
    assert "prerequisites" in response.context["form"].errors


def test_a_skill_area_is_added(desk):
    response = desk.post(
        reverse("training:desk-area-create"),
        {"code": "bpr", "name": "業務改革", "name_en": "Process redesign", "sort_order": "60"},
    )
    assert response.status_code == 302
    assert SkillArea.objects.get(code="bpr").name == "業務改革"


# --- sessions ------------------------------------------------------------------------


def _session_data(course, instructor=None, **overrides):
    day = timezone.localdate() + dt.timedelta(days=14)
    data = {
        "course": course.pk,
        "date": day.isoformat(),
        "start_time": "10:00",
        "end_time": "11:30",
        "room": "本庁舎 第1会議室",
        "online_url": "",
        "capacity": "20",
        "instructor": instructor.pk if instructor else "",
        "notes": "",
        "repeat_weeks": "0",
        "publish": "on",
    }
    data.update(overrides)
    return data


def test_a_weekly_session_is_planned_in_one_form(desk, instructor):
    course = CourseFactory()
    response = desk.post(
        reverse("training:desk-session-create"),
        _session_data(course, instructor, repeat_weeks="3"),
    )

    assert response.status_code == 302
    sessions = list(CourseSession.objects.order_by("starts_at"))
    assert len(sessions) == 4
    assert {s.instructor for s in sessions} == {instructor}
    assert {s.status for s in sessions} == {CourseSession.Status.PUBLISHED}
    gaps = {b.starts_at - a.starts_at for a, b in zip(sessions, sessions[1:], strict=False)}
    assert gaps == {dt.timedelta(weeks=1)}
    assert timezone.localtime(sessions[0].starts_at).time() == dt.time(10, 0)


def test_negative_capacity_and_a_missing_room_are_form_errors_not_500s(desk):
    course = CourseFactory()
    response = desk.post(
        reverse("training:desk-session-create"), _session_data(course, capacity="-3", room="")
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["capacity"] == ["定員は1人以上にしてください。"]
    assert form.errors["room"] == ["会場（部屋）か、オンライン会議のURLを入力してください。"]
    assert not CourseSession.objects.exists()


def test_an_end_before_the_start_is_a_form_error(desk):
    response = desk.post(
        reverse("training:desk-session-create"),
        _session_data(CourseFactory(), start_time="15:00", end_time="14:00"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["end_time"]


def test_only_instructors_are_offered_and_self_study_has_no_sessions(desk, instructor, trainer):
    CourseFactory(format=Course.Format.SELF_STUDY, title="自習の研修")
    response = desk.get(reverse("training:desk-session-create"))
    form = response.context["form"]
    assert list(form.fields["instructor"].queryset) == [instructor]
    assert not form.fields["course"].queryset.filter(format="self_study").exists()


def test_a_session_nobody_enrolled_in_can_move_and_calendars_notice(desk):
    session = CourseSessionFactory(capacity=20)
    data = _session_data(session.course, start_time="13:00", end_time="14:30", capacity="25")
    response = desk.post(reverse("training:desk-session-edit", args=[session.pk]), data)

    assert response.status_code == 302
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).time() == dt.time(13, 0)
    assert session.capacity == 25
    assert session.sequence == 1


def test_moving_a_booked_session_at_the_desk_tells_each_learner_holding_a_seat(desk, instructor):
    session = CourseSessionFactory(capacity=20)
    holder = EnrolmentFactory(session=session)
    data = _session_data(session.course, instructor, start_time="16:00", end_time="17:00")

    response = desk.post(reverse("training:desk-session-edit", args=[session.pk]), data)

    assert response.status_code == 302
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).time() == dt.time(16, 0)
    assert session.sequence == 1
    [notice] = EmailLog.objects.filter(kind=EmailLog.Kind.SESSION_CHANGED)
    assert notice.enrolment == holder


def test_raising_capacity_at_the_desk_promotes_the_waiting_list_in_order(desk, instructor):
    session = CourseSessionFactory(capacity=1)
    EnrolmentFactory(session=session)
    first = EnrolmentFactory(session=session, status=Enrolment.Status.WAITLISTED)
    second = EnrolmentFactory(session=session, status=Enrolment.Status.WAITLISTED)
    data = _session_data(session.course, instructor, capacity="2")
    data["date"] = timezone.localtime(session.starts_at).date().isoformat()

    response = desk.post(reverse("training:desk-session-edit", args=[session.pk]), data)

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (
        Enrolment.Status.CONFIRMED,
        Enrolment.Status.WAITLISTED,
    )


def test_an_end_before_the_start_is_a_form_error_not_a_500(desk, instructor):
    session = CourseSessionFactory()
    data = _session_data(session.course, instructor, start_time="15:00", end_time="14:00")

    response = desk.post(reverse("training:desk-session-edit", args=[session.pk]), data)

    assert response.status_code == 400
    session.refresh_from_db()
    assert session.sequence == 0


def test_the_desk_lists_seats_and_waiting_lists_from_enrolments(desk):
    session = CourseSessionFactory(capacity=2)
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session, status=Enrolment.Status.ATTENDED)
    EnrolmentFactory(session=session, status=Enrolment.Status.WAITLISTED)
    EnrolmentFactory(session=session, status=Enrolment.Status.CANCELLED)

    response = desk.get(reverse("training:desk-home"))

    [listed] = response.context["sessions"]
    assert (listed.confirmed_seats, listed.waitlist_length, listed.seats_left) == (2, 1, 0)
    assert "満席" in response.content.decode()


def test_the_desk_home_query_count_does_not_grow_with_sessions(desk, django_assert_max_num_queries):
    """Guards the N+1 of course, area, instructor and seat counts per session."""
    for _ in range(3):
        EnrolmentFactory(session=CourseSessionFactory(instructor=UserFactory()))
    response = desk.get(reverse("training:desk-home"))
    assert response.status_code == 200
    with django_assert_max_num_queries(30) as few:
        assert desk.get(reverse("training:desk-home")).status_code == 200
    for _ in range(10):
        EnrolmentFactory(session=CourseSessionFactory(instructor=UserFactory()))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert desk.get(reverse("training:desk-home")).status_code == 200


def test_publishing_a_draft_opens_it(desk):
    session = CourseSessionFactory(status=CourseSession.Status.DRAFT)
    response = desk.post(reverse("training:desk-session-publish", args=[session.pk]))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == CourseSession.Status.PUBLISHED and session.sequence == 1


def test_the_course_list_query_count_does_not_grow_with_courses(
    desk, django_assert_max_num_queries
):
    """Guards the N+1 of skill area and quiz questions per course."""
    for _ in range(2):
        QuizQuestion.objects.create(course=CourseFactory(), text="問")
    url = reverse("training:desk-courses")
    assert desk.get(url).status_code == 200
    with django_assert_max_num_queries(30) as few:
        assert desk.get(url).status_code == 200
    for _ in range(10):
        QuizQuestion.objects.create(course=CourseFactory(skill_area=SkillAreaFactory()), text="問")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = desk.get(url)
    assert response.status_code == 200 and len(response.context["courses"]) == 12
