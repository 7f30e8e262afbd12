"""The access log: every view, print and export of personal data (DESIGN.md "Safety").

Views that show personal data call `record(request, what, obj, **detail)` once
they know what they show, or are wrapped in `@logs_access(what)` when the URL
names it. One line per page seen: who (the signed-in account), what (a kind from
KINDS and the object's type and id), when, from where (the client address, read
as django-ratelimit reads it, so one setting governs both behind a proxy) and the
address asked for. Lines are written in the request's own transaction, before
the page is sent: a page whose line could not be written is not shown.
"""

from __future__ import annotations

import ipaddress
from functools import wraps

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AccessEvent

# What can be seen, named once so the coordinators' filter can offer them all.
KINDS = {
    "roster": _("教室の名簿"),
    "roster_print": _("名簿の印刷"),
    "phone_lookup": _("電話番号・お名前での検索"),
    "callbacks": _("折り返し電話の一覧"),
    "resident": _("住民のページ"),
    "resident_record": _("住民の情報の開示（印刷・JSON）"),
    "outbox": _("送信したメッセージ"),
    "inbox": _("受信したメッセージ"),
    "optouts": _("配信停止の一覧"),
    "class_messages": _("教室ごとの連絡の状況"),
    "trainer_today": _("講師の今日の教室"),
    "trainer_roster": _("講師の名簿（出欠）"),
    "attendance_history": _("出欠の記録と履歴"),
    "api_attendance_today": _("API：今日の教室と名簿"),
    "export": _("データの書き出し"),
    "access_log": _("アクセスログ"),
}


def client_ip(request) -> str | None:
    key = getattr(settings, "RATELIMIT_IP_META_KEY", None) or "REMOTE_ADDR"
    value = request.META.get(key, "") if isinstance(key, str) else ""
    candidate = value.split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def record(request, what: str, obj: models.Model | None = None, **detail) -> AccessEvent:
    """Write one line of the access log for what this request shows."""
    if what not in KINDS:
        raise ValueError(f"unknown access kind {what!r}: add it to core.access_log.KINDS")
    # The API signs people in as request.auth, the pages as request.user.
    signed_in = [getattr(request, name, None) for name in ("auth", "user")]
    actor = next((u for u in signed_in if getattr(u, "is_authenticated", False)), None)
    return AccessEvent.objects.create(
        actor=actor,
        what=what,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        path=request.get_full_path()[:300],
        ip=client_ip(request),
        detail=detail,
    )


def logs_access(what: str):
    """Log a view's successful answer (2xx) as `what`, with its URL arguments as the detail.

    Put it inside the role check, so only people who may see the page are logged
    as having seen it; refused attempts are answered 403 before it.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                record(request, what, **{k: str(v) for k, v in kwargs.items()})
            return response

        return wrapped

    return decorator
