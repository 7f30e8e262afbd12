"""Desk pages: progress on required courses by department, the overdue list, and exports.

Every figure here comes from training.progress (the one rule for done /
enrolled / not yet / overdue). The overdue list names people: coordinators
only, and each view and export of it is written to the audit log.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from core import access_log, audit
from core.fiscal import FiscalYear
from core.models import Department
from core.permissions import coordinator_required
from training.desk import exports
from training.desk.forms import ProgressFilterForm, fiscal_years_to_offer
from training.progress import (
    DepartmentProgress,
    RequirementStatus,
    by_department,
    city_staff,
    progress,
)

# How the progress table may be ordered: by department code, lowest completion
# first (where help is needed), or most overdue first.
SORTS = {
    "department": lambda d: (d.department.code if d.department else "",),
    "done": lambda d: (d.done_percent, d.department.code if d.department else ""),
    "overdue": lambda d: (-d.overdue, d.department.code if d.department else ""),
}
EXPORT_FORMATS = ("csv", "xlsx")


def _filters(request) -> ProgressFilterForm:
    return ProgressFilterForm(request.GET or None, years=fiscal_years_to_offer())


def department_summary(fiscal_year: FiscalYear, sort: str) -> list[DepartmentProgress]:
    summary = by_department(progress(fiscal_year))
    return sorted(summary, key=SORTS.get(sort, SORTS["department"]))


def _total(summary: list[DepartmentProgress]) -> DepartmentProgress:
    total = DepartmentProgress(None)
    for entry in summary:
        total.required += entry.required
        total.done += entry.done
        total.overdue += entry.overdue
        total.enrolled += entry.enrolled
    return total


@coordinator_required
def progress_page(request):
    """Required / completed / enrolled / not yet / overdue per department, in one table."""
    filters = _filters(request)
    fiscal_year = filters.fiscal_year()
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "department"
    summary = department_summary(fiscal_year, sort)
    return render(
        request,
        "training/desk/progress.html",
        {
            "filters": filters,
            "fiscal_year": fiscal_year,
            "summary": summary,
            "total": _total(summary),
            "sort": sort,
        },
    )


def overdue_rows(fiscal_year: FiscalYear, department: Department | None, today=None):
    """The overdue (person, requirement) pairs, longest overdue first within each department."""
    today = today or timezone.localdate()
    learners = None
    if department is not None:
        learners = city_staff().filter(department=department).select_related("department")
    rows = [
        row
        for row in progress(fiscal_year, learners=learners, today=today)
        if row.status == RequirementStatus.OVERDUE
    ]
    rows.sort(
        key=lambda row: (
            row.learner.department.code if row.learner.department_id else "",
            row.requirement.due_date,
            row.learner.name_kana or str(row.learner),
            row.learner.pk,
        )
    )
    return rows


@coordinator_required
def overdue_page(request):
    filters = _filters(request)
    fiscal_year = filters.fiscal_year()
    department = filters.chosen_department()
    today = timezone.localdate()
    rows = overdue_rows(fiscal_year, department, today)
    audit.record(
        request.user,
        "training.view_overdue",
        None,
        fiscal_year=fiscal_year.start_year,
        department=department.code if department else "",
        rows=len(rows),
    )
    return render(
        request,
        "training/desk/overdue.html",
        {
            "filters": filters,
            "fiscal_year": fiscal_year,
            "department": department,
            "table": exports.overdue_table(rows, today),
            "count": len(rows),
        },
    )


@coordinator_required
def progress_export(request, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    fiscal_year = _filters(request).fiscal_year()
    summary = department_summary(fiscal_year, request.GET.get("sort", "department"))
    table = exports.progress_table(fiscal_year, summary)
    audit.record(
        request.user,
        "training.export_progress",
        None,
        fiscal_year=fiscal_year.start_year,
        department="",
        rows=len(table.rows),
        format=fmt,
    )
    access_log.record(request, "export", table="training:progress", format=fmt)
    return exports.download(table, f"training-progress-{fiscal_year.start_year}", fmt)


@coordinator_required
def overdue_export(request, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    filters = _filters(request)
    fiscal_year = filters.fiscal_year()
    department = filters.chosen_department()
    today = timezone.localdate()
    table = exports.overdue_table(overdue_rows(fiscal_year, department, today), today)
    audit.record(
        request.user,
        "training.export_overdue",
        None,
        fiscal_year=fiscal_year.start_year,
        department=department.code if department else "",
        rows=len(table.rows),
        format=fmt,
    )
    access_log.record(request, "export", table="training:overdue", format=fmt, rows=len(table.rows))
    stem = f"training-overdue-{fiscal_year.start_year}"
    if department is not None:
        stem += f"-{department.code}"
    return exports.download(table, stem, fmt)
