"""Staff courses in Chromium: an overdue learner is waitlisted, promoted when someone cancels,
marked present by the instructor on a tablet, sees the course completed, downloads the
certificate and checks it at its address; the coordinator sees the department's progress
rise and exports it as CSV and .xlsx with the Japanese intact.

Set TSUNAGU_SCREENSHOTS=docs/screenshots to refresh the screenshots of docs/training.md.
"""

import csv
import datetime as dt
import io
import os
import re
from pathlib import Path

import openpyxl
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from core.fiscal import FiscalYear
from tests.browser.axe import axe_violations
from tests.browser.conftest import DESKTOP, TABLET
from tests.factories import (
    TEST_PASSWORD,
    CourseFactory,
    CourseSessionFactory,
    DepartmentFactory,
    QuizQuestionFactory,
    RequirementFactory,
    Role,
    SkillAreaFactory,
    UserFactory,
)
from training import services
from training.models import Certificate, Enrolment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screenshot(page, name):
    folder = os.environ.get("TSUNAGU_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _sign_in(page, live_server, user):
    """Sign in without the form (the learner's own sign-in goes through it)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _with_hidden(visible: str, hidden: str):
    """A button's name: its visible text and the visually hidden words that tell rows apart
    (Chromium puts a space between them, the hidden part being absolutely positioned)."""
    return re.compile(rf"^{re.escape(visible)}\s*{re.escape(hidden)}$")


def _assert_axe_clean(page):
    assert axe_violations(page) == []


def _assert_tap_targets(page, selector):
    for box in [b.bounding_box() for b in page.locator(selector).all()]:
        assert box["height"] >= 48 and box["width"] >= 48, box


@pytest.fixture
def course_day(live_server):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    if yesterday not in FiscalYear.current():
        pytest.skip("on the first day of a fiscal year nothing of it can be overdue yet")
    welfare = DepartmentFactory(code="welfare", name="高齢者支援課")
    area = SkillAreaFactory(
        code="security", name="情報セキュリティ", name_en="Information security"
    )
    course = CourseFactory(
        code="security-basics",
        title="情報セキュリティ基礎",
        title_en="Information security basics",
        skill_area=area,
        description="標的型メール、パスワード、持ち出し禁止の情報。市の情報セキュリティポリシーに沿って学びます。",
    )
    RequirementFactory(course=course, due_date=yesterday, note="全職員")
    instructor = UserFactory(
        email="instructor@example.jp", display_name="津久井 先生", role=Role.INSTRUCTOR
    )
    # Starts in 20 minutes: still open for enrolment, and attendance opens 30 minutes before.
    starts = timezone.now() + dt.timedelta(minutes=20)
    session = CourseSessionFactory(
        course=course,
        capacity=1,
        instructor=instructor,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=90),
        room="本庁舎 第1会議室",
    )
    learner = UserFactory(
        email="staff@example.jp",
        display_name="城山 健",
        name_kana="しろやま けん",
        department=welfare,
        role=Role.STAFF_LEARNER,
    )
    other = UserFactory(
        email="staff2@example.jp",
        display_name="相模湖 まり",
        department=welfare,
        role=Role.STAFF_LEARNER,
    )
    services.enrol(other, session)
    mail.outbox.clear()
    return {"session": session, "learner": learner, "other": other, "instructor": instructor}


def _welfare_row(page) -> list[str]:
    """The progress table's row for 高齢者支援課: required, done, done %, … as the page shows them."""
    row = page.locator("tbody tr", has=page.get_by_role("rowheader", name="高齢者支援課"))
    return [cell.inner_text().strip() for cell in row.locator("td").all()]


def test_waitlisted_promoted_marked_present_and_completed(
    live_server, new_page, course_day, coordinator_with_totp
):
    session, learner = course_day["session"], course_day["learner"]
    year = FiscalYear.current().start_year
    # The coordinator's progress table before: two required in 高齢者支援課, none done.
    desk = new_page(viewport=DESKTOP)
    _sign_in(desk, live_server, coordinator_with_totp)
    desk.goto(f"{live_server.url}/training/desk/progress/?year={year}")
    assert _welfare_row(desk)[:3] == ["2", "0", "0.0%"]
    page = new_page(viewport=DESKTOP)

    # The learner signs in and lands on "my learning": the overdue requirement comes first.
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(learner.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/training/")
    assert page.get_by_role("heading", name="期限を過ぎた必修研修があります（1件）").is_visible()
    first = page.locator(".req").first
    assert "期限切れ" in first.inner_text() and "情報セキュリティ基礎" in first.inner_text()
    _assert_axe_clean(page)
    _screenshot(page, "training-my-learning-overdue")

    # The only session is full: the learner joins its waiting list in one step.
    page.get_by_role("link", name="日程を見る").click()
    assert page.locator(".seats--full").inner_text() == "満席"
    _assert_axe_clean(page)
    _screenshot(page, "training-course")
    page.get_by_role("button", name="キャンセル待ちで申し込む").click()
    assert page.get_by_role("heading", name="キャンセル待ち（1番目）です").is_visible()
    _assert_axe_clean(page)
    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert "キャンセル待ち（1番目）" in mail.outbox[0].subject

    # Another learner cancels from their own page; the first in line is promoted and emailed.
    other_page = new_page(viewport=DESKTOP)
    _sign_in(other_page, live_server, course_day["other"])
    other_page.goto(f"{live_server.url}/training/")
    other_page.get_by_role(
        "button", name=_with_hidden("取り消す", "（情報セキュリティ基礎）")
    ).click()
    assert other_page.get_by_text("「情報セキュリティ基礎」の申込を取り消しました。").is_visible()
    promotion = next(m for m in mail.outbox if m.subject.startswith("【つなぐ】キャンセル待ちから"))
    assert promotion.to == [learner.email]
    assert 'method="REQUEST"' in promotion.message().as_string()
    page.goto(f"{live_server.url}/training/")
    upcoming = page.locator("section", has=page.get_by_role("heading", name="受講予定"))
    assert "情報セキュリティ基礎" in upcoming.inner_text()

    # The instructor marks the learner present on a tablet.
    tablet = new_page(viewport=TABLET)
    _sign_in(tablet, live_server, course_day["instructor"])
    tablet.goto(f"{live_server.url}/training/instructor/")
    _assert_axe_clean(tablet)
    _screenshot(tablet, "training-instructor-sessions-tablet")
    tablet.get_by_role("link", name=_with_hidden("名簿を開く", "（情報セキュリティ基礎）")).click()
    _assert_tap_targets(tablet, ".roster-row button")
    _assert_axe_clean(tablet)
    tablet.get_by_role("button", name=_with_hidden("出席", "：城山 健")).click()
    row = tablet.locator(".roster-row", has_text="城山 健")
    assert "出席・修了" in row.inner_text()
    assert tablet.get_by_text("城山 健: 出席にしました").is_visible()
    _assert_tap_targets(tablet, ".roster-row button")
    _assert_axe_clean(tablet)
    _screenshot(tablet, "training-roster-tablet")

    # "My learning" now shows the requirement done and the course completed this year.
    page.goto(f"{live_server.url}/training/")
    assert page.get_by_role("heading", name="期限を過ぎた必修研修があります（1件）").count() == 0
    assert "修了" in page.locator(".req").first.inner_text()
    completed = page.locator(
        "section", has=page.get_by_role("heading", name="今年度に修了した研修")
    )
    assert "情報セキュリティ基礎" in completed.inner_text()
    _assert_axe_clean(page)
    enrolment = Enrolment.objects.get(learner=learner, session=session)
    assert enrolment.status == Enrolment.Status.COMPLETED

    # The learner downloads the certificate: one A4 page with its serial and checking address.
    link = completed.get_by_role(
        "link", name=_with_hidden("修了証（PDF）", "：情報セキュリティ基礎")
    )
    pdf = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.body()))
    text = reader.pages[0].extract_text().replace("\n", "")
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert len(reader.pages) == 1 and certificate.serial in text
    # The address printed under the QR code (both come from training.certificates.verification_url).
    printed = re.search(r"https?://\S+?/training/certificates/[0-9A-Z-]+/", text).group(0)
    check = new_page(viewport=TABLET)
    check.goto(f"{live_server.url}/training/certificates/{printed.rstrip('/').rsplit('/', 1)[1]}/")
    shown = check.locator("main").inner_text()
    assert "城山 健" in shown and "情報セキュリティ基礎" in shown
    assert learner.email not in shown and "高齢者支援課" not in shown
    _assert_axe_clean(check)

    # The coordinator sees the department's progress rise, and exports it with Japanese intact.
    desk.goto(f"{live_server.url}/training/desk/progress/?year={year}")
    assert _welfare_row(desk)[:3] == ["2", "1", "50.0%"]
    _assert_axe_clean(desk)
    for fmt, name in (("csv", "この表をCSVで"), ("xlsx", "この表をExcel（.xlsx）で")):
        href = desk.get_by_role("link", name=name, exact=True).get_attribute("href")
        export = desk.request.get(f"{live_server.url}{href}")
        assert export.status == 200, fmt
        if fmt == "csv":
            assert export.body().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
            rows = list(csv.reader(io.StringIO(export.body().decode("utf-8-sig"))))
        else:
            sheet = openpyxl.load_workbook(io.BytesIO(export.body())).active
            rows = [[str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
        assert rows[0][:6] == [
            "年度",
            "部署コード",
            "部署",
            "必修（人×研修）",
            "修了",
            "修了率（％）",
        ]
        welfare = next(r for r in rows if "高齢者支援課" in r)
        assert welfare[3:6] in (["2", "1", "50.0"], ["2", "1", "50"]), (fmt, welfare)


def test_the_catalogue_quiz_and_cancel_pages_are_axe_clean_in_both_languages(live_server, new_page):
    learner = UserFactory(display_name="城山 健", role=Role.STAFF_LEARNER)
    coordinator = UserFactory(role=Role.COORDINATOR)
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(coordinator, generate_totp_secret())
    CourseSessionFactory(course=CourseFactory(title="Excel基礎", title_en="Excel basics"))
    course = CourseFactory(
        title="生成AI 自習",
        title_en="Generative AI self-study",
        format="self_study",
        description="市のガイドラインに沿った生成AIの使い方。",
    )
    for _ in range(3):
        QuizQuestionFactory(course=course)
    enrolment = services.enrol_self_study(learner, course)
    services.declare_self_study(enrolment, by=learner)

    page = new_page(viewport=DESKTOP)
    _sign_in(page, live_server, learner)
    for prefix in ("", "/en"):
        page.goto(f"{live_server.url}{prefix}/training/courses/?open_only=on")
        _assert_axe_clean(page)
        page.goto(f"{live_server.url}{prefix}/training/enrolments/{enrolment.pk}/quiz/")
        _assert_axe_clean(page)
    page.goto(f"{live_server.url}/training/courses/")
    _screenshot(page, "training-catalogue")
    page.goto(f"{live_server.url}/training/enrolments/{enrolment.pk}/quiz/")
    page.get_by_role("button", name="採点する").click()  # nothing answered
    assert page.get_by_text("答えていない問題があります。").is_visible()
    _assert_axe_clean(page)
    _screenshot(page, "training-quiz-errors")

    tablet = new_page(viewport=TABLET)
    _sign_in(tablet, live_server, coordinator)
    session = CourseSessionFactory()
    tablet.goto(f"{live_server.url}/training/instructor/sessions/{session.pk}/cancel/")
    tablet.get_by_role("button", name="中止してメールを送る").click()
    assert tablet.get_by_text("中止の理由を入力してください。").first.is_visible()
    _assert_axe_clean(tablet)
