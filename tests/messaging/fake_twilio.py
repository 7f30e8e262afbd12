"""A small fake of Twilio's REST API on 127.0.0.1, for the tests and bench/reminders.py.

It serves what Tsunagu uses of API 2010-04-01 (create and list Messages and
Calls) with realistic JSON, checks HTTP Basic auth, records every request, and
can be told to answer errors: 429 / 500 (transient) or 400 with a Twilio error
code such as 21211 (invalid number) or 21610 (unsubscribed).

    fake = FakeTwilio().start()
    fake.base_url      # -> TWILIO_API_BASE_URL
    fake.fail_next(429, code=20429, times=2)
    fake.fail_number("+819000000001", 400, code=21211)
    fake.respond_delay = 0.05   # answer late (the message is already recorded)
    fake.hold_until_clients(2)  # answer no POST until two clients have sent one
"""

import base64
import datetime as dt
import json
import re
import secrets
import socket
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "fake-auth-token-0123456789abcdef"
_PATH = re.compile(r"^/2010-04-01/Accounts/(?P<sid>AC\w+)/(?P<kind>Messages|Calls)\.json$")


class FakeTwilio:
    def __init__(self, account_sid: str = ACCOUNT_SID, auth_token: str = AUTH_TOKEN):
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.requests: list[dict] = []
        self.messages: list[dict] = []
        self.calls: list[dict] = []
        self.respond_delay = 0.0
        self._failures: list[tuple[int, int | None]] = []
        self._failing_numbers: dict[str, tuple[int, int | None]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._clients_wanted = 0
        self._clients: set[tuple] = set()
        self._clients_here = threading.Event()
        self._clients_timeout = 0.0

    # --- control ---------------------------------------------------------------
    def start(self) -> "FakeTwilio":
        fake = self

        class Handler(_Handler):
            pass

        Handler.fake = fake
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def fail_next(self, status: int, *, code: int | None = None, times: int = 1) -> None:
        with self._lock:
            self._failures.extend([(status, code)] * times)

    def fail_number(self, number: str, status: int, *, code: int | None = None) -> None:
        self._failing_numbers[number] = (status, code)

    def hold_until_clients(self, count: int, *, timeout: float = 60.0) -> None:
        """Answer no POST until `count` clients (connections) have each sent one, or `timeout`.

        Two workers started together then both take part, however long one of
        them takes to start: the first waits on its first send, holding its
        claimed batch, while the second claims past it.
        """
        self._clients_wanted, self._clients_timeout = count, timeout

    def _wait_for_clients(self, client) -> None:
        if not self._clients_wanted:
            return
        with self._lock:
            self._clients.add(client)
            if len(self._clients) >= self._clients_wanted:
                self._clients_here.set()
        self._clients_here.wait(self._clients_timeout)

    def created(self, kind: str = "Messages") -> list[dict]:
        return list(self.messages if kind == "Messages" else self.calls)

    def posts(self) -> list[dict]:
        return [r for r in self.requests if r["method"] == "POST"]

    # --- behaviour ---------------------------------------------------------------
    def _failure_for(self, form: dict) -> tuple[int, int | None] | None:
        with self._lock:
            if form.get("To") in self._failing_numbers:
                return self._failing_numbers[form["To"]]
            if self._failures:
                return self._failures.pop(0)
        return None

    def _create(self, kind: str, form: dict) -> dict:
        now = dt.datetime.now(dt.UTC)
        stamp = format_datetime(now, usegmt=True)
        prefix = "SM" if kind == "Messages" else "CA"
        sid = prefix + secrets.token_hex(16)
        common = {
            "account_sid": self.account_sid,
            "sid": sid,
            "to": form.get("To"),
            "from": form.get("From"),
            "date_created": stamp,
            "date_updated": stamp,
            "api_version": "2010-04-01",
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/{kind}/{sid}.json",
            "price": None,
            "price_unit": "USD",
            "status": "queued",
        }
        if kind == "Messages":
            body = form.get("Body", "")
            resource = {
                **common,
                "body": body,
                "num_segments": "1",
                "num_media": "0",
                "direction": "outbound-api",
                "date_sent": None,
                "error_code": None,
                "error_message": None,
                "messaging_service_sid": None,
                "subresource_uris": {"media": common["uri"].replace(".json", "/Media.json")},
            }
        else:
            resource = {
                **common,
                "direction": "outbound-api",
                "duration": None,
                "start_time": None,
                "end_time": None,
                "parent_call_sid": None,
                "answered_by": None,
                "forwarded_from": None,
                "caller_name": None,
            }
        with self._lock:
            (self.messages if kind == "Messages" else self.calls).append(resource)
        return resource


class _Handler(BaseHTTPRequestHandler):
    fake: FakeTwilio
    protocol_version = "HTTP/1.1"  # keep-alive, as Twilio's API does

    def setup(self):
        super().setup()
        # Headers and body are written separately: without this, Nagle's
        # algorithm and delayed ACKs add 40 ms to every keep-alive response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):  # quiet
        pass

    def _send_json(self, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        expected = base64.b64encode(
            f"{self.fake.account_sid}:{self.fake.auth_token}".encode()
        ).decode()
        return header == f"Basic {expected}"

    def _route(self):
        parts = urlsplit(self.path)
        match = _PATH.match(parts.path)
        return match, parts

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode()
        form = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
        self.fake._wait_for_clients(self.client_address)
        match, parts = self._route()
        self.fake.requests.append(
            {"method": "POST", "path": parts.path, "form": form, "headers": dict(self.headers)}
        )
        if not match:
            return self._send_json(404, {"code": 20404, "message": "Not found", "status": 404})
        if not self._authorised():
            return self._send_json(
                401, {"code": 20003, "message": "Authentication Error", "status": 401}
            )
        failure = self.fake._failure_for(form)
        if failure:
            status, code = failure
            return self._send_json(
                status,
                {
                    "code": code or status,
                    "message": f"Fake error {code or status}",
                    "more_info": f"https://www.twilio.com/docs/errors/{code or status}",
                    "status": status,
                },
            )
        resource = self.fake._create(match["kind"], form)
        if self.fake.respond_delay:
            # Recorded (accepted) first, answered late: a client killed now never
            # learns the sid, as with a real crash after Twilio accepted.
            time.sleep(self.fake.respond_delay)
        self._send_json(201, resource)

    def do_GET(self):
        match, parts = self._route()
        if parts.path == "/_fake/recipients":
            # For a fake running in another process (bench/reminders.py).
            tos = [m["to"] for m in self.fake.messages]
            return self._send_json(200, {"to": tos})
        if parts.path == "/_fake/messages":
            sent = [{k: m[k] for k in ("sid", "to", "body")} for m in self.fake.messages]
            return self._send_json(200, {"messages": sent})
        if parts.path == "/_fake/reset":
            self.fake.messages.clear()
            self.fake.requests.clear()
            return self._send_json(200, {})
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.fake.requests.append(
            {"method": "GET", "path": parts.path, "form": query, "headers": dict(self.headers)}
        )
        if not match:
            return self._send_json(404, {"code": 20404, "message": "Not found", "status": 404})
        if not self._authorised():
            return self._send_json(
                401, {"code": 20003, "message": "Authentication Error", "status": 401}
            )
        kind = match["kind"]
        key = "messages" if kind == "Messages" else "calls"
        items = [
            r
            for r in reversed(self.fake.created(kind))
            if (not query.get("To") or r["to"] == query["To"])
            and (not query.get("From") or r["from"] == query["From"])
        ]
        size = int(query.get("PageSize", 50))
        self._send_json(
            200,
            {
                key: items[:size],
                "end": min(len(items), size) - 1,
                "first_page_uri": parts.path,
                "next_page_uri": None,
                "previous_page_uri": None,
                "page": 0,
                "page_size": size,
                "start": 0,
                "uri": self.path,
            },
        )


if __name__ == "__main__":
    # Run alone (its own process, so it does not share the client's GIL):
    # prints its base URL on the first line, serves until killed.
    import sys

    server = FakeTwilio().start()
    sys.stdout.write(server.base_url + "\n")
    sys.stdout.flush()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:  # SIGINT is how scripts/scale_out.py stops it: no traceback
        pass
