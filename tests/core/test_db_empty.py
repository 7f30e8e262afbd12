"""tests.db_empty: the flush after a transactional test empties every table that holds
rows on PostgreSQL, the append-only access log included, as Django's own flush would."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from core.models import AccessEvent, User
from outreach.models import ClassSession, Registration
from tests.db_empty import DEFER_CHECKS, emptying_statements, tables_with_rows
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL flush (SQLite keeps Django's)"
)


def _django_tables():
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


@pytest.mark.django_db(transaction=True)
def test_the_flush_empties_every_table_with_rows_and_post_migrate_puts_content_types_back():
    staff = UserFactory(email="flush@example.jp")
    RegistrationFactory()
    AccessEvent.objects.create(actor=staff, what="inbox")
    registration_ids = list(Registration.objects.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        filled = set(tables_with_rows(cursor, _django_tables()))
    assert {"core_accessevent", "outreach_registration", "core_user"} <= filled

    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)

    with connection.cursor() as cursor:
        left = set(tables_with_rows(cursor, _django_tables()))
    # What post_migrate makes again after any flush (content types, permissions, and
    # core.roles' groups with theirs), and nothing else.
    post_migrate = {"django_content_type", "auth_permission", "auth_group"}
    assert left <= post_migrate | {"auth_group_permissions"}, left
    assert ContentType.objects.filter(app_label="outreach", model="registration").exists()
    assert not User.objects.exists() and not AccessEvent.objects.exists()
    assert not ClassSession.objects.exists()
    # The sequences go on (reset_sequences=False), as after Django's flush.
    assert RegistrationFactory().pk > max(registration_ids)


@pytest.mark.django_db(transaction=True)
def test_only_tables_with_rows_are_named_and_a_table_with_a_trigger_is_truncated():
    UserFactory(email="flush2@example.jp")
    AccessEvent.objects.create(what="inbox")
    with connection.cursor() as cursor:
        statements = emptying_statements(cursor, _django_tables())
        filled = tables_with_rows(cursor, _django_tables())

    assert statements[0] == DEFER_CHECKS
    truncated = [s for s in statements if s.startswith("TRUNCATE")]
    deleted = {s.removeprefix("DELETE FROM ").strip('"') for s in statements if "DELETE" in s}
    assert truncated == ['TRUNCATE "core_accessevent"']
    assert deleted == set(filled) - {"core_accessevent"}
    assert len(filled) < len(_django_tables()) / 2
