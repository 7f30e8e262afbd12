"""Everything held about one resident, for their request to see it (開示の請求).

`record_of(resident)` gathers it as sections of rows, each column with a key
(the JSON download) and a label (the printed page), so the two can never
disagree. Outreach's own data is gathered here; other apps add theirs by
answering `personal_data_collected` (messaging: messages, inbound texts,
opt-outs), as outreach never imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import AuditEvent
from outreach.models import AttendanceMark, Registration, Resident

# personal_data_collected(sender=Resident, resident=..., registrations=[ids], phones=[E.164])
# Each receiver returns a list of Section.
personal_data_collected = Signal()


@dataclass
class Section:
    key: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[dict] = field(default_factory=list)

    def as_json(self) -> list[dict]:
        return self.rows

    def table(self) -> list[list]:
        """The rows as lists in column order, for the printed page."""
        return [[row.get(key) for key, _label in self.columns] for row in self.rows]


def _resident_section(resident: Resident) -> Section:
    columns = [
        ("id", _("番号")),
        ("name", _("お名前")),
        ("name_kana", _("ふりがな")),
        ("phone", _("電話番号")),
        ("district", _("お住まいの地区")),
        ("age_band", _("年代")),
        ("language", _("ことば")),
        ("contact_preference", _("連絡の方法")),
        ("consented_at", _("同意日時")),
        ("created_at", _("登録日時")),
        ("anonymised_at", _("匿名化した日時")),
    ]
    row = {
        "id": resident.pk,
        "name": resident.name,
        "name_kana": resident.name_kana,
        "phone": str(resident.phone) if resident.phone else "",
        "district": resident.district.name if resident.district else "",
        "age_band": resident.get_age_band_display(),
        "language": resident.language,
        "contact_preference": resident.get_contact_preference_display(),
        "consented_at": resident.consented_at,
        "created_at": resident.created_at,
        "anonymised_at": resident.anonymised_at,
    }
    return Section("resident", _("登録内容"), columns, [row])


def _registrations_section(registrations: list[Registration]) -> Section:
    columns = [
        ("id", _("番号")),
        ("class_starts_at", _("教室の日時")),
        ("class", _("教室")),
        ("name", _("お名前")),
        ("name_kana", _("ふりがな")),
        ("phone", _("電話番号")),
        ("status", _("状態")),
        ("channel", _("申込方法")),
        ("party_size", _("人数")),
        ("requested_at", _("申込日時")),
        ("consented_at", _("同意日時")),
        ("consent_method", _("同意の方法")),
    ]
    rows = [
        {
            "id": r.pk,
            "class_starts_at": r.session.starts_at,
            "class": r.session.display_title,
            "name": r.name,
            "name_kana": r.name_kana,
            "phone": str(r.phone) if r.phone else "",
            "status": r.get_status_display(),
            "channel": r.get_channel_display(),
            "party_size": r.party_size,
            "requested_at": r.requested_at,
            "consented_at": r.consented_at,
            "consent_method": r.get_consent_method_display(),
        }
        for r in registrations
    ]
    return Section("registrations", _("申込と同意"), columns, rows)


def _attendance_section(registration_ids: list[int]) -> Section:
    columns = [
        ("registration", _("申込の番号")),
        ("made_at", _("記録した日時")),
        ("kind", _("種類")),
        ("value", _("記録")),
        ("note", _("メモ")),
    ]
    marks = AttendanceMark.objects.filter(registration_id__in=registration_ids).order_by(
        "made_at", "client_uuid"
    )
    rows = [
        {
            "registration": m.registration_id,
            "made_at": m.made_at,
            "kind": m.get_kind_display(),
            "value": m.value,
            "note": m.note,
        }
        for m in marks
    ]
    return Section("attendance", _("出欠などの記録"), columns, rows)


def audit_about(resident: Resident, registration_ids: list[int]):
    """Audit lines about this resident or one of their registrations."""
    return AuditEvent.objects.filter(
        Q(object_type="outreach.resident", object_id=str(resident.pk))
        | Q(object_type="outreach.registration", object_id__in=[str(i) for i in registration_ids])
    ).select_related("actor")


def _audit_section(resident: Resident, registration_ids: list[int]) -> Section:
    columns = [
        ("created_at", _("日時")),
        ("actor", _("職員")),
        ("action", _("操作")),
        ("object", _("対象")),
        ("detail", _("詳細")),
    ]
    rows = [
        {
            "created_at": e.created_at,
            "actor": str(e.actor) if e.actor else "",
            "action": e.action,
            "object": f"{e.object_type}#{e.object_id}",
            "detail": e.detail,
        }
        for e in audit_about(resident, registration_ids)
    ]
    return Section("audit", _("操作の記録"), columns, rows)


def record_of(resident: Resident) -> list[Section]:
    """Every section held about this resident, outreach's first, then other apps'."""
    registrations = list(
        Registration.objects.filter(resident=resident)
        .select_related("session", "session__topic")
        .order_by("session__starts_at", "id")
    )
    ids = [r.pk for r in registrations]
    phones = sorted({str(p) for p in [resident.phone, *(r.phone for r in registrations)] if p})
    sections = [
        _resident_section(resident),
        _registrations_section(registrations),
        _attendance_section(ids),
    ]
    for _receiver, answer in personal_data_collected.send(
        sender=Resident, resident=resident, registrations=ids, phones=phones
    ):
        sections.extend(answer or [])
    sections.append(_audit_section(resident, ids))
    return sections


def as_document(resident: Resident, sections: list[Section]) -> dict:
    """The JSON download: when it was made, and each section's rows by key."""
    return {
        "resident_id": resident.pk,
        "generated_at": timezone.now(),
        **{section.key: section.as_json() for section in sections},
    }
