"""Exactly once on PostgreSQL: real `send_due_reminders` processes, two at once and one
killed mid-run, sending through the real twilio client to the fake Twilio API."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from messaging.models import Message, Purpose
from messaging.services import planning
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory
from tests.messaging.conftest import FROM_NUMBER, jst, reported
from tests.messaging.fake_twilio import ACCOUNT_SID, AUTH_TOKEN

# queue_only: the worker processes under test do the sending.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("queue_only"),
]

ROOT = Path(__file__).resolve().parents[2]
MOMENT = "2030-05-13T10:00+09:00"


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: row locks with SKIP LOCKED and separate worker processes")


def _worker_env(fake) -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "DATABASE_URL": url,
        "SMS_BACKEND": "twilio",
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": FROM_NUMBER,
        "TWILIO_API_BASE_URL": fake.base_url,
        "MESSAGING_CLAIM_SECONDS": "2",
        "TWILIO_TIMEOUT_SECONDS": "1",
        "MESSAGING_BATCH_SIZE": "10",
        "LOG_LEVEL": "WARNING",
    }


def _worker(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_due_reminders", "--now", MOMENT],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _queue(n, clock):
    clock.set(jst(2030, 5, 13, 10, 0))
    session = ClassSessionFactory(capacity=n)
    for i in range(n):
        resident = ResidentFactory(phone=f"+8190{7000_0000 + i:08d}")
        planning.queue_message(
            RegistrationFactory(session=session, resident=resident), Purpose.CONFIRMATION
        )


def _assert_each_sent_exactly_once(fake, n):
    sent_to = Counter(m["to"] for m in fake.messages)
    assert len(sent_to) == n
    assert max(sent_to.values()) == 1, [to for to, count in sent_to.items() if count > 1]
    assert Message.objects.filter(status=Message.Status.SENT).count() == n
    sids = {m["sid"] for m in fake.messages}
    assert set(Message.objects.values_list("provider_id", flat=True)) == sids


def test_two_workers_at_once_send_each_message_exactly_once(clock, fake_twilio):
    _queue(120, clock)
    fake_twilio.respond_delay = 0.005
    # Neither worker's first send is answered before the other has sent too, so both
    # hold claimed rows at the same moment, whichever process starts faster.
    fake_twilio.hold_until_clients(2)
    env = _worker_env(fake_twilio)
    workers = [_worker(env), _worker(env)]
    outputs = [w.communicate(timeout=120) for w in workers]
    assert all(w.returncode == 0 for w in workers), outputs
    _assert_each_sent_exactly_once(fake_twilio, 120)
    # Both workers sent (SKIP LOCKED let the second one past the first one's rows),
    # and what they say they sent adds up to what the fake API received.
    sent = [reported(out, "sent") for out, _err in outputs]
    assert all(count > 0 for count in sent), outputs
    assert sum(sent) == 120


def test_a_worker_killed_mid_run_leaves_no_message_unsent_or_sent_twice(
    clock, fake_twilio, monkeypatch
):
    _queue(80, clock)
    # Twilio records each message, then answers 30 ms later: a kill in that
    # window leaves a message Twilio accepted but the worker never recorded.
    fake_twilio.respond_delay = 0.03
    env = _worker_env(fake_twilio)
    first = _worker(env)
    deadline = time.monotonic() + 60
    while len(fake_twilio.messages) < 25 and time.monotonic() < deadline:
        time.sleep(0.005)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert 0 < len(fake_twilio.messages) < 80
    assert Message.objects.filter(status=Message.Status.SENDING).exists()  # stranded claims
    time.sleep(2.2)  # the dead worker's claims expire (MESSAGING_CLAIM_SECONDS=2)
    fake_twilio.respond_delay = 0.002
    again = [_worker(env), _worker(env)]
    outputs = [w.communicate(timeout=120) for w in again]
    assert all(w.returncode == 0 for w in again), outputs
    _assert_each_sent_exactly_once(fake_twilio, 80)
    # The message in flight at the kill was found at Twilio, not sent again.
    recovered = sum(reported(out, "recovered") for out, _err in outputs)
    assert recovered >= 1, outputs
    # A third run finds nothing left to send.
    out, _err = _worker(env).communicate(timeout=60)
    assert (reported(out, "sent"), reported(out, "recovered")) == (0, 0), out
