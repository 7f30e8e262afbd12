#!/usr/bin/env bash
# make run's last step: the task worker and the web server in one terminal, and the
# sign-in details printed once the server answers, below both start-up messages,
# so they are the last thing on the screen. Ctrl-C stops both.
# Reads PY, PORT and DEMO_PASSWORD from the Makefile.
set -u
: "${PY:?}" "${PORT:?}" "${DEMO_PASSWORD:?}"
URL="http://127.0.0.1:${PORT}"
# The address in residents' SMS, handouts' QR codes and Twilio's callbacks: the one served
# here, unless the environment names another.
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-$URL}"

trap 'kill 0' EXIT
trap 'exit 130' INT TERM
"$PY" manage.py quiet_worker --interval 1 &
"$PY" manage.py runserver "127.0.0.1:${PORT}" &
SERVER=$!

# Wait (up to two minutes) until Tsunagu's own health check answers: another program
# already on the port would accept connections too, and then the server exits.
healthy() {
    "$PY" - "${URL}/healthz" <<'CHECK' 2>/dev/null
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=2) as response:
    sys.exit(0 if json.load(response).get("database") == "ok" else 1)
CHECK
}
for _ in $(seq 1 120); do
    if ! kill -0 "$SERVER" 2>/dev/null; then
        echo "The web server did not start. Is port ${PORT} taken? Try: make run PORT=8123" >&2
        exit 1
    fi
    healthy && break
    sleep 1
done

cat <<TEXT

Tsunagu is running at ${URL}/ (the task worker runs alongside; Ctrl-C stops both).
Sign in at ${URL}/accounts/login/ with one of these accounts, password: ${DEMO_PASSWORD}
  coordinator@example.jp   coordinator (desk, figures; also asks a TOTP code)
  trainer@example.jp       trainer (attendance on a tablet)
  editor@example.jp        editor (help articles, Wagtail admin at ${URL}/admin/)
  staff@example.jp         staff learner (ICT courses)
  viewer@example.jp        figures viewer
The coordinator's TOTP code: DEBUG=true ${PY} manage.py demo_totp
Messages to residents go to the local outbox: ${URL}/desk/messages/ (as the coordinator).

TEXT
# Until either stops (Ctrl-C, or a crash); the trap then stops the other.
wait -n
