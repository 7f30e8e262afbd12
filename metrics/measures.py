"""The measures of the yearly review (施策の指標), each defined once, with its words.

A measure turns a year's totals (metrics.figures.YearTotals) into one figure:
a count, or a rate with its numerator and denominator (so small counts can be
suppressed). Its definition is shown beside the figure on the dashboard, in the
printed report and in the open data, so the committee reads what is counted.

Adding a measure is one entry in MEASURES.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from metrics.figures import YearTotals


class Unit:
    PEOPLE = "people"
    CLASSES = "classes"
    REGISTRATIONS = "registrations"
    MESSAGES = "messages"
    PERCENT = "percent"
    RATIO = "ratio"
    MONEY = "money"


# Written right after the number (1,234人); the contexts tell the two 件 apart in English.
UNIT_LABELS = {
    Unit.PEOPLE: pgettext_lazy("unit after a number", "人"),
    Unit.CLASSES: pgettext_lazy("unit after a number", "回"),
    Unit.REGISTRATIONS: pgettext_lazy("unit after a number of registrations", "件"),
    Unit.MESSAGES: pgettext_lazy("unit after a number of messages", "件"),
    Unit.PERCENT: "%",
    Unit.RATIO: pgettext_lazy("unit after a number", "人/回"),
    Unit.MONEY: "",
}


@dataclass(frozen=True)
class Figure:
    """One measure's value; for a rate, also what it is made of."""

    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None

    @property
    def is_rate(self) -> bool:
        return self.denominator is not None


def _count(value) -> Figure:
    return Figure(Decimal(value))


def _percent(numerator: int, denominator: int) -> Figure:
    if not denominator:
        return Figure(None, numerator, denominator)
    value = (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return Figure(value, numerator, denominator)


def _ratio(numerator: int, denominator: int) -> Figure:
    if not denominator:
        return Figure(None, numerator, denominator)
    value = (Decimal(numerator) / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return Figure(value, numerator, denominator)


@dataclass(frozen=True)
class Measure:
    key: str
    label: Promise
    definition: Promise
    unit: str
    compute: Callable[[YearTotals], Figure] | None
    # Counts that build up over the year; the pace expected by a date is a share of the target.
    cumulative: bool = False
    # Counts of people (or rates of people): 1 to threshold - 1 is not shown.
    about_people: bool = True

    @property
    def available(self) -> bool:
        return self.compute is not None

    def figure(self, totals: YearTotals) -> Figure:
        if self.compute is None:
            return Figure(None)
        return self.compute(totals)


MEASURES: list[Measure] = [
    Measure(
        "residents_reached",
        _("参加した人（実人数）"),
        _(
            "年度内に開かれた教室に出席（遅刻を含む）した住民の人数。同じ人が何回来ても1人と数えます。"
            "住民の記録（ID）で数え、電話番号では数えません。2人で申し込んだ同伴者は含みません。"
        ),
        Unit.PEOPLE,
        lambda t: _count(t.people_reached),
        cumulative=True,
    ),
    Measure(
        "classes_held",
        _("開いた教室の数"),
        _("年度内に公開して開いた教室の回数。中止した教室と、まだ開いていない教室は数えません。"),
        Unit.CLASSES,
        lambda t: _count(t.classes_held),
        cumulative=True,
        about_people=False,
    ),
    Measure(
        "attendees_per_class",
        _("1回あたりの参加者数"),
        _(
            "出席した人の延べ人数（同伴者を含む）を、開いた教室の回数で割った数"
            "（国のデジタル活用支援事業の報告と同じ数え方）。"
        ),
        Unit.RATIO,
        lambda t: _ratio(t.attendees, t.classes_held),
    ),
    Measure(
        "fill_rate",
        _("定員の充足率"),
        _("開いた教室で受け付けた席の数（同伴者を含む）を、その教室の定員の合計で割った割合。"),
        Unit.PERCENT,
        lambda t: _percent(t.confirmed_seats, t.capacity_held),
        about_people=False,
    ),
    Measure(
        "no_show_rate",
        _("連絡なしの欠席の割合"),
        _(
            "受付済みで出欠を記録した申込のうち、連絡なしの欠席だった割合。"
            "連絡のあった欠席は含みません。出欠を記録していない申込は数えません。"
        ),
        Unit.PERCENT,
        lambda t: _percent(t.no_shows, t.recorded),
    ),
    Measure(
        "waitlist_demand",
        _("キャンセル待ちのまま参加できなかった人"),
        _(
            "中止していない教室で、キャンセル待ちのまま繰り上がらなかった人数（同伴者を含む）。"
            "席が足りなかった需要を表します。"
        ),
        Unit.PEOPLE,
        lambda t: _count(t.waitlisted_never_promoted),
        cumulative=True,
    ),
    Measure(
        "repeat_rate",
        _("2回以上参加した人の割合"),
        _("参加した人（実人数）のうち、年度内に2回以上の教室に出席した人の割合。"),
        Unit.PERCENT,
        lambda t: _percent(t.repeat_people, t.people_reached),
    ),
    Measure(
        "can_do_improvement",
        _("「できること」が増えた割合"),
        _(
            "教室の前と後の両方で答えた「できることチェック」の項目のうち、"
            "後の答えが前より進んだ（まだできない→手伝いがあればできる→できる）割合。"
        ),
        Unit.PERCENT,
        lambda t: _percent(t.can_do_improved, t.can_do_pairs),
    ),
    Measure(
        "satisfaction",
        _("満足した人の割合"),
        _("教室の後の満足度（5段階）に答えた人のうち、4または5と答えた人の割合。"),
        Unit.PERCENT,
        lambda t: _percent(t.satisfied, t.satisfaction_answers),
    ),
    Measure(
        "helper_ratio_kept",
        _("補助者の配置基準を守れた教室の割合"),
        _(
            "出席者がいた教室のうち、補助者が出席者4人につき1人以上いた教室の割合"
            "（市の基準：補助者1人につき4人まで）。"
        ),
        Unit.PERCENT,
        lambda t: _percent(t.classes_helpers_kept, t.classes_with_attendees),
        about_people=False,
    ),
    Measure(
        "mountainous_share",
        _("中山間地域に住む人の割合"),
        _(
            "参加した人（実人数）のうち、中山間地域の地区に住む人の割合。"
            "住んでいる地区を答えていない人は、分子にも分母にも数えません。"
        ),
        Unit.PERCENT,
        lambda t: _percent(t.mountainous_reached, t.known_home_reached),
    ),
    Measure(
        "registrations",
        _("申込の数"),
        _(
            "年度内の教室への申込（取り消したものを除く）の数。申込方法（ウェブ・電話窓口・"
            "自動音声・当日参加）ごとの内訳をグラフに示します。"
        ),
        Unit.REGISTRATIONS,
        lambda t: _count(t.registrations),
        cumulative=True,
    ),
    Measure(
        "messages_sent",
        _("送ったSMS・自動音声の件数"),
        _("年度内に送ったSMSと自動音声電話の件数（送らなかったもの・送信待ちは除く）。"),
        Unit.MESSAGES,
        lambda t: _count(t.messages),
        cumulative=True,
        about_people=False,
    ),
    Measure(
        "message_cost",
        _("SMS・自動音声の料金"),
        _(
            "年度内に送ったSMSと自動音声電話の料金。Twilioが知らせた金額、"
            "知らせがないものは設定した単価による見込み。"
        ),
        Unit.MONEY,
        lambda t: Figure(t.message_cost),
        cumulative=True,
        about_people=False,
    ),
    Measure(
        "staff_required_completion",
        _("職員の必修研修の修了率"),
        _(
            "その年度の必修研修（職員ごと・研修ごとに数えます）のうち、修了したものの割合。"
            "期限後の修了も含みます。部署別の表があります。地区や内容で絞り込んだときは示しません。"
        ),
        Unit.PERCENT,
        lambda t: _percent(t.staff_completed, t.staff_required),
    ),
]

BY_KEY = {measure.key: measure for measure in MEASURES}
TARGETABLE = [measure for measure in MEASURES if measure.available]
