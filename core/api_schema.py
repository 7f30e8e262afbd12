"""Pieces every /api/v1/ router shares: the error body, storable text, and readable errors.

The API is strict: what its schema does not describe is refused with a JSON
error that names the field and says, in the reader's language, what to send
instead. pydantic's own messages are English and technical, so each kind of
error it reports is given a sentence here (`field_message`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def is_storable(value: str) -> bool:
    """False for what PostgreSQL cannot store in a text column: NUL, and lone UTF-16 surrogates.

    Without this check, "\\u0000" in a JSON string reaches the database and fails
    there with a 500 (and lone surrogates fail when psycopg encodes the query).
    """
    return "\x00" not in value and not any("\ud800" <= ch <= "\udfff" for ch in value)


def storable(value: str) -> str:
    """A schema validator: refuses text that is_storable says the database cannot hold."""
    if not is_storable(value):
        raise PydanticCustomError(
            "refused_unstorable", _("使えない文字（NUL文字など）が含まれています。")
        )
    return value


# A string the database can store. The pattern tells API clients about NUL;
# surrogates cannot be written in a JSON Schema pattern, the validator refuses them.
StoredText = Annotated[
    str, AfterValidator(storable), Field(json_schema_extra={"pattern": "^[^\\u0000]*$"})
]


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date_only(value):
    """Refuse anything but YYYY-MM-DD before pydantic reads it.

    pydantic reads a number ("0", 1700000000) as a Unix time and so as a date:
    a client sending the wrong thing would get classes from 1970 instead of an error.
    """
    if isinstance(value, dt.date) or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return value
    raise PydanticCustomError("refused_date", _("日付は 2026-04-01 の形で送ってください。"))


# A calendar date as the OpenAPI document describes it (format: date), and only that.
CalendarDate = Annotated[dt.date, BeforeValidator(iso_date_only)]


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    """{status: ErrorOut} for an operation's `response=`, so each error code is documented."""
    return {code: ErrorOut for code in codes}


def field_message(error: dict) -> str:
    """One pydantic error as a sentence a person can act on.

    Errors our own validators raise ("refused_…") already carry their sentence.
    """
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind.startswith("refused_"):
        return error.get("msg", "")
    messages = {
        "missing": _("入力してください。"),
        "extra_forbidden": _("この項目はありません。APIの説明にある項目だけを送ってください。"),
        "bool_type": _('true か false で送ってください（文字列の "true" は使えません）。'),
        "int_type": _("整数で送ってください（文字列や小数は使えません）。"),
        "int_parsing": _("整数で送ってください。"),
        "string_type": _("文字列で送ってください。"),
        # A lone surrogate in a string with a length limit: pydantic's own check.
        "string_unicode": _("使えない文字（NUL文字など）が含まれています。"),
        "model_attributes_type": _("JSONのオブジェクト（{…}）で送ってください。"),
        "dict_type": _("JSONのオブジェクト（{…}）で送ってください。"),
        "list_type": _("JSONの配列（[…]）で送ってください。"),
        "date_parsing": _("日付は 2026-04-01 の形で送ってください。"),
        "date_from_datetime_parsing": _("日付は 2026-04-01 の形で送ってください。"),
        "date_type": _("日付は 2026-04-01 の形で送ってください。"),
    }
    if kind in messages:
        return messages[kind]
    if kind == "literal_error":
        return _("次のどれかを送ってください：%(expected)s") % {"expected": ctx.get("expected", "")}
    if kind == "string_too_long":
        return _("%(max)s文字以内で送ってください。") % {"max": ctx.get("max_length", "")}
    if kind == "string_too_short":
        return _("入力してください。")
    if kind in ("greater_than_equal", "greater_than"):
        return _("%(limit)s以上の数で送ってください。") % {
            "limit": ctx.get("ge", ctx.get("gt", ""))
        }
    if kind in ("less_than_equal", "less_than"):
        return _("%(limit)s以下の数で送ってください。") % {
            "limit": ctx.get("le", ctx.get("lt", ""))
        }
    return _("送られた値が正しくありません。")
