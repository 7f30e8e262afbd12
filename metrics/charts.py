"""Charts as SVG drawn on the server: no JavaScript, printable, readable in greyscale.

Each series has its own fill pattern (solid, hatched, dotted) and, in line
charts, its own dash and marker shape, and every bar carries its number as
text: colour is never the only way to tell series apart (WCAG 1.4.1), and the
dark colours keep 3:1 against white (1.4.11). The SVG is one image to
assistive technology (role="img" with a title and a one-sentence summary); the
data table beside it carries the numbers.

Hidden cells ("*") are drawn as no bar with a "*" label: a chart never draws a
suppressed number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from metrics.tables import Table

FONT = 16
WIDTH = 760
LABEL_WIDTH = 280
VALUE_GAP = 8
BAR = 20
GAP = 14
MAX_LABEL = 15

# Dark enough for 3:1 against white, and told apart by pattern, not hue.
SERIES = [
    {"colour": "#1d4f91", "pattern": "solid", "dash": "", "marker": "circle"},
    {"colour": "#a14a00", "pattern": "hatch", "dash": "8 5", "marker": "square"},
    {"colour": "#2f6b34", "pattern": "dots", "dash": "2 5", "marker": "triangle"},
]


@dataclass(frozen=True)
class Series:
    label: str
    column: int


def _number(value) -> str:
    return number_format(value, force_grouping=True)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _defs(uid: str) -> str:
    hatch, dots = SERIES[1]["colour"], SERIES[2]["colour"]
    return (
        "<defs>"
        f'<pattern id="{uid}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="#ffffff"/><rect width="3.5" height="8" fill="{hatch}"/>'
        "</pattern>"
        f'<pattern id="{uid}-dots" width="7" height="7" patternUnits="userSpaceOnUse">'
        f'<rect width="7" height="7" fill="#ffffff"/><circle cx="3.5" cy="3.5" r="2.1" '
        f'fill="{dots}"/></pattern>'
        "</defs>"
    )


def _fill(uid: str, index: int) -> str:
    style = SERIES[index % len(SERIES)]
    if style["pattern"] == "solid":
        return style["colour"]
    return f"url(#{uid}-{style['pattern']})"


def _open(uid: str, height: int, title: str, summary: str) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" font-size="{FONT}" '
        f"font-family=\"IPAGothic, 'IPAexGothic', sans-serif\">"
        f'<title id="{uid}-title">{escape(title)}</title>'
        f'<desc id="{uid}-desc">{escape(summary)}</desc>'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        f"{_defs(uid)}"
    )


def _legend(uid: str, series: list[Series], y: int) -> tuple[str, int]:
    """One line per series: labels of years are long, and a row of them would not fit."""
    parts = []
    for index, item in enumerate(series):
        colour = SERIES[index % len(SERIES)]["colour"]
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="28" height="18" fill="{_fill(uid, index)}" '
            f'stroke="{colour}" stroke-width="2"/>'
            f'<text x="{LABEL_WIDTH + 36}" y="{y + 15}" fill="#1a1a1a">{escape(item.label)}</text>'
        )
        y += 26
    return "".join(parts), y + 8


def _nice_step(top: Decimal) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) giving four or five grid lines."""
    raw = float(top) / 4 or 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return Decimal(str(factor * power))
    return Decimal(str(10 * power))


def bar_chart(uid: str, table: Table, series: list[Series], *, title: str) -> SafeString:
    """Horizontal bars, one group per item row of the table, one bar per series.

    Rows that are 0 in every series are left out of the chart (the table keeps them).
    """
    rows = [
        row
        for row in table.items
        if any(row.cells[s.column].hidden or row.cells[s.column].value for s in series)
    ]
    numbers = [
        row.cells[s.column].shown for row in rows for s in series if row.cells[s.column].shown
    ]
    top = max((Decimal(n) for n in numbers), default=Decimal(1)) or Decimal(1)
    scale = Decimal(WIDTH - LABEL_WIDTH - 90) / top
    group = len(series) * BAR + GAP
    legend, y = _legend(uid, series, 8) if len(series) > 1 else ("", 8)
    height = y + group * len(rows) + 8
    parts = [_open(uid, height, title, table.summary), legend]
    for row in rows:
        middle = y + (len(series) * BAR) / 2 + FONT / 3
        parts.append(
            f'<text x="{LABEL_WIDTH - 10}" y="{middle:.0f}" text-anchor="end" fill="#1a1a1a">'
            f"{escape(_short(row.label))}</text>"
        )
        for index, item in enumerate(series):
            cell = row.cells[item.column]
            bar_y = y + index * BAR
            value = cell.shown
            width = float(Decimal(value) * scale) if value else 0
            colour = SERIES[index % len(SERIES)]["colour"]
            if width:
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{bar_y + 2}" width="{width:.1f}" '
                    f'height="{BAR - 4}" fill="{_fill(uid, index)}" stroke="{colour}" '
                    'stroke-width="2"/>'
                )
            text = cell.text if cell.hidden or value is None else _number(value)
            if cell.percent and not cell.hidden and value is not None:
                text += "%"
            parts.append(
                f'<text x="{LABEL_WIDTH + width + VALUE_GAP:.1f}" y="{bar_y + BAR - 5}" '
                f'fill="#1a1a1a">{escape(text)}</text>'
            )
        y += group
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="8" x2="{LABEL_WIDTH}" y2="{height - 8}" '
        'stroke="#1a1a1a" stroke-width="1.5"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    if kind == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} {x - 6:.1f},{y + 5:.1f}" '
            f'fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'


def line_chart(
    uid: str,
    table: Table,
    series: list[Series],
    *,
    title: str,
    x_labels: list[str],
    markers: bool = True,
) -> SafeString:
    """Lines across the table's item rows (e.g. months); a hidden point breaks its line."""
    rows = table.items
    left, right, top_y, plot_h = 90, WIDTH - 24, 52, 260
    numbers = [
        Decimal(row.cells[s.column].shown)
        for row in rows
        for s in series
        if row.cells[s.column].shown is not None
    ]
    tick = _nice_step(max(numbers, default=Decimal(1)))
    ticks = math.ceil(max(numbers, default=Decimal(1)) / tick) or 1
    top = tick * ticks
    step = (right - left) / max(len(rows) - 1, 1)
    height = top_y + plot_h + 48
    parts = [_open(uid, height, title, table.summary)]
    for number in range(ticks + 1):
        value = tick * number
        y = top_y + plot_h - plot_h * number / ticks
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#8a8a8a" '
            'stroke-width="1"/>'
            f'<text x="{left - 8}" y="{y + 5:.1f}" text-anchor="end" fill="#1a1a1a">'
            f"{escape(_number(int(value)))}</text>"
        )
    for index, label in enumerate(x_labels):
        x = left + step * index
        parts.append(
            f'<text x="{x:.1f}" y="{top_y + plot_h + 28}" text-anchor="middle" '
            f'fill="#1a1a1a">{escape(label)}</text>'
        )
    for index, item in enumerate(series):
        style = SERIES[index % len(SERIES)]
        points: list[list[tuple[float, float]]] = [[]]
        for position, row in enumerate(rows):
            value = row.cells[item.column].shown
            if value is None:
                points.append([])
                continue
            x = left + step * position
            y = top_y + plot_h - float(Decimal(value) / top) * plot_h
            points[-1].append((x, y))
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        for run in points:
            if len(run) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(
                    f'<polyline points="{path}" fill="none" stroke="{style["colour"]}" '
                    f'stroke-width="3"{dash}/>'
                )
            if markers:
                parts += [_marker(style["marker"], x, y, style["colour"]) for x, y in run]
    for index, item in enumerate(series):
        style = SERIES[index % len(SERIES)]
        x = left + index * 220
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        parts.append(
            f'<line x1="{x}" y1="20" x2="{x + 36}" y2="20" stroke="{style["colour"]}" '
            f'stroke-width="3"{dash}/>'
            + (_marker(style["marker"], x + 18, 20, style["colour"]) if markers else "")
            + f'<text x="{x + 44}" y="26" fill="#1a1a1a">{escape(item.label)}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top_y + plot_h}" x2="{right}" y2="{top_y + plot_h}" '
        'stroke="#1a1a1a" stroke-width="1.5"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()
