"""scripts/run.sh, make run's last step: the worker and the server share the address it serves on."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Stands in for the project's Python: records the PUBLIC_BASE_URL each process got,
# answers the health check the script waits for, and runs the script's own checks.
SHIM = """#!/usr/bin/env bash
if [ "$1" = manage.py ] && [ "$2" = quiet_worker ]; then
  echo "$PUBLIC_BASE_URL" > "$SEEN/worker"; exec sleep 60
elif [ "$1" = manage.py ] && [ "$2" = runserver ]; then
  echo "$PUBLIC_BASE_URL" > "$SEEN/server"
  exec {python} -c '
import http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({{"database": "ok"}}).encode()
        self.send_response(200); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1].rsplit(":", 1)[1])), H).serve_forever()
' "$3"
else
  exec {python} "$@"
fi
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(tmp_path, **env) -> tuple[str, dict[str, str]]:
    shim = tmp_path / "python"
    shim.write_text(SHIM.format(python=sys.executable))
    shim.chmod(0o755)
    seen = tmp_path / "seen"
    seen.mkdir()
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if k != "PUBLIC_BASE_URL"}
    environment.update(PY=str(shim), PORT=str(port), DEMO_PASSWORD="x", SEEN=str(seen), **env)
    process = subprocess.Popen(  # noqa: S603 - our own script
        ["bash", "scripts/run.sh"],  # noqa: S607
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output = ""
        deadline = time.monotonic() + 60
        while "Sign in at" not in output and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            output += line
        for _ in range(50):
            if (seen / "worker").exists() and (seen / "server").exists():
                break
            time.sleep(0.1)
        return f"http://127.0.0.1:{port}", {
            name: (seen / name).read_text().strip() for name in ("worker", "server")
        }
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def test_links_in_messages_point_at_the_port_make_run_serves(tmp_path):
    """`make run PORT=8123` must not text residents links to :8000, where nothing answers."""
    url, seen = _run(tmp_path)
    assert seen == {"worker": url, "server": url}


def test_a_public_base_url_given_is_kept(tmp_path):
    _url, seen = _run(tmp_path, PUBLIC_BASE_URL="https://tsunagu.example.jp")
    assert seen == {"worker": "https://tsunagu.example.jp", "server": "https://tsunagu.example.jp"}
