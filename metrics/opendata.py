"""Open data: upcoming classes as an event list, and the yearly figures, both as CSV.

The event list follows the layout of the Digital Agency's 自治体標準オープンデータセット
「イベント一覧」; docs/figures.md names the edition and what could and could not
be checked against it. Column names are the standard's, in Japanese, whatever
the reader's language: the files are read by programs.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from core.fiscal import FiscalYear
from metrics import dashboard as dashboards
from metrics.figures import Filters, years_on_record
from metrics.measures import UNIT_LABELS
from outreach import queries as outreach

EVENT_COLUMNS = [
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "イベント名",
    "イベント名_カナ",
    "イベント名_英語",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "開始日時特記事項",
    "説明",
    "料金(基本)",
    "料金(詳細)",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "主催者",
    "場所名称",
    "所在地_全国地方公共団体コード",
    "町字ID",
    "所在地_連結表記",
    "所在地_都道府県",
    "所在地_市区町村",
    "所在地_町字",
    "所在地_番地以下",
    "建物名等(方書)",
    "緯度",
    "経度",
    "アクセス方法",
    "駐車場情報",
    "定員",
    "参加申込終了日",
    "参加申込終了時間",
    "参加申込方法",
    "URL",
    "備考",
]

FIGURES_COLUMNS = [
    "全国地方公共団体コード",
    "地方公共団体名",
    "年度",
    "年度（和暦）",
    "集計",
    "区分",
    "値",
    "単位",
    "定義",
]

_PREFECTURE = re.compile(r"^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)")
_CITY = re.compile(r"^(.+?市.+?区|.+?市|.+?郡.+?[町村]|.+?区|.+?[町村])")
_BLOCK = re.compile(r"[0-9０-９]")


def split_address(address: str, prefecture: str) -> tuple[str, str, str, str, str]:
    """(full, prefecture, city, town, block) from a venue's address, as well as it goes.

    Venue addresses are written as people write them ("相模原市緑区小渕2000"); the
    town is what comes before the first digit and the block the rest. Cities that
    need the Address Base Registry's 町字ID should fill it in from there.
    """
    text = address.strip()
    if found := _PREFECTURE.match(text):
        prefecture, text = found.group(1), text[found.end() :]
    city = ""
    if found := _CITY.match(text):
        city, text = found.group(1), text[found.end() :]
    digit = _BLOCK.search(text)
    town, block = (text[: digit.start()], text[digit.start() :]) if digit else (text, "")
    return f"{prefecture}{city}{town}{block}", prefecture, city, town.strip(), block.strip()


def _prefecture_of(name: str) -> str:
    found = _PREFECTURE.match(name)
    return found.group(1) if found else ""


def event_rows(now=None) -> list[list]:
    """The upcoming classes, one row each, in EVENT_COLUMNS order (one query)."""
    code = settings.LOCAL_GOVERNMENT_CODE
    government = settings.LOCAL_GOVERNMENT_NAME
    prefecture = _prefecture_of(government)
    rows = [EVENT_COLUMNS]
    with translation.override("ja"):
        how = (
            f"ウェブ（各教室のURL）、電話窓口（{settings.DESK_PHONE_NUMBER}、"
            f"{settings.DESK_OPENING_HOURS}）、自動音声の電話でお申し込みください。"
        )
        for session in outreach.upcoming_classes(now):
            starts = timezone.localtime(session.starts_at)
            ends = timezone.localtime(session.ends_at)
            venue, topic = session.venue, session.topic
            full, pref, city, town, block = split_address(venue.address, prefecture)
            seats = (
                f"残り{session.seats_left}席"
                if session.seats_left
                else f"満席（キャンセル待ち{session.waitlist_length}件）"
            )
            description = " ".join(
                part for part in (topic.summary, f"持ち物：{topic.what_to_bring}") if part
            )
            row = {
                "全国地方公共団体コード": code,
                "ID": f"TSUNAGU-{session.pk:08d}",
                "地方公共団体名": government,
                "イベント名": session.title or topic.title,
                "イベント名_カナ": "",
                "イベント名_英語": topic.title_en,
                "開始日": starts.date().isoformat(),
                "終了日": ends.date().isoformat(),
                "開始時間": starts.strftime("%H:%M"),
                "終了時間": ends.strftime("%H:%M"),
                "開始日時特記事項": "",
                "説明": description,
                "料金(基本)": "0",
                "料金(詳細)": "無料",
                "連絡先名称": f"{settings.CITY_NAME} スマホ教室の電話窓口",
                "連絡先電話番号": settings.DESK_PHONE_NUMBER,
                "連絡先内線番号": "",
                "主催者": government,
                "場所名称": venue.name,
                "所在地_全国地方公共団体コード": code,
                "町字ID": "",
                "所在地_連結表記": full,
                "所在地_都道府県": pref,
                "所在地_市区町村": city,
                "所在地_町字": town,
                "所在地_番地以下": block,
                "建物名等(方書)": "",
                "緯度": str(venue.latitude) if venue.latitude is not None else "",
                "経度": str(venue.longitude) if venue.longitude is not None else "",
                "アクセス方法": venue.access_notes,
                "駐車場情報": "",
                "定員": str(session.capacity),
                "参加申込終了日": starts.date().isoformat(),
                "参加申込終了時間": starts.strftime("%H:%M"),
                "参加申込方法": how,
                "URL": settings.PUBLIC_BASE_URL
                + reverse("outreach:class-detail", args=[session.pk]),
                "備考": seats,
            }
            rows.append([row[column] for column in EVENT_COLUMNS])
    return rows


def _year_cells(table, year: FiscalYear):
    """(breakdown, cell) of one table that belong to this year's figures."""
    if year.label in table.columns and len(table.columns) > 1 and table.key != "messages":
        # Columns are years (this and last, or three): take this year's column.
        column = table.columns.index(year.label)
        return [(row.label, row.cells[column]) for row in table.rows]
    if table.key == "mountainous":  # rows are years
        return [(table.columns[0], row.cells[0]) for row in table.rows if row.label == year.label]
    if len(table.columns) == 1:
        return [(row.label, row.cells[0]) for row in table.rows]
    return [
        (f"{row.label}（{column}）", cell)
        for row in table.rows
        for column, cell in zip(table.columns, row.cells, strict=True)
    ]


def figures_rows(now=None) -> list[list]:
    """Every year on record, city-wide: each measure, then each table's cells, suppressed."""
    code, government = settings.LOCAL_GOVERNMENT_CODE, settings.LOCAL_GOVERNMENT_NAME
    rows = [FIGURES_COLUMNS]
    with translation.override("ja"):
        for start_year in years_on_record():
            year = FiscalYear(start_year)
            page = dashboards.build(Filters(year), now=now)
            head = [code, government, str(start_year), year.wareki_label]
            for line in page.headlines:
                if not line.measure.available:
                    continue
                unit = str(UNIT_LABELS[line.measure.unit]) or settings.MESSAGE_COST_CURRENCY
                rows.append(
                    [
                        *head,
                        "指標",
                        str(line.measure.label),
                        line.raw,
                        unit,
                        str(line.measure.definition),
                    ]
                )
            for table in page.tables:
                for breakdown, cell in _year_cells(table, year):
                    rows.append([*head, table.title, breakdown, str(cell.raw), table.unit, ""])
    return rows
