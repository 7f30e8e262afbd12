"""The desk's phone hours kept as rows: weekday hours, dated exceptions, the setting
as the fallback, the admin screen's checks and the migration that seeds the rows."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from config.env import OfficeHours
from messaging.models import DeskHours
from messaging.schedule import desk_is_open
from tests.conftest import ensure_migration_data
from tests.messaging.conftest import jst, twiml

T = dt.time


@pytest.fixture
def no_rows(db):
    DeskHours.objects.all().delete()


@pytest.fixture
def weekly(no_rows):
    """Monday 10:00–12:00 and Wednesday 13:00–16:30; Tuesday closed; no other rows."""
    DeskHours.objects.create(weekday=0, opens=T(10, 0), closes=T(12, 0))
    DeskHours.objects.create(weekday=1, is_closed=True)
    DeskHours.objects.create(weekday=2, opens=T(13, 0), closes=T(16, 30))


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (jst(2030, 5, 13, 9, 59), False),  # Monday, before opening
        (jst(2030, 5, 13, 10, 0), True),
        (jst(2030, 5, 13, 11, 59), True),
        (jst(2030, 5, 13, 12, 0), False),  # closing time itself is closed
        (jst(2030, 5, 14, 11, 0), False),  # Tuesday, a closed row
        (jst(2030, 5, 15, 16, 0), True),  # Wednesday afternoon
        (jst(2030, 5, 15, 11, 0), False),  # Wednesday morning
        (jst(2030, 5, 16, 11, 0), False),  # Thursday has no row
    ],
)
def test_the_weekday_rows_give_the_hours(weekly, moment, is_open):
    assert desk_is_open(moment) is is_open


def test_a_closed_date_closes_a_normal_weekday(weekly):
    DeskHours.objects.create(date=dt.date(2030, 5, 20), is_closed=True, note="研修のため")
    assert not desk_is_open(jst(2030, 5, 20, 11, 0))
    assert desk_is_open(jst(2030, 5, 27, 11, 0))  # the next Monday is as usual


def test_special_hours_on_a_date_replace_the_weekdays(weekly):
    DeskHours.objects.create(date=dt.date(2030, 5, 20), opens=T(14, 0), closes=T(15, 0))
    assert not desk_is_open(jst(2030, 5, 20, 11, 0))
    assert desk_is_open(jst(2030, 5, 20, 14, 30))


def test_a_holiday_stays_closed_unless_a_date_row_opens_it(weekly):
    substitute_holiday = jst(2030, 5, 6, 11, 0)  # a Monday, for Children's Day
    assert not desk_is_open(substitute_holiday)
    DeskHours.objects.create(date=dt.date(2030, 5, 6), opens=T(9, 0), closes=T(12, 0))
    assert desk_is_open(substitute_holiday)
    assert not desk_is_open(jst(2030, 12, 30, 11, 0))  # the year-end closure, a Monday


def test_without_rows_the_setting_gives_the_hours(no_rows, settings):
    settings.DESK_OFFICE_HOURS = OfficeHours(5, 6, T(9, 0), T(12, 0))  # weekends only
    assert desk_is_open(jst(2030, 5, 18, 10, 0))  # Saturday
    assert not desk_is_open(jst(2030, 5, 18, 12, 0))
    assert not desk_is_open(jst(2030, 5, 13, 10, 0))  # Monday
    DeskHours.objects.create(date=dt.date(2030, 5, 18), is_closed=True)
    assert not desk_is_open(jst(2030, 5, 18, 10, 0))  # a date row still counts


def test_one_query_decides(weekly, django_assert_num_queries):
    DeskHours.objects.create(date=dt.date(2030, 5, 13), opens=T(8, 0), closes=T(9, 0))
    with django_assert_num_queries(1):
        assert desk_is_open(jst(2030, 5, 13, 8, 30))


def test_a_closed_date_sends_a_caller_to_the_message_instead_of_the_desk(
    db, twilio_post, clock, settings
):
    settings.DESK_FORWARD_NUMBER = "+81427000000"
    clock.set(jst(2030, 5, 13, 10, 0))  # Monday morning, in the seeded hours
    menu = {"From": "+81427001234", "Digits": "0"}
    assert twiml(twilio_post("/twilio/voice/menu/", menu)).find("Dial") is not None
    DeskHours.objects.create(date=dt.date(2030, 5, 13), is_closed=True)
    root = twiml(twilio_post("/twilio/voice/menu/", menu))
    assert root.find("Dial") is None and root.find("Record") is not None


# --- The admin screen -----------------------------------------------------------------
@pytest.fixture
def coordinator_client(client, coordinator_with_totp):
    ensure_migration_data()
    client.force_login(coordinator_with_totp)
    return client


def _form(**fields):
    form = {"weekday": "", "date": "", "opens": "", "closes": "", "note": ""}
    return form | fields


def test_a_coordinator_adds_a_closed_day(coordinator_client):
    response = coordinator_client.post(
        reverse("desk_hours:add"), _form(date="2030-05-20", is_closed="on", note="研修")
    )
    assert response.status_code == 302
    row = DeskHours.objects.get(date=dt.date(2030, 5, 20))
    assert row.is_closed and row.note == "研修"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": "2030-05-20", "opens": "17:00", "closes": "09:00"}, "終了時刻は、開始時刻より後"),
        ({"date": "2030-05-20", "opens": "09:00", "closes": "09:00"}, "終了時刻は、開始時刻より後"),
        ({"date": "2030-05-20", "opens": "09:00"}, "終了時刻を入れてください"),
        ({"opens": "09:00", "closes": "12:00"}, "曜日か日付の、どちらか一つだけ"),
        (
            {"weekday": "0", "date": "2030-05-20", "is_closed": "on"},
            "曜日か日付の、どちらか一つだけ",
        ),
    ],
)
def test_impossible_hours_are_refused_with_a_clear_message(coordinator_client, fields, message):
    before = DeskHours.objects.count()
    response = coordinator_client.post(reverse("desk_hours:add"), _form(**fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert DeskHours.objects.count() == before


def test_a_second_row_for_the_same_weekday_is_refused(coordinator_client):
    DeskHours.objects.filter(weekday=0).delete()
    DeskHours.objects.create(weekday=0, opens=T(8, 30), closes=T(17, 15))
    response = coordinator_client.post(
        reverse("desk_hours:add"), _form(weekday="0", opens="09:00", closes="12:00")
    )
    assert response.status_code == 200
    assert "この曜日の行はもうあります。" in response.content.decode()
    assert DeskHours.objects.filter(weekday=0).count() == 1


# --- The data migration ---------------------------------------------------------------
def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def test_the_migration_seeds_the_weeks_hours_from_the_setting(transactional_db, settings):
    try:
        _migrate(("messaging", "0003_desk_hours"))
        assert not DeskHours.objects.exists()
        settings.DESK_OFFICE_HOURS = OfficeHours(1, 3, T(9, 0), T(16, 0))
        _migrate(("messaging", "0004_seed_desk_hours"))
        rows = {row.weekday: row.span() for row in DeskHours.objects.all()}
        assert rows == {
            0: None,
            1: (T(9, 0), T(16, 0)),
            2: (T(9, 0), T(16, 0)),
            3: (T(9, 0), T(16, 0)),
            4: None,
            5: None,
            6: None,
        }
        assert desk_is_open(jst(2030, 5, 14, 10, 0))  # Tuesday
        assert not desk_is_open(jst(2030, 5, 13, 10, 0))  # Monday
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
