"""Fill the registration's own name, language, district, age band and consent from what exists.

What it does with existing rows (nothing is deleted, no status changes):

* Every resident gets its name_key (outreach.names.name_key of its name).
* Every registration gets the name, kana, language, district and age band of the
  resident it points at: exactly what its pages, rosters and messages showed
  until now, so nobody sees a change.
* Voice-menu registrations are marked name_confirmed = False: the old menu never
  asked the caller's name; it either used a stand-in ("電話申込（お名前 未確認）")
  or borrowed the name of a resident with the same phone number. They appear in
  the desk's call-back list (active ones for classes not yet started). Residents
  named with the old stand-in are renamed to the new one (names.UNCONFIRMED_NAME),
  which is what the desk's lookup leaves out.
* Consent is recorded only where the old code guaranteed it was asked: desk
  registrations (the desk form could not be saved without "read out and agreed")
  get consented_at = the registration's created_at and method desk_read_out.
  Web registrations stay unrecorded, because the old API registered on the same
  channel without asking for consent and the two cannot be told apart; voice and
  walk-in registrations were never asked. Resident.consented_at is left as it was.
* Two active registrations of one resident in one class (possible only through
  an old walk-in merge) would break the new one-per-resident rule: each
  registration after the first gets its own copy of the resident, so both
  places and everything recorded on them stay as they are.

Reversing it does nothing: 0054's reversal drops the columns it filled.
"""

from django.db import migrations

from outreach.names import UNCONFIRMED_NAME, name_key

OLD_VOICE_STAND_IN = "電話申込（お名前 未確認）"
BATCH = 500


def _in_batches(queryset):
    batch = []
    for row in queryset.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _name_residents(Resident):
    Resident.objects.filter(name=OLD_VOICE_STAND_IN).update(name=UNCONFIRMED_NAME)
    for batch in _in_batches(Resident.objects.only("id", "name").order_by("id")):
        for resident in batch:
            resident.name_key = name_key(resident.name)
        Resident.objects.bulk_update(batch, ["name_key"])


def _copy_from_residents(Registration):
    fields = [
        "name",
        "name_kana",
        "name_key",
        "name_confirmed",
        "language",
        "district",
        "age_band",
        "consented_at",
        "consent_method",
    ]
    rows = Registration.objects.select_related("resident").order_by("id")
    for batch in _in_batches(rows):
        for registration in batch:
            resident = registration.resident
            registration.name = resident.name
            registration.name_kana = resident.name_kana
            registration.name_key = name_key(resident.name)
            registration.name_confirmed = registration.channel != "voice"
            registration.language = resident.language or "ja"
            registration.district_id = resident.district_id
            registration.age_band = resident.age_band
            if registration.channel == "desk":
                registration.consented_at = registration.created_at
                registration.consent_method = "desk_read_out"
        Registration.objects.bulk_update(batch, fields)


def _one_resident_per_active_place(Resident, Registration):
    seen = set()
    active = Registration.objects.exclude(status="cancelled").select_related("resident")
    for registration in active.order_by("session_id", "resident_id", "requested_at", "id"):
        key = (registration.session_id, registration.resident_id)
        if key not in seen:
            seen.add(key)
            continue
        original = registration.resident
        copy = Resident.objects.create(
            name=original.name,
            name_kana=original.name_kana,
            name_key=original.name_key,
            phone=original.phone,
            district_id=original.district_id,
            age_band=original.age_band,
            language=original.language,
            contact_preference=original.contact_preference,
            consented_at=original.consented_at,
        )
        registration.resident = copy
        registration.save(update_fields=["resident"])


def forwards(apps, schema_editor):
    Resident = apps.get_model("outreach", "Resident")
    Registration = apps.get_model("outreach", "Registration")
    _name_residents(Resident)
    _copy_from_residents(Registration)
    _one_resident_per_active_place(Resident, Registration)


class Migration(migrations.Migration):
    dependencies = [("outreach", "0054_registration_identity_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
