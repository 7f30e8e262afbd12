"""The demo's history tells the figures' story: the voice menu brings the mountains in."""

import pytest
from django.utils import timezone

from core.fiscal import FiscalYear
from metrics.figures import Filters, year_totals
from metrics.models import Target
from outreach.demo_history import voice_menu_start
from outreach.models import ClassSession, Registration
from tests.conftest import seed_whole_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_three_fiscal_years_of_figures_and_the_voice_menus_story():
    seed_whole_demo()
    this = FiscalYear.current()
    first, last = this.previous.previous, this.previous
    start = voice_menu_start(timezone.localdate())
    assert start == last.start.replace(month=10)
    held = ClassSession.objects.filter(starts_at__lt=timezone.now())
    for year in (first, last, this):
        begin, end = year.bounds()
        assert held.filter(starts_at__gte=begin, starts_at__lt=end).exists(), year
    voice = Registration.objects.filter(channel="voice", session__starts_at__lt=timezone.now())
    assert voice.exists()
    assert (
        min(timezone.localdate(s) for s in voice.values_list("session__starts_at", flat=True))
        >= start
    )

    def share(year):
        totals = year_totals(Filters(year))
        return totals.mountainous_reached / totals.known_home_reached

    assert share(first) < share(last) < share(this)
    assert Target.objects.filter(fiscal_year=this.start_year).count() >= 10
