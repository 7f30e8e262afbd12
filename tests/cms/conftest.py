import io

import pytest


@pytest.fixture
def help_site(db):
    """The demo topics, home page and help articles (Japanese, easy Japanese, English)."""
    from cms import demo as cms_demo
    from core.demo import SeedContext
    from outreach import demo as outreach_demo
    from tests.conftest import ensure_migration_data

    ensure_migration_data()
    ctx = SeedContext(stdout=io.StringIO(), password="x", password_given=False)
    outreach_demo.seed(ctx)
    cms_demo.seed(ctx)
    return ctx
