# The catalogue's commands. `make run` serves it; `make test` tests it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STORIES ?= seeds

.PHONY: bench-deps install install-dev run worker test test-postgres serve lint migrate clean browser-deps test-browser caches

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files make a second `make run` skip pip when the requirements did not change.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# The NER baseline benchmark's model (bench/bench_ner_baseline.py): see requirements-bench.txt.
bench-deps: install-dev
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt

install-dev: $(VENV)/.installed-dev

# The extractor's cache files under $CATALOGUE_CACHE_DIR (the gazetteer's index, the compiled
# patterns) are built by the first process that needs them; building them here spares that
# process (the first import, or a worker's first job) the wait.
caches: install
	$(BIN)/python -c "from profiles.extraction import StoryExtractor; StoryExtractor()"

migrate: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput

# The development server with one import-job worker beside it (stopped with it):
# without CATALOGUE_BROKER_URL they talk through files under .celery/.
run: migrate caches
	DJANGO_DEBUG=1 $(BIN)/python manage.py loadstories $(STORIES)
	DJANGO_DEBUG=1 $(BIN)/celery -A catalogue worker --pool=solo --loglevel=WARNING & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# An import-job worker (profiles/jobs/): start as many as you like, on any machine
# that reaches the same database (DATABASE_URL) and broker (CATALOGUE_BROKER_URL,
# e.g. redis://host:6379/0 or amqp://guest@host:5672//). One process per core.
worker: install
	$(BIN)/celery -A catalogue worker --loglevel=INFO $(WORKER_OPTIONS)

test: install-dev
	$(BIN)/python -m pytest

# The same suite on PostgreSQL: the server on 127.0.0.1:5432 (trust auth) by default.
# pytest-django creates and drops the test database `test_catalogue` itself.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/catalogue
test-postgres: install-dev
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/python -m pytest

# Production serving: debug off, hashed and compressed static files, gunicorn
# (gunicorn.conf.py). Without DJANGO_SECRET_KEY a throwaway key is kept in the
# untracked .secret_key; SSL redirects are off because it listens on loopback.
# Every worker counts rate limits in the same place: Redis with REDIS_URL, else
# files under .ratelimit/ (CATALOGUE_RATE_LIMIT_DIR).
.secret_key:
	@umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

serve: install caches .secret_key
	export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .secret_key)}" \
	  DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-0}" DJANGO_DEBUG=0 && \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0 && \
	PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py

# The browser tests need Debian's Chromium (apt-get install chromium) and axe-core
# from npm; without them they skip on a developer's machine and fail in CI.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

browser-deps: node_modules/.package-lock.json
	@command -v chromium >/dev/null || echo "Chromium is missing: apt-get install -y chromium chromium-driver"

test-browser: install-dev browser-deps
	$(BIN)/python -m pytest tests/browser

# The same checks as .pre-commit-config.yaml, without changing any file.
lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djhtml --check templates
	$(BIN)/mypy profiles/extraction
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache node_modules .ratelimit .cache .celery .downloads
