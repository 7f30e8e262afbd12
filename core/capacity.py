"""Capacity and waiting-list rules, shared by residents' classes and staff courses.

These are pure decisions about numbers: they read no database and take no lock.
The caller (outreach.services.registration, later training's enrolment) locks
the row that owns the capacity (the class, the course session), counts the seats
already taken under that lock, asks these functions what to do, and writes the
result before the lock is released. Keeping the rules here means the two apps
cannot drift apart on what "first come, first served" means.

The rules:

* Confirmed seats never exceed capacity. A party (a couple coming together)
  takes as many seats as it has people, all or nothing: a couple is never split
  between a seat and the waiting list.
* The waiting list is strictly first come, first served. Nobody overtakes it: a
  newcomer is waitlisted while anyone is waiting, even if a seat is free, and
  promotion stops at the first waiting party that does not fit (a couple at the
  head of the list is not skipped for a single person behind them). A
  coordinator can still move people by hand.
* Lowering the capacity never removes anyone already confirmed; it only stops
  new confirmations until enough people cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"


@dataclass(frozen=True)
class Seats:
    """The state of one capacity-holding row, counted under its lock."""

    capacity: int
    taken: int  # seats held by confirmed parties
    waiting: int = 0  # parties on the waiting list

    @property
    def left(self) -> int:
        # Never negative: capacity may have been lowered below the seats taken.
        return max(self.capacity - self.taken, 0)


def place(seats: Seats, party_size: int = 1) -> str:
    """CONFIRMED if the whole party fits and nobody is waiting, else WAITLISTED."""
    if party_size < 1:
        raise ValueError("party_size must be at least 1")
    if seats.waiting == 0 and party_size <= seats.left:
        return CONFIRMED
    return WAITLISTED


@dataclass(frozen=True)
class Promotion(Generic[T]):
    promoted: list[T]
    seats_left: int


def promotions(
    seats: Seats,
    waiting: Iterable[T],
    *,
    party_size: Callable[[T], int] = lambda entry: getattr(entry, "party_size", 1),
) -> Promotion[T]:
    """Which waiting entries (given in waiting-list order) move to confirmed, in order.

    Stops at the first entry that does not fit, so the list stays first come,
    first served.
    """
    left = seats.left
    promoted: list[T] = []
    for entry in waiting:
        size = party_size(entry)
        if size > left:
            break
        promoted.append(entry)
        left -= size
    return Promotion(promoted=promoted, seats_left=left)
