"""The dashboard's tables: each cut of the year's figures, with its chart and summary.

Every table here counts people (or registrations of people) and is suppressed
as a whole; its one-sentence summary is written from the cells that are shown,
so the words never give away a hidden number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from messaging import queries as messaging
from metrics import figures
from metrics.charts import Series, bar_chart, line_chart
from metrics.figures import Filters
from metrics.measures import UNIT_LABELS, Unit
from metrics.tables import Cell, Item, Row, Table, count_table, rate_table
from outreach import queries as outreach


@dataclass
class Dimensions:
    """Labels of districts, topics and choices, read once per page (two queries)."""

    districts: dict[int, tuple[str, bool]]
    topics: dict[int, tuple[str, str]]
    channels: dict[str, str]
    age_bands: dict[str, str]
    levels: dict[str, str]

    @classmethod
    def load(cls, districts=None, topics=None) -> Dimensions:
        """From outreach, or from the districts and topics a filter form has read already."""
        districts = outreach.districts() if districts is None else districts
        topics = outreach.class_topics() if topics is None else topics
        return cls(
            districts={d.pk: (d.display_name, d.is_mountainous) for d in districts},
            topics={t.pk: (t.display_title, t.level) for t in topics},
            channels={value: str(label) for value, label in outreach.registration_channels()},
            age_bands={value: str(label) for value, label in outreach.age_bands()},
            levels={value: str(label) for value, label in outreach.topic_levels()},
        )


def _n(value) -> str:
    return number_format(value, force_grouping=True)


def _largest(table: Table, column: int = 0):
    shown = [(row.cells[column].shown, row.label) for row in table.items]
    shown = [(value, label) for value, label in shown if value]
    return max(shown, default=None)


def monthly(filters: Filters, now: dt.datetime) -> Table:
    year = filters.fiscal_year
    people = figures.attendees_by_month(filters, now=now)
    items = [
        Item(
            date_format(month, "M"),  # 4月 in Japanese, Apr in English
            [people.get(month, 0), people.get(previous, 0)],
        )
        for month, previous in zip(
            figures.months_of(year), figures.months_of(year.previous), strict=True
        )
    ]
    table = count_table(
        "monthly",
        _("月ごとの参加者（延べ人数）"),
        _("月"),
        [year.label, year.previous.label],
        items,
        unit=UNIT_LABELS[Unit.PEOPLE],
    )
    this_month = timezone.localdate(now).replace(day=1)
    for row, month in zip(table.items, figures.months_of(year), strict=True):
        if month > this_month:
            row.cells[0] = Cell(None)  # not there yet: no point on the line, "—" in the table
    best = _largest(table)
    table.summary = (
        _("%(year)sで参加者がいちばん多かった月は%(month)s（%(people)s人）です。")
        % {"year": year.label, "month": best[1], "people": _n(best[0])}
        if best
        else _("%(year)sの参加者はまだいません。") % {"year": year.label}
    )
    table.charts = [
        line_chart(
            "chart-monthly",
            table,
            [Series(year.label, 0), Series(year.previous.label, 1)],
            title=table.title,
            x_labels=[row.label for row in table.items],
        )
    ]
    return table


def districts(data: figures.Collected, dims: Dimensions) -> Table:
    year = data.filters.fiscal_year
    this = data.people_by("home_district_id", year)
    last = data.people_by("home_district_id", year.previous)
    mountain, other, unknown = _("中山間地域"), _("中山間地域以外"), _("地区を答えていない")
    items = [
        Item(name, [this.get(pk, 0), last.get(pk, 0)], mountain if hilly else other)
        for pk, (name, hilly) in dims.districts.items()
    ]
    items.append(Item(unknown, [this.get(None, 0), last.get(None, 0)]))
    table = count_table(
        "districts",
        _("住んでいる地区ごとの参加者（実人数）"),
        _("地区"),
        [year.label, year.previous.label],
        items,
        unit=UNIT_LABELS[Unit.PEOPLE],
        groups=[mountain, other, None],
    )
    subtotal = next((row for row in table.rows if row.label == mountain), None)
    if subtotal and subtotal.cells[0].shown is not None:
        table.summary = _("%(year)sに参加した人のうち、中山間地域に住む人は%(people)s人です。") % {
            "year": year.label,
            "people": _n(subtotal.cells[0].shown),
        }
    else:
        table.summary = _("中山間地域に住む参加者の数は、少ないため公表していません。")
    table.charts = [_bars("chart-districts", table, [year.label, year.previous.label])]
    return table


def _bars(uid: str, table: Table, labels: list[str]) -> object:
    return bar_chart(
        uid, table, [Series(label, i) for i, label in enumerate(labels)], title=table.title
    )


def age_bands(data: figures.Collected, dims: Dimensions) -> Table:
    year = data.filters.fiscal_year
    this, last = data.people_by("age_band", year), data.people_by("age_band", year.previous)
    items = [
        Item(label, [this.get(value, 0), last.get(value, 0)])
        for value, label in dims.age_bands.items()
    ]
    table = count_table(
        "age-bands",
        _("年代ごとの参加者（実人数）"),
        _("年代"),
        [year.label, year.previous.label],
        items,
        unit=UNIT_LABELS[Unit.PEOPLE],
    )
    best = _largest(table)
    table.summary = (
        _("%(year)sの参加者がいちばん多い年代は%(band)sです。")
        % {"year": year.label, "band": best[1]}
        if best
        else _("%(year)sの参加者はまだいません。") % {"year": year.label}
    )
    table.charts = [_bars("chart-age-bands", table, [year.label, year.previous.label])]
    return table


def topics(filters: Filters, now: dt.datetime, dims: Dimensions) -> Table:
    year = filters.fiscal_year
    this = figures.attendances_by_topic(filters, now=now)
    items = [
        Item(title, [this.get(pk, 0)], dims.levels.get(level, level))
        for pk, (title, level) in dims.topics.items()
    ]
    table = count_table(
        "topics",
        _("講座ごとの参加者（延べ人数）"),
        _("講座"),
        [year.label],
        items,
        unit=UNIT_LABELS[Unit.PEOPLE],
        groups=list(dims.levels.values()),
    )
    best = _largest(table)
    table.summary = (
        _("%(year)sにいちばん参加者が多かった講座は「%(topic)s」です。")
        % {"year": year.label, "topic": best[1]}
        if best
        else _("%(year)sの参加者はまだいません。") % {"year": year.label}
    )
    table.charts = [_bars("chart-topics", table, [year.label])]
    return table


def channels(filters: Filters, dims: Dimensions) -> Table:
    year = filters.fiscal_year
    counts = figures.registrations_by_year_and_channel(filters)
    on_record = {fiscal_year for fiscal_year, _channel in counts}
    years = [y for y in (year.previous.previous, year.previous) if y.start_year in on_record]
    years.append(year)
    items = [
        Item(label, [counts.get((y.start_year, value), 0) for y in years])
        for value, label in dims.channels.items()
    ]
    table = count_table(
        "channels",
        _("申込方法ごとの申込数（過去3年度まで）"),
        _("申込方法"),
        [y.label for y in years],
        items,
        unit=UNIT_LABELS[Unit.REGISTRATIONS],
    )
    voice = next((row for row in table.items if row.label == dims.channels.get("voice")), None)
    if len(years) > 1 and voice and None not in (voice.cells[0].shown, voice.cells[-2].shown):
        table.summary = _(
            "自動音声での申込は、%(first)sの%(before)s件から%(year)sの%(now)s件になりました。"
        ) % {
            "first": years[0].label,
            "before": _n(voice.cells[0].shown),
            "year": year.label,
            "now": _n(voice.cells[len(years) - 1].shown),
        }
    else:
        table.summary = _("申込方法ごとの申込数を、年度ごとにくらべています。")
    table.charts = [_bars("chart-channels", table, [y.label for y in years])]
    return table


def mountainous(data: figures.Collected) -> Table:
    year = data.filters.fiscal_year
    shares = {}
    for y in (year.previous.previous, year.previous, year):
        by_home = data.people_by("home_mountainous", y)
        # (people who live in a mountainous district, people whose district is known)
        shares[y.start_year] = (by_home.get(True, 0), by_home.get(True, 0) + by_home.get(False, 0))
    years = [y for y in (year.previous.previous, year.previous) if shares[y.start_year][1]]
    years.append(year)
    table = rate_table(
        "mountainous",
        _("中山間地域に住む参加者の割合（過去3年度まで）"),
        _("年度"),
        [_("割合")],
        [(y.label, [shares.get(y.start_year, (0, 0))]) for y in years],
    )
    first, last = table.rows[0].cells[0], table.rows[-1].cells[0]
    if len(years) > 1 and first.shown is not None and last.shown is not None:
        table.summary = _(
            "中山間地域に住む参加者の割合は、%(first)sの%(a)sから%(year)sの%(b)sになりました。"
        ) % {
            "first": years[0].label,
            "a": first.text,
            "year": year.label,
            "b": last.text,
        }
    else:
        table.summary = _("中山間地域に住む参加者の割合を、年度ごとにくらべています。")
    table.charts = [_bars("chart-mountainous", table, [_("割合")])]
    return table


def can_do(filters: Filters, now: dt.datetime, dims: Dimensions) -> Table:
    year = filters.fiscal_year
    answers = figures.can_do_by_topic(filters, now=now)
    items = [
        (title, [(answers[pk][1], answers[pk][0]), (answers[pk][2], answers[pk][0])])
        for pk, (title, _level) in dims.topics.items()
        if pk in answers
    ]
    table = rate_table(
        "can-do",
        _("「できる」と答えた割合（教室の前と後、講座ごと）"),
        _("講座"),
        [_("教室の前"), _("教室の後")],
        items,
    )
    table.summary = _(
        "%(year)sの「できることチェック」で「できる」と答えた割合を、講座ごとに教室の前と後でくらべています。"
    ) % {"year": year.label}
    table.charts = [_bars("chart-can-do", table, [_("教室の前"), _("教室の後")])]
    return table


def languages(data: figures.Collected) -> Table:
    year = data.filters.fiscal_year
    names = dict(settings.LANGUAGES)
    this = data.people_by("language", year)
    items = [
        Item(str(names.get(code, code or "—")), [count]) for code, count in sorted(this.items())
    ]
    table = count_table(
        "languages",
        _("連絡に使うことばごとの参加者（実人数）"),
        _("ことば"),
        [year.label],
        items,
        unit=UNIT_LABELS[Unit.PEOPLE],
    )
    table.summary = _("%(year)sの参加者を、連絡に使うことばごとに数えています。") % {
        "year": year.label
    }
    table.charts = [_bars("chart-languages", table, [year.label])]
    return table


def messages(filters: Filters, totals: figures.YearTotals) -> Table:
    """Messages and their cost by channel: counts of messages, not of people (not suppressed)."""
    year = filters.fiscal_year
    labels = dict(messaging.channels())
    rows = [
        Row(str(labels.get(channel, channel)), [Cell(count), Cell(money)])
        for channel, (count, money) in sorted(totals.messages_by_channel.items())
    ]
    rows.append(Row(_("合計"), [Cell(totals.messages), Cell(totals.message_cost)], "total"))
    currency = settings.MESSAGE_COST_CURRENCY
    table = Table(
        "messages",
        _("方法ごとのSMS・自動音声の件数と料金"),
        _("方法"),
        [_("件数"), _("料金（%(currency)s）") % {"currency": currency}],
        rows,
        unit=UNIT_LABELS[Unit.MESSAGES],
    )
    table.summary = _(
        "%(year)sに送ったSMSと自動音声電話は%(count)s件、料金は%(cost)s %(currency)sです。"
    ) % {
        "year": year.label,
        "count": _n(totals.messages),
        "cost": number_format(totals.message_cost, 2, force_grouping=True),
        "currency": currency,
    }
    table.charts = [_bars("chart-messages", table, [_("件数")])]
    return table


def staff_courses(data: figures.Collected) -> Table | None:
    """Required staff courses completed and overdue, by department (None if there are none)."""
    year = data.filters.fiscal_year
    rows = data.staff.get(year.start_year)
    if not rows:  # filtered by district or topic, or no required courses set this year
        return None
    table = rate_table(
        "staff-courses",
        _("部署別の職員の必修研修（修了・期限切れの割合）"),
        _("部署"),
        [_("修了"), _("期限切れ")],
        [
            (
                row.name or _("部署なし"),
                [(row.completed, row.required), (row.overdue, row.required)],
            )
            for row in rows
        ],
    )
    totals = data.year(year)
    table.summary = _(
        "%(year)sの必修研修%(required)s件（職員と研修の組み合わせ）のうち、"
        "修了は%(completed)s件、期限切れは%(overdue)s件です。"
    ) % {
        "year": year.label,
        "required": _n(totals.staff_required),
        "completed": _n(totals.staff_completed),
        "overdue": _n(totals.staff_overdue),
    }
    table.charts = [_bars("chart-staff-courses", table, [_("修了"), _("期限切れ")])]
    return table


def all_tables(data: figures.Collected, now: dt.datetime, dims: Dimensions) -> list[Table]:
    filters = data.filters
    staff = staff_courses(data)
    return [
        monthly(filters, now),
        districts(data, dims),
        age_bands(data, dims),
        topics(filters, now, dims),
        channels(filters, dims),
        mountainous(data),
        can_do(filters, now, dims),
        languages(data),
        messages(filters, data.year(filters.fiscal_year)),
        *([staff] if staff else []),
    ]
