"""scripts/backup_drill.py: a dump of a seeded database restores into a working site."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import ClassSessionFactory, RegistrationFactory, UserFactory
from tests.ops.conftest import own_database_name, pg_base_url, postgres_only

pytestmark = postgres_only

ROOT = Path(__file__).resolve().parents[2]


def _drill(source: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/backup_drill.py", source, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.django_db(transaction=True)
def test_a_seeded_database_is_dumped_restored_checked_booted_and_counted():
    session = ClassSessionFactory(capacity=5)
    RegistrationFactory.create_batch(5, session=session)
    UserFactory.create_batch(2)
    source = f"{pg_base_url()}/{connection.settings_dict['NAME']}"
    target = own_database_name("drill")

    run = _drill(source, "--target", target)

    out = run.stdout
    assert run.returncode == 0, out + run.stderr
    assert "manage.py check: ok" in out and "manage.py migrate --check: ok" in out
    assert "answers /healthz" in out and "'database': 'ok'" in out
    assert "row counts match in all" in out
    assert "RESULT: ok" in out and f"dropped {target}" in out
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [target])
        assert cursor.fetchone()[0] == 0


def test_a_drill_that_cannot_dump_says_so_and_fails():
    run = _drill(f"{pg_base_url()}/{own_database_name('missing')}")
    assert run.returncode == 1
    assert "RESULT: FAILED" in run.stdout and "does not exist" in run.stdout
