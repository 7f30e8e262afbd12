"""The progress tables as CSV (UTF-8 with a BOM, so Excel reads the Japanese) and as .xlsx.

A table is built once from training.progress's answers and written either way,
so the two files always hold the same rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.fiscal import FiscalYear
from training.progress import DepartmentProgress, RequirementProgress

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet runs a cell that starts with one of these as a formula
# (CSV injection); such text is written with a leading apostrophe instead.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    title: str
    headers: list[str]
    widths: list[int]
    rows: list[list] = field(default_factory=list)


def progress_table(fiscal_year: FiscalYear, summary: Iterable[DepartmentProgress]) -> Table:
    table = Table(
        title=_("部署別の進み具合"),
        headers=[
            _("年度"),
            _("部署コード"),
            _("部署"),
            _("必修（人×研修）"),
            _("修了"),
            _("修了率（％）"),
            _("申込済み"),
            _("未受講"),
            _("期限切れ"),
            _("期限切れの割合（％）"),
        ],
        widths=[18, 14, 24, 16, 8, 12, 10, 10, 10, 16],
    )
    for entry in summary:
        table.rows.append(
            [
                fiscal_year.wareki_label,
                entry.department.code if entry.department else "",
                entry.department.name if entry.department else "",
                entry.required,
                entry.done,
                entry.done_percent,
                entry.enrolled,
                entry.not_yet,
                entry.overdue,
                entry.overdue_percent,
            ]
        )
    return table


def days_overdue(row: RequirementProgress, today: dt.date) -> int:
    return (today - row.requirement.due_date).days


def enrolment_note(row: RequirementProgress) -> str:
    enrolment = row.open_enrolment
    if enrolment is None:
        return _("未申込")
    if enrolment.session_id:
        when = timezone.localtime(enrolment.session.starts_at)
        return _("申込済み（%(date)s）") % {"date": f"{when:%Y-%m-%d}"}
    return _("申込済み（自習）")


def overdue_table(rows: Iterable[RequirementProgress], today: dt.date) -> Table:
    table = Table(
        title=_("期限切れの一覧"),
        headers=[
            _("部署"),
            _("職員番号"),
            _("氏名"),
            _("ふりがな"),
            _("職位"),
            _("必修研修"),
            _("期限"),
            _("超過日数"),
            _("申込"),
        ],
        widths=[24, 12, 18, 20, 14, 36, 12, 10, 24],
    )
    for row in rows:
        person = row.learner
        table.rows.append(
            [
                person.department.name if person.department_id else "",
                person.staff_number or "",
                str(person),
                person.name_kana,
                person.get_job_grade_display(),
                row.requirement.what,
                row.requirement.due_date,
                days_overdue(row, today),
                enrolment_note(row),
            ]
        )
    return table


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(
            [value.isoformat() if isinstance(value, dt.date) else _safe(value) for value in row]
        )
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]  # Excel's limit for a sheet name
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_safe(value) for value in row])
    for index, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date | dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def download(table: Table, filename_stem: str, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(as_xlsx(table), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(as_csv(table), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}.{fmt}"'
    # Personal data: never kept by a shared cache or the browser's.
    response["Cache-Control"] = "private, no-store"
    return response
