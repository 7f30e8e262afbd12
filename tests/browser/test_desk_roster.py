"""The desk's roster stays readable on a 1024 px tablet and a 1280 px screen, in Chromium."""

import re

import pytest
from django.test import Client

from core.roles import Role
from outreach.services import register
from tests.browser.axe import axe_violations
from tests.browser.conftest import DESKTOP, TABLET
from tests.factories import ClassSessionFactory, UserFactory, consent

pytestmark = pytest.mark.browser

# Long names and kana, as the desk types them: they must wrap at the space, if anywhere.
PEOPLE = [
    ("相模原 由紀子", "さがみはら ゆきこ"),
    ("津久井 ハナ", "つくい はな"),
    ("藤野 次郎左衛門", "ふじの じろうざえもん"),
    ("グエン・ティ・ホア", "ぐえん てぃ ほあ"),
    ("城山 トメ", "しろやま とめ"),
    ("ペレイラ・ダ・シルヴァ マリア", "ぺれいら だ しるゔぁ まりあ"),
]

# How many line boxes an element's text takes: the distinct tops of its text's rectangles.
LINES = """(cell) => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = new Set();
  for (const rect of range.getClientRects()) {
    if (rect.width > 0) tops.add(Math.round(rect.top));
  }
  return tops.size;
}"""


def _with_hidden(visible: str, name: str):
    """A control's name: its visible words, then "：" and the person's name hidden from
    sight (Chromium puts a space before the hidden part, which is absolutely positioned)."""
    return re.compile(rf"^{re.escape(visible)}\s*：{re.escape(name)}$")


@pytest.fixture
def desk_page(transactional_db, live_server, new_page):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    coordinator = UserFactory(role=Role.COORDINATOR)
    TOTP.activate(coordinator, generate_totp_secret())
    client = Client()
    client.force_login(coordinator)
    page = new_page(viewport=DESKTOP)
    # The first page of a live server compiles every template: on a busy machine, slow.
    page.set_default_timeout(60_000)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


@pytest.mark.parametrize("viewport", [TABLET, DESKTOP], ids=["1024", "1280"])
def test_the_roster_keeps_names_on_their_lines(live_server, desk_page, viewport):
    page = desk_page
    page.set_viewport_size(viewport)
    session = ClassSessionFactory(title="スマホの基本（LINEと写真）", capacity=4)
    # A second class, so each row can be moved: the move form is the widest action.
    ClassSessionFactory(title="スマホの基本（地図とバス）")
    for n, (name, kana) in enumerate(PEOPLE):
        register(
            session,
            name=name,
            name_kana=kana,
            phone=f"042-700-12{n:02d}",
            channel="desk",
            consent=consent("desk_family"),
            needs_loaner_device=n % 2 == 0,
            phone_kind="iphone" if n % 2 else "android",
        )
    page.goto(f"{live_server.url}/desk/classes/{session.pk}/")
    names = page.locator("table.roster td.roster__name")
    assert names.count() == len(PEOPLE)
    for cell in names.all():
        # The name's line and the kana's line: a name never wraps a character at a time.
        assert cell.evaluate(LINES) <= 2, cell.inner_text()
        assert cell.bounding_box()["width"] >= 100, cell.inner_text()
    for cell in page.locator("table.roster td.roster__phone").all():
        assert cell.evaluate(LINES) == 1, cell.inner_text()
    # The table fits the page: no sideways scrolling at these widths.
    table = page.locator("table.roster").bounding_box()
    assert table["x"] + table["width"] <= viewport["width"]
    # Each row's actions are below the table, reached by the row's link.
    page.get_by_role("link", name=_with_hidden("取り消し・移動", "グエン・ティ・ホア")).click()
    assert "#registration-" in page.url
    assert page.get_by_role("heading", name="グエン・ティ・ホア").is_visible()
    assert page.get_by_role(
        "button", name=_with_hidden("取り消す", "グエン・ティ・ホア")
    ).is_visible()
    assert page.get_by_label(_with_hidden("移動先", "グエン・ティ・ホア")).is_visible()
    assert axe_violations(page) == []
