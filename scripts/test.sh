#!/usr/bin/env bash
# make test: the suite on SQLite, then on PostgreSQL when one answers.
# Under CI=true a missing PostgreSQL or Chromium is a failure, never a skip.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${VENV:-.venv}/bin/python
PG_TEST_URL=${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/test}
ci=${CI:-false}
# pytest-xdist: one test process per core (TEST_WORKERS=0 runs in this process).
# --dist loadfile keeps a module's tests on one worker, so a module-scoped
# fixture (the seeded help site) is built once, not once per worker.
# The suite starts some hundreds of Python processes (test workers, servers, task workers,
# manage.py): with PYTHONDONTWRITEBYTECODE set, each compiled the project's own modules
# again, about 1.4 s of a two-core machine each. They are compiled once, on first import.
unset PYTHONDONTWRITEBYTECODE
workers=${TEST_WORKERS:-auto}
xdist=()
if [ "$workers" != "0" ]; then
  xdist=(-n "$workers" --dist loadfile)
fi

if [ "$ci" = "true" ] && [ ! -x /usr/bin/chromium ]; then
  echo "CI=true and /usr/bin/chromium is missing: install Debian's chromium (see .ci/run)." >&2
  exit 1
fi

pg_reachable() {
  "$PY" - "$PG_TEST_URL" <<'PYEOF'
import sys
import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
# Ask the server, not the named database: pytest-django creates test_<name>
# itself, so <name> need not exist.
info = conninfo_to_dict(sys.argv[1].replace("postgres://", "postgresql://"))
info["dbname"] = "postgres"
try:
    psycopg.connect(make_conninfo(**info), connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL not reachable: {exc}", file=sys.stderr)
    sys.exit(1)
PYEOF
}

# The browser tests drive the same pages whatever the database, and take a good part of a
# pass: with PostgreSQL (production's database) they run in its pass only.
sqlite_only=()
if pg_reachable 2>/dev/null; then
  have_pg=true
  sqlite_only=(-m "not browser")
else
  have_pg=false
fi

# One migrated template per database, SQLite's and PostgreSQL's built at once, that each
# worker's test database starts as a copy of (tests/db_template.py): migrating is half a
# minute per database, which every worker of both passes did.
templates=$(mktemp -d)
drop_templates() {
  if [ "$have_pg" = true ]; then
    DATABASE_URL="$PG_TEST_URL" TEST_DATABASE_TEMPLATES="$templates" "$PY" -m tests.db_template drop
  fi
  rm -rf "$templates"
}
trap drop_templates EXIT
echo "== Migrating the template test databases"
env -u DATABASE_URL TEST_DATABASE_TEMPLATES="$templates" "$PY" -m tests.db_template build &
sqlite_build=$!
if [ "$have_pg" = true ]; then
  DATABASE_URL="$PG_TEST_URL" TEST_DATABASE_TEMPLATES="$templates" "$PY" -m tests.db_template build \
    || exit $?
fi
wait "$sqlite_build" || exit $?
export TEST_DATABASE_TEMPLATES="$templates"

echo "== Tests on SQLite${sqlite_only:+ (the browser tests run on PostgreSQL)}"
env -u DATABASE_URL "$PY" -m pytest "${xdist[@]}" "${sqlite_only[@]}" ${PYTEST_ARGS:-} || exit $?

if [ "$have_pg" = true ]; then
  echo "== Tests on PostgreSQL ($PG_TEST_URL)"
  DATABASE_URL="$PG_TEST_URL" "$PY" -m pytest "${xdist[@]}" ${PYTEST_ARGS:-} || exit $?
elif [ "$ci" = "true" ]; then
  echo "CI=true and PostgreSQL is not reachable at $PG_TEST_URL: failing." >&2
  exit 1
else
  pg_reachable || true
  echo "PostgreSQL is not reachable at $PG_TEST_URL: skipped the PostgreSQL pass (not CI)."
fi
