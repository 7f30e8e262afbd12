"""Reading ids and counts from requests: a malformed one is "none given", never a 500."""

import re

# The largest value of a PostgreSQL integer column (every id of Tsunagu's tables fits).
MAX_ID = 2**31 - 1
ASCII_DIGITS = re.compile(r"[0-9]{1,10}")


def positive_int(value) -> int | None:
    """The positive whole number (an id, a count) written in `value`, or None for anything else.

    str.isdigit() accepts "²" and "٣", which int() then refuses or reads as
    another number, and a lookup with "1.5" or a 30-digit number fails in the
    database: only 1 to 10 ASCII digits that fit an integer column are an id.
    """
    if not isinstance(value, str) or not ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
