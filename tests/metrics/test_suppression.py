"""Small counts are hidden so that no total, subtotal or difference gives one away.

Each table here is made by hand so that the naive rule (hide 1–4, show the rest)
leaks a hidden cell; the test shows the leak, then that suppress() closes it.
"""

from itertools import product

import pytest

from metrics.suppression import Sum, determined_cells, primary, suppress
from metrics.tables import Item, count_table

T = 5


def one_way(parts: dict[str, int]):
    values = dict(parts, total=sum(parts.values()))
    return values, [Sum("total", tuple(parts))]


def two_way(grid: dict[str, dict[str, int]]):
    rows, columns = list(grid), list(next(iter(grid.values())))
    values = {(r, c): grid[r][c] for r in rows for c in columns}
    for r in rows:
        values[(r, "all")] = sum(grid[r].values())
    for c in [*columns, "all"]:
        values[("all", c)] = sum(values[(r, c)] for r in rows)
    sums = [Sum((r, "all"), tuple((r, c) for c in columns)) for r in rows]
    sums += [Sum(("all", c), tuple((r, c) for r in rows)) for c in [*columns, "all"]]
    return values, sums


def recoverable(values, hidden, sums):
    """What a reader can work out exactly, by equations, and by "a hidden cell is 1 or more"."""
    found = set(determined_cells(values, hidden, sums))
    for rule in sums:
        parts = [p for p in rule.parts if p in hidden]
        if rule.total not in hidden and parts and sum(values[p] for p in parts) == len(parts):
            found |= set(parts)  # every hidden part must be exactly 1
    return found


def test_one_hidden_part_under_a_shown_total_is_given_away_by_subtraction():
    values, sums = one_way({"藤野": 3, "相模湖": 10, "橋本": 12})
    naive = primary(values, T)
    assert recoverable(values, naive, sums) == {"藤野"}
    hidden = suppress(values, sums, T)
    assert hidden == {"藤野", "相模湖"}
    assert recoverable(values, hidden, sums) == set()


def test_two_hidden_ones_under_a_shown_total_are_both_known_to_be_one():
    values, sums = one_way({"藤野": 1, "相模湖": 1, "橋本": 50})
    naive = primary(values, T)
    assert recoverable(values, naive, sums) == {"藤野", "相模湖"}
    hidden = suppress(values, sums, T)
    assert "橋本" in hidden
    assert recoverable(values, hidden, sums) == set()


def test_a_two_way_table_with_margins_leaks_through_the_column_total():
    grid = {"60代": {"web": 3, "desk": 8, "voice": 9}, "70代": {"web": 6, "desk": 7, "voice": 10}}
    values, sums = two_way(grid)
    naive = primary(values, T)
    assert recoverable(values, naive, sums) == {("60代", "web")}
    hidden = suppress(values, sums, T)
    assert recoverable(values, hidden, sums) == set()
    # The least that protects it: a rectangle of four cells.
    assert hidden == {("60代", "web"), ("60代", "desk"), ("70代", "web"), ("70代", "desk")}


def test_a_district_table_with_a_mountainous_subtotal_does_not_leak_through_the_subtotal():
    # Fujino 3 is hidden; hiding Hashimoto (the smallest other) would leave Fujino =
    # mountainous subtotal − Sagamiko. The subtotal rows are sums the rule must see.
    table = count_table(
        "districts",
        "地区",
        "地区",
        ["今年度"],
        [
            Item("藤野", [3], "中山間地域"),
            Item("相模湖", [20], "中山間地域"),
            Item("橋本", [9], "それ以外"),
            Item("中央", [30], "それ以外"),
        ],
        unit="人",
        groups=["中山間地域", "それ以外"],
    )
    shown = {row.label: row.cells[0].text for row in table.rows}
    assert shown["藤野"] == "*"
    assert shown["相模湖"] == "*"  # hidden with Fujino inside the same subtotal
    assert shown["中山間地域"] != "*" or shown["合計"] != "*"
    values = {row.label: row.cells[0].value for row in table.rows}
    hidden = {row.label for row in table.rows if row.cells[0].hidden}
    sums = [
        Sum("中山間地域", ("藤野", "相模湖")),
        Sum("それ以外", ("橋本", "中央")),
        Sum("合計", ("藤野", "相模湖", "橋本", "中央")),
        Sum("合計", ("中山間地域", "それ以外")),
    ]
    assert recoverable(values, hidden, sums) == set()


def test_zeros_are_shown_and_tables_without_small_counts_are_untouched():
    values, sums = one_way({"a": 0, "b": 12, "c": 30})
    assert suppress(values, sums, T) == set()


def test_a_threshold_of_one_hides_nothing():
    values, sums = one_way({"a": 1, "b": 12})
    assert suppress(values, sums, 1) == set()


@pytest.mark.parametrize("seed", range(40))
def test_no_random_three_by_three_table_leaks_a_hidden_cell(seed):
    import random

    rng = random.Random(seed)
    grid = {
        f"r{r}": {f"c{c}": rng.choice([0, 1, 2, 3, 4, 6, 9, 15]) for c in range(3)}
        for r in range(3)
    }
    values, sums = two_way(grid)
    hidden = suppress(values, sums, T)
    assert primary(values, T) <= hidden
    assert recoverable(values, hidden, sums) == set()


def test_every_small_count_cell_of_a_grid_is_hidden_whatever_the_pattern():
    for a, b in product([1, 4, 5], repeat=2):
        values, sums = one_way({"x": a, "y": b, "z": 20})
        hidden = suppress(values, sums, T)
        assert {k for k in ("x", "y") if values[k] < T} <= hidden
        assert recoverable(values, hidden, sums) == set()
