# Two commands: `make run` (serve a seeded site on SQLite) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# make run needs no environment: DEBUG on for the local server only, SQLite, console email.
RUN_ENV := DEBUG=1
MANAGE := $(RUN_ENV) $(BIN)/python manage.py

# The suite on both cores (pytest-xdist, a module's tests on one worker, so module fixtures such
# as the loaded seed are built once per module), then the few tests that commit and then empty the
# database (marked `transactional` by tests/conftest.py) in one process: a worker emptied by one
# would leave the next module without the rows the migrations made. Then the browser tests in a
# process of their own: Playwright's session keeps an event loop that Django's database calls
# refuse to share. `make test PARALLEL=` runs the first part in one process too.
PARALLEL ?= -n 2 --dist loadfile

.PHONY: run test suite install migrate translations seed serve clean lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install only when a requirements file changes, so a second `make run` is fast.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

translations: install
	$(MANAGE) compilemessages --ignore=$(VENV) --verbosity=0

migrate: install
	$(MANAGE) migrate --noinput --verbosity=0

seed: migrate translations
	$(MANAGE) load_seed_content
	$(MANAGE) ensure_admin

serve:
	@echo "Site:  http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/admin/ (sign in with admin@localhost and the password in .admin-password)"
	$(MANAGE) runserver 127.0.0.1:8000

run: seed serve

# Everything but the browser tests; CI runs it again with DATABASE_URL set to PostgreSQL.
suite: install translations
	bash scripts/ensure-documents.sh
	$(BIN)/pytest $(PARALLEL) --ignore=tests/browser -m "not transactional"
	$(BIN)/pytest --ignore=tests/browser -m transactional

test: install translations
	bash scripts/ensure-browser.sh
	$(MAKE) --no-print-directory suite
	$(BIN)/pytest tests/browser

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache

# The production server (gunicorn, 2 workers, DEBUG off) under load against its own static CSS file:
# req/s, median latency, queries and page weight; figures in bench-results/. wrk (Debian's package)
# is used when installed, else a Python load generator.
.PHONY: bench
bench: install
	@command -v wrk >/dev/null 2>&1 || (apt-get install -y -q wrk >/dev/null 2>&1 && echo "installed wrk") || echo "wrk not installed: using the Python load generator"
	$(BIN)/python scripts/bench.py
