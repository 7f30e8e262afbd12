"""Small readers for settings that come from the environment.

Each one fails loudly with ImproperlyConfigured on a value it cannot read, so a
typo in a deployment stops the server at start-up instead of running with a
silently wrong setting (the habit of healthchecks' hc/settings.py).
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


_RATE = re.compile(r"^\d+/\d*[smhd]$")


def env_rate(name: str, default: str) -> str:
    """A rate such as ``10/m`` (django-ratelimit's notation)."""
    value = os.environ.get(name, default).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(f"{name} must look like 10/m or 100/h, not {value!r}")
    return value


def local_government_code_is_valid(code: str) -> bool:
    """A 全国地方公共団体コード: five digits and the check digit of the Ministry's rule.

    The check digit is the ones digit of 11 minus (the digits weighted 6, 5, 4, 3, 2,
    summed, modulo 11): 14150 → 45 → 45 mod 11 = 1 → 11 - 1 = 10 → 0, so 141500.
    """
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    weighted = sum(
        int(digit) * weight for digit, weight in zip(code[:5], (6, 5, 4, 3, 2), strict=True)
    )
    return (11 - weighted % 11) % 10 == int(code[5])
