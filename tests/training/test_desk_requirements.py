"""Required courses at the desk: the rules of Requirement.clean() as form errors, and copying a year."""

import datetime as dt

import pytest
from django.urls import reverse

from core.fiscal import FiscalYear
from core.models import AuditEvent
from tests.factories import CourseFactory, DepartmentFactory, RequirementFactory, SkillAreaFactory
from training.models import Requirement
from training.planning import copy_requirements

pytestmark = pytest.mark.django_db

THIS_YEAR = FiscalYear.current()


def _post(desk, year: FiscalYear, **data):
    return desk.post(f"{reverse('training:desk-requirement-create')}?year={year.start_year}", data)


def test_a_requirement_for_a_department_is_added(desk, coordinator_with_totp):
    course = CourseFactory()
    welfare = DepartmentFactory(code="welfare")
    response = _post(
        desk,
        THIS_YEAR,
        course=course.pk,
        audience="department",
        department=welfare.pk,
        due_date=THIS_YEAR.end.isoformat(),
    )

    assert response.status_code == 302
    requirement = Requirement.objects.get()
    assert requirement.fiscal_year == THIS_YEAR.start_year
    assert requirement.department == welfare
    assert AuditEvent.objects.filter(action="training.create_requirement").exists()


def test_neither_course_nor_area_is_a_form_error(desk):
    response = _post(desk, THIS_YEAR, audience="everyone", due_date=THIS_YEAR.end.isoformat())

    assert response.status_code == 400
    assert response.context["form"].errors["course"] == [
        "研修か分野の、どちらか一つを選んでください。"
    ]
    assert not Requirement.objects.exists()


def test_both_course_and_area_is_a_form_error(desk):
    course = CourseFactory()
    response = _post(
        desk,
        THIS_YEAR,
        course=course.pk,
        skill_area=course.skill_area.pk,
        audience="everyone",
        due_date=THIS_YEAR.end.isoformat(),
    )
    assert response.status_code == 400
    assert "course" in response.context["form"].errors


def test_a_due_date_outside_the_fiscal_year_is_a_form_error(desk):
    response = _post(
        desk,
        THIS_YEAR,
        course=CourseFactory().pk,
        audience="everyone",
        due_date=(THIS_YEAR.end + dt.timedelta(days=1)).isoformat(),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["due_date"] == [
        "期限は、その年度の中の日付にしてください。"
    ]


def test_a_department_audience_without_a_department_is_a_form_error(desk):
    response = _post(
        desk,
        THIS_YEAR,
        skill_area=SkillAreaFactory().pk,
        audience="department",
        due_date=THIS_YEAR.end.isoformat(),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["department"] == ["対象の部署を選んでください。"]


def test_counting_from_after_the_due_date_is_a_form_error(desk):
    response = _post(
        desk,
        THIS_YEAR,
        course=CourseFactory().pk,
        audience="everyone",
        due_date=dt.date(THIS_YEAR.start_year, 9, 30).isoformat(),
        counts_from=dt.date(THIS_YEAR.start_year, 10, 1).isoformat(),
    )
    assert response.status_code == 400
    assert "counts_from" in response.context["form"].errors


def test_a_garbled_date_is_a_form_error_not_a_500(desk):
    response = _post(
        desk, THIS_YEAR, course=CourseFactory().pk, audience="everyone", due_date="2026-13-45"
    )
    assert response.status_code == 400
    assert "due_date" in response.context["form"].errors


def test_last_years_requirements_are_copied_a_year_later_once(desk, coordinator_with_totp):
    last = FiscalYear(2025)
    welfare = DepartmentFactory(code="welfare")
    RequirementFactory(fiscal_year=2025, due_date=dt.date(2025, 9, 30))
    RequirementFactory(
        fiscal_year=2025,
        course=None,
        skill_area=SkillAreaFactory(),
        audience="department",
        department=welfare,
        due_date=dt.date(2026, 2, 28),
        counts_from=dt.date(2025, 1, 1),
    )
    url = f"{reverse('training:desk-requirements-copy')}?year=2026"

    assert desk.post(url).status_code == 302
    assert desk.post(url).status_code == 302  # a second press adds nothing

    copies = list(Requirement.objects.for_fiscal_year(last.next).order_by("due_date"))
    assert [(r.due_date, r.counts_from) for r in copies] == [
        (dt.date(2026, 9, 30), None),
        (dt.date(2027, 2, 28), dt.date(2026, 1, 1)),
    ]
    assert copies[1].department == welfare
    audits = AuditEvent.objects.filter(action="training.copy_requirements").order_by("id")
    assert [a.detail["copied"] for a in audits] == [2, 0]


def test_copying_moves_29_february_to_28_february(coordinator):
    RequirementFactory(fiscal_year=2027, due_date=dt.date(2028, 2, 29))
    [copy] = copy_requirements(FiscalYear(2028), by=coordinator)
    assert copy.due_date == dt.date(2029, 2, 28)


def test_a_requirement_is_deleted_by_post_only(desk):
    requirement = RequirementFactory()
    url = reverse("training:desk-requirement-delete", args=[requirement.pk])
    assert desk.get(url).status_code == 405
    assert desk.post(url).status_code == 302
    assert not Requirement.objects.exists()


def test_the_requirements_page_query_count_does_not_grow(desk, django_assert_max_num_queries):
    """Guards the N+1 of course, area and department per requirement."""
    RequirementFactory(audience="department", department=DepartmentFactory())
    url = f"{reverse('training:desk-requirements')}?year={THIS_YEAR.start_year}"
    assert desk.get(url).status_code == 200
    with django_assert_max_num_queries(30) as few:
        assert desk.get(url).status_code == 200
    for _ in range(8):
        RequirementFactory(audience="department", department=DepartmentFactory())
        RequirementFactory(course=None, skill_area=SkillAreaFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = desk.get(url)
    assert response.status_code == 200
    assert len(response.context["requirements"]) == 17
