"""Exactly once on PostgreSQL: two workers at once, as threads and as real processes,
each email to each learner sent once."""

import os
import subprocess
import sys
import threading
from collections import Counter
from email import message_from_bytes
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection, connections

from tests.factories import CourseSessionFactory, UserFactory
from training.emails import delivery
from training.models import EmailLog, Enrolment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
EMAILS = 60


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SKIP LOCKED claims from separate connections")


def _queue(n: int) -> list[str]:
    """n confirmations waiting in the log, their recipients. Written directly: announce()
    would wake the test's immediate task backend, which would send them all at once."""
    session = CourseSessionFactory(capacity=n)
    rows = []
    for _ in range(n):
        learner = UserFactory()
        enrolment = Enrolment.objects.create(
            learner=learner, course=session.course, session=session, status="confirmed"
        )
        rows.append(
            EmailLog(
                kind=EmailLog.Kind.CONFIRMED,
                enrolment=enrolment,
                learner=learner,
                recipient=learner.email,
            )
        )
    EmailLog.objects.bulk_create(rows)
    return [row.recipient for row in rows]


def test_two_worker_threads_at_once_send_each_email_once():
    recipients = _queue(EMAILS)
    start = threading.Barrier(2)
    reports = []

    def worker():
        start.wait()
        try:
            reports.append(delivery.deliver_due_emails())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    sent_to = Counter(m.to[0] for m in mail.outbox)
    assert sorted(sent_to) == sorted(recipients)
    assert max(sent_to.values()) == 1
    assert sum(r.sent for r in reports) == EMAILS
    assert EmailLog.objects.exclude(status="sent").count() == 0


def _worker_env(outbox: Path) -> dict:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    url = f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "DATABASE_URL": url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
        "LOG_LEVEL": "WARNING",
    }


def test_two_worker_processes_at_once_send_each_email_once(tmp_path):
    recipients = _queue(EMAILS)
    env = _worker_env(tmp_path)
    command = [sys.executable, "manage.py", "send_training_emails"]
    workers = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=180) for worker in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs

    # The file backend writes each connection's messages to one file, separated by a line of dashes.
    sent_to = Counter()
    for path in tmp_path.iterdir():
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                sent_to[message_from_bytes(chunk.strip()).get("To")] += 1
    assert sorted(sent_to) == sorted(recipients)
    assert max(sent_to.values()) == 1
    assert EmailLog.objects.filter(status="sent").count() == EMAILS
