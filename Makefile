# Espace candidat — the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PELICAN := $(VENV)/bin/pelican
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run site test bench deps system-deps node-deps clean

$(VENV)/.installed: pyproject.toml
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

deps: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-deps: node_modules/.installed

# Browser, driver and text browser for the accessibility tests (Debian packages).
system-deps:
	@missing=""; \
	for cmd in chromium:chromium chromedriver:chromium-driver lynx:lynx java:default-jre-headless; do \
	  command -v $${cmd%%:*} >/dev/null || missing="$$missing $${cmd##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

site: deps
	$(PELICAN) content -s pelicanconf.py -o output --fatal warnings

# The local gateway serves output/ and routes infra/template.yaml's paths to the
# handlers; state (SQLite, files, outbox) lives in var/ and survives restarts.
run: site
	@echo "Espace candidat: http://$(HOST):$(PORT)/  (e-mails are written to var/outbox/)"
	ESPACE_SITE_URL=http://$(HOST):$(PORT) $(PY) -m espace.gateway --host $(HOST) --port $(PORT) --site output --template infra/template.yaml

test: deps node-deps system-deps
	$(PY) -m pytest

bench: deps
	$(PY) -m tests.bench

clean:
	rm -rf output .cache
