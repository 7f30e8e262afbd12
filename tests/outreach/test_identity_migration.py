"""Migrations 0054–0056 on a database that already holds residents and registrations."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from outreach.names import UNCONFIRMED_NAME, name_key

BEFORE = ("outreach", "0053_venue_name_kana")
AFTER = ("outreach", "0056_registration_same_person_rule")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state(target).apps


@pytest.fixture
def old_schema(transactional_db):
    """The database as it was before registrations kept their own names; back to now after."""
    apps = _migrate(BEFORE)
    yield apps
    _migrate(AFTER)
    # Whatever later migrations of other apps expect is still in place.
    _migrate_all()


def _migrate_all():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _rows(apps):
    District = apps.get_model("outreach", "District")
    Venue = apps.get_model("outreach", "Venue")
    Topic = apps.get_model("outreach", "Topic")
    ClassSession = apps.get_model("outreach", "ClassSession")
    Resident = apps.get_model("outreach", "Resident")
    Registration = apps.get_model("outreach", "Registration")
    district = District.objects.create(
        code="fujino", ward="緑区", name="藤野", name_kana="ふじの", flyer_number=20
    )
    venue = Venue.objects.create(name="藤野公民館", district=district, address="緑区小渕")
    topic = Topic.objects.create(slug="basics", title="基本", level="basic")
    start = timezone.now() + dt.timedelta(days=7)
    sessions = [
        ClassSession.objects.create(
            topic=topic,
            venue=venue,
            starts_at=start + dt.timedelta(days=n),
            ends_at=start + dt.timedelta(days=n, hours=2),
            capacity=10,
            status="published",
        )
        for n in range(4)
    ]
    tome = Resident.objects.create(
        name="城山 トメ",
        name_kana="しろやま とめ",
        phone="+81427001234",
        district=district,
        language="en",
        age_band="80plus",
        consented_at=start - dt.timedelta(days=30),
    )
    stand_in = Resident.objects.create(
        name="電話申込（お名前 未確認）", name_kana="", phone="+81427005555"
    )

    def registration(session, resident, channel, phone, status="confirmed"):
        return Registration.objects.create(
            session=session, resident=resident, phone=phone, channel=channel, status=status
        )

    made = {
        "web": registration(sessions[0], tome, "web", tome.phone),
        "desk": registration(sessions[1], tome, "desk", tome.phone),
        "voice_stand_in": registration(sessions[0], stand_in, "voice", stand_in.phone),
        # The old menu borrowed the name of whoever had the caller's number.
        "voice_borrowed": registration(sessions[2], tome, "voice", tome.phone),
        "cancelled": registration(sessions[2], stand_in, "web", stand_in.phone, "cancelled"),
        # One resident twice in one class: possible through an old walk-in merge.
        "first": registration(sessions[3], tome, "walk_in", tome.phone),
        "second": registration(sessions[3], tome, "walk_in", None),
    }
    return {key: value.pk for key, value in made.items()}, tome.pk, stand_in.pk


def test_existing_rows_keep_what_they_showed_and_nothing_is_lost(old_schema):
    ids, tome_pk, stand_in_pk = _rows(old_schema)
    OldRegistration = old_schema.get_model("outreach", "Registration")
    created_at = {r.pk: r.created_at for r in OldRegistration.objects.all()}

    apps = _migrate(AFTER)
    Registration = apps.get_model("outreach", "Registration")
    Resident = apps.get_model("outreach", "Resident")
    rows = {key: Registration.objects.get(pk=pk) for key, pk in ids.items()}

    assert Registration.objects.count() == len(ids)
    web = rows["web"]
    assert (web.name, web.name_kana, web.name_key) == (
        "城山 トメ",
        "しろやま とめ",
        name_key("城山 トメ"),
    )
    assert (web.language, web.district.code, web.age_band) == ("en", "fujino", "80plus")
    # Consent is recorded only where the old desk form required it.
    assert (web.consent_method, web.consented_at) == ("", None)
    desk = rows["desk"]
    assert (desk.consent_method, desk.consented_at) == ("desk_read_out", created_at[desk.pk])
    # Voice registrations never had a name asked: they go on the call-back list.
    assert not rows["voice_stand_in"].name_confirmed
    assert rows["voice_stand_in"].name == UNCONFIRMED_NAME
    assert not rows["voice_borrowed"].name_confirmed
    assert rows["voice_borrowed"].name == "城山 トメ"
    assert Resident.objects.get(pk=stand_in_pk).name == UNCONFIRMED_NAME
    assert rows["web"].name_confirmed and rows["desk"].name_confirmed
    # The resident's own record is as it was, with its key.
    tome = Resident.objects.get(pk=tome_pk)
    assert (tome.name, tome.language, tome.name_key) == ("城山 トメ", "en", name_key("城山 トメ"))
    # The second place of one resident in one class now has a resident of its own.
    assert rows["first"].resident_id == tome_pk
    copy = rows["second"].resident
    assert copy.pk != tome_pk and (copy.name, str(copy.phone)) == ("城山 トメ", "+81427001234")
    assert rows["second"].status == "confirmed"
    assert Resident.objects.count() == 3


def test_after_the_migration_two_people_on_one_line_may_share_a_class(old_schema):
    ids, tome_pk, _stand_in = _rows(old_schema)
    apps = _migrate(AFTER)
    Registration = apps.get_model("outreach", "Registration")
    Resident = apps.get_model("outreach", "Resident")
    web = Registration.objects.get(pk=ids["web"])
    spouse = Resident.objects.create(name="城山 一郎", phone=web.phone)
    Registration.objects.create(
        session=web.session,
        resident=spouse,
        name="城山 一郎",
        phone=web.phone,
        channel="web",
        status="confirmed",
    )
    assert Registration.objects.filter(session=web.session, phone=web.phone).count() == 2
