"""The staff learner's pages: my learning, the catalogue, a course, an enrolment, self-study and the quiz."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.fiscal import FiscalYear
from tests.factories import (
    CourseFactory,
    CourseSessionFactory,
    EnrolmentFactory,
    QuizQuestionFactory,
    RequirementFactory,
    SkillAreaFactory,
    UserFactory,
    answers_for,
)
from training import services
from training.models import CourseSession, EmailLog, Enrolment

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture
def signed_in(client, staff_learner):
    client.force_login(staff_learner)
    return client


def _overdue_due_date() -> dt.date:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    if yesterday not in FiscalYear.current():
        pytest.skip("on the first day of a fiscal year nothing of it can be overdue yet")
    return yesterday


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# --- my learning --------------------------------------------------------------------------


def test_a_staff_learner_lands_on_my_learning_after_signing_in(signed_in):
    response = signed_in.get(reverse("core:after-login"))
    assert response["Location"] == reverse("training:my-learning")


def test_overdue_comes_first_and_says_so_in_words(signed_in):
    later = RequirementFactory(course=CourseFactory(title="RPA入門"))
    overdue = RequirementFactory(
        course=CourseFactory(title="情報セキュリティ基礎"), due_date=_overdue_due_date()
    )

    page = signed_in.get(reverse("training:my-learning")).content.decode()

    assert "期限を過ぎた必修研修があります（1件）" in page
    assert page.index(overdue.course.title) < page.index(later.course.title)
    first_item = page[page.index('class="req ') :]
    assert first_item.startswith('class="req req--overdue"')
    assert "期限切れ" in first_item[: first_item.index(overdue.course.title)]


def test_a_requirement_offers_the_next_session_with_a_seat_and_enrols_in_one_post(
    signed_in, staff_learner
):
    requirement = RequirementFactory(course=CourseFactory(title="生成AI活用"))
    full = CourseSessionFactory(course=requirement.course, capacity=1)
    EnrolmentFactory(session=full)
    open_one = CourseSessionFactory(
        course=requirement.course, starts_at=full.starts_at + dt.timedelta(days=7)
    )

    page = signed_in.get(reverse("training:my-learning")).content.decode()
    assert reverse("training:enrol", args=[open_one.pk]) in page
    assert reverse("training:enrol", args=[full.pk]) not in page

    response = signed_in.post(reverse("training:enrol", args=[open_one.pk]), follow=True)
    assert response.status_code == 200
    assert "受講申込を受け付けました。" in response.content.decode()
    assert Enrolment.objects.get(learner=staff_learner).session == open_one


def test_my_sessions_waiting_places_and_completions_by_fiscal_year(signed_in, staff_learner):
    seat = services.enrol(
        staff_learner, CourseSessionFactory(course=CourseFactory(title="Excel基礎"))
    )
    full = CourseSessionFactory(course=CourseFactory(title="データ活用"), capacity=1)
    services.enrol(UserFactory(), full)
    services.enrol(staff_learner, full)
    last_year = FiscalYear.current().previous
    EnrolmentFactory(
        learner=staff_learner,
        session=CourseSessionFactory(course=CourseFactory(title="業務改善入門")),
        status=Status.COMPLETED,
        completed_at=dt.datetime(
            last_year.start_year, 10, 1, 12, tzinfo=timezone.get_current_timezone()
        ),
    )

    page = signed_in.get(reverse("training:my-learning")).content.decode()

    assert "Excel基礎" in page and reverse("training:enrolment-cancel", args=[seat.pk]) in page
    assert "キャンセル待ち 1番目" in page
    assert "業務改善入門" in page and last_year.label in page
    assert "今年度に修了した研修はまだありません。" in page


def test_cancelling_from_my_learning_is_one_post(signed_in, staff_learner):
    seat = services.enrol(
        staff_learner, CourseSessionFactory(course=CourseFactory(title="Excel基礎"))
    )

    response = signed_in.post(reverse("training:enrolment-cancel", args=[seat.pk]))

    assert response["Location"] == reverse("training:my-learning")
    seat.refresh_from_db()
    assert seat.status == Status.CANCELLED
    assert (
        "「Excel基礎」の申込を取り消しました。"
        in signed_in.get(response["Location"]).content.decode()
    )


def test_my_learning_reads_in_the_same_number_of_queries_whatever_i_have(signed_in, staff_learner):
    """Guards N+1s over requirements, enrolments (waiting places counted in SQL) and
    completions: 3 (session, user, roles) + 2 (my open enrolments, my completions)
    + 3 (progress(): requirements, completions, open enrolments) + 1 (the next session
    with a seat, for every requirement at once) + 1 (the calendar feed)."""

    def add_some():
        course = CourseFactory()
        RequirementFactory(course=course)
        CourseSessionFactory(course=course)
        services.enrol(staff_learner, CourseSessionFactory())
        full = CourseSessionFactory(capacity=1)
        services.enrol(UserFactory(), full)
        services.enrol(staff_learner, full)
        EnrolmentFactory(
            learner=staff_learner, status=Status.COMPLETED, completed_at=timezone.now()
        )

    add_some()
    few = _queries(signed_in, reverse("training:my-learning"))
    for _ in range(4):
        add_some()
    many = _queries(signed_in, reverse("training:my-learning"))
    assert few == many == 10


# --- the catalogue and a course -----------------------------------------------------------


def test_the_catalogue_filters_by_area_level_format_and_open_seats(signed_in):
    security = SkillAreaFactory(code="security", name="情報セキュリティ")
    CourseFactory(title="セキュリティ基礎", skill_area=security, level="basic")
    CourseFactory(title="セキュリティ応用", skill_area=security, level="applied")
    CourseFactory(title="RPA自習", format="self_study")
    full = CourseSessionFactory(course=CourseFactory(title="満席の研修"), capacity=1)
    EnrolmentFactory(session=full)
    CourseSessionFactory(course=CourseFactory(title="空きのある研修"), capacity=3)
    CourseFactory(title="募集終了の研修", is_active=False)

    def titles(**query):
        page = signed_in.get(reverse("training:catalogue"), query).content.decode()
        found = {
            t
            for t in (
                "セキュリティ基礎",
                "セキュリティ応用",
                "RPA自習",
                "満席の研修",
                "空きのある研修",
                "募集終了の研修",
            )
            if t in page
        }
        return found, page

    everything, page = titles()
    assert "募集終了の研修" not in everything and len(everything) == 5
    assert "残り3席" in page and "満席（キャンセル待ちで申込できます）" in page
    assert titles(area=security.pk)[0] == {"セキュリティ基礎", "セキュリティ応用"}
    assert titles(area=security.pk, level="applied")[0] == {"セキュリティ応用"}
    assert titles(format="self_study")[0] == {"RPA自習"}
    assert titles(open_only="on")[0] == {"RPA自習", "空きのある研修"}


def test_bad_filter_input_is_answered_politely_with_every_course(signed_in):
    CourseFactory(title="Excel基礎")
    response = signed_in.get(reverse("training:catalogue"), {"area": "x", "level": "expert"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "条件の指定が正しくありません" in page and "Excel基礎" in page


def test_the_catalogue_reads_in_the_same_number_of_queries_whatever_the_courses(signed_in):
    """Guards N+1s over courses and their sessions' seats: 3 (session, user, roles)
    + 1 (skill areas for the filter) + 1 (courses) + 1 (sessions with seats counted)."""
    CourseSessionFactory()
    few = _queries(signed_in, reverse("training:catalogue"))
    for _ in range(6):
        session = CourseSessionFactory(course=CourseFactory(skill_area=SkillAreaFactory()))
        EnrolmentFactory(session=session)
    CourseFactory(format="self_study")
    assert _queries(signed_in, reverse("training:catalogue")) == few == 6


def test_a_course_page_shows_prerequisites_and_whether_i_have_them(signed_in, staff_learner):
    basics = CourseFactory(title="セキュリティ基礎")
    office = CourseFactory(title="Office基礎")
    course = CourseFactory(title="セキュリティ応用")
    course.prerequisites.add(basics, office)
    EnrolmentFactory(
        learner=staff_learner,
        session=CourseSessionFactory(course=basics),
        status=Status.COMPLETED,
        completed_at=timezone.now(),
    )
    session = CourseSessionFactory(course=course, capacity=4)

    page = signed_in.get(reverse("training:course", args=[course.pk])).content.decode()

    assert 'セキュリティ基礎</a>：<strong><span aria-hidden="true">✓ </span>修了済み' in page
    assert 'Office基礎</a>：<strong><span aria-hidden="true">✕ </span>まだ修了していません' in page
    assert "残り4席" in page

    refused = signed_in.post(reverse("training:enrol", args=[session.pk]))
    assert refused.status_code == 400
    assert "先に「Office基礎」を修了してください" in refused.content.decode()
    assert not Enrolment.objects.filter(session=session).exists()


def test_enrolling_in_a_full_session_says_which_place_on_the_waiting_list(signed_in):
    session = CourseSessionFactory(capacity=1)
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session, status=Status.WAITLISTED)

    response = signed_in.post(reverse("training:enrol", args=[session.pk]), follow=True)

    page = response.content.decode()
    assert "満席のため、キャンセル待ち（2番目）で受け付けました。" in page
    assert "キャンセル待ち（2番目）です" in page


def test_enrolling_twice_is_refused_with_a_message_and_nothing_written(signed_in, staff_learner):
    session = CourseSessionFactory()
    signed_in.post(reverse("training:enrol", args=[session.pk]))

    again = signed_in.post(reverse("training:enrol", args=[session.pk]))

    assert again.status_code == 400
    assert "この研修にはすでに申し込んでいます" in again.content.decode()
    assert Enrolment.objects.filter(learner=staff_learner).count() == 1
    assert EmailLog.objects.count() == 1


def test_a_draft_session_does_not_exist_for_learners(signed_in):
    draft = CourseSessionFactory(status=CourseSession.Status.DRAFT)
    assert signed_in.post(reverse("training:enrol", args=[draft.pk])).status_code == 404


def test_actions_are_posts(signed_in, staff_learner):
    session = CourseSessionFactory()
    seat = services.enrol(staff_learner, session)
    for url in (
        reverse("training:enrol", args=[session.pk]),
        reverse("training:self-study-start", args=[session.course_id]),
        reverse("training:enrolment-cancel", args=[seat.pk]),
        reverse("training:enrolment-declare", args=[seat.pk]),
    ):
        assert signed_in.get(url).status_code == 405


def test_another_learners_enrolment_is_not_found(signed_in, other_learner):
    theirs = services.enrol(other_learner, CourseSessionFactory())

    for name in ("training:enrolment", "training:enrolment-quiz"):
        assert signed_in.get(reverse(name, args=[theirs.pk])).status_code == 404
    for name in (
        "training:enrolment-cancel",
        "training:enrolment-declare",
        "training:enrolment-quiz",
    ):
        assert signed_in.post(reverse(name, args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.CONFIRMED


def test_people_without_the_learner_role_are_turned_away(client, trainer, instructor):
    course = CourseFactory()
    for person in (trainer, instructor):
        client.force_login(person)
        assert client.get(reverse("training:course", args=[course.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("training:my-learning"))["Location"].startswith("/accounts/login/")


# --- self-study and the quiz ----------------------------------------------------------


def test_self_study_from_start_to_completion_without_javascript(signed_in, staff_learner):
    course = CourseFactory(
        title="情報セキュリティ自習",
        format="self_study",
        pass_mark=100,
        description="パスワードは使い回さない。",
    )
    QuizQuestionFactory(course=course, text="パスワードは？")
    QuizQuestionFactory(course=course, text="不審なメールは？")

    started = signed_in.post(reverse("training:self-study-start", args=[course.pk]), follow=True)
    enrolment = Enrolment.objects.get(learner=staff_learner)
    assert "パスワードは使い回さない。" in started.content.decode()
    assert signed_in.get(reverse("training:enrolment-quiz", args=[enrolment.pk])).status_code == 302

    declared = signed_in.post(reverse("training:enrolment-declare", args=[enrolment.pk]))
    assert declared["Location"] == reverse("training:enrolment-quiz", args=[enrolment.pk])
    quiz = signed_in.get(declared["Location"]).content.decode()
    assert 'type="radio"' in quiz and "問1. パスワードは？" in quiz

    def post(correct: int, drop: int = 0):
        answers = answers_for(course, correct=correct)
        data = {f"q{q}": c for q, c in list(answers.items())[: len(answers) - drop]}
        return signed_in.post(
            reverse("training:enrolment-quiz", args=[enrolment.pk]), data, follow=True
        )

    incomplete = post(correct=2, drop=1)
    assert incomplete.status_code == 400
    assert "この問題の答えを選んでください。" in incomplete.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.quiz_attempts == 0

    failed = post(correct=1).content.decode()
    assert "50点でした。合格点は100点です。もう一度受けられます。" in failed
    passed = post(correct=2).content.decode()
    assert "100点で合格です。研修を修了しました。" in passed and "修了しました" in passed
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.quiz_attempts) == (Status.COMPLETED, 2)


def test_a_tampered_quiz_answer_is_a_polite_error(signed_in, staff_learner):
    course = CourseFactory(format="self_study")
    question = QuizQuestionFactory(course=course)
    enrolment = services.enrol_self_study(staff_learner, course)
    services.declare_self_study(enrolment, by=staff_learner)

    response = signed_in.post(
        reverse("training:enrolment-quiz", args=[enrolment.pk]), {f"q{question.pk}": "999999"}
    )

    assert response.status_code == 400
    assert "選択肢の中から選んでください。" in response.content.decode()
