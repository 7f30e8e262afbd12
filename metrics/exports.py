"""Tables as files: CSV (UTF-8 with a BOM, so Excel shows Japanese) and Excel (.xlsx)."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from metrics.tables import HIDDEN, Table

BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_text(rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return BOM + buffer.getvalue()


def csv_response(rows: list[list], filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(csv_text(rows).encode("utf-8"), content_type=CSV_TYPE)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _sheet_title(table: Table, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique in the workbook.
    title = "".join(ch for ch in table.title if ch not in "[]:*?/\\")[:28] or table.key
    base, number = title, 2
    while title in used:
        title = f"{base[:26]}({number})"
        number += 1
    used.add(title)
    return title


def workbook(tables: list[Table], *, heading: str, scope: str) -> bytes:
    """One sheet per table: its title, what it covers, the "*" note, then the table."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    note = _(
        "「%(mark)s」は少ない人数のため公表しない数です（他の数から計算できないよう、一部の数も伏せています）。"
    ) % {"mark": HIDDEN}
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table, used))
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([heading, scope])
        sheet.append([note])
        sheet.append([])
        rows = table.as_lists()
        for row in rows:
            sheet.append(row)
        header_row = 5
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
        for index, width in enumerate(_widths(rows), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _widths(rows: list[list]) -> list[int]:
    widths: list[int] = []
    for row in rows:
        for index, value in enumerate(row):
            # Japanese characters are about twice as wide as Latin ones in Excel's unit.
            text = str(value)
            size = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) + 2
            if index >= len(widths):
                widths.append(0)
            widths[index] = min(max(widths[index], size), 60)
    return widths


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
