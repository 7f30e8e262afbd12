"""The kept seeding of tests.db_snapshot: the same rows back, a real seeding whenever the
starting state or the file storage differs, and ids that never collide afterwards."""

import uuid

import pytest
from django.db import connection
from django.test import override_settings

from outreach.models import District
from tests.db_snapshot import seeded
from tests.factories import DistrictFactory, UserFactory

pytestmark = pytest.mark.postgres


@pytest.fixture
def on_postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("the rows are kept on PostgreSQL only; SQLite seeds for real")


class Seeding:
    """Three districts; counts how often it really ran."""

    def __init__(self):
        self.name = f"districts {uuid.uuid4()}"
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return [DistrictFactory(code=f"seeded{n}").pk for n in range(3)]

    def again(self):
        return seeded(self.name, self, list)


def test_the_same_starting_state_gets_the_same_rows_back_without_seeding(on_postgres):
    seeding = Seeding()
    first = seeding.again()
    seeded_rows = sorted(District.objects.values_list("pk", "code", "name"))
    District.objects.all().delete()  # the starting state again

    assert seeding.again() == first
    assert seeding.runs == 1
    assert sorted(District.objects.values_list("pk", "code", "name")) == seeded_rows
    # A row written after the restore gets a new id, past every id used before.
    assert DistrictFactory(code="later").pk > max(first)


def test_another_starting_state_is_seeded_for_real(on_postgres):
    seeding = Seeding()
    seeding.again()
    District.objects.all().delete()
    UserFactory()  # one more row than the kept seeding started from

    seeding.again()
    assert seeding.runs == 2


def test_a_replaced_file_storage_is_seeded_for_real(on_postgres):
    # The kept rows name files in the storage the first seeding wrote to.
    seeding = Seeding()
    seeding.again()
    District.objects.all().delete()
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        seeding.again()
    assert seeding.runs == 2


def test_ids_never_go_back_after_the_restore_is_rolled_back(on_postgres):
    """Inside a module's transaction the restore is rolled back but sequences are not:
    a row written after the rollback must not take an id that a row present holds."""
    from django.db import transaction

    from core.models import User

    seeding = Seeding()
    UserFactory()
    seeding.again()
    District.objects.all().delete()
    User.objects.all().delete()
    newer = UserFactory()  # the same starting counts, with a higher id than the kept one
    with transaction.atomic():
        seeding.again()
        assert seeding.runs == 1
        transaction.set_rollback(True)
    assert User.objects.get() == newer
    assert UserFactory().pk > newer.pk


def test_on_sqlite_it_seeds_every_time(db):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL keeps the rows")
    seeding = Seeding()
    seeding.again()
    District.objects.all().delete()
    seeding.again()
    assert seeding.runs == 2
