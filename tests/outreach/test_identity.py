"""A phone number is not an identity: who a registration is for, and the consent it carries."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.models import AuditEvent
from outreach.models import Registration, Resident
from outreach.names import UNCONFIRMED_NAME, name_key
from outreach.services import (
    AlreadyRegistered,
    Consent,
    attach_registration,
    confirm_registration_name,
    correct_resident,
    register,
)
from tests.factories import (
    ClassSessionFactory,
    DistrictFactory,
    RegistrationFactory,
    ResidentFactory,
    consent,
)

pytestmark = pytest.mark.django_db

LANDLINE = "042-700-1234"


@pytest.fixture
def on_file():
    """A resident on file whose number a stranger has come to know."""
    return ResidentFactory(
        name="城山 トメ",
        name_kana="しろやま とめ",
        phone="+81427001234",
        language="ja",
        district=DistrictFactory(name="城山"),
        age_band="80plus",
    )


def _snapshot(resident):
    resident.refresh_from_db()
    return (
        resident.name,
        resident.name_kana,
        str(resident.phone),
        resident.language,
        resident.district_id,
        resident.age_band,
        resident.consented_at,
        resident.updated_at,
    )


def _register(session, name, phone=LANDLINE, **kwargs):
    kwargs.setdefault("channel", "web")
    kwargs.setdefault("consent", consent())
    return register(
        session, name=name, name_kana=kwargs.pop("name_kana", ""), phone=phone, **kwargs
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("山田 花子", "山田　花子"),
        ("山田 花子", "山田花子"),
        ("ﾔﾏﾀﾞ ﾊﾅｺ", "ヤマダ ハナコ"),
        ("Ｈａｎａｋｏ Yamada", "hanako yamada"),
    ],
)
def test_names_that_differ_only_in_width_spacing_or_case_are_the_same_name(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("やまだ はなこ", "山田 花子"), ("やまだ", "ヤマダ")])
def test_kana_and_kanji_are_compared_as_typed(a, b):
    assert name_key(a) != name_key(b)


def test_a_stranger_who_knows_a_phone_number_changes_nothing_on_the_resident(on_file):
    before = _snapshot(on_file)
    stranger = _register(
        ClassSessionFactory(),
        "知らない 人",
        name_kana="しらない ひと",
        language="en",
        district=DistrictFactory(name="藤野"),
        age_band="60s",
    )
    assert _snapshot(on_file) == before
    assert stranger.resident_id != on_file.pk
    stranger.refresh_from_db()
    assert (stranger.name, stranger.language, stranger.age_band) == ("知らない 人", "en", "60s")


def test_the_same_phone_and_name_links_to_the_resident_on_file_and_changes_nothing(on_file):
    before = _snapshot(on_file)
    registration = _register(
        ClassSessionFactory(),
        "城山　トメ",
        name_kana="シロヤマ トメ",
        language="en",
        district=DistrictFactory(name="藤野"),
        age_band="70s",
    )
    assert registration.resident_id == on_file.pk
    assert _snapshot(on_file) == before
    registration.refresh_from_db()
    # The registration keeps what was typed for it.
    assert (registration.name, registration.name_kana) == ("城山　トメ", "シロヤマ トメ")
    assert (registration.language, registration.age_band) == ("en", "70s")
    assert Resident.objects.count() == 1


def test_two_people_on_one_landline_both_hold_a_seat_in_one_class():
    session = ClassSessionFactory(capacity=2)
    husband = _register(session, "津久井 一郎")
    wife = _register(session, "津久井 花子")
    assert (husband.status, wife.status) == ("confirmed", "confirmed")
    assert husband.resident_id != wife.resident_id
    assert {r.name for r in Registration.objects.filter(session=session)} == {
        "津久井 一郎",
        "津久井 花子",
    }


def test_a_daughter_may_register_her_father_with_her_own_mobile_and_herself_too():
    session = ClassSessionFactory()
    _register(session, "相模 父", phone="090-5555-0001")
    _register(session, "相模 娘", phone="090-5555-0001")
    assert Registration.objects.filter(session=session).active().count() == 2


def test_the_same_resident_twice_in_one_class_is_refused_even_with_another_phone(on_file):
    session = ClassSessionFactory()
    register(
        session,
        name="",
        name_kana="",
        phone=None,
        channel="desk",
        consent=consent("desk_read_out"),
        resident=on_file,
    )
    with pytest.raises(AlreadyRegistered):
        register(
            session,
            name="",
            name_kana="",
            phone="090-9999-0000",
            channel="desk",
            consent=consent("desk_read_out"),
            resident=on_file,
        )


def test_the_database_refuses_the_same_person_twice_whatever_the_code_does():
    first = RegistrationFactory(name="相模 一郎")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(
            session=first.session,
            resident=ResidentFactory(phone=first.phone),
            name="相模　一郎",
        )


def test_a_desk_registration_of_a_chosen_resident_uses_their_name_and_leaves_them_as_they_are(
    on_file, coordinator
):
    before = _snapshot(on_file)
    registration = register(
        ClassSessionFactory(),
        name="",
        name_kana="",
        phone="090-1111-0000",  # the daughter calling from her mobile
        channel="desk",
        consent=consent("desk_family"),
        resident=on_file,
        created_by=coordinator,
    )
    registration.refresh_from_db()
    assert (registration.name, registration.name_kana) == (on_file.name, on_file.name_kana)
    assert str(registration.phone) == "+819011110000"
    assert registration.district_id == on_file.district_id
    assert registration.consent_method == "desk_family"
    assert _snapshot(on_file) == before


@pytest.mark.parametrize("channel", ["web", "desk", "voice", "walk_in"])
def test_no_registration_is_made_without_a_consent_record(channel):
    session = ClassSessionFactory()
    with pytest.raises(ValidationError) as caught:
        _register(session, "同意 なし", channel=channel, consent=None)
    assert "consent" in caught.value.message_dict
    assert not Registration.objects.exists() and not Resident.objects.exists()


def test_a_consent_record_must_say_how_it_was_given():
    with pytest.raises(ValueError):
        Consent("")
    with pytest.raises(ValueError):
        Consent("nodded")


def test_the_database_refuses_a_consent_time_without_a_method():
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(consent_method="")


def test_a_voice_registration_never_borrows_the_name_of_a_resident_on_file(on_file):
    before = _snapshot(on_file)
    registration = _register(
        ClassSessionFactory(),
        "",
        phone=str(on_file.phone),
        channel="voice",
        consent=consent("voice_keypad"),
        name_confirmed=False,
    )
    registration.refresh_from_db()
    assert registration.name == UNCONFIRMED_NAME and not registration.name_confirmed
    assert registration.resident_id != on_file.pk
    assert registration.resident.name == UNCONFIRMED_NAME
    assert _snapshot(on_file) == before
    assert list(Registration.objects.awaiting_name()) == [registration]


def _voice(session, phone=LANDLINE):
    return _register(
        session,
        "",
        phone=phone,
        channel="voice",
        consent=consent("voice_keypad"),
        name_confirmed=False,
    )


def test_confirming_the_name_gives_the_stand_in_resident_that_name(coordinator):
    registration = _voice(ClassSessionFactory())
    stand_in = registration.resident_id
    confirmed = confirm_registration_name(
        registration, name="藤野 ハル", name_kana="ふじの はる", by=coordinator
    )
    confirmed.refresh_from_db()
    assert (confirmed.name, confirmed.name_confirmed) == ("藤野 ハル", True)
    assert confirmed.resident_id == stand_in
    assert confirmed.resident.name == "藤野 ハル"
    assert confirmed.resident.name_key == name_key("藤野 ハル")
    assert not Registration.objects.awaiting_name().exists()
    assert AuditEvent.objects.filter(action="outreach.confirm_name").count() == 1


def test_confirming_a_name_already_on_file_with_that_phone_uses_that_resident(on_file, coordinator):
    before = _snapshot(on_file)
    registration = _voice(ClassSessionFactory(), phone=str(on_file.phone))
    stand_in = registration.resident_id
    confirmed = confirm_registration_name(
        registration, name="城山トメ", name_kana="しろやま とめ", by=coordinator
    )
    assert confirmed.resident_id == on_file.pk
    assert not Resident.objects.filter(pk=stand_in).exists()
    assert _snapshot(on_file) == before


def test_confirming_a_name_that_already_holds_a_place_in_the_class_is_refused(coordinator):
    session = ClassSessionFactory()
    _register(session, "藤野 ハル")
    registration = _voice(session)
    with pytest.raises(AlreadyRegistered):
        confirm_registration_name(registration, name="藤野ハル", name_kana="", by=coordinator)
    registration.refresh_from_db()
    assert registration.name == UNCONFIRMED_NAME and not registration.name_confirmed


def test_attaching_a_voice_registration_to_a_resident_on_file_drops_the_stand_in(
    on_file, coordinator
):
    registration = _voice(ClassSessionFactory(), phone=str(on_file.phone))
    stand_in = registration.resident_id
    attached = attach_registration(registration, on_file, by=coordinator)
    attached.refresh_from_db()
    assert attached.resident_id == on_file.pk
    assert (attached.name, attached.name_confirmed) == (on_file.name, True)
    assert not Resident.objects.filter(pk=stand_in).exists()
    assert AuditEvent.objects.filter(action="outreach.attach_registration").exists()


def test_a_coordinator_corrects_a_resident_with_an_audit_line_naming_the_fields(
    on_file, coordinator
):
    changed = correct_resident(
        on_file, by=coordinator, name="城山 とめ", name_kana="しろやま とめ", language="ja"
    )
    assert changed == ["name"]
    on_file.refresh_from_db()
    assert on_file.name_key == name_key("城山 とめ")
    event = AuditEvent.objects.get(action="outreach.correct_resident")
    assert event.detail == {"changed": ["name"]} and event.actor == coordinator
    assert correct_resident(on_file, by=coordinator, name="城山 とめ") == []
