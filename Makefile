# Tsunagu's one task runner. `make run` and `make test` are the README's quick start.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
DEMO_PASSWORD ?= tsunagu-demo
# The port `make run` serves on: `make run PORT=8123` when 8000 is taken.
PORT ?= 8000
# PostgreSQL for the second test pass; CI's machine has it on 127.0.0.1:5432.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
DEV := DEBUG=true
MESSAGES_IGNORE := --ignore=node_modules --ignore=staticfiles --ignore=bench --ignore=tests --ignore=docs --ignore=scripts

.PHONY: install run test test-sqlite test-postgres lint format bench reset messages worker

# uv installs the same packages as pip, fetched side by side: about 30 s here where pip
# took 55–80 s, most of it downloading one wheel after another (CI installs every run).
# Compiled to bytecode as pip does: where PYTHONDONTWRITEBYTECODE is set, Python would
# otherwise compile Django and Wagtail again in every process (7–9 s to start, not 4 s).
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet "uv>=0.9,<1"
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py seed_demo --password $(DEMO_PASSWORD)
	@# Staff-course emails due now, and the worker's first daily check (08:00).
	$(DEV) $(PY) manage.py send_training_emails
	@PY="$(PY)" PORT="$(PORT)" DEMO_PASSWORD="$(DEMO_PASSWORD)" $(DEV) bash scripts/run.sh

worker: install
	$(DEV) $(PY) manage.py db_worker

reset: install
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py seed_demo --password $(DEMO_PASSWORD)

test: install
	@bash scripts/test.sh

test-sqlite: install
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) scripts/check_module_size.py

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh every language's catalogue from the source, fill it from docs/i18n, compile it
# (the languages and their locale directories: scripts/catalogues.py).
messages: install
	$(DEV) $(PY) manage.py makemessages $(shell $(PY) scripts/catalogues.py) $(MESSAGES_IGNORE) --no-obsolete
	$(PY) scripts/fill_translations.py

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done
