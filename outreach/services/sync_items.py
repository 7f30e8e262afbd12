"""One item of a tablet's sync batch: reading its fields, and the result sent back for it.

Each reader raises ItemInvalid with a sentence for the trainer (in the request's
language) naming what is wrong, so a bad item is refused on its own and the
tablet shows why, instead of the whole batch failing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from core.api_schema import is_storable

# A device clock ahead of the server by more than this is not trusted: such a
# mark would otherwise win over every later correction.
CLOCK_SKEW_ALLOWED = dt.timedelta(minutes=5)


@dataclass
class ItemResult:
    uuid: str
    status: str  # "stored", "duplicate" or "error"
    error: str = ""
    registration: int | None = None
    code: str = ""

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"uuid": self.uuid, "status": self.status}
        if self.error:
            data["error"] = self.error
            data["code"] = self.code
        if self.registration is not None:
            data["registration"] = self.registration
        return data


class ItemInvalid(Exception):
    code = "invalid"


class ItemNotAllowed(Exception):
    code = "forbidden"


def text_field(item: dict, key: str, *, max_length: int, required: bool = False) -> str:
    value = item.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ItemInvalid(_("「%(field)s」は文字で送ってください。") % {"field": key})
    value = value.strip()
    if not is_storable(value):
        raise ItemInvalid(_("使えない文字（NUL文字など）が含まれています。"))
    if required and not value:
        raise ItemInvalid(_("「%(field)s」がありません。") % {"field": key})
    if len(value) > max_length:
        raise ItemInvalid(
            _("「%(field)s」は%(max)d文字までです。") % {"field": key, "max": max_length}
        )
    return value


def uuid_field(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError) as exc:
        raise ItemInvalid(_("IDの形式が正しくありません。")) from exc


def made_at_field(item: dict, now: dt.datetime) -> dt.datetime:
    raw = item.get("made_at")
    try:
        made_at = parse_datetime(raw) if isinstance(raw, str) else None
    except ValueError:
        made_at = None
    if made_at is None or timezone.is_naive(made_at):
        raise ItemInvalid(_("記録した日時（made_at）は時差つきの ISO 8601 で送ってください。"))
    if made_at > now + CLOCK_SKEW_ALLOWED:
        made_at = now
    return made_at


def int_field(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ItemInvalid(_("「%(field)s」は数で送ってください。") % {"field": name})
    try:
        return int(value)
    except ValueError as exc:
        raise ItemInvalid(_("「%(field)s」は数で送ってください。") % {"field": name}) from exc
