"""Progress by department, the overdue list and their exports, against hand-made numbers."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from core.fiscal import FiscalYear
from core.models import AuditEvent, JobGrade
from tests.factories import (
    CourseFactory,
    CourseSessionFactory,
    DepartmentFactory,
    EnrolmentFactory,
    RequirementFactory,
    UserFactory,
)
from training.models import Enrolment

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FY = FiscalYear.of(TODAY)


def _completed(learner, course):
    return EnrolmentFactory(
        learner=learner,
        session=CourseSessionFactory(course=course),
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.make_aware(dt.datetime.combine(FY.start, dt.time(12))),
    )


@pytest.fixture
def city():
    """Two departments, two requirements for everyone: one past due, one due at year end.

    welfare: 3 people — A did both; B did neither (one overdue, one not yet);
    C is enrolled in the second and overdue on the first.
    tax: 1 person — D did the first, is overdue on nothing, not yet on the second.
    """
    welfare = DepartmentFactory(code="welfare", name="高齢者支援課")
    tax = DepartmentFactory(code="tax", name="市民税課")
    security = CourseFactory(title="情報セキュリティ基礎")
    meetings = CourseFactory(title="Web会議")
    past_due = max(FY.start, TODAY - dt.timedelta(days=1))
    RequirementFactory(fiscal_year=FY.start_year, course=security, due_date=past_due)
    RequirementFactory(fiscal_year=FY.start_year, course=meetings, due_date=FY.end)
    a = UserFactory(department=welfare, display_name="相模 A", name_kana="さがみ えー")
    b = UserFactory(
        department=welfare,
        display_name="=HYPERLINK(1)",
        name_kana="ばー",
        staff_number="100200",
        job_grade=JobGrade.CHIEF,
    )
    c = UserFactory(department=welfare, display_name="津久井 C", name_kana="つくい しー")
    d = UserFactory(department=tax, display_name="藤野 D", name_kana="ふじの でぃー")
    _completed(a, security)
    _completed(a, meetings)
    EnrolmentFactory(learner=c, session=CourseSessionFactory(course=meetings))
    _completed(d, security)
    return {"welfare": welfare, "tax": tax, "b": b, "c": c, "past_due": past_due}


needs_a_past_due_date = pytest.mark.skipif(
    TODAY == FY.start, reason="on 1 April no due date of the year has passed"
)


@needs_a_past_due_date
def test_progress_by_department_counts_each_status(desk, city):
    response = desk.get(reverse("training:desk-progress"), {"year": FY.start_year})

    assert response.status_code == 200
    summary = {entry.department.code: entry for entry in response.context["summary"]}
    welfare, tax = summary["welfare"], summary["tax"]
    assert (welfare.required, welfare.done, welfare.enrolled, welfare.not_yet, welfare.overdue) == (
        6,
        2,
        1,
        1,
        2,
    )
    assert welfare.done_percent == 33.3 and welfare.overdue_percent == 33.3
    assert (tax.required, tax.done, tax.overdue, tax.not_yet) == (2, 1, 0, 1)
    total = response.context["total"]
    assert (total.required, total.done, total.overdue) == (8, 3, 2)


@needs_a_past_due_date
def test_lowest_completion_first_puts_welfare_before_tax(desk, city):
    response = desk.get(reverse("training:desk-progress"), {"year": FY.start_year, "sort": "done"})
    assert [e.department.code for e in response.context["summary"]] == ["welfare", "tax"]


@needs_a_past_due_date
def test_the_overdue_list_names_people_and_is_audited(desk, city, coordinator_with_totp):
    response = desk.get(
        reverse("training:desk-overdue"),
        {"year": FY.start_year, "department": city["welfare"].pk},
    )

    assert response.status_code == 200
    rows = response.context["table"].rows
    # Days late as of the request, not of the module's import: a run may pass midnight.
    late = (timezone.localdate() - city["past_due"]).days
    # Within a department: earliest due date first, then by kana (つ before ば).
    assert [(row[2], row[5], row[7]) for row in rows] == [
        ("津久井 C", "情報セキュリティ基礎", late),
        ("=HYPERLINK(1)", "情報セキュリティ基礎", late),
    ]
    assert rows[1][1] == "100200" and rows[1][4] == "係長級"
    assert rows[1][8] == "未申込"
    event = AuditEvent.objects.get(action="training.view_overdue")
    assert event.actor == coordinator_with_totp
    assert event.detail == {"fiscal_year": FY.start_year, "department": "welfare", "rows": 2}


@needs_a_past_due_date
def test_the_progress_csv_opens_in_excel_with_japanese_and_is_audited(desk, city):
    response = desk.get(
        reverse("training:desk-progress-export", args=["csv"]), {"year": FY.start_year}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["年度", "部署コード", "部署", "必修（人×研修）", "修了"]
    assert rows[1][1:6] == ["tax", "市民税課", "2", "1", "50.0"]
    assert rows[2][1:6] == ["welfare", "高齢者支援課", "6", "2", "33.3"]
    event = AuditEvent.objects.get(action="training.export_progress")
    assert event.detail["rows"] == 2 and event.detail["fiscal_year"] == FY.start_year


@needs_a_past_due_date
def test_the_overdue_xlsx_has_headers_widths_a_frozen_row_and_no_formulas(desk, city):
    response = desk.get(
        reverse("training:desk-overdue-export", args=["xlsx"]), {"year": FY.start_year}
    )

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:4] == ["部署", "職員番号", "氏名", "ふりがな"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width == 36
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # A name that looks like a formula is kept as text, never run by the spreadsheet.
    assert names == ["津久井 C", "'=HYPERLINK(1)"]
    due = sheet.cell(row=2, column=7)
    assert due.value.date() == city["past_due"] and due.number_format == "yyyy-mm-dd"
    event = AuditEvent.objects.get(action="training.export_overdue")
    assert event.detail == {
        "fiscal_year": FY.start_year,
        "department": "",
        "rows": 2,
        "format": "xlsx",
    }


def test_an_unknown_export_format_is_404(desk):
    assert desk.get(reverse("training:desk-progress-export", args=["pdf"])).status_code == 404


def test_a_bad_year_falls_back_to_this_year(desk):
    response = desk.get(reverse("training:desk-progress"), {"year": "abc"})
    assert response.status_code == 200
    assert response.context["fiscal_year"] == FY


@pytest.mark.parametrize("name", ["training:desk-progress", "training:desk-overdue"])
def test_progress_pages_query_count_does_not_grow_with_staff(
    desk, name, django_assert_max_num_queries
):
    """Guards the N+1 of department, course and enrolment per person on both pages."""
    welfare = DepartmentFactory(code="welfare")
    requirement = RequirementFactory(
        fiscal_year=FY.start_year, due_date=max(FY.start, TODAY - dt.timedelta(days=1))
    )
    for _ in range(2):
        _completed(UserFactory(department=welfare), requirement.course)
        UserFactory(department=DepartmentFactory())
    url = reverse(name)
    assert desk.get(url).status_code == 200
    with django_assert_max_num_queries(30) as few:
        assert desk.get(url).status_code == 200
    for _ in range(10):
        _completed(UserFactory(department=welfare), requirement.course)
        person = UserFactory(department=DepartmentFactory())
        EnrolmentFactory(learner=person, session=CourseSessionFactory(course=requirement.course))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert desk.get(url).status_code == 200
