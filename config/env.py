"""Small readers for settings that come from the environment.

Each one fails loudly with ImproperlyConfigured on a value it cannot read, so a
typo in a deployment stops the server at start-up instead of running with a
silently wrong setting (the habit of healthchecks' hc/settings.py).
"""

import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

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


def env_decimal(name: str, default: str) -> Decimal:
    """An amount such as ``0.0760`` (a price per SMS segment): a decimal number, not negative."""
    raw = os.environ.get(name, default).strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0:
        raise ImproperlyConfigured(f"{name} must be an amount such as 0.0760, not {raw!r}")
    return value


def env_currency(name: str, default: str) -> str:
    """An ISO 4217 currency code such as ``USD`` or ``JPY``."""
    raw = os.environ.get(name, default).strip()
    if not re.fullmatch(r"[A-Z]{3}", raw):
        raise ImproperlyConfigured(
            f"{name} must be a three-letter currency code such as USD or JPY, not {raw!r}"
        )
    return raw


class OfficeHours(NamedTuple):
    """Weekdays first_day..last_day (0 = Monday), from `opens` until `closes` (Japan time)."""

    first_day: int
    last_day: int
    opens: dt.time
    closes: dt.time


_OFFICE_HOURS = re.compile(r"^([0-6])(?:-([0-6]))? (\d{1,2}:\d{2})-(\d{1,2}:\d{2})$")


def env_office_hours(name: str, default: str) -> OfficeHours:
    """Office hours such as ``0-4 08:30-17:15`` (Monday to Friday, 8:30 to 17:15)."""
    raw = os.environ.get(name, default).strip()
    found = _OFFICE_HOURS.match(raw)
    try:
        if not found:
            raise ValueError
        first, last, opens, closes = found.groups()
        hours = OfficeHours(
            int(first),
            int(last or first),
            dt.time.fromisoformat(opens.zfill(5)),
            dt.time.fromisoformat(closes.zfill(5)),
        )
        if hours.first_day > hours.last_day or hours.opens >= hours.closes:
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must look like 0-4 08:30-17:15 (weekdays 0 = Monday to 6, then the "
            f"opening and closing time), not {raw!r}"
        ) from None
    return hours


class QuietHours(NamedTuple):
    """No message goes out from `starts` until `ends` (Japan time), across midnight."""

    starts: dt.time
    ends: dt.time

    def contain(self, local_time: dt.time) -> bool:
        if self.starts <= self.ends:
            return self.starts <= local_time < self.ends
        return local_time >= self.starts or local_time < self.ends


_QUIET_HOURS = re.compile(r"^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$")


def env_quiet_hours(name: str, default: str) -> QuietHours | None:
    """Quiet hours such as ``20:00-08:00``, or ``off`` for none at all."""
    raw = os.environ.get(name, default).strip()
    if raw.lower() == "off":
        return None
    found = _QUIET_HOURS.match(raw)
    try:
        if not found:
            raise ValueError
        hours = QuietHours(*(dt.time.fromisoformat(part.zfill(5)) for part in found.groups()))
        if hours.starts == hours.ends:
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must look like 20:00-08:00 (from, until; Japan time) or be off, not {raw!r}"
        ) from None
    return hours


def env_reminder_schedule(name: str, default: list[str]) -> list[tuple[int, str]]:
    """Reminder moments such as ``2@10:00,0@08:00``: (days before the class, HH:MM)."""
    schedule = []
    for item in env_list(name, default):
        days, _sep, hhmm = item.partition("@")
        try:
            hour, minute = (int(part) for part in hhmm.split(":"))
            if not (days.isdigit() and 0 <= hour < 24 and 0 <= minute < 60):
                raise ValueError
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} items look like 2@10:00 (days before@time), not {item!r}"
            ) from None
        schedule.append((int(days), f"{hour:02d}:{minute:02d}"))
    return schedule


_EMAIL_SCHEMES = {
    # scheme: (default port, STARTTLS, implicit TLS)
    "smtp": (25, False, False),
    "submission": (587, True, False),
    "smtps": (465, False, True),
}
_EMAIL_OPTIONS = {"tls", "ssl", "timeout"}


def email_url(name: str) -> dict[str, object]:
    """Django's EMAIL_* settings from one address, e.g. ``smtp://user:pass@host:587?tls=true``.

    ``submission://`` means port 587 with STARTTLS, ``smtps://`` port 465 with
    implicit TLS; ``?tls=true`` / ``?ssl=true`` turn either on for ``smtp://``,
    ``?timeout=20`` bounds one SMTP conversation. The user name and password
    are percent-decoded (write ``@`` as ``%40``). ``console://`` prints emails.
    An empty variable gives {}.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {}
    parts = urlsplit(raw)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in _EMAIL_SCHEMES or not parts.hostname:
        raise ImproperlyConfigured(
            f"{name} must look like smtp://user:password@host:587?tls=true "
            f"(smtp, submission, smtps or console), not {parts.scheme or raw!r}://…"
        )
    default_port, tls, ssl = _EMAIL_SCHEMES[parts.scheme]
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = set(options) - _EMAIL_OPTIONS
    if unknown:
        raise ImproperlyConfigured(f"{name} has unknown options {sorted(unknown)}")

    def flag(key: str, default: bool) -> bool:
        value = options.get(key)
        if value is None:
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name}: {key} must be true or false, not {value!r}")

    tls, ssl = flag("tls", tls), flag("ssl", ssl)
    if tls and ssl:
        raise ImproperlyConfigured(f"{name}: choose tls (STARTTLS) or ssl (implicit TLS), not both")
    try:
        port = parts.port or default_port
        timeout = int(options["timeout"]) if "timeout" in options else None
    except ValueError:
        raise ImproperlyConfigured(f"{name}: the port and timeout must be whole numbers") from None
    settings: dict[str, object] = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
    }
    if timeout is not None:
        settings["EMAIL_TIMEOUT"] = timeout
    return settings


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
