"""The Wagtail listing of help articles keeps Japanese titles readable at 1024 px, in Chromium."""

import pytest
from django.test import Client

from tests.browser.conftest import TABLET
from tests.cms.conftest import seed_help_site
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

# A page's title (the span Wagtail names page_<id>_title, without the locale label and
# buttons): [its length, its number of lines (distinct line tops)].
TITLE_LINES = """(cell) => {
  const link = cell.querySelector('[id^="page_"][id$="_title"]');
  const range = document.createRange();
  range.selectNodeContents(link);
  const tops = new Set();
  for (const rect of range.getClientRects()) {
    if (rect.width > 0) tops.add(Math.round(rect.top));
  }
  return [link.textContent.trim().length, tops.size];
}"""


def test_help_article_titles_are_not_squeezed(transactional_db, live_server, new_page):
    from core.roles import Role

    seed_help_site()
    editor = UserFactory(role=Role.EDITOR)
    client = Client()
    client.force_login(editor)
    page = new_page(viewport=TABLET)
    page.set_default_timeout(60_000)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    # The listing with the easy-Japanese columns: the most columns beside the title.
    page.goto(f"{live_server.url}/admin/help_articles/")
    assert page.locator("html").get_attribute("lang") == "ja"
    titles = page.locator("table.listing td.title")
    assert titles.count() >= 3
    assert page.locator("table.listing th.title").bounding_box()["width"] >= 280
    for cell in titles.all():
        # On one line, or a phrase a line: not a few characters (about 5 in a 95 px column).
        length, lines = cell.evaluate(TITLE_LINES)
        assert lines == 1 or length / lines >= 10, cell.inner_text()
