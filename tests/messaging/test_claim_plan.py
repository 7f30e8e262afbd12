"""The claim reads the first rows of its partial index, not the whole queue (PostgreSQL)."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from messaging.models import Message, Purpose
from messaging.services import claims

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: partial indexes and its query planner")


def _queue(count, now, **extra):
    Message.objects.bulk_create(
        [
            Message(
                to=f"+8190{i:08d}",
                channel="sms",
                purpose=Purpose.REMINDER,
                occasion=f"bench-{i}",
                body="あした 10時 から スマホ教室 です。",
                due_at=now - dt.timedelta(minutes=1),
                **extra,
            )
            for i in range(count)
        ]
    )


def test_the_claim_query_walks_the_queued_index_in_order_instead_of_sorting_the_queue():
    """Guards the O(N²) run: an OR'ed claim was a bitmap scan and sort of every queued row per batch."""
    now = timezone.now()
    _queue(3000, now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE messaging_message")  # as plan_due_messages does after a big plan
    # The claim's own statement, as claim_batch runs it on PostgreSQL.
    params = {
        "now": now,
        "wall": now,
        "size": 100,
        "status": "sending",
        "claim_token": uuid.uuid4(),
        "claimed_at": now,
        "claimed_until": now,
        "updated_at": now,
    }
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + claims.claim_statement(), params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    due = _section(plan, "CTE due")
    assert "Index Scan using messaging_queued_due_idx" in due
    assert "Sort" not in due


def _section(plan: str, title: str) -> str:
    """The lines of an EXPLAIN plan under `title`, up to the next node at its depth."""
    lines = plan.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == title)
    depth = len(lines[start]) - len(lines[start].lstrip())
    section = [lines[start]]
    for line in lines[start + 1 :]:
        if len(line) - len(line.lstrip()) <= depth:
            break
        section.append(line)
    return "\n".join(section)


def test_expired_claims_are_taken_before_queued_messages():
    now = timezone.now()
    _queue(3, now)
    stranded = Message.objects.create(
        to="+819011112222",
        channel="sms",
        purpose=Purpose.REMINDER,
        occasion="stranded",
        body="…",
        due_at=now,
        status=Message.Status.SENDING,
        attempts=1,
        claimed_until=timezone.now() - dt.timedelta(seconds=1),
    )
    batch = claims.claim_batch(now, 2)
    # Three queued messages were due earlier, yet the stranded one is among the two taken.
    assert stranded.pk in {m.pk for m in batch}
    assert len(batch) == 2
    assert {m.attempts for m in batch if m.pk == stranded.pk} == {2}
