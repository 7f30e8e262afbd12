"""Each measure against its target, the pace expected by today, and last year.

The pace of a count that builds up over the year (people reached, classes
held) is the target times the share of the fiscal year gone by; a rate's pace
is the target itself. A figure hidden as a small count hides its progress too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.fiscal import FiscalYear
from metrics.figures import YearTotals
from metrics.measures import MEASURES, UNIT_LABELS, Figure, Measure, Unit
from metrics.suppression import rate_is_hidden
from metrics.tables import HIDDEN, Row, Table

# Lower is better for these: fewer no-shows, spending within the budget.
LOWER_IS_BETTER = {"no_show_rate", "message_cost"}


def year_elapsed(fiscal_year: FiscalYear, today: dt.date) -> Decimal:
    """The share of the fiscal year gone by at the end of today (0 before it, 1 after)."""
    if today < fiscal_year.start:
        return Decimal(0)
    if today > fiscal_year.end:
        return Decimal(1)
    days = (fiscal_year.end - fiscal_year.start).days + 1
    return Decimal((today - fiscal_year.start).days + 1) / days


def is_hidden(measure: Measure, figure: Figure) -> bool:
    if not measure.about_people or figure.value is None:
        return False
    threshold = settings.SMALL_COUNT_THRESHOLD
    if figure.is_rate:
        return rate_is_hidden(figure.numerator or 0, figure.denominator or 0, threshold)
    return 0 < figure.value < threshold


def format_value(measure: Measure, value: Decimal | None) -> str:
    if value is None:
        return "—"
    if measure.unit == Unit.MONEY:
        return f"{number_format(value, 2, force_grouping=True)} {settings.MESSAGE_COST_CURRENCY}"
    if measure.unit in (Unit.PERCENT, Unit.RATIO):
        text = number_format(value, 1, force_grouping=True)
    else:
        text = number_format(int(value), force_grouping=True)
    return f"{text}{UNIT_LABELS[measure.unit]}"


@dataclass
class Headline:
    measure: Measure
    value: str
    target: str = ""
    progress: str = ""
    pace: str = ""
    status: str = ""
    on_track: bool | None = None
    last_year: str = ""
    hidden: bool = False
    # The value as a plain number for files ("*" when hidden, "" when there is none).
    raw: str = ""


def headline(
    measure: Measure,
    totals: YearTotals,
    last_year: YearTotals,
    target: Decimal | None,
    elapsed: Decimal,
) -> Headline:
    if not measure.available:
        return Headline(measure, value=_("まだ集計できません"))
    figure = measure.figure(totals)
    hidden = is_hidden(measure, figure)
    previous = measure.figure(last_year)
    line = Headline(
        measure,
        value=HIDDEN if hidden else format_value(measure, figure.value),
        last_year=HIDDEN if is_hidden(measure, previous) else format_value(measure, previous.value),
        hidden=hidden,
        raw=HIDDEN if hidden else ("" if figure.value is None else str(figure.value)),
    )
    if target is None:
        return line
    line.target = format_value(measure, target)
    pace = target * elapsed if measure.cumulative else target
    line.pace = format_value(measure, pace.quantize(Decimal("0.1"), ROUND_HALF_UP))
    if hidden or figure.value is None:
        line.progress = HIDDEN if hidden else ""
        return line
    lower = measure.key in LOWER_IS_BETTER
    if target and not lower:  # "97% of the target" means nothing for no-shows or a budget
        share = (Decimal(100) * figure.value / target).quantize(Decimal("1"), ROUND_HALF_UP)
        line.progress = f"{number_format(share, force_grouping=True)}%"
    line.on_track = figure.value <= pace if lower else figure.value >= pace
    if lower:
        line.status = _("目安以内") if line.on_track else _("目安を超えています")
    else:
        line.status = _("目安に届いています") if line.on_track else _("目安に届いていません")
    return line


def headlines(
    totals: YearTotals,
    last_year: YearTotals,
    targets: dict[str, Decimal],
    elapsed: Decimal,
) -> list[Headline]:
    return [
        headline(measure, totals, last_year, targets.get(measure.key), elapsed)
        for measure in MEASURES
    ]


def headline_table(lines: list[Headline], *, year_label: str, last_label: str) -> Table:
    """The measures as one table, for the CSV and Excel exports and the report."""
    columns = [
        year_label,
        _("目標"),
        _("達成率"),
        _("今日までの目安"),
        _("目安との比較"),
        last_label,
        _("定義"),
    ]
    rows = []
    for line in lines:
        texts = [
            line.value,
            line.target,
            line.progress,
            line.pace,
            line.status,
            line.last_year,
            str(line.measure.definition),
        ]
        rows.append(Row(str(line.measure.label), [_TextCell(text) for text in texts]))
    return Table("measures", _("指標と目標"), _("指標"), columns, rows)


class _TextCell:
    """A cell already formatted (with its unit): the measures table mixes units."""

    hidden = False
    percent = False

    def __init__(self, text: str):
        self.text = text
        self.raw = text
        self.shown = None
        self.value = None
