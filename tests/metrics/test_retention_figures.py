"""Anonymising residents past the keeping period leaves every yearly figure as it was."""

import pytest

from core.fiscal import FiscalYear
from metrics.figures import Filters, year_totals
from metrics.refresh import refresh_figures
from outreach.models import Registration, Resident
from outreach.services.erasure import ERASED_NAME, purge_personal_data

pytestmark = pytest.mark.django_db


def test_the_years_figures_are_the_same_before_and_after_the_purge(world):
    refresh_figures()
    before = year_totals(Filters(world.year))
    by_district = {
        code: year_totals(Filters(world.year, district_id=district.pk))
        for code, district in world.districts.items()
    }
    # The day world's year (last fiscal year) has been kept for a whole year more.
    report = purge_personal_data(today=FiscalYear.current().next.start)
    assert report.residents == len(world.residents)
    assert set(Resident.objects.values_list("name", flat=True)) == {ERASED_NAME}
    assert not Registration.objects.exclude(phone=None).exists()
    refresh_figures()
    assert year_totals(Filters(world.year)) == before
    for code, district in world.districts.items():
        assert year_totals(Filters(world.year, district_id=district.pk)) == by_district[code]
    assert before.people_reached == 4
