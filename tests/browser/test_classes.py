"""A resident finds a class in Fujino on a phone, registers, and cancels; the next in line moves up."""

import pytest

from outreach.models import Registration
from outreach.services import register
from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE
from tests.factories import ClassSessionFactory, DistrictFactory, VenueFactory, consent

pytestmark = pytest.mark.browser


@pytest.fixture
def fujino_class(transactional_db):
    fujino = DistrictFactory(
        code="fujino", name="藤野", name_en="Fujino", is_mountainous=True, flyer_number=19
    )
    DistrictFactory(code="chuo", name="中央", name_en="Chuo", flyer_number=1)
    venue = VenueFactory(district=fujino, name="藤野公民館", address="相模原市緑区小渕2000")
    session = ClassSessionFactory(venue=venue, capacity=1, title="LINEで家族とやりとり")
    ClassSessionFactory(title="中央の教室")
    return session


def test_find_register_with_full_width_phone_and_cancel_promotes_the_next(
    live_server, fujino_class, new_page
):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/classes/")
    assert axe_violations(page) == []
    page.get_by_label("地区").select_option(label="藤野")
    page.get_by_role("button", name="この条件でさがす").click()
    assert page.get_by_text("中央の教室").count() == 0
    page.get_by_role("link", name="LINEで家族とやりとり").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="この教室に申し込む").click()
    assert axe_violations(page) == []

    page.get_by_label("お名前").fill("藤野 花子")
    page.get_by_label("ふりがな").fill("ふじの はなこ")
    page.get_by_label("電話番号").fill("０９０－１２３４－５６７８")
    page.get_by_label("1人", exact=True).check()
    page.get_by_label("上の「個人情報の使い方」に同意します").check()
    page.get_by_role("button", name="申し込む", exact=True).click()

    assert page.get_by_role("heading", name="申込を受け付けました").is_visible()
    assert axe_violations(page) == []
    mine = Registration.objects.get(phone="+819012345678")
    assert mine.status == "confirmed"

    # Someone else joins the waiting list; then our resident cancels by the private link.
    waiting = register(
        fujino_class,
        name="津久井 トメ",
        name_kana="",
        phone="042-123-4567",
        channel="desk",
        consent=consent("desk_read_out"),
    )
    assert waiting.status == "waitlisted"
    private_link = page.url
    page.goto(private_link)
    page.get_by_role("link", name="申込を取り消す").click()
    assert page.get_by_role("heading", name="申込を取り消しますか").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="取り消さない").click()
    assert page.get_by_role("heading", name="申込を受け付けました").is_visible()
    page.get_by_role("link", name="申込を取り消す").click()
    page.get_by_role("button", name="取り消す", exact=True).click()
    assert page.get_by_role("heading", name="この申込は取り消されています").is_visible()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_the_form_errors_are_axe_clean_and_in_plain_words(live_server, fujino_class, new_page):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/classes/{fujino_class.pk}/register/")
    page.get_by_label("電話番号").fill("0120-123-456")
    page.get_by_role("button", name="申し込む", exact=True).click()
    assert page.get_by_text("フリーダイヤル").first.is_visible()
    assert axe_violations(page) == []
