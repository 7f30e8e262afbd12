"""The measures count what their definitions say, on a year counted by hand (conftest.world)."""

from decimal import Decimal

import pytest

from metrics.figures import Filters, year_totals
from metrics.measures import BY_KEY

pytestmark = pytest.mark.django_db


def figure(totals, key):
    return BY_KEY[key].figure(totals).value


def test_every_measure_matches_the_hand_count(world):
    totals = year_totals(Filters(world.year))
    expected = {
        "residents_reached": Decimal(4),
        "classes_held": Decimal(2),
        "attendees_per_class": Decimal("3.0"),
        "fill_rate": Decimal("50.0"),
        "no_show_rate": Decimal("25.0"),
        "waitlist_demand": Decimal(1),
        "repeat_rate": Decimal("25.0"),
        "can_do_improvement": Decimal("66.7"),
        "satisfaction": Decimal("66.7"),
        "helper_ratio_kept": Decimal("50.0"),
        "mountainous_share": Decimal("50.0"),
        "registrations": Decimal(9),
    }
    assert {key: figure(totals, key) for key in expected} == expected


def test_a_district_filter_counts_only_the_classes_held_there(world):
    fujino = Filters(world.year, district_id=world.districts["fujino"].pk)
    totals = year_totals(fujino)
    assert (totals.people_reached, totals.classes_held, totals.attendees) == (3, 1, 4)


def test_a_topic_filter_counts_only_that_topic(world):
    totals = year_totals(Filters(world.year, topic_id=world.topics["line"].pk))
    assert (totals.people_reached, totals.classes_held, totals.registrations) == (2, 1, 4)


def test_the_staff_course_measure_is_not_available_yet_and_says_what_it_waits_for():
    measure = BY_KEY["staff_required_completion"]
    assert not measure.available
    assert "training.queries.required_completion(fiscal_year" in measure.waits_for
