"""Messaging's part of a resident's request to see what is held about them.

Connected to outreach.subject_access.personal_data_collected: the messages sent
to them, what came in from their numbers, and whether a number of theirs has
opted out. Inbound messages are found by number only; on a shared landline they
may be from someone else, which the coordinator checks before handing them over.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from messaging.models import InboundMessage, Message, OptOut
from outreach.subject_access import Section


def _messages(resident, registrations) -> Section:
    columns = [
        ("created_at", _("日時")),
        ("channel", _("方法")),
        ("purpose", _("目的")),
        ("to", _("宛先")),
        ("body", _("本文")),
        ("status", _("状態")),
        ("sent_at", _("送信日時")),
    ]
    rows = [
        {
            "created_at": m.created_at,
            "channel": m.get_channel_display(),
            "purpose": m.get_purpose_display(),
            "to": m.to,
            "body": m.body,
            "status": m.get_status_display(),
            "sent_at": m.sent_at,
        }
        for m in Message.objects.filter(
            Q(resident=resident) | Q(registration_id__in=registrations)
        ).order_by("created_at", "id")
    ]
    return Section("messages", _("お送りした連絡"), columns, rows)


def _inbound(phones) -> Section:
    columns = [
        ("received_at", _("受信日時")),
        ("kind", _("種類")),
        ("from_number", _("発信元")),
        ("body", _("内容")),
        ("recording_url", _("録音")),
    ]
    rows = [
        {
            "received_at": m.received_at,
            "kind": m.get_kind_display(),
            "from_number": m.from_number,
            "body": m.body,
            "recording_url": m.recording_url,
        }
        for m in InboundMessage.objects.filter(from_number__in=phones).order_by("received_at")
    ]
    return Section("inbound", _("いただいた連絡"), columns, rows)


def _optouts(phones) -> Section:
    columns = [("phone", _("電話番号")), ("source", _("受付方法")), ("created_at", _("停止日時"))]
    rows = [
        {"phone": o.phone, "source": o.get_source_display(), "created_at": o.created_at}
        for o in OptOut.objects.filter(phone__in=phones)
    ]
    return Section("optouts", _("配信停止"), columns, rows)


def sections_for(sender, resident, registrations, phones, **kwargs) -> list[Section]:
    """personal_data_collected's receiver."""
    return [_messages(resident, registrations), _inbound(phones), _optouts(phones)]
