"""Small-count suppression for published tables (小さな数の秘匿).

A cell that counts 1 to THRESHOLD - 1 people could point at someone, so it is
shown as "*" (primary suppression). Hiding those alone is not enough: a
table's totals and subtotals are sums, and a sum with one hidden part gives
that part away by subtraction. So more cells are hidden (secondary
suppression) until, for every sum in the table whose total is shown,

1. no part is hidden alone: at least two parts are hidden, or none;
2. the hidden parts together count at least THRESHOLD: two hidden cells of 1
   each under a shown total would otherwise both be known to be 1, since a
   hidden cell is never 0 (zeros are shown);

and, for a sum whose total is hidden, not every non-zero part is shown (the
total would be their sum). The cell hidden next is always the smallest
non-zero shown part of that sum (the least information lost), or the total
itself when no part is left.

These line rules cannot see leaks that need several sums at once (a
two-way table with subtotals), so every result is audited: the hidden cells
are unknowns in the linear equations the sums make, and any unknown the
equations pin down exactly is hidden along with one more cell of one of its
sums, until none is.

Everything here is pure: cells are any hashable keys, a table is its values
and its sums. Zeros are never hidden.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

Key = Hashable


@dataclass(frozen=True)
class Sum:
    """total = sum of parts, as the published table states it."""

    total: Key
    parts: tuple[Key, ...]


def primary(values: Mapping[Key, int], threshold: int) -> set[Key]:
    """Cells counting 1 to threshold - 1."""
    return {key for key, value in values.items() if 0 < value < threshold}


def _smallest_shown_part(values, hidden, parts) -> Key | None:
    candidates = [part for part in parts if part not in hidden and values[part] > 0]
    if not candidates:
        return None
    # Smallest first; ties go to the earliest part, so the result is deterministic.
    return min(candidates, key=lambda part: (values[part], parts.index(part)))


def _line_needs_more(values, hidden, rule: Sum, threshold: int) -> bool:
    hidden_parts = [part for part in rule.parts if part in hidden]
    if rule.total in hidden:
        shown_nonzero = [p for p in rule.parts if p not in hidden and values[p] > 0]
        return not hidden_parts and bool(shown_nonzero)
    if not hidden_parts:
        return False
    return len(hidden_parts) < 2 or sum(values[p] for p in hidden_parts) < threshold


def _hide_one_more(values, hidden, rule: Sum) -> bool:
    part = _smallest_shown_part(values, hidden, list(rule.parts))
    if part is not None:
        hidden.add(part)
        return True
    if rule.total not in hidden and values[rule.total] > 0:
        hidden.add(rule.total)
        return True
    return False


def _apply_line_rules(values, hidden, sums, threshold) -> None:
    changed = True
    while changed:
        changed = False
        for rule in sums:
            if _line_needs_more(values, hidden, rule, threshold):
                changed |= _hide_one_more(values, hidden, rule)


def determined_cells(values: Mapping[Key, int], hidden: set[Key], sums: Sequence[Sum]) -> set[Key]:
    """Hidden cells whose value the shown cells and the sums pin down exactly.

    Each sum is an equation over the hidden cells (the shown ones are known
    numbers). A hidden cell is determined when every solution of the
    homogeneous system gives it 0: in reduced row echelon form it is a pivot
    whose row has no free variable.
    """
    unknowns = sorted(hidden, key=repr)
    index = {key: i for i, key in enumerate(unknowns)}
    rows: list[list[Fraction]] = []
    for rule in sums:
        row = [Fraction(0)] * len(unknowns)
        for part in rule.parts:
            if part in index:
                row[index[part]] += 1
        if rule.total in index:
            row[index[rule.total]] -= 1
        if any(row):
            rows.append(row)
    pivots: list[tuple[int, int]] = []  # (row, column)
    row_at = 0
    for column in range(len(unknowns)):
        pivot = next((r for r in range(row_at, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[row_at], rows[pivot] = rows[pivot], rows[row_at]
        lead = rows[row_at][column]
        rows[row_at] = [value / lead for value in rows[row_at]]
        for r in range(len(rows)):
            if r != row_at and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[row_at], strict=True)]
        pivots.append((row_at, column))
        row_at += 1
    pivot_columns = {column for _row, column in pivots}
    determined = set()
    for row, column in pivots:
        free = [c for c in range(len(unknowns)) if c not in pivot_columns and rows[row][c] != 0]
        if not free:
            determined.add(unknowns[column])
    return determined


def _protector(values, hidden: set[Key], sums: Sequence[Sum], cell: Key) -> Key | None:
    """The shown cell to hide next so that `cell` is no longer pinned down.

    First the smallest shown part of a sum the cell is in (what the line rules
    would pick); failing that, the smallest shown cell anywhere whose hiding frees
    it (a sum can pin a cell through others, e.g. a grand total); failing that,
    the smallest shown cell at all, so that every pass hides one more.
    """
    own = [rule for rule in sums if cell == rule.total or cell in rule.parts]
    nearby = [_smallest_shown_part(values, hidden, list(rule.parts)) for rule in own]
    nearby += [rule.total for rule in own if rule.total not in hidden and values[rule.total]]
    shown = sorted(
        (key for key, value in values.items() if key not in hidden and value > 0),
        key=lambda key: (values[key], repr(key)),
    )
    for candidate in [c for c in nearby if c is not None] + shown:
        if cell not in determined_cells(values, hidden | {candidate}, sums):
            return candidate
    return shown[0] if shown else None


def suppress(values: Mapping[Key, int], sums: Sequence[Sum], threshold: int) -> set[Key]:
    """The cells to show as "*": primary, then secondary until nothing can be worked out."""
    if threshold <= 1:
        return set()
    hidden = primary(values, threshold)
    while True:
        _apply_line_rules(values, hidden, sums, threshold)
        pinned = determined_cells(values, hidden, sums)
        if not pinned:
            return hidden
        candidate = _protector(values, hidden, sums, min(pinned, key=repr))
        if candidate is None:
            return hidden  # every non-zero cell is hidden: nothing is left to work out
        hidden.add(candidate)


def rate_is_hidden(numerator: int, denominator: int, threshold: int) -> bool:
    """A rate is not shown when it rests on 1 to threshold - 1 people either way up."""
    return 0 < numerator < threshold or 0 < denominator < threshold
