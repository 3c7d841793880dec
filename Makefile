# Espace candidat — the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
# The suite runs on the Python of the Lambda runtime (infra/template.yaml: python3.12);
# tests/infra/test_python_version.py checks that the two agree.
PYTHON_VERSION := 3.12
# The first interpreter of that version that answers: python3.12 on PATH (a pyenv shim is there
# even when it would refuse to run, hence the check), then pyenv's own installations.
comma := ,
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for candidate in python$(PYTHON_VERSION) $$(pyenv root 2>/dev/null)/versions/$(PYTHON_VERSION).*/bin/python$(PYTHON_VERSION); do \
  "$$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != ($(subst .,$(comma),$(PYTHON_VERSION))))' 2>/dev/null && { echo "$$candidate"; break; }; done)
endif
VENV := .venv
PY := $(VENV)/bin/python
PELICAN := $(VENV)/bin/pelican
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run site test check lint types bench deps system-deps node-deps clean deploy import demo-offers alerts opensearch-start opensearch-stop opensearch-status newsletter retention drafts actualisation payments agency-index

# The stamp names the version: a virtualenv of another Python (an older checkout) is rebuilt.
INSTALLED := $(VENV)/.installed-python$(PYTHON_VERSION)
SAME_VERSION = -c 'import sys; sys.exit(sys.version_info[:2] != ($(subst .,$(comma),$(PYTHON_VERSION))))'

$(INSTALLED): pyproject.toml
	@if [ -x $(PY) ] && ! $(PY) $(SAME_VERSION); then \
	  echo "$(VENV) runs Python $$($(PY) -c 'import platform; print(platform.python_version())'), not $(PYTHON_VERSION) (the Lambda runtime): rebuilding it" >&2; \
	  rm -rf $(VENV); fi
	@[ -x $(PY) ] || [ -n "$(PYTHON)" ] || { \
	  echo "Python $(PYTHON_VERSION) not found: the suite runs on the Lambda runtime's version (infra/template.yaml)." >&2; \
	  echo "Install it (pyenv install $(PYTHON_VERSION), or your distribution's python$(PYTHON_VERSION) with its venv module) or run make PYTHON=/path/to/python$(PYTHON_VERSION)." >&2; \
	  exit 1; }
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

deps: $(INSTALLED)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-deps: node_modules/.installed

# Browser, driver and text browser for the accessibility tests, and antiword for Word 97 CVs (Debian packages).
system-deps:
	@missing=""; \
	for cmd in chromium:chromium chromedriver:chromium-driver lynx:lynx java:default-jre-headless antiword:antiword; do \
	  command -v $${cmd%%:*} >/dev/null || missing="$$missing $${cmd##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

site: deps
	$(PELICAN) content -s pelicanconf.py -o output --fatal warnings

# The offer search engine: SQLite FTS5 by default, or `make run SEARCH=opensearch`
# (a real OpenSearch node on 127.0.0.1, downloaded and started by tools/opensearch.py).
SEARCH ?= sqlite
OPENSEARCH_PORT ?= 9200
ifeq ($(SEARCH),opensearch)
export ESPACE_SEARCH_URL := opensearch://127.0.0.1:$(OPENSEARCH_PORT)/offres
export ESPACE_MATCHER_URL := opensearch://127.0.0.1:$(OPENSEARCH_PORT)/alertes
export ESPACE_CV_INDEX_URL := opensearch://127.0.0.1:$(OPENSEARCH_PORT)/cvs
SEARCH_NODE := opensearch-start
endif

# The local gateway serves output/ and routes infra/template.yaml's paths to the
# handlers; state (SQLite, files, outbox, offer index) lives in var/ and survives restarts.
run: site $(SEARCH_NODE) demo-offers
	@echo "Espace candidat: http://$(HOST):$(PORT)/  (e-mails are written to var/outbox/)"
	ESPACE_SITE_URL=http://$(HOST):$(PORT) $(PY) -m espace.gateway --host $(HOST) --port $(PORT) --site output --template infra/template.yaml

# The monthly « Mode d'emploi » newsletter, from the built site's articles (output/newsletter-articles.json);
# make newsletter MONTH=2026-12 replays a month (the CLI's --month; subscribers already sent to are skipped).
newsletter: site
	$(PY) -m espace.lettre.cli $(if $(MONTH),--month $(MONTH))

# Generated demo offers, only when the index is empty.
demo-offers: deps
	$(PY) -m espace.offers.cli.demo

# make import FILE=offres.json [FULL=1]: validate and upsert offers (France Travail v2 JSON).
import: deps $(SEARCH_NODE)
	@test -n "$(FILE)" || { echo "usage: make import FILE=path/to/offers.json (or a folder) [FULL=1]" >&2; exit 2; }
	$(PY) -m espace.offers.cli.importer "$(FILE)" $(if $(FULL),--full)

# The daily saved-search alerts for today (Europe/Paris); `make alerts DATE=YYYY-MM-DD` replays a day
# (digests already sent that day are not sent again). Mails go to var/outbox/.
alerts: deps $(SEARCH_NODE)
	$(PY) -m espace.alertes.cli $(if $(DATE),--date $(DATE))

# The applications' retention for today (UTC): archived after 6 months without activity, deleted after
# 2 years; `make retention DAY=YYYY-MM-DD` replays a day (what that day's run did is not done again).
retention: deps
	$(PY) -m espace.candidatures retention $(if $(DAY),--day $(DAY))

# The registration drafts for today (Europe/Paris): a reminder after 23 days untouched, the deletion
# after 30; `make drafts DAY=YYYY-MM-DD` replays a day (what that day's run did is not done again).
drafts: deps
	$(PY) -m espace.inscription drafts $(if $(DAY),--day $(DAY))

# The actualisation's job for today (Europe/Paris): the mails when a window opens and two days before
# it closes, then the missed windows; `make actualisation DAY=YYYY-MM-DD` runs another day (a rerun
# sends nothing twice and records no month twice).
actualisation: deps
	$(PY) -m espace.dossier.actualisation run $(if $(DAY),--day $(DAY))
# The allowances of a month (default: the previous one, Europe/Paris): each declaration with an open
# right becomes a payment, exactly once; `make payments MONTH=YYYY-MM` replays a month.
payments: deps
	$(PY) -m espace.dossier payments $(if $(MONTH),--month $(MONTH))

# Once after deploying the agencies' index of dossiers: the entries of the dossiers opened before it
# (read from the agencies' validated requests); a rerun writes nothing twice.
agency-index: deps
	$(PY) -m espace.dossier agency-index

opensearch-start: deps system-deps
	$(PY) tools/opensearch.py start --port $(OPENSEARCH_PORT)

opensearch-status: deps
	$(PY) tools/opensearch.py status --port $(OPENSEARCH_PORT)

opensearch-stop: deps
	$(PY) tools/opensearch.py stop --port $(OPENSEARCH_PORT)

# Lint and types (configuration in pyproject.toml), then the whole suite.
test: deps node-deps system-deps lint types
	$(PY) -m pytest -n 2 --dist loadfile --durations=30  # the slowest tests, to keep the suite well under 30 minutes

# The fast lane for day-to-day work: lint, types, unit and functional tests, no browser.
check: deps system-deps lint types
	$(PY) -m pytest -n 2 --dist loadfile -m "not browser" tests/unit tests/functional

lint: deps
	$(VENV)/bin/ruff check .

types: deps
	$(VENV)/bin/mypy

# The services section serves output/ through the local gateway: build it first.
bench: site
	$(PY) -m tests.bench

clean:
	rm -rf output .cache

# --- Deployment to AWS (docs/deploy.md) ---------------------------------------------------
SAM ?= sam
AWS ?= aws
SAMCONFIG := infra/samconfig.toml
DEPLOY_FLAGS ?=
# Stack name and region come from samconfig.toml, so `sam deploy` and the aws commands agree.
samconfig = $(shell $(PY) -c "import tomllib; print(tomllib.load(open('$(SAMCONFIG)', 'rb'))['default']['global']['parameters']['$(1)'])")
stack_output = $(AWS) cloudformation describe-stacks --region $(call samconfig,region) --stack-name $(call samconfig,stack_name) --query "Stacks[0].Outputs[?OutputKey=='$(1)'].OutputValue" --output text

deploy: deps
	@command -v $(SAM) >/dev/null && command -v $(AWS) >/dev/null || \
	  { echo "make deploy needs the AWS SAM CLI and the AWS CLI v2: see docs/deploy.md" >&2; exit 1; }
	url="$${SITE_URL:-$$($(call stack_output,SiteUrl))}"; \
	  test -n "$$url" || { echo "No SiteUrl: deploy once with 'sam deploy --guided' (docs/deploy.md)" >&2; exit 1; }; \
	  SITE_URL="$$url" $(PELICAN) content -s publishconf.py -o output --fatal warnings
	$(SAM) build -t infra/template.yaml
	$(SAM) deploy --config-file $(SAMCONFIG) $(DEPLOY_FLAGS)
	bucket="$$($(call stack_output,SiteBucketName))"; region="$(call samconfig,region)"; \
	  $(AWS) s3 sync output/ "s3://$$bucket" --region "$$region" --delete --only-show-errors --exclude '*.txt' && \
	  $(AWS) s3 sync output/ "s3://$$bucket" --region "$$region" --delete --only-show-errors \
	    --exclude '*' --include '*.txt' --content-type 'text/plain; charset=utf-8'
	$(AWS) cloudfront create-invalidation \
	  --distribution-id "$$($(call stack_output,DistributionId))" --paths '/*' --query Invalidation.Id --output text
