"""Personal data is kept until the end of the fiscal year after the last class, then erased."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import AuditEvent
from messaging.models import InboundMessage, Message, OptOut
from outreach.models import AttendanceMark, ClassSession, Registration, Resident
from outreach.services.erasure import ERASED_NAME, erase_resident, purge_personal_data
from outreach.tasks import daily_retention_purge
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _at(year, month, day=10):
    return timezone.make_aware(dt.datetime(year, month, day, 10, 0))


def _past_class(when):
    return ClassSessionFactory(starts_at=when, ends_at=when + dt.timedelta(hours=2))


def _message(registration, body="明日10時から教室です"):
    return Message.objects.create(
        registration=registration,
        resident=registration.resident,
        to=str(registration.phone),
        channel="sms",
        purpose="reminder",
        body=body,
        status=Message.Status.SENT,
        due_at=registration.session.starts_at,
    )


def _inbound(number, provider_id, body="出席します"):
    return InboundMessage.objects.create(
        kind="voicemail",
        from_number=number,
        body=body,
        recording_url="https://api.twilio.com/rec/1",
        provider_id=provider_id,
    )


def test_a_resident_is_kept_to_the_end_of_the_next_fiscal_year_and_due_the_day_after():
    # Last class in June of FY2024: kept through FY2025, which ends on 31 March 2026.
    registration = RegistrationFactory(session=_past_class(_at(2024, 6)))
    resident = registration.resident
    assert resident not in Resident.objects.due_for_anonymising(dt.date(2026, 3, 31))
    assert resident in Resident.objects.due_for_anonymising(dt.date(2026, 4, 1))


def test_the_last_class_counts_not_the_first():
    resident = ResidentFactory()
    RegistrationFactory(resident=resident, session=_past_class(_at(2023, 5)))
    RegistrationFactory(resident=resident, session=_past_class(_at(2025, 2)))  # FY2024
    assert resident not in Resident.objects.due_for_anonymising(dt.date(2026, 3, 31))
    assert resident in Resident.objects.due_for_anonymising(dt.date(2026, 4, 1))


def test_a_resident_with_a_class_to_come_is_never_due():
    resident = ResidentFactory()
    RegistrationFactory(resident=resident, session=_past_class(_at(2020, 5)))
    RegistrationFactory(resident=resident)  # next week
    assert not Resident.objects.due_for_anonymising(dt.date(2026, 4, 1)).filter(pk=resident.pk)


def test_a_registration_of_a_cancelled_class_follows_the_same_rule():
    session = _past_class(_at(2024, 6))
    ClassSession.objects.filter(pk=session.pk).update(status=ClassSession.Status.CANCELLED)
    registration = RegistrationFactory(session=session, status=Registration.Status.CANCELLED)
    report = purge_personal_data(today=dt.date(2026, 4, 1))
    assert report.resident_ids == [registration.resident_id]
    registration.refresh_from_db()
    assert (registration.name, registration.name_kana, registration.phone) == (
        ERASED_NAME,
        "",
        None,
    )


def test_the_purge_erases_names_phones_and_texts_and_keeps_what_the_figures_count():
    old = RegistrationFactory(
        session=_past_class(_at(2024, 6)), age_band="70s", party_size=2, status_reason="体調不良"
    )
    resident = old.resident
    AttendanceMark.objects.create(
        client_uuid="6f1c1f8e-8a43-4d5e-9d0a-1f2e3d4c5b6a",
        session=old.session,
        registration=old,
        kind="attendance",
        value="present",
        note="耳が遠いので前の席",
        made_at=old.session.starts_at,
    )
    message = _message(old)
    theirs = _inbound(str(resident.phone), "RE1")
    kept_recent = RegistrationFactory()  # a class next week: nothing of theirs goes
    kept_message = _message(kept_recent)
    district, band = resident.district_id, resident.age_band

    report = purge_personal_data(today=dt.date(2026, 4, 1))

    assert report.resident_ids == [resident.pk]
    resident.refresh_from_db()
    old.refresh_from_db()
    assert (resident.name, resident.name_kana, resident.phone) == (ERASED_NAME, "", None)
    assert resident.anonymised_at is not None
    assert (resident.district_id, resident.age_band) == (district, band)
    assert (old.name, old.name_kana, old.phone, old.status_reason) == (ERASED_NAME, "", None, "")
    assert (old.age_band, old.party_size, old.status) == ("70s", 2, "confirmed")
    mark = AttendanceMark.objects.get(registration=old)
    assert (mark.value, mark.note) == ("present", "")
    message.refresh_from_db()
    assert (message.body, message.to, message.purpose, message.status) == (
        "",
        "",
        "reminder",
        "sent",
    )
    theirs.refresh_from_db()
    assert (theirs.from_number, theirs.body, theirs.recording_url) == ("", "", "")
    kept_message.refresh_from_db()
    assert kept_message.body == "明日10時から教室です"
    assert Resident.objects.get(pk=kept_recent.resident_id).name != ERASED_NAME
    audit = AuditEvent.objects.get(action="outreach.anonymise")
    assert (audit.object_id, audit.detail, audit.actor) == (
        str(resident.pk),
        {"reason": "retention"},
        None,
    )


def test_an_inbound_text_from_a_shared_landline_stays_while_the_other_person_is_on_file():
    landline = "+81427001234"
    leaving = RegistrationFactory(
        session=_past_class(_at(2024, 6)), resident=ResidentFactory(phone=landline)
    )
    RegistrationFactory(resident=ResidentFactory(phone=landline))  # a class next week
    recent = _inbound(landline, "RE2")
    purge_personal_data(today=dt.date(2026, 4, 1))
    assert Resident.objects.get(pk=leaving.resident_id).phone is None
    recent.refresh_from_db()
    assert recent.from_number == landline


def test_inbound_messages_older_than_the_keeping_period_are_erased_whoever_sent_them():
    old = _inbound("+819011112222", "RE3")
    InboundMessage.objects.filter(pk=old.pk).update(received_at=_at(2024, 6))
    new = _inbound("+819011113333", "RE4")
    purge_personal_data(today=dt.date(2026, 4, 1))
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.body, new.body) == ("", "出席します")


def test_an_old_opt_out_goes_once_nobody_on_file_gives_its_number():
    leaving = RegistrationFactory(session=_past_class(_at(2024, 6)))
    staying = RegistrationFactory()  # a class next week
    old = [
        OptOut.objects.create(phone=str(leaving.phone), source="sms"),
        OptOut.objects.create(phone=str(staying.phone), source="sms"),
        OptOut.objects.create(phone="+819099990000", source="desk"),
    ]
    OptOut.objects.filter(pk__in=[o.pk for o in old]).update(created_at=_at(2024, 7))
    recent = OptOut.objects.create(phone="+819099990001", source="sms")
    purge_personal_data(today=dt.date(2026, 4, 1))
    kept = set(OptOut.objects.values_list("phone", flat=True))
    assert kept == {str(staying.phone), recent.phone}


def test_the_purge_is_idempotent():
    RegistrationFactory(session=_past_class(_at(2024, 6)))
    assert purge_personal_data(today=dt.date(2026, 4, 1)).residents == 1
    assert purge_personal_data(today=dt.date(2026, 4, 1)).residents == 0
    assert AuditEvent.objects.filter(action="outreach.anonymise").count() == 1


def test_the_dry_run_names_ids_and_counts_but_no_names_and_changes_nothing(capsys):
    registration = RegistrationFactory(session=_past_class(_at(2024, 6)), name="橋本 花子")
    call_command("purge_personal_data", "--dry-run", "--today", "2026-04-01")
    out = capsys.readouterr().out
    assert "would anonymise 1 residents and 1 registrations" in out
    assert f"resident ids: {registration.resident_id}" in out
    assert "橋本" not in out and registration.resident.name not in out
    registration.refresh_from_db()
    assert registration.name == "橋本 花子"
    assert not AuditEvent.objects.filter(action="outreach.anonymise").exists()


def test_the_command_anonymises_and_a_bad_day_is_a_clear_error(capsys):
    RegistrationFactory(session=_past_class(_at(2024, 6)))
    call_command("purge_personal_data", "--today", "2026-04-01")
    assert "anonymised 1 residents and 1 registrations" in capsys.readouterr().out
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("purge_personal_data", "--today", "April")


def test_the_nightly_task_anonymises_those_due_today():
    three_years_ago = timezone.now() - dt.timedelta(days=3 * 366)
    registration = RegistrationFactory(session=_past_class(three_years_ago))
    assert daily_retention_purge.call() == 1
    assert Resident.objects.get(pk=registration.resident_id).name == ERASED_NAME


def test_erasing_on_request_cancels_places_to_come_and_anonymises_at_once(coordinator):
    resident = ResidentFactory()
    past = RegistrationFactory(resident=resident, session=_past_class(_at(2026, 10)))
    coming = RegistrationFactory(resident=resident)
    waiting = RegistrationFactory(session=coming.session, status=Registration.Status.WAITLISTED)
    ClassSession.objects.filter(pk=coming.session_id).update(capacity=1)
    erase_resident(resident, by=coordinator, reason="本人から電話で依頼")
    coming.refresh_from_db()
    past.refresh_from_db()
    waiting.refresh_from_db()
    assert coming.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert (past.name, past.phone) == (ERASED_NAME, None)
    audit = AuditEvent.objects.get(action="outreach.anonymise")
    assert (audit.actor, audit.detail) == (coordinator, {"reason": "本人から電話で依頼"})
