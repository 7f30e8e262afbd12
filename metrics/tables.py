"""Tables of figures as the dashboard, the report and every export show them.

A table is built from counts with its totals and subtotals worked out here, so
the suppression rules (metrics.suppression) know every sum a reader could use.
Charts, the HTML table, the CSV and the Excel sheet all read the same cells: a
hidden cell is "*" in each of them and never reaches a chart as a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from metrics.suppression import Sum, rate_is_hidden, suppress

HIDDEN = "*"


@dataclass
class Cell:
    value: int | Decimal | None
    hidden: bool = False
    percent: bool = False

    @property
    def shown(self) -> int | Decimal | None:
        """The number a chart may draw: None when hidden or empty."""
        return None if self.hidden else self.value

    @property
    def text(self) -> str:
        if self.hidden:
            return HIDDEN
        if self.value is None:
            return "—"
        text = number_format(self.value, force_grouping=True)
        return f"{text}%" if self.percent else text

    @property
    def raw(self) -> str | int | float:
        """For CSV and Excel: a number where there is one, "*" or "" otherwise."""
        if self.hidden:
            return HIDDEN
        if self.value is None:
            return ""
        return float(self.value) if isinstance(self.value, Decimal) else self.value


@dataclass
class Row:
    label: str
    cells: list[Cell]
    kind: str = "item"  # "item", "subtotal" or "total"

    @property
    def is_item(self) -> bool:
        return self.kind == "item"


@dataclass
class Table:
    key: str
    title: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    unit: str = ""
    summary: str = ""
    note: str = ""
    charts: list = field(default_factory=list)

    @property
    def items(self) -> list[Row]:
        return [row for row in self.rows if row.is_item]

    @property
    def has_hidden(self) -> bool:
        return any(cell.hidden for row in self.rows for cell in row.cells)

    def header(self) -> list[str]:
        return [self.row_header, *self.columns]

    def as_lists(self) -> list[list]:
        """Header and rows, for CSV and Excel."""
        return [self.header()] + [[row.label, *(c.raw for c in row.cells)] for row in self.rows]


@dataclass
class Item:
    label: str
    values: list[int]
    group: str | None = None


def count_table(
    key: str,
    title: str,
    row_header: str,
    columns: list[str],
    items: list[Item],
    *,
    unit: str,
    total_column: bool = False,
    total_row: bool = True,
    groups: list[str] | None = None,
    about_people: bool = True,
) -> Table:
    """A table of counts with its sums, suppressed as one whole.

    `groups` lists the group labels in order: each gets a subtotal row after its
    items. `total_column` adds a column summing each row; `total_row` a row
    summing each column.
    """
    threshold = settings.SMALL_COUNT_THRESHOLD if about_people else 1
    width = len(columns) + (1 if total_column else 0)
    ordered: list[tuple[str, str, list[int]]] = []  # (kind, label, values)
    sums: list[Sum] = []
    group_rows: dict[str, list[int]] = {}
    for group in groups or [None]:
        members = [item for item in items if item.group == group]
        if not members:
            continue
        first = len(ordered)
        for item in members:
            values = list(item.values)
            if total_column:
                values.append(sum(item.values))
            ordered.append(("item", item.label, values))
        if group is not None:
            indexes = list(range(first, len(ordered)))
            subtotal = [sum(ordered[i][2][c] for i in indexes) for c in range(width)]
            group_rows[group] = indexes
            ordered.append(("subtotal", group, subtotal))
            sums += [
                Sum((len(ordered) - 1, c), tuple((i, c) for i in indexes)) for c in range(width)
            ]
    if total_row and ordered:
        parts = [i for i, (kind, _label, _values) in enumerate(ordered) if kind == "item"]
        total = [sum(ordered[i][2][c] for i in parts) for c in range(width)]
        ordered.append(("total", _("合計"), total))
        tops = [i for i, (kind, _l, _v) in enumerate(ordered) if kind == "subtotal"]
        ungrouped = [i for i in parts if not any(i in rows for rows in group_rows.values())]
        for c in range(width):
            sums.append(Sum((len(ordered) - 1, c), tuple((i, c) for i in parts)))
            if tops:
                sums.append(Sum((len(ordered) - 1, c), tuple((i, c) for i in tops + ungrouped)))
    if total_column:
        for r in range(len(ordered)):
            sums.append(Sum((r, width - 1), tuple((r, c) for c in range(width - 1))))
    values = {(r, c): row[2][c] for r, row in enumerate(ordered) for c in range(width)}
    hidden = suppress(values, sums, threshold)
    rows = [
        Row(label, [Cell(value, (r, c) in hidden) for c, value in enumerate(vals)], kind)
        for r, (kind, label, vals) in enumerate(ordered)
    ]
    header = list(columns) + ([_("計")] if total_column else [])
    return Table(key, title, row_header, header, rows, unit=unit)


def rate_cell(numerator: int, denominator: int, *, about_people: bool = True) -> Cell:
    """A percentage, hidden when it rests on a small count of people."""
    threshold = settings.SMALL_COUNT_THRESHOLD if about_people else 1
    if not denominator:
        return Cell(None, percent=True)
    value = (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"))
    return Cell(value, rate_is_hidden(numerator, denominator, threshold), percent=True)


def rate_table(
    key: str,
    title: str,
    row_header: str,
    columns: list[str],
    items: list[tuple[str, list[tuple[int, int]]]],
    *,
    about_people: bool = True,
) -> Table:
    """A table of percentages, each from (numerator, denominator)."""
    rows = [
        Row(label, [rate_cell(n, d, about_people=about_people) for n, d in pairs])
        for label, pairs in items
    ]
    return Table(key, title, row_header, list(columns), rows, unit="%")
