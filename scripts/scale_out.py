"""Two app servers and two task workers on one PostgreSQL and one Redis, checked end to end.

Creates a throwaway database and migrates it, starts two gunicorn servers (A and
B, on their own ports) and two `db_worker` processes with REDIS_URL set, and a
fake Twilio API in its own process. Then:

- sends more registrations than one class has seats, alternating A and B, and
  checks that confirmed seats == capacity and every request was answered 201;
- signs in on A, continues the session on B, signs out on B and checks that A
  no longer knows the session (a per-process cache would still let it in);
- fails the password alternately on A and B and checks that the sign-in limit
  (ACCOUNT_RATE_LIMITS["login_failed"]) trips after exactly that many failures;
- waits for the workers to send every registration's SMS to the fake API and
  checks each was sent exactly once (one request per message, each recorded).

Prints a summary; exits 1 if any check failed. Stops every process it started,
drops the database and deletes its keys from Redis.

    .venv/bin/python scripts/scale_out.py [--registrations 20] [--capacity 8] [--without-redis]

With --without-redis each process keeps its own cache, as a deployment that
forgot REDIS_URL would: the run then shows which checks fail.

Environment: SCALE_OUT_PG (default postgres://postgres@127.0.0.1:5432), REDIS_URL
(default redis://127.0.0.1:6379/0), SCALE_OUT_DB (the database it creates and
drops, default tsunagu_scale_out), SCALE_OUT_TEMPLATE (a migrated database no one is
connected to: the new one is made as its copy instead of migrated, a fraction of a
second instead of half a minute; the test suite passes its own).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
# The environment this runs in (make's .venv, or CI's).
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
TIMEOUT = 60  # seconds per request: generous, a shared CI machine can be slow
PASSWORD = "scale-out-password-8472"  # noqa: S105 - a throwaway account in a throwaway database
TWILIO_SID = "AC" + "0" * 32  # the fake API's account (tests/messaging/fake_twilio.py)
TWILIO_TOKEN = "fake-auth-token-0123456789abcdef"  # noqa: S105


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One browser: its own cookies, talking to whichever server it is told."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port, method, path, *, form=None, json_body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        sent = dict(headers or {})
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            sent["Content-Type"] = "application/json"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            payload = response.read()
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, response.getheader("Location") or "", payload.decode()
        finally:
            conn.close()

    def csrf(self, port, path="/accounts/login/") -> str:
        _status, _location, html = self.request(port, "GET", path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return found.group(1) if found else ""

    def sign_in(self, port, email, password):
        token = self.csrf(port)
        return self.request(
            port,
            "POST",
            "/accounts/login/",
            form={"login": email, "password": password, "csrfmiddlewaretoken": token},
        )


class Run:
    def __init__(self, args):
        self.args = args
        self.pg = os.environ.get("SCALE_OUT_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
        self.db = os.environ.get("SCALE_OUT_DB", "tsunagu_scale_out")
        self.template = os.environ.get("SCALE_OUT_TEMPLATE", "")
        # --without-redis: each process keeps its own cache, to see which checks then fail.
        self.redis_url = (
            "" if args.without_redis else os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
        )
        # Its own keys in a Redis others may share; deleted at the end.
        self.prefix = f"{self.db}-{os.getpid()}"
        self.ports = {"A": free_port(), "B": free_port()}
        self.processes: list[subprocess.Popen] = []
        self.checks: list[tuple[str, bool, str]] = []
        self.fake_url = ""
        self.began = time.monotonic()

    # --- helpers ---------------------------------------------------------------
    def say(self, text: str) -> None:
        print(f"[{time.monotonic() - self.began:5.1f} s] {text}", flush=True)

    def check(self, name: str, ok: bool, detail: str) -> None:
        self.checks.append((name, ok, detail))
        self.say(f"  [{'ok' if ok else 'FAILED'}] {name}: {detail}")

    def admin_sql(self, sql: str) -> None:
        with psycopg.connect(f"{self.pg}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def query(self, sql: str, params=()) -> list[tuple]:
        with psycopg.connect(f"{self.pg}/{self.db}") as conn:
            return conn.execute(sql, params).fetchall()

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=f"{self.pg}/{self.db}",
            DJANGO_SETTINGS_MODULE="scripts.scale_out_settings",
            DEBUG="false",
            SECRET_KEY="scale-out-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABC",
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            REDIS_URL=self.redis_url,
            CACHE_KEY_PREFIX=self.prefix,
            # The burst comes from one address: lift the per-address limit for the run.
            REGISTRATION_RATE_LIMIT="100000/m",
            PUBLIC_BASE_URL=f"http://127.0.0.1:{self.ports['A']}",
            # This checks exactly-once across processes at any hour the check runs;
            # the quiet hours have their own tests (tests/messaging/test_sending.py).
            MESSAGE_QUIET_HOURS="off",
            SMS_BACKEND="twilio",
            TWILIO_ACCOUNT_SID=TWILIO_SID,
            TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
            TWILIO_FROM_NUMBER="+815012345678",
            TWILIO_API_BASE_URL=self.fake_url,
            LOG_LEVEL="WARNING",
            # WhiteNoise warns that collectstatic never ran: not what is checked here.
            PYTHONWARNINGS="ignore:No directory at",
        )
        return env

    def manage(self, *args: str) -> str:
        out = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout

    def start(self, argv: list[str], **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(argv, cwd=ROOT, env=self.env(), **kwargs)
        self.processes.append(process)
        return process

    def wait_healthy(self, port: int) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Client().request(port, "GET", "/healthz")[0] == 200:
                    return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    # --- the run -------------------------------------------------------------------
    def set_up(self) -> dict:
        self.admin_sql(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
        if self.template:
            self.say(f"creating database {self.db} as a copy of {self.template} …")
            self.admin_sql(f'CREATE DATABASE "{self.db}" TEMPLATE "{self.template}"')
        else:
            self.say(f"creating database {self.db} and migrating …")
            self.admin_sql(f'CREATE DATABASE "{self.db}"')
        fake = self.start(
            [PYTHON, "-m", "tests.messaging.fake_twilio"], stdout=subprocess.PIPE, text=True
        )
        self.fake_url = fake.stdout.readline().strip()
        if not self.template:
            self.manage("migrate", "-v0")
        setup = f"""
import json
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation
from tests.factories import ClassSessionFactory, UserFactory
session = ClassSessionFactory(capacity={self.args.capacity})
user = UserFactory(email="scale-out@example.jp", password={PASSWORD!r})
with translation.override("ja"):
    refusal = str(DefaultAccountAdapter.error_messages["too_many_login_attempts"])
print(json.dumps({{"class_id": session.pk, "email": user.email, "refusal": refusal,
    "login_failed": settings.ACCOUNT_RATE_LIMITS["login_failed"]}}))
"""
        return json.loads(self.manage("shell", "-c", setup).strip().splitlines()[-1])

    def start_servers(self) -> bool:
        for name, port in self.ports.items():
            self.say(f"starting app server {name} (gunicorn, 2 workers) on 127.0.0.1:{port} …")
            self.start(
                [GUNICORN, "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"]
                + ["--log-level", "warning"]
            )
        for name in ("1", "2"):
            self.say(f"starting task worker {name} (db_worker) …")
            self.start(
                [PYTHON, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"]
                + ["--worker-id", f"scale-out-{name}", "--no-reload"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        return all(self.wait_healthy(port) for port in self.ports.values())

    def registrations(self, info: dict) -> None:
        class_id = info["class_id"]
        count, ports = self.args.registrations, list(self.ports.values())
        path = f"/api/v1/classes/{class_id}/registrations"

        def register(n: int):
            body = {
                "name": f"住民{n}",
                "name_kana": "じゅうみん",
                "phone": f"090-3{n // 1000:03d}-{n % 1000:04d}",
                "consent": True,
            }
            try:
                return Client().request(ports[n % 2], "POST", path, json_body=body)[0]
            except (OSError, http.client.HTTPException) as exc:
                return type(exc).__name__  # counted as an answer that is not 201

        self.say(f"registrations: {count} for {self.args.capacity} seats, alternating A and B …")
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(register, range(count)))
        answered = {s: statuses.count(s) for s in sorted(set(statuses), key=str)}
        self.check("every registration answered 201", answered == {201: count}, f"{answered}")
        rows = dict(
            self.query(
                "SELECT status, count(*) FROM outreach_registration WHERE session_id = %s "
                "GROUP BY status",
                (class_id,),
            )
        )
        confirmed = rows.get("confirmed", 0)
        self.check(
            "confirmed seats == capacity",
            confirmed == self.args.capacity,
            f"{confirmed} confirmed, {rows.get('waitlisted', 0)} waitlisted, "
            f"capacity {self.args.capacity}",
        )

    def sessions(self, info: dict) -> None:
        a, b = self.ports["A"], self.ports["B"]
        browser = Client()
        status, location, _ = browser.sign_in(a, info["email"], PASSWORD)
        signed_in = status == 302 and "sessionid" in browser.cookies
        session_id = browser.cookies.get("sessionid", "")
        status_b, _, page = browser.request(b, "GET", "/account/")
        seen_on_b = status_b == 200 and info["email"] in page
        self.check(
            "session signed in on A continues on B",
            signed_in and seen_on_b,
            f"sign-in on A {status} → {location or '-'}, /account/ on B {status_b}",
        )
        token = browser.cookies.get("csrftoken", "")
        out_status = browser.request(
            b, "POST", "/accounts/logout/", form={"csrfmiddlewaretoken": token}
        )[0]
        # The old session id, as a second tab still holding it would send.
        stale = Client()
        stale.cookies = {"sessionid": session_id}
        status_a = stale.request(a, "GET", "/account/")[0]
        self.check(
            "signed out on B is signed out on A",
            out_status == 302 and status_a == 302,
            f"sign-out on B {out_status}, old session on A {status_a} (302 = to sign-in)",
        )

    def rate_limit(self, info: dict) -> None:
        limit = int(info["login_failed"].split(",")[0].split("/")[0])
        ports = [self.ports["A"], self.ports["B"]]
        browser = Client()
        seen = []
        for attempt in range(limit):
            status, _, page = browser.sign_in(ports[attempt % 2], info["email"], "wrong-password")
            seen.append(status == 200 and info["refusal"] not in page)
        port = ports[limit % 2]
        status, _, page = browser.sign_in(port, info["email"], PASSWORD)
        refused = status == 200 and info["refusal"] in page and "sessionid" not in browser.cookies
        self.check(
            "sign-in limit shared by A and B",
            all(seen) and refused,
            f"{sum(seen)} of {limit} wrong passwords answered as wrong, alternating; "
            f"attempt {limit + 1} (right password, server {'AB'[limit % 2]}) "
            f"{'refused' if refused else 'NOT refused'}",
        )

    def messages(self, info: dict) -> None:
        count = self.args.registrations
        self.say(f"waiting for the workers to send {count} messages …")
        deadline = time.monotonic() + 90
        sent: list[dict] = []
        while time.monotonic() < deadline:
            sent = self.fake_messages()
            if len(sent) >= count:
                break
            time.sleep(0.5)
        time.sleep(2)  # a duplicate would arrive now
        sent = self.fake_messages()
        recipients = {m["to"] for m in sent}
        rows = self.query(
            "SELECT provider_id FROM messaging_message WHERE status = 'sent' AND channel = 'sms'"
        )
        recorded = {r[0] for r in rows}
        self.check(
            "each message sent exactly once",
            len(sent) == count == len(recipients) and recorded == {m["sid"] for m in sent},
            f"{len(sent)} requests to the SMS API for {count} registrations, "
            f"{len(recipients)} recipients, {len(recorded)} recorded as sent",
        )
        workers = self.query(
            "SELECT DISTINCT jsonb_array_elements_text(worker_ids) "
            "FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'"
        )
        self.say(f"  tasks were run by: {', '.join(sorted(w[0] for w in workers)) or 'nobody'}")

    def fake_messages(self) -> list[dict]:
        parts = urllib.parse.urlsplit(self.fake_url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
        try:
            conn.request("GET", "/_fake/messages")
            return json.loads(conn.getresponse().read())["messages"]
        finally:
            conn.close()

    def tear_down(self) -> None:
        signal.alarm(0)  # the clean-up runs to its end
        for process in self.processes:
            # SIGINT: gunicorn's quick shutdown (SIGTERM waits up to 30 s for its
            # workers); db_worker stops between tasks.
            process.send_signal(signal.SIGINT)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        try:
            self.admin_sql(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
            self.say(f"dropped database {self.db}")
        except psycopg.Error as exc:
            self.say(f"could not drop database {self.db}: {exc}")
        if not self.redis_url:
            return
        try:
            import redis

            client = redis.Redis.from_url(self.redis_url)
            keys = list(client.scan_iter(match=f"{self.prefix}:*"))
            if keys:
                client.delete(*keys)
        except Exception as exc:  # noqa: BLE001 - cleaning up; the checks are already made
            self.say(f"could not delete the Redis keys {self.prefix}:*: {exc}")

    def main(self) -> int:
        try:
            info = self.set_up()
            if not self.start_servers():
                self.check("servers answer /healthz", False, "a server did not start")
                return 1
            self.registrations(info)
            self.sessions(info)
            self.rate_limit(info)
            self.messages(info)
        finally:
            self.tear_down()
        failed = [name for name, ok, _ in self.checks if not ok]
        self.say(
            f"RESULT: {len(self.checks) - len(failed)} of {len(self.checks)} checks passed"
            + (f"; FAILED: {', '.join(failed)}" if failed else "")
        )
        return 1 if failed else 0


def _out_of_time(signum, frame):
    raise TimeoutError("the run took longer than --timeout")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=20)
    parser.add_argument("--capacity", type=int, default=8)
    parser.add_argument(
        "--without-redis",
        action="store_true",
        help="run without REDIS_URL (the shared sessions and sign-in limit checks then fail)",
    )
    parser.add_argument(
        "--timeout", type=int, default=600, help="seconds for the whole run (then it cleans up)"
    )
    args = parser.parse_args()
    if args.registrations <= args.capacity:
        parser.error("--registrations must be more than --capacity (the class must fill)")
    signal.signal(signal.SIGALRM, _out_of_time)
    signal.alarm(args.timeout)  # bounded in time; the clean-up still runs
    return Run(args).main()


if __name__ == "__main__":
    sys.exit(main())
