"""core.capacity: the numbers behind the waiting list, shared with staff courses."""

from dataclasses import dataclass

import pytest

from core.capacity import CONFIRMED, WAITLISTED, Seats, place, promotions


@dataclass
class Party:
    name: str
    party_size: int = 1


def test_a_party_that_fits_is_confirmed_when_nobody_waits():
    assert place(Seats(capacity=10, taken=8), party_size=2) == CONFIRMED


def test_a_couple_is_never_split_across_the_last_seat():
    assert place(Seats(capacity=10, taken=9), party_size=2) == WAITLISTED


def test_a_newcomer_never_overtakes_the_waiting_list_even_with_a_free_seat():
    assert place(Seats(capacity=10, taken=9, waiting=1), party_size=1) == WAITLISTED


def test_lowered_capacity_leaves_no_negative_seats():
    assert Seats(capacity=5, taken=7).left == 0


def test_promotion_goes_in_order_and_stops_at_the_first_party_that_does_not_fit():
    waiting = [Party("a"), Party("b", 2), Party("c")]
    plan = promotions(Seats(capacity=10, taken=8), waiting)
    assert [p.name for p in plan.promoted] == ["a"]
    assert plan.seats_left == 1


def test_promotion_fills_every_free_seat_when_parties_fit():
    waiting = [Party("a", 2), Party("b"), Party("c")]
    plan = promotions(Seats(capacity=4, taken=0), waiting)
    assert [p.name for p in plan.promoted] == ["a", "b", "c"]
    assert plan.seats_left == 0


def test_a_party_of_zero_is_refused():
    with pytest.raises(ValueError):
        place(Seats(capacity=1, taken=0), party_size=0)
