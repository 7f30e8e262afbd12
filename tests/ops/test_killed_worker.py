"""A registration burst on gunicorn while its workers are killed (SIGKILL) mid-request.

A killed worker takes its in-flight request with it: PostgreSQL rolls back an
open transaction, but a registration committed just before the kill is kept
while its answer never reaches the resident. Nothing answered 201 may be lost,
the class is never overbooked, and every registration kept (answered or not)
gets a message with the resident's own manage page.
"""

import datetime as dt
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from messaging.models import Message
from messaging.services.planning import MISSED_GRACE, plan_missed_registration_messages
from outreach.models import Registration
from tests.factories import ClassSessionFactory
from tests.ops.conftest import pg_base_url, postgres_only

pytestmark = postgres_only

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
# Each registration's answer waits 50 ms after its commit (tests/ops/slow_answers.py),
# so a worker looked for mid-request is found there.
BURST = 120
CAPACITY = 15
# Answers received before a worker is killed: twice, so that a kill landing just
# after a worker wrote its answer (the answer then arrives) cannot hide the case.
KILL_AFTER = (8, 20)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port, method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        data = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _env(port: int) -> dict[str, str]:
    env = dict(
        os.environ,
        DATABASE_URL=f"{pg_base_url()}/{connection.settings_dict['NAME']}",
        DJANGO_SETTINGS_MODULE="scripts.scale_out_settings",
        DEBUG="false",
        SECRET_KEY="killed-worker-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        REGISTRATION_RATE_LIMIT="100000/m",  # the burst comes from one address
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        SMS_BACKEND="outbox",
        LOG_LEVEL="ERROR",
        PYTHONWARNINGS="ignore:No directory at",
    )
    env.pop("REDIS_URL", None)
    return env


def _workers(master: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def _busy_worker(master: int, port: int, spared=frozenset()) -> int | None:
    """A worker holding an open client connection on `port`: one in the middle of a request."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as rows:
            for row in list(rows)[1:]:
                fields = row.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                if local_port == port and fields[3] == "01":  # ESTABLISHED
                    inodes.add(f"socket:[{fields[9]}]")
    for pid in _workers(master):
        if pid in spared:
            continue  # killed already, not yet reaped: its sockets are still listed
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") in inodes for fd in fds):
                return pid
        except OSError:
            continue
    return None


def _kill_a_busy_worker(master: int, port: int, killed=frozenset()) -> int | None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        victim = _busy_worker(master, port, killed)
        if victim is not None:
            os.kill(victim, signal.SIGKILL)
            return victim
    return None


def _wait_healthy(port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if _request(port, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail("gunicorn did not answer /healthz")


def _burst_killing_workers(port: int, master: int, class_id: int):
    """Fire BURST registrations; at each KILL_AFTER answers, SIGKILL a worker mid-request."""
    path = f"/api/v1/classes/{class_id}/registrations"

    def register(n):
        body = {
            "name": f"住民{n}",
            "name_kana": "じゅうみん",
            "phone": f"090-4{n // 1000:03d}-{n % 1000:04d}",
            "consent": True,
        }
        try:
            return _request(port, "POST", path, body)
        except (OSError, http.client.HTTPException) as exc:
            return None, repr(exc)  # the answer was lost with the worker

    answers, victims = [], []
    with ThreadPoolExecutor(max_workers=10) as pool:
        futures = [pool.submit(register, n) for n in range(BURST)]
        for future in as_completed(futures):
            answers.append(future.result())
            if len(victims) < len(KILL_AFTER) and len(answers) >= KILL_AFTER[len(victims)]:
                victims.append(_kill_a_busy_worker(master, port, frozenset(victims)))
    return answers, victims


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_burst_loses_no_acknowledged_place_and_never_overbooks():
    session = ClassSessionFactory(capacity=CAPACITY)
    port = _free_port()
    env = _env(port)
    server = subprocess.Popen(
        # The site, with a pause between each registration's commit and its answer.
        [GUNICORN, "tests.ops.slow_answers", "-w", "3", "-b", f"127.0.0.1:{port}"]
        + ["--log-level", "error"],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_healthy(port)
        answers, victims = _burst_killing_workers(port, server.pid, session.pk)
        # Both kills land mid-request: each worker spends most of a request in the pause.
        assert None not in victims and len(set(victims)) == len(KILL_AFTER)
        assert not set(victims) & set(_workers(server.pid))

        acknowledged = {}
        lost = 0
        for status, body in answers:
            if status is None:
                lost += 1
                continue
            # Only a registration or a lost answer: never an error page.
            assert status == 201, body
            payload = json.loads(body)
            acknowledged[payload["id"]] = payload["status"]

        kept = dict(Registration.objects.filter(session=session).values_list("pk", "status"))
        # Every place answered 201 is there, as answered.
        assert {pk: kept.get(pk) for pk in acknowledged} == acknowledged
        # Only requests whose answer was lost may have left an unanswered row.
        assert len(kept) - len(acknowledged) <= lost
        confirmed = sum(1 for status in kept.values() if status == "confirmed")
        assert confirmed == min(CAPACITY, len(kept))
        assert len(kept) >= BURST - lost
        # The workers were killed holding a request: an answer never came.
        assert lost >= 1

        # The task worker plans what was enqueued; the minutely tick plans what a
        # killed process committed but never enqueued.
        subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
        # Here, as in the task worker, links point at the server the residents used.
        with override_settings(PUBLIC_BASE_URL=f"http://127.0.0.1:{port}"):
            plan_missed_registration_messages(
                timezone.now() + MISSED_GRACE + dt.timedelta(seconds=1)
            )

        unanswered = set(kept) - set(acknowledged)
        for registration in Registration.objects.filter(session=session):
            link = f"http://127.0.0.1:{port}/r/{registration.manage_token}/"
            bodies = list(
                Message.objects.filter(registration=registration).values_list("body", flat=True)
            )
            assert len(bodies) == 1 and link in bodies[0], (registration.pk, bodies)
            if registration.pk in unanswered:
                # The link in the text opens the resident's place on the live server.
                assert (
                    _request(port, "GET", link.removeprefix(f"http://127.0.0.1:{port}"))[0] == 200
                )
        print(
            f"burst {BURST}: {len(acknowledged)} answered 201, {lost} answers lost with "
            f"workers {victims}, {len(unanswered)} kept without an answer, {confirmed} confirmed"
        )
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
