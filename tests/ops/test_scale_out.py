"""scripts/scale_out.py: two app servers and two workers on one PostgreSQL and one Redis."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import migrated_database_name
from tests.ops.conftest import own_database_name, pg_base_url, postgres_only

pytestmark = postgres_only

ROOT = Path(__file__).resolve().parents[2]


def test_two_servers_and_two_workers_share_seats_sessions_limits_and_messages(
    redis_url, django_db_setup
):
    env = dict(
        os.environ,
        SCALE_OUT_PG=pg_base_url(),
        SCALE_OUT_DB=own_database_name("scale_out"),
        # A copy of the migrated test database: the script would migrate one otherwise.
        SCALE_OUT_TEMPLATE=migrated_database_name(),
        REDIS_URL=redis_url,
    )
    run = subprocess.run(
        [sys.executable, "scripts/scale_out.py", "--registrations", "12", "--capacity", "5"]
        + ["--timeout", "900"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=960,
    )
    out = run.stdout
    assert run.returncode == 0, out + run.stderr
    for check in (
        "[ok] every registration answered 201",
        "[ok] confirmed seats == capacity: 5 confirmed, 7 waitlisted",
        "[ok] session signed in on A continues on B",
        "[ok] signed out on B is signed out on A",
        "[ok] sign-in limit shared by A and B",
        "[ok] each message sent exactly once: 12 requests to the SMS API for 12 registrations",
        "RESULT: 6 of 6 checks passed",
    ):
        assert check in out, out
    assert f"dropped database {env['SCALE_OUT_DB']}" in out
    # Every process it started is stopped quietly: an operator reads no traceback.
    assert "Traceback" not in run.stderr, run.stderr
