"""Resident pages: finder, class page, registration form, private manage page."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from outreach.models import ClassSession, Registration
from outreach.services import register
from tests.factories import (
    ClassSessionFactory,
    DistrictFactory,
    RegistrationFactory,
    ResidentFactory,
    VenueFactory,
    consent,
)

pytestmark = pytest.mark.django_db


def _full_session(capacity=1):
    session = ClassSessionFactory(capacity=capacity)
    for n in range(capacity):
        register(
            session,
            name="先客",
            name_kana="",
            phone=f"080-1111-{n:04d}",
            channel="desk",
            consent=consent("desk_read_out"),
        )
    return session


def test_the_finder_lists_published_classes_with_seats_left(client):
    open_class = ClassSessionFactory(capacity=5)
    full = _full_session()
    ClassSessionFactory(status=ClassSession.Status.DRAFT, title="下書きの教室")
    response = client.get(reverse("outreach:class-list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert open_class.display_title in body and "残り5席" in body
    assert full.display_title in body and "満席" in body
    assert "下書きの教室" not in body


def test_the_finder_filters_by_district_and_lists_mountainous_districts_first(client):
    fujino = DistrictFactory(code="fujino", name="藤野", is_mountainous=True, flyer_number=20)
    town = DistrictFactory(code="chuo", name="中央", flyer_number=1)
    in_fujino = ClassSessionFactory(venue=VenueFactory(district=fujino), title="藤野の教室")
    ClassSessionFactory(venue=VenueFactory(district=town), title="中央の教室")
    body = client.get(reverse("outreach:class-list"), {"district": fujino.pk}).content.decode()
    assert in_fujino.display_title in body and "中央の教室" not in body
    assert body.index(">藤野<") < body.index(">中央<")


def test_the_finder_answers_bad_filters_politely(client):
    ClassSessionFactory()
    response = client.get(reverse("outreach:class-list"), {"date_from": "あした", "district": "x"})
    assert response.status_code == 200


def test_the_finder_query_count_does_not_grow_with_classes(client, django_assert_max_num_queries):
    """Guards the N+1 of loading venue, district, topic and seat counts per class card.

    Measured with the page cache emptied first: this is the cost of building the page.
    """
    for _ in range(3):
        ClassSessionFactory()
    assert client.get(reverse("outreach:class-list")).status_code == 200
    cache.clear()
    with django_assert_max_num_queries(6) as small:
        assert client.get(reverse("outreach:class-list")).status_code == 200
    for _ in range(12):
        ClassSessionFactory()
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("outreach:class-list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="class-card') >= 15


def test_the_class_page_shows_venue_map_and_calendar_link(client):
    session = ClassSessionFactory()
    body = client.get(reverse("outreach:class-detail", args=[session.pk])).content.decode()
    assert session.venue.address in body
    assert "openstreetmap.org" in body
    assert reverse("outreach:class-calendar", args=[session.pk]) in body
    assert reverse("outreach:class-register", args=[session.pk]) in body


def test_a_draft_class_page_is_not_found(client):
    session = ClassSessionFactory(status=ClassSession.Status.DRAFT)
    assert client.get(reverse("outreach:class-detail", args=[session.pk])).status_code == 404


def _form(**overrides):
    data = {
        "name": "藤野 花子",
        "name_kana": "ふじの はなこ",
        "phone": "０９０－１２３４－５６７８",
        "party_size": "1",
        "phone_kind": "android",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_registering_with_full_width_digits_confirms_and_shows_the_private_link(client):
    session = ClassSessionFactory()
    response = client.post(reverse("outreach:class-register", args=[session.pk]), _form())
    registration = Registration.objects.get()
    assert str(registration.phone) == "+819012345678"
    assert registration.channel == "web" and registration.status == "confirmed"
    assert response.url == reverse("outreach:registration-manage", args=[registration.manage_token])
    page = client.get(response.url)
    assert "申込を受け付けました" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_the_form_explains_the_data_use_before_asking_consent(client):
    session = ClassSessionFactory()
    body = client.get(reverse("outreach:class-register", args=[session.pk])).content.decode()
    assert body.index("個人情報の使い方") < body.index('name="consent"')


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"phone": "090-1234-567"}, "桁数が合いません"),
        ({"phone": "0120-123-456"}, "フリーダイヤル"),
        ({"name": ""}, "お名前を入力してください"),
        ({"consent": ""}, "同意が必要です"),
    ],
)
def test_the_form_says_exactly_what_is_wrong_and_keeps_what_was_typed(client, overrides, message):
    session = ClassSessionFactory()
    response = client.post(
        reverse("outreach:class-register", args=[session.pk]), _form(**overrides)
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "ふじの はなこ" in body
    assert Registration.objects.count() == 0


def test_a_stranger_with_a_known_phone_sees_their_own_name_and_changes_nothing(client):
    """Knowing a resident's number must reveal and change nothing (DESIGN.md, Safety)."""
    known = ResidentFactory(
        name="城山 トメ",
        name_kana="しろやま とめ",
        phone="+819012345678",
        language="ja",
        age_band="80plus",
    )
    before = (known.name, known.district_id, known.language, known.age_band, known.updated_at)
    other_district = DistrictFactory(name="藤野")
    response = client.post(
        "/en" + reverse("outreach:class-register", args=[ClassSessionFactory().pk]),
        _form(district=other_district.pk, age_band="60s"),
    )
    page = client.get(response.url).content.decode()
    assert "藤野 花子" in page and "城山" not in page
    known.refresh_from_db()
    assert (
        known.name,
        known.district_id,
        known.language,
        known.age_band,
        known.updated_at,
    ) == before
    registration = Registration.objects.get()
    assert registration.resident_id != known.pk
    assert (registration.name, registration.language) == ("藤野 花子", "en")
    assert registration.district == other_district
    assert registration.consent_method == "web_form"


def test_a_resident_cannot_cancel_on_the_private_page_after_the_class_has_started(client):
    start = timezone.now() - dt.timedelta(minutes=5)
    registration = RegistrationFactory(
        session=ClassSessionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    )
    url = reverse("outreach:registration-manage", args=[registration.manage_token])
    response = client.post(url)
    assert response.status_code == 409
    assert "取り消しはできません" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_two_people_sharing_one_phone_both_register_on_the_web(client):
    session = ClassSessionFactory()
    url = reverse("outreach:class-register", args=[session.pk])
    assert client.post(url, _form(name="藤野 一郎")).status_code == 302
    assert client.post(url, _form(name="藤野 花子")).status_code == 302
    assert Registration.objects.filter(session=session).confirmed().count() == 2


def test_registering_twice_with_one_phone_gets_a_friendly_message(client):
    session = ClassSessionFactory()
    client.post(reverse("outreach:class-register", args=[session.pk]), _form())
    response = client.post(reverse("outreach:class-register", args=[session.pk]), _form())
    assert "すでに申し込まれています" in response.content.decode()


def test_a_full_class_puts_the_resident_on_the_waiting_list_with_a_position(client):
    session = _full_session()
    response = client.post(reverse("outreach:class-register", args=[session.pk]), _form())
    body = client.get(response.url).content.decode()
    assert "キャンセル待ちの1番目" in body


def test_cancelling_through_the_private_link_promotes_the_first_waitlisted(client):
    session = ClassSessionFactory(capacity=1)
    mine = register(
        session, name="私", name_kana="", phone="090-2222-0001", channel="web", consent=consent()
    )
    waiting = register(
        session,
        name="次の人",
        name_kana="",
        phone="090-2222-0002",
        channel="web",
        consent=consent(),
    )
    url = reverse("outreach:registration-manage", args=[mine.manage_token])
    client.post(url)
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == "cancelled" and waiting.status == "confirmed"
    assert "取り消されています" in client.get(url).content.decode()


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("outreach:registration-manage", args=["nope"])).status_code == 404


def test_registration_is_rate_limited_per_address(client, settings, rate_limit_window):
    settings.REGISTRATION_RATE_LIMIT = "2/m"
    session = ClassSessionFactory()
    url = reverse("outreach:class-register", args=[session.pk])
    for n in range(2):
        client.post(url, _form(phone=f"090-3333-000{n}"))
    assert client.post(url, _form(phone="090-3333-0009")).status_code == 429


def test_the_english_pages_use_english_names(client):
    session = ClassSessionFactory()
    body = client.get("/en" + reverse("outreach:class-detail", args=[session.pk])).content.decode()
    assert session.topic.title_en in body


def test_the_lists_mark_city_names_written_only_in_japanese_on_other_language_pages(client):
    """An option cannot hold a span: the option itself carries lang="ja"."""
    district = DistrictFactory(name="藤野", name_en="")
    session = ClassSessionFactory(
        venue=VenueFactory(district=district), topic__title="スマホの基本", topic__title_en=""
    )
    finder = client.get("/vi/classes/").content.decode()
    assert f'<option value="{session.topic_id}" lang="ja">スマホの基本</option>' in finder
    assert f'<option value="{district.pk}" lang="ja">藤野</option>' in finder
    form = client.get(f"/vi/classes/{session.pk}/register/").content.decode()
    assert f'<option value="{district.pk}" lang="ja">藤野</option>' in form
    japanese = client.get("/classes/").content.decode()
    assert f'<option value="{district.pk}">藤野</option>' in japanese
