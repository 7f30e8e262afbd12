"""Every table as CSV (UTF-8 with a BOM) and Excel, each export in the audit log,
and no name or phone number in any figures page or file."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.models import AuditEvent
from metrics.opendata import EVENT_COLUMNS
from outreach.phones import format_national

pytestmark = pytest.mark.django_db

TABLES = [
    "measures",
    "monthly",
    "districts",
    "age-bands",
    "topics",
    "channels",
    "mountainous",
    "can-do",
    "languages",
    "messages",
]


@pytest.fixture
def viewer(client, figures_viewer):
    client.force_login(figures_viewer)
    return client


def read_csv(response):
    raw = response.content
    assert raw.startswith("\ufeff".encode()), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_each_table_downloads_as_csv_with_a_bom_and_is_in_the_audit_log(
    viewer, world, figures_viewer
):
    query = {"year": world.year.start_year, "district": "fujino"}
    for key in TABLES:
        response = viewer.get(f"/desk/figures/export/{key}.csv", query)
        assert response.status_code == 200, key
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = read_csv(response)
        assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows), key
    events = AuditEvent.objects.filter(action="metrics.export").order_by("id")
    assert [e.detail["table"] for e in events] == TABLES
    assert all(e.actor == figures_viewer for e in events)
    assert events[0].detail == {
        "table": "measures",
        "format": "csv",
        "fiscal_year": world.year.start_year,
        "district": "fujino",
    }


def test_the_district_table_as_csv_hides_small_counts_with_a_star(viewer, world):
    rows = read_csv(
        viewer.get("/desk/figures/export/districts.csv", {"year": world.year.start_year})
    )
    assert rows[0][0] == "地区"
    fujino = next(row for row in rows if row[0] == "藤野")
    assert fujino[1] == "*"  # two people from Fujino came last year: 1–4 is not shown


def test_every_table_downloads_as_one_excel_workbook(viewer, world):
    response = viewer.get("/desk/figures/export/all.xlsx", {"year": world.year.start_year})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == len(TABLES)
    sheet = book[book.sheetnames[0]]
    assert sheet["A1"].value == "指標と目標"
    assert AuditEvent.objects.get(action="metrics.export").detail["format"] == "xlsx"


def test_the_report_prints_on_a4_and_its_pdf_embeds_the_japanese_font(viewer, world):
    query = {"year": world.year.start_year}
    page = viewer.get("/desk/figures/report/", query)
    assert page.status_code == 200
    assert "size: A4" in page.content.decode()
    response = viewer.get("/desk/figures/report/", {**query, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    fonts = set()
    for pdf_page in reader.pages:
        for font in pdf_page["/Resources"]["/Font"].values():
            descriptor = font.get_object()
            if "/DescendantFonts" in descriptor:
                descriptor = descriptor["/DescendantFonts"][0].get_object()
            info = descriptor["/FontDescriptor"].get_object()
            assert any(key in info for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(str(descriptor["/BaseFont"]))
    assert any("IPAGothic" in name for name in fonts)
    text = "".join(pdf_page.extract_text() for pdf_page in reader.pages)
    assert "参加した人" in text
    assert AuditEvent.objects.get(action="metrics.export").detail["format"] == "pdf"


def _texts(viewer, world):
    """Every figures page and file a viewer can reach, as text."""
    years = [world.year.start_year, world.year.next.start_year]
    for year in years:
        for district in ("", "fujino", "hashimoto"):
            query = {"year": year, "district": district}
            yield viewer.get("/desk/figures/", query).content.decode()
            yield viewer.get("/desk/figures/report/", query).content.decode()
            for key in TABLES:
                yield viewer.get(f"/desk/figures/export/{key}.csv", query).content.decode(
                    "utf-8-sig"
                )
        book = load_workbook(
            io.BytesIO(viewer.get("/desk/figures/export/all.xlsx", {"year": year}).content)
        )
        yield "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
        pdf = viewer.get("/desk/figures/report/", {"year": year, "format": "pdf"}).content
        yield "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    yield viewer.get("/opendata/events.csv").content.decode("utf-8-sig")
    yield viewer.get("/opendata/figures.csv").content.decode("utf-8-sig")


def test_no_residents_name_or_phone_number_appears_on_any_figures_page_or_file(viewer, world):
    needles = set()
    for resident in world.residents.values():
        needles |= {resident.name, resident.name.replace(" ", ""), resident.name_kana}
        needles |= {str(resident.phone), format_national(resident.phone)}
        needles.add(re.sub(r"\D", "", format_national(resident.phone)))
    for text in _texts(viewer, world):
        compact = re.sub(r"[\s-]", "", text)
        for needle in needles:
            assert needle not in text and needle not in compact, needle


def test_the_open_data_event_columns_are_the_standards(viewer):
    rows = read_csv(viewer.get("/opendata/events.csv"))
    assert rows[0] == EVENT_COLUMNS
